"""Reads PNG files with PIL, the way VOC's tools do, for tests/Data.Tests: an indexed PNG must open
in mode 'P' with the pixel values being the palette indices.

usage: png_read.py FILE...   prints one JSON object per file: {"mode", "size": [w, h], "values": row-major
pixel values (for 'P' and 'L' the bytes, for 'RGBA' / 'RGB' lists per pixel), "palette": first 3*256 bytes or null}
"""
import json
import sys

import numpy as np
from PIL import Image

for path in sys.argv[1:]:
    with Image.open(path) as im:
        im.load()
        values = np.asarray(im)
        palette = im.getpalette() if im.mode == "P" else None
        print(json.dumps({
            "mode": im.mode,
            "size": list(im.size),
            "values": values.reshape(-1).tolist() if values.ndim == 2 else values.reshape(-1, values.shape[2]).tolist(),
            "palette": palette[:768] if palette else None,
        }))
