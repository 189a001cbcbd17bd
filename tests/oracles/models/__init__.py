"""PyTorch reference networks restated from shared/SPEC.md (checked against shared/seeds/).

These are the oracles the C# networks are compared with: same weights in, same outputs out.
"""
