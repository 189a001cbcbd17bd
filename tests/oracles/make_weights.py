"""Deterministic random weights (and inputs / targets) for the equivalence tests.

  make_weights.py --model NAME [--config JSON] --seed S --output W.pth
      builds the reference network, replaces EVERY parameter and BatchNorm buffer with seeded
      random values, saves torch.save(model.state_dict(), W.pth); with --wrap the file is a seed-style
      training checkpoint instead: {'model': state_dict, 'optimizer': Adam state, 'epoch': 5, 'args': {...}}.
  make_weights.py --seed S --input X.npy --shape N,C,H,W
      writes a seeded float32 standard-normal input.
  make_weights.py --model NAME [--config JSON] --seed S --target T.npy --shape N,C,H,W
      writes a seeded target matching the model family (see random_target).
The three can be combined in one call (input and target use seeds derived from S).

Random values (one torch.Generator seeded with S, state_dict key order):
  conv weights           normal(0, sqrt(1 / fan_in)), fan_in = numel / shape[0] (gain 1 keeps
                         the eval-mode U2Net, whose BN does not renormalise, out of saturation)
  conv biases            normal(0, 0.1)
  BN weight              uniform(0.5, 1.5);  BN bias normal(0, 0.1)
  BN running_mean        normal(0, 0.1);     BN running_var uniform(0.5, 1.5)
  BN num_batches_tracked integer in [0, 1000)
so that eval mode (running statistics) is a real test.
"""
import argparse
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from models.registry import build_model, family  # noqa: E402


def randomize_(model: nn.Module, seed: int) -> nn.Module:
    g = torch.Generator().manual_seed(seed)
    bn_prefixes = {name for name, m in model.named_modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)}
    with torch.no_grad():
        for key, t in model.state_dict(keep_vars=True).items():
            owner, _, leaf = key.rpartition(".")
            if owner in bn_prefixes:
                if leaf == "weight":
                    t.copy_(torch.rand(t.shape, generator=g) + 0.5)
                elif leaf == "bias":
                    t.copy_(torch.randn(t.shape, generator=g) * 0.1)
                elif leaf == "running_mean":
                    t.copy_(torch.randn(t.shape, generator=g) * 0.1)
                elif leaf == "running_var":
                    t.copy_(torch.rand(t.shape, generator=g) + 0.5)
                elif leaf == "num_batches_tracked":
                    t.fill_(int(torch.randint(0, 1000, (1,), generator=g)))
                else:
                    raise ValueError(f"unexpected BatchNorm entry {key}")
            elif t.dim() > 1:
                fan_in = t.numel() // t.shape[0]
                t.copy_(torch.randn(t.shape, generator=g) * math.sqrt(1.0 / fan_in))
            else:
                t.copy_(torch.randn(t.shape, generator=g) * 0.1)
    return model


def random_input(shape, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def random_target(model_name: str, model: nn.Module, shape, seed: int) -> np.ndarray:
    """u2net (out_ch 1) and unetpp (1 class): float32 {0,1} [N,1,H,W]; u2net out_ch > 1, unet and
    unetpp (several classes): int64 labels [N,H,W] in [0, classes) with ~10% set to 255 (ignored)."""
    rng = np.random.default_rng(seed)
    n, _, h, w = shape
    fam = family(model_name)
    if fam == "u2net" and model.out_ch == 1:
        return (rng.random((n, 1, h, w)) < 0.5).astype(np.float32)
    if fam == "unetpp":
        classes = model.final1.out_channels if model.deep_supervision else model.final.out_channels
        if classes == 1:
            return (rng.random((n, 1, h, w)) < 0.5).astype(np.float32)
    classes = model.out_ch if fam == "u2net" else (model.num_classes if fam == "unet" else classes)
    labels = rng.integers(0, classes, size=(n, h, w)).astype(np.int64)
    labels[rng.random((n, h, w)) < 0.1] = 255
    return labels


def parse_shape(text: str):
    shape = tuple(int(v) for v in text.replace("x", ",").split(","))
    if len(shape) != 4:
        raise ValueError(f"--shape wants N,C,H,W, got '{text}'")
    return shape


def atomic_save(write, path: str) -> None:
    """write(tmp_path), then rename over path (nothing half-written is left at path)."""
    tmp = path + ".tmp"
    write(tmp)
    os.replace(tmp, path)


def save_npy(path: str, array: np.ndarray) -> None:
    def write(tmp):
        with open(tmp, "wb") as f:
            np.save(f, array)
    atomic_save(write, path)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model")
    p.add_argument("--config", help="JSON text or file (see models/registry.py)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--output", help="state_dict .pth to write")
    p.add_argument("--wrap", action="store_true", help="save the state_dict inside a training checkpoint dict")
    p.add_argument("--input", help="random input .npy to write (needs --shape)")
    p.add_argument("--target", help="random target .npy to write (needs --model and --shape)")
    p.add_argument("--shape", help="N,C,H,W")
    a = p.parse_args(argv)
    if not (a.output or a.input or a.target):
        p.error("nothing to do: give --output, --input and/or --target")
    if (a.output or a.target) and not a.model:
        p.error("--output and --target need --model")
    if (a.input or a.target) and not a.shape:
        p.error("--input and --target need --shape N,C,H,W")

    model = build_model(a.model, a.config) if a.model else None
    if a.output:
        randomize_(model, a.seed)
        if a.wrap:
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            wrapped = {"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": 5,
                       "args": {"lr": 1e-3, "batch_size": 4}}
            atomic_save(lambda f: torch.save(wrapped, f), a.output)
        else:
            atomic_save(lambda f: torch.save(model.state_dict(), f), a.output)
        print(f"wrote {a.output} ({len(model.state_dict())} entries)")
    if a.input:
        x = random_input(parse_shape(a.shape), a.seed + 1)
        save_npy(a.input, x)
        print(f"wrote {a.input} {x.dtype} {list(x.shape)}")
    if a.target:
        t = random_target(a.model, model, parse_shape(a.shape), a.seed + 2)
        save_npy(a.target, t)
        print(f"wrote {a.target} {t.dtype} {list(t.shape)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
