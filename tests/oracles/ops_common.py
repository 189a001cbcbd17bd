"""Shared plumbing of the ops_* oracles: each case saves its inputs, PyTorch's output, and
(for differentiable cases) an upstream gradient and the input gradients, as .npy files that
the C# tests (tests/Runtime.Tests) read and recompute with the binding."""
import os
import sys

import numpy as np
import torch

torch.set_num_threads(1)
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
_manifest = []
_gen = torch.Generator().manual_seed(1234)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=_gen) * scale


def rand(*shape, low=0.0, high=1.0):
    return torch.rand(*shape, generator=_gen) * (high - low) + low


def randint(low, high, *shape):
    return torch.randint(low, high, shape, generator=_gen)


def _save(name, t):
    np.save(os.path.join(OUT, name + ".npy"), t.detach().contiguous().numpy())


def case(name, inputs, fn, grads=(), mutated=()):
    """inputs: tensors; fn(*inputs) -> tensor; grads: indices of inputs that require grad;
    mutated: indices of inputs the op updates in place (their final value is saved too)."""
    for i, t in enumerate(inputs):
        _save(f"{name}.in{i}", t)
    work = [t.detach().clone() for t in inputs]
    for i in grads:
        work[i].requires_grad_(True)
    out = fn(*work)
    _save(f"{name}.out", out)
    if grads:
        gout = torch.randn(out.shape, generator=_gen, dtype=out.dtype)
        _save(f"{name}.gout", gout)
        out.backward(gout)
        for i in grads:
            _save(f"{name}.grad{i}", work[i].grad)
    for i in mutated:
        _save(f"{name}.after{i}", work[i])
    fmt = lambda xs: ",".join(str(i) for i in xs) or "-"
    _manifest.append(f"{name} {len(inputs)} {fmt(grads)} {fmt(mutated)}")


def finish():
    with open(os.path.join(OUT, "manifest.txt"), "w") as f:
        f.write("\n".join(_manifest) + "\n")
    print(len(_manifest), "cases")
