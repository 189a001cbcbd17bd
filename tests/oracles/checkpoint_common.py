"""Shared by the checkpoint oracles: the reference dump format both directions use.

A dump folder holds `manifest.json` ({"order": [keys], "tensors": {key: {"dtype", "shape",
"file"[, "offset", "stride"]}}}) and one `t{i}.bin` per tensor with its elements in row-major
order as raw little-endian bytes (what the C# side compares against, bit for bit).
"""
import json
import os

import torch

DTYPES = {
    "float32": torch.float32, "float16": torch.float16, "float64": torch.float64,
    "int64": torch.int64, "int32": torch.int32, "uint8": torch.uint8, "bool": torch.bool,
}
NAMES = {v: k for k, v in DTYPES.items()}


def raw_bytes(t):
    # numpy gives the row-major little-endian element bytes (all dtypes used here have a numpy twin)
    return t.detach().contiguous().cpu().numpy().tobytes()


def write_dump(folder, state, views=()):
    os.makedirs(folder, exist_ok=True)
    manifest = {"order": list(state.keys()), "tensors": {}}
    for i, (k, t) in enumerate(state.items()):
        entry = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "file": f"t{i}.bin"}
        if k in views:
            entry["offset"] = t.storage_offset()
            entry["stride"] = list(t.stride())
        manifest["tensors"][k] = entry
        with open(os.path.join(folder, entry["file"]), "wb") as f:
            f.write(raw_bytes(t))
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


def read_dump(folder):
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    refs = {}
    for k in manifest["order"]:
        e = manifest["tensors"][k]
        with open(os.path.join(folder, e["file"]), "rb") as f:
            refs[k] = f.read()
    return manifest, refs


def small_model():
    """conv + bn + relu + conv, the shape of the seeds' ConvBNReLU blocks, plus a biased head."""
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, 4, 3, padding=1, bias=False),
        torch.nn.BatchNorm2d(4),
        torch.nn.ReLU(),
        torch.nn.Conv2d(4, 2, 1),
    )
