"""Writes checkpoints with torch.save for the C# reader to load, each with a reference dump.

usage: checkpoint_write.py OUT
  OUT/tensors/{tensors.pth, tensors_p4.pth, manifest.json, t*.bin}: dtypes, a 0-dim int64, views, a transpose
    (tensors_p4.pth: the same, pickled with protocol 4; tensors_legacy.pth: the same in the legacy format)
  OUT/model/{model.pth, manifest.json, t*.bin}: state_dict of a small conv+bn model after training steps
  OUT/model/train_checkpoint.pth: the same state_dict wrapped as the seeds' training scripts save it,
    {'model': state_dict, 'optimizer': optimizer.state_dict(), 'lr_scheduler': {...}, 'epoch': 3, 'args': {...}}
    (train_checkpoint_legacy.pth: the same in the legacy format)
"""
import collections
import os
import sys

import torch

from checkpoint_common import small_model, write_dump

out = sys.argv[1]
torch.manual_seed(0)

base = torch.randn(4, 6)
grid = torch.arange(30, dtype=torch.float32).reshape(5, 6)
state = collections.OrderedDict()
state["f32"] = torch.randn(2, 3, 4)
# Values that must survive bit-exact: signed zero, infinities, NaN, a subnormal.
state["f32_special"] = torch.tensor([0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-45, 3.4e38])
state["f16"] = torch.randn(3, 5).half()
state["i64"] = torch.tensor([[0, -1, 2**40], [-(2**63), 2**63 - 1, 7]], dtype=torch.int64)
state["num_batches_tracked"] = torch.tensor(123456789, dtype=torch.int64)  # 0-dim, as BatchNorm has
state["base"] = base
state["base_tail"] = base[1:]            # view with a storage offset into base's storage
state["base_col"] = base[:, 2]           # strided view (stride 6) with offset 2
state["grid_t"] = grid.t()               # transposed: non-contiguous, storage shared with nothing saved
state["grid_step"] = grid[1:, ::2]       # offset and two non-unit strides
state["f64"] = torch.randn(3, dtype=torch.float64)
state["i32"] = torch.tensor([-5, 0, 2**31 - 1], dtype=torch.int32)
state["u8"] = torch.tensor([0, 1, 255], dtype=torch.uint8)
state["flags"] = torch.tensor([True, False, True])
state["empty"] = torch.zeros(0, 3)
folder = os.path.join(out, "tensors")
write_dump(folder, state, views=("base_tail", "base_col", "grid_t", "grid_step"))
torch.save(state, os.path.join(folder, "tensors.pth"))
# Protocol 4 uses other opcodes (FRAME, MEMOIZE, SHORT_BINUNICODE, STACK_GLOBAL): same tensors.
torch.save(state, os.path.join(folder, "tensors_p4.pth"), pickle_protocol=4)
# The legacy format (before PyTorch 1.6; the official U-2-Net weights): a stream of pickles, then raw storages.
torch.save(state, os.path.join(folder, "tensors_legacy.pth"), _use_new_zipfile_serialization=False)

torch.manual_seed(1)
model = small_model()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(3):  # non-trivial running stats and num_batches_tracked = 3
    opt.zero_grad()
    model(torch.randn(2, 3, 8, 8)).square().mean().backward()
    opt.step()
folder = os.path.join(out, "model")
sd = model.state_dict()
write_dump(folder, sd)
torch.save(sd, os.path.join(folder, "model.pth"))
save_files = {"model": sd, "optimizer": opt.state_dict(), "lr_scheduler": {"last_epoch": 3, "base_lrs": [0.1]},
              "epoch": 3, "args": {"lr": 0.1, "batch_size": 2, "data_path": "./DRIVE"}}
torch.save(save_files, os.path.join(folder, "train_checkpoint.pth"))
torch.save(save_files, os.path.join(folder, "train_checkpoint_legacy.pth"), _use_new_zipfile_serialization=False)
print("ok")
