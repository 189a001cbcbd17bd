"""Oracle for tests/Runtime.Tests/NnOpsTests.cs: torch.nn.functional ops, forward and backward.
Usage: /usr/bin/python3 ops_nn.py OUT_DIR"""
import torch
import torch.nn.functional as F

from ops_common import case, finish, rand, randint, randn

# ---- convolutions ----
case("conv2d_basic", [randn(2, 3, 9, 9), randn(4, 3, 3, 3), randn(4)],
     lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=1), grads=(0, 1, 2))
case("conv2d_groups_dilation", [randn(1, 4, 11, 10), randn(6, 2, 3, 3)],
     lambda x, w: F.conv2d(x, w, None, stride=(2, 1), padding=(2, 1), dilation=(2, 1), groups=2), grads=(0, 1))
case("conv2d_dilated", [randn(1, 3, 12, 12), randn(5, 3, 3, 3)],
     lambda x, w: F.conv2d(x, w, None, stride=1, padding=2, dilation=2), grads=(0, 1))
case("conv_transpose2d", [randn(1, 4, 5, 5), randn(4, 3, 2, 2), randn(3)],
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2), grads=(0, 1, 2))
case("conv_transpose2d_output_padding", [randn(1, 2, 4, 5), randn(2, 3, 3, 3)],
     lambda x, w: F.conv_transpose2d(x, w, None, stride=2, padding=1, output_padding=1), grads=(0, 1))

# ---- batch norm: inputs x, weight, bias, running_mean, running_var ----
def bn_inputs():
    return [randn(4, 3, 5, 5, scale=2.0) + 1.0, rand(3, low=0.5, high=1.5), randn(3), randn(3, scale=0.1), rand(3, low=0.5, high=2.0)]

case("batch_norm_train", bn_inputs(),
     lambda x, w, b, rm, rv: F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.1, eps=1e-5),
     grads=(0, 1, 2), mutated=(3, 4))
case("batch_norm_train_momentum", bn_inputs(),
     lambda x, w, b, rm, rv: F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.3, eps=1e-3),
     grads=(0, 1, 2), mutated=(3, 4))
case("batch_norm_eval", bn_inputs(),
     lambda x, w, b, rm, rv: F.batch_norm(x, rm, rv, w, b, training=False, momentum=0.1, eps=1e-5),
     grads=(0, 1, 2), mutated=(3, 4))

# ---- activations ----
case("relu", [randn(2, 3, 4, 5)], lambda x: F.relu(x), grads=(0,))
case("sigmoid", [randn(2, 3, 4, 5, scale=3.0)], lambda x: torch.sigmoid(x), grads=(0,))
case("softmax", [randn(2, 4, 3, 3, scale=3.0)], lambda x: F.softmax(x, dim=1), grads=(0,))
case("log_softmax", [randn(2, 4, 3, 3, scale=3.0)], lambda x: F.log_softmax(x, dim=1), grads=(0,))

# ---- pooling ----
case("max_pool2d_ceil_odd", [randn(1, 2, 7, 9)], lambda x: F.max_pool2d(x, 2, 2, ceil_mode=True), grads=(0,))
case("max_pool2d_floor_odd", [randn(1, 2, 7, 9)], lambda x: F.max_pool2d(x, 2, 2, ceil_mode=False), grads=(0,))
case("max_pool2d_k3_s2_p1_ceil", [randn(2, 2, 10, 11)], lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True), grads=(0,))

# ---- interpolation ----
case("bilinear_size_align_false", [randn(1, 2, 5, 7)],
     lambda x: F.interpolate(x, size=(8, 11), mode="bilinear", align_corners=False), grads=(0,))
case("bilinear_size_align_true", [randn(1, 2, 5, 7)],
     lambda x: F.interpolate(x, size=(9, 13), mode="bilinear", align_corners=True), grads=(0,))
case("bilinear_downsize_align_false", [randn(1, 2, 9, 13)],
     lambda x: F.interpolate(x, size=(4, 6), mode="bilinear", align_corners=False), grads=(0,))
