"""Oracle for tests/Runtime.Tests/NpyTests.cs.
  ops_npy.py write DIR  -- writes numpy .npy files plus their raw C-order bytes (.bin) and a manifest
  ops_npy.py check DIR  -- reads DIR/cs_*.npy written by C# and checks them bit for bit against the originals"""
import os
import sys

import numpy as np

mode, out = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(5)


def arrays():
    f32 = rng.standard_normal((2, 3, 4)).astype(np.float32)
    f32.flat[0] = np.nan
    f32.flat[1] = -0.0
    f32.flat[2] = np.inf
    return {
        "float32": f32,
        "float64": rng.standard_normal((3, 5)),
        "float16": rng.standard_normal((4, 4)).astype(np.float16),
        "int64": rng.integers(-2**40, 2**40, size=(7,), dtype=np.int64),
        "int32": rng.integers(-1000, 1000, size=(2, 2), dtype=np.int32),
        "uint8": rng.integers(0, 256, size=(3, 2, 2), dtype=np.uint8),
        "bool": rng.integers(0, 2, size=(5, 3)).astype(np.bool_),
        "scalar": np.array(3.25, dtype=np.float32),
        "empty": np.zeros((0, 3), dtype=np.float32),
        "fortran": np.asfortranarray(rng.standard_normal((3, 4)).astype(np.float32)),
        "big_header": np.zeros((1,) * 20, dtype=np.int64),
    }


if mode == "write":
    os.makedirs(out, exist_ok=True)
    lines = []
    for name, a in arrays().items():
        np.save(os.path.join(out, name + ".npy"), a)
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(np.ascontiguousarray(a).tobytes())
        lines.append(f"{name} {a.dtype.str} {','.join(map(str, a.shape)) or '-'}")
    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
elif mode == "check":
    bad = []
    for name, a in arrays().items():
        path = os.path.join(out, "cs_" + name + ".npy")
        b = np.load(path)
        if b.dtype != a.dtype or b.shape != a.shape or np.ascontiguousarray(a).tobytes() != b.tobytes():
            bad.append(f"{name}: got {b.dtype} {b.shape}, expected {a.dtype} {a.shape}")
    if bad:
        print("\n".join(bad))
        sys.exit(1)
    print("ok", len(arrays()))
else:
    sys.exit("usage: ops_npy.py write|check DIR")
