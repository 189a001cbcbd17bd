"""Oracle for tests/Training.Tests: what PyTorch reads from a training run's files.

usage: train_state_check.py --weights RUN/last.pth --state RUN/last.train.pth --model NAME [--config JSON]

torch.load()s both files; loads the weights strictly into the reference model built from docs/seeds.md
(models/registry.py), so a key or shape the seeds' code would refuse fails here; prints JSON with the
state file's keys in order and its trainer.* counters as Python numbers.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models.registry import build_model  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--weights", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--config")
    a = p.parse_args()
    model = build_model(a.model, a.config)
    weights = torch.load(a.weights, map_location="cpu")
    model.load_state_dict(weights, strict=True)
    state = torch.load(a.state, map_location="cpu")
    out = {
        "weights": len(weights),
        "keys": list(state.keys()),
        "trainer": {k: state[k].item() for k in state if k.startswith("trainer.")},
        "dtypes": {k: str(state[k].dtype) for k in state},
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
