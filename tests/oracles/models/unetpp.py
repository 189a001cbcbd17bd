"""UNet++ (nested U-Net) reference, as in seed 004 (pytorch-nested-unet's NestedUNet), with the
block options of blocks.py ("norm", "groups", "act", "slope", "dropout", "residual"; every VGG node
gets them, the 1x1 heads do not).

State-dict keys with the default options (the seed): conv{i}_{j}.{conv1,bn1,conv2,bn2}.*,
final.* or final1..final4.*.

A VGG node V = conv{i}_{j} with any non-default option (OptionVGGBlock):
  V.conv1.{weight,bias}           Conv3x3(in, mid, pad 1, bias)
  V.bn1.*                         norm(mid): batch -> weight, bias, running_mean, running_var,
                                  num_batches_tracked; instance / group -> weight, bias
  V.act1.weight                   prelu only (shape [1]); other activations have no keys
  V.conv2.{weight,bias}           Conv3x3(mid, out, pad 1, bias)
  V.bn2.*                         norm(out)
  V.act2.weight                   prelu only
  (V.dropout = Dropout2d(p) when dropout > 0: no keys)
  V.shortcut.0.weight             residual and in != out: Conv1x1(in, out, no bias)
  V.shortcut.1.*                  its norm(out)
"""
from typing import List, Sequence, Union

import torch
import torch.nn as nn

from .blocks import check_options, is_default, make_act, make_norm


class VGGBlock(nn.Module):
    """Conv3x3(in, mid, pad 1, bias) BN ReLU Conv3x3(mid, out, pad 1, bias) BN ReLU."""

    def __init__(self, in_channels: int, middle_channels: int, out_channels: int):
        super().__init__()
        self.relu = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_channels, middle_channels, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(middle_channels)
        self.conv2 = nn.Conv2d(middle_channels, out_channels, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(x)))


class OptionVGGBlock(nn.Module):
    """VGGBlock with block options. Children, in this order: conv1 (Conv3x3(in, mid, pad 1, bias)),
    bn1 = norm(mid), act1, conv2 (Conv3x3(mid, out, pad 1, bias)), bn2 = norm(out), act2,
    dropout = Dropout2d(p) (p > 0 only), shortcut = Conv1x1(in, out, no bias) + norm(out)
    (residual and in != out only).
    forward: y = bn2(conv2(act1(bn1(conv1(x))))); residual: y = y + (shortcut(x) or x);
    y = act2(y); dropout."""

    def __init__(self, in_channels: int, middle_channels: int, out_channels: int,
                 norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01,
                 dropout: float = 0.0, residual: bool = False):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, middle_channels, 3, padding=1)
        self.bn1 = make_norm(norm, middle_channels, groups)
        self.act1 = make_act(act, slope)
        self.conv2 = nn.Conv2d(middle_channels, out_channels, 3, padding=1)
        self.bn2 = make_norm(norm, out_channels, groups)
        self.act2 = make_act(act, slope)
        self.has_dropout = dropout > 0
        if self.has_dropout:
            self.dropout = nn.Dropout2d(dropout)
        self.residual = residual
        self.has_shortcut = residual and in_channels != out_channels
        if self.has_shortcut:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False),
                                          make_norm(norm, out_channels, groups))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.act1(self.bn1(self.conv1(x)))   # fresh tensors: in-place activations never touch x
        y = self.bn2(self.conv2(h))
        if self.residual:
            y = y + (self.shortcut(x) if self.has_shortcut else x)
        y = self.act2(y)
        if self.has_dropout:
            y = self.dropout(y)
        return y


def vgg_block(in_channels: int, middle_channels: int, out_channels: int, **opts) -> nn.Module:
    """The seed's VGGBlock when the options are the defaults, else OptionVGGBlock."""
    if is_default(opts):
        return VGGBlock(in_channels, middle_channels, out_channels)
    return OptionVGGBlock(in_channels, middle_channels, out_channels, **opts)


class NestedUNet(nn.Module):
    """Nodes X(i, j), i + j <= L (L = len(filters) - 1 = 4 in the seed):
    X(i, 0) = VGG(pool(X(i-1, 0))) (X(0, 0) = VGG(input));
    X(i, j) = VGG(cat([X(i, 0), ..., X(i, j-1), up(X(i+1, j-1))])), in = j*f[i] + f[i+1], out f[i].
    Heads: final (1x1 on X(0, L)) or final1..finalL (1x1 on X(0, 1..L)) with deep supervision.
    forward returns the logits tensor, or the list [out1..outL] with deep supervision.
    H and W must be divisible by 2^L.
    Block options (blocks.py): norm, groups, act, slope, dropout, residual -- every VGG node gets
    them (the seed's VGGBlock when all are the defaults, else OptionVGGBlock).
    """

    def __init__(self, num_classes: int = 1, input_channels: int = 3, deep_supervision: bool = False,
                 filters: Sequence[int] = (32, 64, 128, 256, 512),
                 norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01,
                 dropout: float = 0.0, residual: bool = False):
        super().__init__()
        opts = check_options(norm=norm, groups=groups, act=act, slope=slope, dropout=dropout,
                             residual=residual)
        self.block_options = opts
        f = list(filters)
        self.levels = len(f) - 1
        self.deep_supervision = deep_supervision
        self.pool = nn.MaxPool2d(2, 2)
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)

        # Registered column by column (j), then row (i) -- the seed's declaration order:
        # conv0_0, conv1_0, ..., conv4_0, conv0_1, ..., conv3_1, conv0_2, ... conv0_4.
        for j in range(self.levels + 1):
            for i in range(self.levels + 1 - j):
                if j == 0:
                    block = vgg_block(input_channels if i == 0 else f[i - 1], f[i], f[i], **opts)
                else:
                    block = vgg_block(j * f[i] + f[i + 1], f[i], f[i], **opts)
                setattr(self, f"conv{i}_{j}", block)

        if deep_supervision:
            for j in range(1, self.levels + 1):
                setattr(self, f"final{j}", nn.Conv2d(f[0], num_classes, kernel_size=1))
        else:
            self.final = nn.Conv2d(f[0], num_classes, kernel_size=1)

    def forward(self, x: torch.Tensor) -> Union[torch.Tensor, List[torch.Tensor]]:
        L = self.levels
        X = {}
        for i in range(L + 1):
            inp = x if i == 0 else self.pool(X[(i - 1, 0)])
            X[(i, 0)] = getattr(self, f"conv{i}_0")(inp)
        # Evaluation order is by anti-diagonals in the seed (x0_1 after x1_0, x0_2 after x2_0, ...);
        # the values are the same in any dependency-respecting order.
        for j in range(1, L + 1):
            for i in range(L + 1 - j):
                inputs = [X[(i, k)] for k in range(j)] + [self.up(X[(i + 1, j - 1)])]
                X[(i, j)] = getattr(self, f"conv{i}_{j}")(torch.cat(inputs, dim=1))
        if self.deep_supervision:
            return [getattr(self, f"final{j}")(X[(0, j)]) for j in range(1, L + 1)]
        return self.final(X[(0, L)])
