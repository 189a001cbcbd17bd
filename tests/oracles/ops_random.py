"""Oracle for tests/Runtime.Tests/AutogradAndModesTests.cs: torch.manual_seed streams.
Usage: /usr/bin/python3 ops_random.py OUT_DIR"""
import os
import sys

import numpy as np
import torch

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(7)
np.save(os.path.join(out, "randn.npy"), torch.randn(3, 4).numpy())
np.save(os.path.join(out, "rand.npy"), torch.rand(5).numpy())
np.save(os.path.join(out, "randperm.npy"), torch.randperm(6).numpy())
t = torch.empty(2, 3)
t.normal_(0.5, 2.0)
np.save(os.path.join(out, "normal_.npy"), t.numpy())
