"""Oracle for the runtime's nn modules and blocks (tests/NN.Tests).

usage: nn_modules.py OUTDIR

Writes, under OUTDIR:
  structure.json          state-dict keys/shapes, parameter and buffer names, module names and the
                          parameter count of TinyNet (a model that uses every module and block)
  init/<case>/<key>.npy   the state dict of each module built right after torch.manual_seed(1234),
                          in the order listed in init.json
  forward/<case>/...      per case: start.<key>.npy (weights and statistics loaded before the run),
                          x.npy, r.npy (upstream gradient), train_y.npy, train_xgrad.npy,
                          grad.<name>.npy, after.<key>.npy (state after the train step), eval_y.npy;
                          forward.json lists the cases with their keys
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn

from nn_seed_blocks import ConvBNReLU, DoubleConv, VGGBlock

torch.set_num_threads(1)
OUT = sys.argv[1]


def save(path, t):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, t.detach().cpu().numpy())


class TinyNet(nn.Module):
    """Every module and block once, nested the way the networks nest them."""

    def __init__(self):
        super().__init__()
        self.stem = ConvBNReLU(3, 4)
        self.pool = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.blocks = nn.ModuleList([DoubleConv(4, 8), VGGBlock(8, 6, 4), ConvBNReLU(4, 4, 3, dilation=2)])
        self.down = nn.Sequential(nn.MaxPool2d(2, stride=2), DoubleConv(4, 4, 2))
        self.up = nn.ConvTranspose2d(4, 2, kernel_size=2, stride=2)
        self.bn = nn.BatchNorm2d(2)
        self.head = nn.Conv2d(2, 1, kernel_size=1)
        self.act = nn.Sigmoid()


def structure():
    m = TinyNet()
    sd = m.state_dict()
    return {
        "state_dict": [[k, list(v.shape), str(v.dtype)] for k, v in sd.items()],
        "parameters": [k for k, _ in m.named_parameters()],
        "buffers": [k for k, _ in m.named_buffers()],
        # ReLU children exist in the seeds' blocks only as stateless attributes; the runtime applies relu functionally.
        "modules": [k for k, mod in m.named_modules() if not isinstance(mod, nn.ReLU)],
        "parameter_count": sum(p.numel() for p in m.parameters()),
    }


# Built in this order right after manual_seed(1234); the C# test builds the same sequence.
INIT_CASES = [
    ("conv", lambda: nn.Conv2d(3, 8, 3)),
    ("conv_nobias", lambda: nn.Conv2d(8, 4, 1, bias=False)),
    ("convT", lambda: nn.ConvTranspose2d(6, 4, 2, stride=2)),
    ("convT_groups", lambda: nn.ConvTranspose2d(4, 6, 3, groups=2)),
    ("bn", lambda: nn.BatchNorm2d(5)),
    ("convbnrelu", lambda: ConvBNReLU(3, 8)),
    ("doubleconv", lambda: DoubleConv(3, 8, 4)),
    ("vgg", lambda: VGGBlock(3, 5, 7)),
]

# name -> (module factory, input shape)
FORWARD_CASES = [
    ("conv2d", lambda: nn.Conv2d(4, 6, 3, stride=2, padding=1, dilation=2, groups=2), (2, 4, 9, 11)),
    ("conv2d_nobias", lambda: nn.Conv2d(3, 5, (3, 1), padding=(1, 0), bias=False), (2, 3, 7, 6)),
    ("conv_transpose2d", lambda: nn.ConvTranspose2d(6, 4, 2, stride=2), (2, 6, 5, 7)),
    ("conv_transpose2d_groups", lambda: nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2), (1, 4, 5, 5)),
    ("batchnorm2d", lambda: nn.BatchNorm2d(5), (3, 5, 4, 6)),
    ("relu", lambda: nn.ReLU(), (2, 3, 4, 5)),
    ("sigmoid", lambda: nn.Sigmoid(), (2, 3, 4, 5)),
    ("maxpool2d_ceil", lambda: nn.MaxPool2d(2, stride=2, ceil_mode=True), (2, 3, 7, 9)),
    ("maxpool2d_pad", lambda: nn.MaxPool2d(3, stride=2, padding=1), (2, 3, 8, 8)),
    ("convbnrelu", lambda: ConvBNReLU(3, 8), (2, 3, 10, 12)),
    ("convbnrelu_dilated", lambda: ConvBNReLU(4, 6, 3, dilation=2), (2, 4, 9, 9)),
    ("doubleconv", lambda: DoubleConv(3, 8, 4), (2, 3, 12, 10)),
    ("doubleconv_default", lambda: DoubleConv(4, 6), (3, 4, 8, 8)),
    ("vggblock", lambda: VGGBlock(3, 5, 7), (2, 3, 8, 12)),
    ("sequential_down", lambda: nn.Sequential(nn.MaxPool2d(2, stride=2), DoubleConv(3, 4)), (2, 3, 12, 12)),
]


def randomize(m, g):
    """Non-trivial weights and statistics, so that BN and its folding are really exercised."""
    with torch.no_grad():
        for name, t in m.state_dict().items():
            if name.endswith("num_batches_tracked"):
                t.fill_(3)
            elif name.endswith("running_var"):
                t.copy_(torch.rand(t.shape, generator=g) * 1.5 + 0.25)
            elif name.endswith("running_mean"):
                t.copy_(torch.randn(t.shape, generator=g) * 0.3)
            elif (name == "weight" or name.endswith(".weight")) and t.dim() == 1:   # BN gamma
                t.copy_(torch.rand(t.shape, generator=g) + 0.5)
            else:
                t.copy_(torch.randn(t.shape, generator=g) * 0.4)


def forward_case(name, factory, shape, g):
    d = os.path.join(OUT, "forward", name)
    m = factory()
    randomize(m, g)
    keys = list(m.state_dict().keys())
    for k, v in m.state_dict().items():
        save(os.path.join(d, f"start.{k}.npy"), v)
    x = torch.randn(shape, generator=g)
    save(os.path.join(d, "x.npy"), x)

    m.train()
    xin = x.clone().requires_grad_(True)
    y = m(xin * 1.0)  # the multiply keeps in-place modules off the leaf
    r = torch.randn(y.shape, generator=g)
    save(os.path.join(d, "r.npy"), r)
    save(os.path.join(d, "train_y.npy"), y)
    (y * r).sum().backward()
    save(os.path.join(d, "train_xgrad.npy"), xin.grad)
    params = [k for k, _ in m.named_parameters()]
    for k, p in m.named_parameters():
        save(os.path.join(d, f"grad.{k}.npy"), p.grad)
    for k, v in m.state_dict().items():
        save(os.path.join(d, f"after.{k}.npy"), v)

    m.eval()
    with torch.no_grad():
        save(os.path.join(d, "eval_y.npy"), m(x.clone()))
    return {"name": name, "keys": keys, "parameters": params}


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "structure.json"), "w") as f:
        json.dump(structure(), f)

    torch.manual_seed(1234)
    init_list = []
    for name, factory in INIT_CASES:
        m = factory()
        keys = []
        for k, v in m.state_dict().items():
            save(os.path.join(OUT, "init", name, f"{k}.npy"), v)
            keys.append(k)
        init_list.append({"name": name, "keys": keys})
    with open(os.path.join(OUT, "init.json"), "w") as f:
        json.dump(init_list, f)

    g = torch.Generator().manual_seed(7)
    cases = [forward_case(n, fac, shape, g) for n, fac, shape in FORWARD_CASES]
    with open(os.path.join(OUT, "forward.json"), "w") as f:
        json.dump(cases, f)


if __name__ == "__main__":
    main()
