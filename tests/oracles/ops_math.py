"""Oracle for tests/Runtime.Tests/MathOpsTests.cs: element-wise math, reductions, comparisons,
indexing and the in-place updates optimizers use. Usage: /usr/bin/python3 ops_math.py OUT_DIR"""
import torch

from ops_common import case, finish, rand, randint, randn

a, b = randn(3, 4), randn(3, 4)
pos = rand(3, 4, low=0.2, high=3.0)

# ---- arithmetic ----
case("sub", [a, b], lambda x, y: x - y, grads=(0, 1))
case("sub_alpha", [a, b], lambda x, y: torch.sub(x, y, alpha=0.5), grads=(0, 1))
case("mul_broadcast", [randn(2, 3, 4), randn(4)], lambda x, y: x * y, grads=(0, 1))
case("div", [a, pos], lambda x, y: x / y, grads=(0, 1))
case("scalar_ops", [a], lambda x: ((x + 1.5) * 2.0 - 0.25) / 4.0, grads=(0,))
case("reverse_scalar_ops", [pos], lambda x: (1.0 - x) + 3.0 / x, grads=(0,))
case("pow", [pos], lambda x: x.pow(2.5), grads=(0,))
case("exp", [a], lambda x: x.exp(), grads=(0,))
case("log", [pos], lambda x: x.log(), grads=(0,))
case("sqrt", [pos], lambda x: x.sqrt(), grads=(0,))
case("abs", [a], lambda x: x.abs(), grads=(0,))
case("neg", [a], lambda x: -x, grads=(0,))
case("clamp_both", [randn(4, 5)], lambda x: x.clamp(-0.5, 0.5), grads=(0,))
case("clamp_min", [randn(4, 5)], lambda x: x.clamp(min=0.1), grads=(0,))
case("maximum", [a, b], lambda x, y: torch.maximum(x, y), grads=(0, 1))
case("matmul", [randn(3, 5), randn(5, 2)], lambda x, y: x @ y, grads=(0, 1))

# ---- reductions ----
r = randn(2, 3, 4)
case("sum_all", [r], lambda x: x.sum(), grads=(0,))
case("sum_dims_keepdim", [r], lambda x: x.sum(dim=(0, 2), keepdim=True), grads=(0,))
case("mean_all", [r], lambda x: x.mean(), grads=(0,))
case("mean_dim", [r], lambda x: x.mean(dim=1), grads=(0,))
case("max_all", [r], lambda x: x.max(), grads=(0,))
case("min_all", [r], lambda x: x.min(), grads=(0,))
case("max_dim_values", [r], lambda x: x.max(dim=2).values, grads=(0,))
case("max_dim_indices", [r], lambda x: x.max(dim=2).indices)
case("argmax_dim1", [r], lambda x: x.argmax(dim=1))
case("argmax_keepdim", [r], lambda x: x.argmax(dim=0, keepdim=True))

# ---- comparisons and selection ----
c1, c2 = randint(0, 3, 3, 4).float(), randint(0, 3, 3, 4).float()
case("eq", [c1, c2], lambda x, y: x.eq(y))
case("ne_scalar", [c1], lambda x: x.ne(1.0))
case("lt", [a, b], lambda x, y: x.lt(y))
case("le_scalar", [c1], lambda x: x.le(1.0))
case("gt_scalar", [a], lambda x: x.gt(0.0))
case("ge", [c1, c2], lambda x, y: x.ge(y))
case("where", [a > 0, a, b], lambda m, x, y: torch.where(m, x, y), grads=(1, 2))
case("masked_fill", [a, b > 0], lambda x, m: x.masked_fill(m, -2.0), grads=(0,))
case("logical_and_not", [a > 0, b > 0], lambda x, y: x.logical_and(y.logical_not()))

# ---- counting (confusion matrices) ----
case("bincount_minlength", [randint(0, 6, 50)], lambda x: torch.bincount(x, minlength=9))
case("confusion_matrix", [randint(0, 3, 40), randint(0, 3, 40)],
     lambda t, p: torch.bincount(3 * t + p, minlength=9).reshape(3, 3))
case("scatter_add", [torch.zeros(2, 5), randint(0, 5, 2, 4), randn(2, 4)],
     lambda z, i, s: z.scatter_add(1, i, s), grads=(2,))

# ---- shapes and indexing ----
s = randn(2, 3, 4, 5)
case("reshape", [s], lambda x: x.reshape(6, 20), grads=(0,))
case("view", [s], lambda x: x.view(2, -1, 5), grads=(0,))
case("permute_contiguous", [s], lambda x: x.permute(0, 2, 3, 1).contiguous(), grads=(0,))
case("select", [s], lambda x: x.select(1, 2), grads=(0,))
case("select_negative", [s], lambda x: x.select(-1, -1), grads=(0,))
case("narrow", [s], lambda x: x.narrow(2, 1, 2), grads=(0,))
case("index_select", [s, torch.tensor([3, 0, 3])], lambda x, i: x.index_select(2, i), grads=(0,))
case("squeeze_unsqueeze", [randn(2, 1, 3)], lambda x: x.squeeze(1).unsqueeze(0), grads=(0,))
case("flatten", [s], lambda x: x.flatten(1), grads=(0,))
case("flatten_range", [s], lambda x: x.flatten(1, 2), grads=(0,))
case("stack_dim1", [a, b], lambda x, y: torch.stack([x, y], 1), grads=(0, 1))
case("transpose", [s], lambda x: x.transpose(1, 3), grads=(0,))
case("to_int64", [randn(3, 4, scale=5.0)], lambda x: x.to(torch.int64))
case("to_float16", [randn(3, 4)], lambda x: x.to(torch.float16))
case("to_float32_from_uint8", [randint(0, 255, 3, 4).to(torch.uint8)], lambda x: x.to(torch.float32))
case("clone_detach", [a], lambda x: x.clone().detach() * 2)

# ---- in-place updates (on clones, as an optimizer does on its state) ----
case("addcmul_", [a, b, pos], lambda x, y, z: x.clone().addcmul_(y, z, value=0.5))
case("addcdiv_", [a, b, pos], lambda x, y, z: x.clone().addcdiv_(y, z, value=-0.1))
case("add_alpha_", [a, b], lambda x, y: x.clone().add_(y, alpha=0.3))
case("mul_scalar_", [a], lambda x: x.clone().mul_(0.9))
case("sqrt_add_", [pos], lambda x: x.clone().sqrt_().add_(1e-8))
case("copy_broadcast", [torch.zeros(3, 4), randn(4)], lambda x, y: x.clone().copy_(y))
case("clamp_", [a], lambda x: x.clone().clamp_(min=-0.3))
case("masked_fill_", [a, b > 0], lambda x, m: x.clone().masked_fill_(m, 7.0))
case("zero_fill_", [a], lambda x: x.clone().zero_() + x.clone().fill_(3.0))

finish()
