"""Oracle of the checkpoint-format tests: the official U²-Net's and milesial's UNet's own networks.

  checkpoint_formats.py make --model M --seed S --output W.pth [--wrap model|state_dict|net] [--data-parallel] [--mask-values] [--legacy]
      builds M, randomizes every parameter and BatchNorm buffer (make_weights.randomize_: conv biases normal(0, 0.1),
      random running statistics) and saves its state_dict as that code's train script does; --wrap puts it in a
      training checkpoint dict under that key, --data-parallel saves torch.nn.DataParallel(model)'s state_dict
      ('module.' keys), --mask-values adds milesial's state_dict['mask_values'] = [0, 1], --legacy saves in the format
      of PyTorch before 1.6 (as the official U-2-Net weights are published).
  checkpoint_formats.py forward --model M --weights W.pth --input X.npy --output Y.npy
      loads W strictly as that code does (milesial's 'mask_values' popped first), runs eval mode under no_grad and
      writes the first output: official U²-Net the fused sigmoid (d0), milesial the logits.
  checkpoint_formats.py count --model M
      prints the parameter count.
Models: official-u2net (U2NET), official-u2netp (U2NETP), milesial-bilinear, milesial-transposed (n_channels 3,
n_classes 2), unetpp (4uiiurz1's NestedUNet, the seed's names).
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_weights import atomic_save, randomize_, save_npy  # noqa: E402
from models.official_u2net import OfficialU2Net  # noqa: E402
from models.milesial_unet import MilesialUNet  # noqa: E402
from models.registry import build_model  # noqa: E402

MODELS = {
    "official-u2net": lambda: OfficialU2Net("u2net"),
    "official-u2netp": lambda: OfficialU2Net("u2netp"),
    "milesial-bilinear": lambda: MilesialUNet(3, 2, bilinear=True),
    "milesial-transposed": lambda: MilesialUNet(3, 2, bilinear=False),
    # 4uiiurz1/pytorch-nested-unet's NestedUNet: the seed's UNet++ with the same names (models/unetpp.py).
    "unetpp": lambda: build_model("unetpp"),
}


def make(a) -> None:
    model = randomize_(MODELS[a.model](), a.seed)
    state = (torch.nn.DataParallel(model) if a.data_parallel else model).state_dict()
    if a.mask_values:
        state["mask_values"] = [0, 1]
    if a.wrap:
        state = {a.wrap: state, "epoch": 3, "optimizer": {"lr": 1e-4}}
    atomic_save(lambda f: torch.save(state, f, _use_new_zipfile_serialization=not a.legacy), a.output)
    print(f"wrote {a.output}")


def forward(a) -> None:
    model = MODELS[a.model]()
    state = torch.load(a.weights, map_location="cpu")
    state.pop("mask_values", None)
    model.load_state_dict(state, strict=True)
    model.eval()
    with torch.no_grad():
        out = model(torch.from_numpy(np.load(a.input)))
    save_npy(a.output, (out[0] if isinstance(out, tuple) else out).numpy())
    print(f"wrote {a.output}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["make", "forward", "count"])
    p.add_argument("--model", required=True, choices=sorted(MODELS))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--output")
    p.add_argument("--weights")
    p.add_argument("--input")
    p.add_argument("--wrap", choices=["model", "state_dict", "net"])
    p.add_argument("--data-parallel", dest="data_parallel", action="store_true")
    p.add_argument("--mask-values", dest="mask_values", action="store_true")
    p.add_argument("--legacy", action="store_true")
    a = p.parse_args(argv)
    if a.action == "make":
        make(a)
    elif a.action == "forward":
        forward(a)
    else:
        print(sum(t.numel() for t in MODELS[a.model]().parameters()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
