"""PyTorch reference for the ONNX export tests: runs the same small program with torch.nn.functional.

    onnx_reference.py PROGRAM.json CASEDIR SETDIR [SETDIR...]

PROGRAM.json (written by tests/Onnx.Tests/ExportCase.cs as it drives the builder) lists the ops
in order: {"ops": [{"op": ..., "out": NAME, ...}], "outputs": {OUTPUT: VALUE}}. Weights are
CASEDIR/w_<state_dict key>.npy; each SETDIR holds one run's inputs (in_<name>.npy) and receives
expected_<output>.npy. The semantics here are PyTorch's own (F.conv2d, F.batch_norm in eval mode,
F.interpolate, F.pad, ...), never the exporter's lowering, so that a wrong lowering shows as a
numeric difference.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F


def run(program, weights, inputs):
    env = {k: torch.from_numpy(v) for k, v in inputs.items()}
    w = lambda key: None if key is None else torch.from_numpy(weights[key])
    for op in program["ops"]:
        kind = op["op"]
        x = env[op["x"]] if "x" in op else None
        if kind == "conv2d":
            y = F.conv2d(x, w(op["weight"]), w(op["bias"]), stride=op["stride"], padding=op["padding"],
                         dilation=op["dilation"], groups=op["groups"])
        elif kind == "conv_transpose2d":
            y = F.conv_transpose2d(x, w(op["weight"]), w(op["bias"]), stride=op["stride"], padding=op["padding"],
                                   output_padding=op["output_padding"], groups=op["groups"], dilation=op["dilation"])
        elif kind == "batch_norm":
            y = F.batch_norm(x, w(op["running_mean"]), w(op["running_var"]), w(op["weight"]), w(op["bias"]),
                             training=False, eps=op["eps"])
        elif kind == "relu":
            y = F.relu(x)
        elif kind == "sigmoid":
            y = torch.sigmoid(x)
        elif kind == "softmax":
            y = F.softmax(x, dim=op["dim"])
        elif kind == "add":
            y = env[op["a"]] + env[op["b"]]
        elif kind == "cat":
            y = torch.cat([env[n] for n in op["inputs"]], dim=op["dim"])
        elif kind == "max_pool2d":
            y = F.max_pool2d(x, op["kernel"], op["stride"], op["padding"], op["dilation"], ceil_mode=op["ceil_mode"])
        elif kind == "interpolate":
            mode = op["mode"]
            align = op["align_corners"] if mode == "bilinear" else None
            if "like" in op:
                y = F.interpolate(x, size=env[op["like"]].shape[2:], mode=mode, align_corners=align)
            elif "size" in op:
                y = F.interpolate(x, size=tuple(op["size"]), mode=mode, align_corners=align)
            else:
                y = F.interpolate(x, scale_factor=tuple(op["scale"]), mode=mode, align_corners=align)
        elif kind == "pad":
            y = F.pad(x, op["pad"], value=op["value"])
        elif kind == "pad_to_match":
            # UNet's Up: diff / 2 before, the rest after (Python's floor division).
            like = env[op["like"]]
            dy = like.shape[2] - x.shape[2]
            dx = like.shape[3] - x.shape[3]
            y = F.pad(x, [dx // 2, dx - dx // 2, dy // 2, dy - dy // 2])
        else:
            raise ValueError("unknown op " + kind)
        env[op["out"]] = y
    return {name: env[value] for name, value in program["outputs"].items()}


def main(program_path, case_dir, *set_dirs):
    torch.set_num_threads(1)
    with open(program_path) as f:
        program = json.load(f)
    weights = {}
    for file in sorted(os.listdir(case_dir)):
        if file.startswith("w_") and file.endswith(".npy"):
            weights[file[2:-4]] = np.load(os.path.join(case_dir, file))
    with torch.no_grad():
        for d in set_dirs:
            inputs = {f[3:-4]: np.load(os.path.join(d, f)) for f in sorted(os.listdir(d))
                      if f.startswith("in_") and f.endswith(".npy")}
            for name, value in run(program, weights, inputs).items():
                np.save(os.path.join(d, "expected_" + name + ".npy"), value.contiguous().numpy())


if __name__ == "__main__":
    main(*sys.argv[1:])