case("bilinear_scale2_align_false", [randn(1, 2, 5, 7)],
     lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False), grads=(0,))
case("bilinear_scale2_align_true", [randn(1, 2, 5, 7)],
     lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True), grads=(0,))
case("bilinear_scale1p5_align_false", [randn(1, 2, 5, 7)],
     lambda x: F.interpolate(x, scale_factor=1.5, mode="bilinear", align_corners=False), grads=(0,))
case("nearest_size", [randn(1, 2, 5, 7)], lambda x: F.interpolate(x, size=(10, 3), mode="nearest"), grads=(0,))
case("nearest_scale2", [randn(1, 2, 5, 7)], lambda x: F.interpolate(x, scale_factor=2, mode="nearest"), grads=(0,))

# ---- joining, padding, arithmetic ----
case("cat_dim1", [randn(2, 3, 4, 4), randn(2, 5, 4, 4)], lambda a, b: torch.cat([a, b], 1), grads=(0, 1))
case("add_broadcast", [randn(2, 3, 4), randn(3, 1)], lambda a, b: a + b, grads=(0, 1))
case("add_alpha", [randn(2, 3), randn(2, 3)], lambda a, b: torch.add(a, b, alpha=2.5), grads=(0, 1))
case("pad_constant", [randn(1, 2, 3, 4)], lambda x: F.pad(x, (1, 2, 0, 3), value=0.5), grads=(0,))
case("pad_unet_style", [randn(1, 2, 5, 6)], lambda x: F.pad(x, (0, 1, 1, 2)), grads=(0,))

# ---- losses ----
bce_x, bce_t = randn(2, 1, 4, 4, scale=2.0), rand(2, 1, 4, 4)
case("bce_logits_mean", [bce_x, bce_t], lambda x, t: F.binary_cross_entropy_with_logits(x, t), grads=(0,))
case("bce_logits_sum", [bce_x, bce_t], lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction="sum"), grads=(0,))
case("bce_logits_none", [bce_x, bce_t], lambda x, t: F.binary_cross_entropy_with_logits(x, t, reduction="none"), grads=(0,))
case("bce_logits_weights", [bce_x, (bce_t > 0.5).float(), rand(1, 1, 4, 4), torch.tensor([2.0])],
     lambda x, t, w, pw: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw), grads=(0,))
case("bce_probabilities", [rand(2, 1, 4, 4, low=0.05, high=0.95), rand(2, 1, 4, 4)],
     lambda p, t: F.binary_cross_entropy(p, t), grads=(0,))

ce_x = randn(2, 5, 3, 4, scale=2.0)
ce_t = randint(0, 5, 2, 3, 4)
ce_t_ignore = ce_t.clone()
ce_t_ignore[0, 0, :2] = 255
ce_t_ignore[1, 2, 3] = 255
ce_w = rand(5, low=0.2, high=2.0)
case("cross_entropy_mean", [ce_x, ce_t], lambda x, t: F.cross_entropy(x, t), grads=(0,))
case("cross_entropy_weight_ignore_mean", [ce_x, ce_t_ignore, ce_w],
     lambda x, t, w: F.cross_entropy(x, t, weight=w, ignore_index=255), grads=(0,))
case("cross_entropy_weight_ignore_sum", [ce_x, ce_t_ignore, ce_w],
     lambda x, t, w: F.cross_entropy(x, t, weight=w, ignore_index=255, reduction="sum"), grads=(0,))
case("cross_entropy_ignore_none", [ce_x, ce_t_ignore],
     lambda x, t: F.cross_entropy(x, t, ignore_index=255, reduction="none"), grads=(0,))
case("cross_entropy_2d_input", [randn(6, 4), randint(0, 4, 6)], lambda x, t: F.cross_entropy(x, t), grads=(0,))
case("one_hot", [randint(0, 5, 2, 3)], lambda t: F.one_hot(t, 5))

finish()
