"""PyTorch reference networks restated from docs/seeds.md (docs/seeds.md restates the seed documents).

These are the oracles the C# networks are compared with: same weights in, same outputs out.
"""
