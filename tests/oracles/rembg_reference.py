"""Oracle of the rembg-compatibility tests: rembg's u2net pipeline, written from rembg's sessions/base.py
(normalize) and sessions/u2net.py (predict), with the official U²-Net network (models/official_u2net.py) in PyTorch
in place of rembg's ONNX export of the same network.

  rembg_reference.py mask --model official-u2netp|official-u2net --weights W.pth --image IMG --output MASK.png
      normalize: img.convert("RGB").resize((320, 320), LANCZOS); / max(max, 1e-6); (x - mean) / std with ImageNet's
      mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225) in float64, then float32, NCHW;
      predict: the first output's channel 0, (pred - min) / (max - min), clip(0, 1) * 255 as uint8, an "L" image
      resized to the image's size with LANCZOS.
  rembg_reference.py resize --image IMG --size WxH --output OUT.png
      PIL's Image.resize((W, H), LANCZOS) of the image as it is (the exactness check of the C# port).
"""
import argparse
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from models.official_u2net import OfficialU2Net  # noqa: E402

LANCZOS = Image.LANCZOS


def normalize(img, mean, std, size):
    im = img.convert("RGB").resize(size, LANCZOS)
    ary = np.array(im)
    ary = ary / max(np.max(ary), 1e-6)
    tmp = np.zeros((ary.shape[0], ary.shape[1], 3))
    for c in range(3):
        tmp[:, :, c] = (ary[:, :, c] - mean[c]) / std[c]
    return np.expand_dims(tmp.transpose((2, 0, 1)), 0).astype(np.float32)


def mask(a) -> None:
    model = OfficialU2Net("u2netp" if a.model == "official-u2netp" else "u2net")
    model.load_state_dict(torch.load(a.weights, map_location="cpu"), strict=True)
    model.eval()
    img = Image.open(a.image)
    x = normalize(img, (0.485, 0.456, 0.406), (0.229, 0.224, 0.225), (320, 320))
    with torch.no_grad():
        pred = model(torch.from_numpy(x))[0].numpy()[:, 0, :, :]
    ma, mi = np.max(pred), np.min(pred)
    pred = np.squeeze((pred - mi) / (ma - mi))
    out = Image.fromarray((pred.clip(0, 1) * 255).astype("uint8"), mode="L").resize(img.size, LANCZOS)
    out.save(a.output)
    print(f"wrote {a.output}")


def resize(a) -> None:
    w, h = (int(v) for v in a.size.split("x"))
    Image.open(a.image).resize((w, h), LANCZOS).save(a.output)
    print(f"wrote {a.output}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", choices=["mask", "resize"])
    p.add_argument("--model", choices=["official-u2netp", "official-u2net"])
    p.add_argument("--weights")
    p.add_argument("--image", required=True)
    p.add_argument("--size")
    p.add_argument("--output", required=True)
    a = p.parse_args(argv)
    (mask if a.action == "mask" else resize)(a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
