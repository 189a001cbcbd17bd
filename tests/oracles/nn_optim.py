"""Oracle for TorchSharp's optimizers, which train the generated networks (tests/NN.Tests).

usage: nn_optim.py OUTDIR

Two parameters and STEPS gradient sets (shared by every configuration) are written as
p{i}.npy and g{step}_{i}.npy; for each configuration in CONFIGS the parameters after each
torch.optim step are written as <config>/s{step}_{i}.npy. The gradients are set by hand
(p.grad = g) so both sides update from exactly the same numbers.
"""
import json
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)
OUT = sys.argv[1]
STEPS = 6

CONFIGS = {
    "adam": ("Adam", dict(lr=1e-2)),
    "adam_wd_betas": ("Adam", dict(lr=3e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    "adam_amsgrad": ("Adam", dict(lr=1e-2, weight_decay=0.01, amsgrad=True)),
    "adamw": ("AdamW", dict(lr=1e-2, weight_decay=0.05)),
    "sgd": ("SGD", dict(lr=0.1)),
    "sgd_momentum": ("SGD", dict(lr=0.05, momentum=0.9)),
    "sgd_momentum_wd_dampening": ("SGD", dict(lr=0.05, momentum=0.9, weight_decay=1e-2, dampening=0.3)),
    "sgd_nesterov": ("SGD", dict(lr=0.05, momentum=0.9, weight_decay=1e-2, nesterov=True)),
}


def save(name, t):
    np.save(os.path.join(OUT, name), t.detach().cpu().numpy())


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(11)
    shapes = [(4, 3), (5,)]
    init = [torch.randn(s, generator=g) for s in shapes]
    grads = [[torch.randn(s, generator=g) * (0.5 + step) for s in shapes] for step in range(STEPS)]
    for i, p in enumerate(init):
        save(f"p{i}.npy", p)
    for step in range(STEPS):
        for i, gr in enumerate(grads[step]):
            save(f"g{step}_{i}.npy", gr)

    for name, (kind, kwargs) in CONFIGS.items():
        os.makedirs(os.path.join(OUT, name), exist_ok=True)
        params = [p.clone().requires_grad_(True) for p in init]
        opt = getattr(torch.optim, kind)(params, **kwargs)
        for step in range(STEPS):
            opt.zero_grad()
            for p, gr in zip(params, grads[step]):
                p.grad = gr.clone()
            opt.step()
            for i, p in enumerate(params):
                save(os.path.join(name, f"s{step}_{i}.npy"), p)

    with open(os.path.join(OUT, "optim.json"), "w") as f:
        json.dump({"steps": STEPS, "params": len(shapes), "configs": {k: [v[0], v[1]] for k, v in CONFIGS.items()}}, f)


if __name__ == "__main__":
    main()
