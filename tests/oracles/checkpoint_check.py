"""Loads a checkpoint written by C# with torch.load and checks it against a reference dump.

usage: checkpoint_check.py PTH DUMP [--model]
Prints one JSON object: keys (as loaded, in order), per-key problems, whether data.pkl is
byte-identical to what torch.save writes for the loaded dict, the zip layout, and with
--model whether small_model().load_state_dict(strict=True) accepted it.
"""
import io
import json
import sys
import zipfile

import torch

from checkpoint_common import DTYPES, raw_bytes, read_dump, small_model

pth, dump = sys.argv[1], sys.argv[2]
manifest, refs = read_dump(dump)
report = {"problems": []}
problems = report["problems"]

sd = torch.load(pth)
report["type"] = type(sd).__name__
report["keys"] = list(sd.keys())
if report["keys"] != manifest["order"]:
    problems.append(f"key order {report['keys']} != {manifest['order']}")
for k in manifest["order"]:
    if k not in sd:
        continue
    e, t = manifest["tensors"][k], sd[k]
    if t.dtype != DTYPES[e["dtype"]]:
        problems.append(f"{k}: dtype {t.dtype} != {e['dtype']}")
    if list(t.shape) != e["shape"]:
        problems.append(f"{k}: shape {list(t.shape)} != {e['shape']}")
    if t.requires_grad:
        problems.append(f"{k}: requires_grad")
    if "offset" in e and (t.storage_offset() != e["offset"] or list(t.stride()) != e["stride"]):
        problems.append(f"{k}: view offset {t.storage_offset()} stride {list(t.stride())} != {e['offset']} {e['stride']}")
    if raw_bytes(t) != refs[k]:
        problems.append(f"{k}: bytes differ")

with zipfile.ZipFile(pth) as z:
    infos = z.infolist()
    names = [i.filename for i in infos]
    report["records"] = names
    report["stored"] = all(i.compress_type == zipfile.ZIP_STORED for i in infos)
    # local header: 30 bytes + name + extra; torch aligns each record's data to 64 bytes
    with open(pth, "rb") as f:
        raw = f.read()
    def data_offset(i):
        h = raw[i.header_offset:i.header_offset + 30]
        return i.header_offset + 30 + int.from_bytes(h[26:28], "little") + int.from_bytes(h[28:30], "little")
    report["aligned"] = all(data_offset(i) % 64 == 0 for i in infos)
    prefix = names[0].split("/")[0]
    report["version"] = z.read(prefix + "/version").decode()
    ours = z.read(prefix + "/data.pkl")

buf = io.BytesIO()
torch.save(sd, buf)
with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
    theirs = z.read([n for n in z.namelist() if n.endswith("/data.pkl")][0])
report["pickle_identical"] = ours == theirs

if "--model" in sys.argv:
    model = small_model()
    result = model.load_state_dict(sd, strict=True)
    report["model_loaded"] = not result.missing_keys and not result.unexpected_keys
    for k, v in model.state_dict().items():
        if raw_bytes(v) != refs[k]:
            problems.append(f"model {k}: bytes differ after load_state_dict")
print(json.dumps(report))
