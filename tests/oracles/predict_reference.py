"""Oracle for `segment predict`: the seeds' network on an image, with the same pre- and post-processing.

  predict_reference.py --model NAME --weights W.pth --image IMG.png --out MASK.npy [--size N] [--multiple M]

Reads the image with PIL (RGB, /255), resizes it bilinearly (align_corners=False, no antialias: what
Segment.Imaging does) to N x N, or to its own size rounded up to a multiple of M, normalises with
ImageNet's mean/std, runs the model in eval mode, takes probabilities (sigmoid for one class, softmax
otherwise), resizes them back bilinearly to the image's size and writes the mask as uint8 [H, W]:
round(p * 255) for one class, the argmax for several.
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models.registry import build_model, family  # noqa: E402

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=int, default=0)
    ap.add_argument("--multiple", type=int, default=1)
    a = ap.parse_args()

    model = build_model(a.model, None)
    model.load_state_dict(torch.load(a.weights, map_location="cpu"), strict=True)
    model.eval()
    rgb = np.asarray(Image.open(a.image).convert("RGB"), dtype=np.float32) / 255.0
    x = torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0).contiguous()
    h, w = x.shape[2], x.shape[3]
    if a.size:
        size = (a.size, a.size)
    else:
        m = a.multiple
        size = ((h + m - 1) // m * m, (w + m - 1) // m * m)
    if size != (h, w):
        x = F.interpolate(x, size=size, mode="bilinear", align_corners=False)
    x = (x - MEAN) / STD
    with torch.no_grad():
        out = model(x)
        if family(a.model) == "u2net":
            # Eval mode returns sigmoid(fused) for one class, the fused logits for several (network_forward.py).
            probs = out if out.shape[1] == 1 else torch.softmax(out, 1)
        else:
            logits = out["out"] if isinstance(out, dict) else out
            probs = torch.sigmoid(logits) if logits.shape[1] == 1 else torch.softmax(logits, 1)
    probs = F.interpolate(probs, size=(h, w), mode="bilinear", align_corners=False)[0]
    if probs.shape[0] == 1:
        mask = np.clip(np.rint(probs[0].numpy() * 255.0), 0, 255).astype(np.uint8)
    else:
        mask = probs.argmax(0).numpy().astype(np.uint8)
    np.save(a.out, mask)
    print(a.out, mask.shape)


if __name__ == "__main__":
    main()
