"""UNet reference (seed 004's unet.py, the milesial Pytorch-UNet layout of seeds 002/003), with
the block options of blocks.py ("norm", "groups", "act", "slope", "dropout", "residual") and
MONAI-style attention gates ("attention").

State-dict keys with the default options (the seed): in_conv.{0,1,3,4}.*, down{n}.1.{0,1,3,4}.*,
up{n}.up.{weight,bias} (transposed only), up{n}.conv.{0,1,3,4}.*, out_conv.0.{weight,bias}
(and aux_conv.0.{weight,bias} with an aux head).

A DoubleConv D (in_conv, down{n}.1, up{n}.conv) with options:
  D.0.weight                      Conv3x3(in, mid, pad 1, no bias)
  D.1.*                           norm(mid): batch -> weight, bias, running_mean, running_var,
                                  num_batches_tracked; instance / group -> weight, bias
  D.2.weight                      prelu only (shape [1]); other activations have no keys
  D.3.weight                      Conv3x3(mid, out, pad 1, no bias)
  D.4.*                           norm(out)
  D.5.weight                      prelu only
  D.shortcut.0.weight             residual and in != out: Conv1x1(in, out, no bias)
  D.shortcut.1.*                  its norm(out)
  (D.6 = Dropout2d(p) when dropout > 0: no keys)
With attention, each up{n} also holds (between up{n}.up and up{n}.conv in the state_dict):
  up{n}.attention.W_g.0.{weight,bias}   Conv1x1(F_g, F_int, bias)
  up{n}.attention.W_g.1.*               BatchNorm2d(F_int) (always batch norm)
  up{n}.attention.W_x.0.{weight,bias}   Conv1x1(F_l, F_int, bias)
  up{n}.attention.W_x.1.*               BatchNorm2d(F_int)
  up{n}.attention.psi.0.{weight,bias}   Conv1x1(F_int, 1, bias)
  up{n}.attention.psi.1.*               BatchNorm2d(1)
  F_g = in // 2 (the upsampled map's channels), F_l = in - F_g (the skip's), F_int = F_l // 2.
Example: channels [8, 16, 32] (bilinear), norm group, act prelu, residual, attention, up1 =
Up(32, 8): up1.attention.W_g.0.{weight [8,16,1,1], bias}, up1.attention.W_g.1.{weight, bias,
running_mean, running_var, num_batches_tracked}, the same for W_x (Conv 16 -> 8) and psi (Conv 8 -> 1,
BatchNorm2d(1)), then up1.conv.0.weight [16,32,3,3], up1.conv.1.{weight,bias} [16],
up1.conv.2.weight [1], up1.conv.3.weight [8,16,3,3], up1.conv.4.{weight,bias} [8],
up1.conv.5.weight [1], up1.conv.shortcut.0.weight [8,32,1,1], up1.conv.shortcut.1.{weight,bias} [8].
"""
from typing import Dict, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import check_options, make_act, make_norm


class DoubleConv(nn.Sequential):
    """Conv3x3(in, mid, pad 1, no bias) norm act Conv3x3(mid, out, pad 1, no bias) norm act
    [Dropout2d(p)]: children "0".."5" (and "6"). Defaults: BN ReLU, no dropout (the seed)."""

    def __init__(self, in_channels: int, out_channels: int, mid_channels: int = None,
                 norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01,
                 dropout: float = 0.0):
        if mid_channels is None:
            mid_channels = out_channels
        layers = [
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            make_norm(norm, mid_channels, groups),
            make_act(act, slope),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            make_norm(norm, out_channels, groups),
            make_act(act, slope),
        ]
        if dropout > 0:
            layers.append(nn.Dropout2d(dropout))
        super().__init__(*layers)


class ResidualDoubleConv(nn.Module):
    """DoubleConv with a residual connection, children named as DoubleConv's:
    "0" conv1, "1" norm1, "2" act1, "3" conv2, "4" norm2, "5" act2, "shortcut"
    (Conv1x1(in, out, no bias) + norm(out), only when in != out), "6" Dropout2d (dropout > 0).
    forward: act2(norm2(conv2(act1(norm1(conv1(x))))) + (shortcut(x) or x)), then dropout."""

    def __init__(self, in_channels: int, out_channels: int, mid_channels: int = None,
                 norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01,
                 dropout: float = 0.0):
        super().__init__()
        if mid_channels is None:
            mid_channels = out_channels
        self.add_module("0", nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False))
        self.add_module("1", make_norm(norm, mid_channels, groups))
        self.add_module("2", make_act(act, slope))
        self.add_module("3", nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False))
        self.add_module("4", make_norm(norm, out_channels, groups))
        self.add_module("5", make_act(act, slope))
        self.has_shortcut = in_channels != out_channels
        if self.has_shortcut:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False),
                make_norm(norm, out_channels, groups))
        self.has_dropout = dropout > 0
        if self.has_dropout:
            self.add_module("6", nn.Dropout2d(dropout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        m = self._modules
        h = m["2"](m["1"](m["0"](x)))          # conv output is a fresh tensor: in-place act is safe
        y = m["4"](m["3"](h))
        y = y + (self.shortcut(x) if self.has_shortcut else x)   # x itself is never modified
        y = m["5"](y)
        if self.has_dropout:
            y = m["6"](y)
        return y


def double_conv(in_channels: int, out_channels: int, mid_channels: int = None, residual: bool = False,
                **opts) -> nn.Module:
    """DoubleConv (an nn.Sequential) or, with residual, ResidualDoubleConv (same child names)."""
    cls = ResidualDoubleConv if residual else DoubleConv
    return cls(in_channels, out_channels, mid_channels, **opts)


class Down(nn.Sequential):
    """MaxPool2d(2, 2) then DoubleConv."""

    def __init__(self, in_channels: int, out_channels: int, **opts):
        super().__init__(
            nn.MaxPool2d(2, stride=2),
            double_conv(in_channels, out_channels, **opts),
        )


class AttentionGate(nn.Module):
    """MONAI's AttentionBlock (2-D): x * psi(relu(W_g(g) + W_x(x))), with W_g = Conv1x1(F_g, F_int,
    bias) + BN, W_x = Conv1x1(F_l, F_int, bias) + BN, psi = Conv1x1(F_int, 1, bias) + BN + Sigmoid,
    relu not in place. The norms are always BatchNorm2d (MONAI hard-codes them)."""

    def __init__(self, f_g: int, f_l: int, f_int: int):
        super().__init__()
        self.W_g = nn.Sequential(nn.Conv2d(f_g, f_int, kernel_size=1, bias=True), nn.BatchNorm2d(f_int))
        self.W_x = nn.Sequential(nn.Conv2d(f_l, f_int, kernel_size=1, bias=True), nn.BatchNorm2d(f_int))
        self.psi = nn.Sequential(nn.Conv2d(f_int, 1, kernel_size=1, bias=True), nn.BatchNorm2d(1), nn.Sigmoid())
        self.relu = nn.ReLU()

    def forward(self, g: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return x * self.psi(self.relu(self.W_g(g) + self.W_x(x)))


class Up(nn.Module):
    """Upsample the deeper map x1, zero-pad it to the skip x2's size, [gate x2 with x1,]
    cat([x2, x1]), DoubleConv.

    bilinear: Upsample x2 (align_corners=True), DoubleConv(in, out, mid=in//2).
    else: ConvTranspose2d(in, in//2, 2, stride 2), DoubleConv(in, out).
    attention: AttentionGate(F_g = in//2, F_l = in - F_g, F_int = F_l // 2), registered between
    "up" and "conv"; x2 = attention(g=x1, x=x2) after the padding.
    """

    def __init__(self, in_channels: int, out_channels: int, bilinear: bool = True,
                 attention: bool = False, **opts):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
        self.use_attention = bool(attention)
        if self.use_attention:
            f_g = in_channels // 2
            f_l = in_channels - f_g
            self.attention = AttentionGate(f_g, f_l, f_l // 2)
        if bilinear:
            self.conv = double_conv(in_channels, out_channels, in_channels // 2, **opts)
        else:
            self.conv = double_conv(in_channels, out_channels, **opts)

    def forward(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        x1 = self.up(x1)
        diff_y = x2.size(2) - x1.size(2)
        diff_x = x2.size(3) - x1.size(3)
        # [left, right, top, bottom]
        x1 = F.pad(x1, [diff_x // 2, diff_x - diff_x // 2, diff_y // 2, diff_y - diff_y // 2])
        if self.use_attention:
            x2 = self.attention(g=x1, x=x2)
        return self.conv(torch.cat([x2, x1], dim=1))


class OutConv(nn.Sequential):
    """1x1 conv with bias."""

    def __init__(self, in_channels: int, num_classes: int):
        super().__init__(nn.Conv2d(in_channels, num_classes, kernel_size=1))


class UNet(nn.Module):
    """UNet(in_channels, num_classes, bilinear, base_c) exactly as seed 004, or, with
    `channels`, the generalised form (see below). forward returns {"out": logits}.

    Generalisation: channels = [c0, c1, ..., cD] (depth D = number of Down/Up blocks,
    D >= 1). With f = 2 if bilinear else 1:
      in_conv DoubleConv(in, c0); down{k} Down(c_{k-1}, c_k) for k < D;
      down{D} Down(c_{D-1}, c_D // f);
      up{k} (k = 1..D, from the bottom) Up(c_{D-k+1}, c_{D-k} // f) for k < D,
      up{D} Up(c_1, c_0); out_conv OutConv(c0, classes).
    The seed is channels = [c, 2c, 4c, 8c, 16c]; Up's input count c_{D-k+1} equals the
    concatenated channels only when c_k = 2 c_{k-1} (as in the seed).

    Block options (blocks.py; every DoubleConv gets them, the 1x1 heads do not): norm, groups,
    act, slope, dropout, residual; attention adds an AttentionGate to every Up.
    """

    def __init__(self, in_channels: int = 1, num_classes: int = 2, bilinear: bool = True,
                 base_c: int = 64, channels: Sequence[int] = None, aux_level: int = 0,
                 norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01,
                 dropout: float = 0.0, residual: bool = False, attention: bool = False):
        super().__init__()
        self.in_channels = in_channels
        self.num_classes = num_classes
        self.bilinear = bilinear
        if not isinstance(attention, bool):
            raise ValueError(f"attention must be true or false, got {attention!r}")
        opts = check_options(norm=norm, groups=groups, act=act, slope=slope, dropout=dropout,
                             residual=residual)
        self.block_options = dict(opts, attention=attention)
        if channels is None:
            channels = [base_c, base_c * 2, base_c * 4, base_c * 8, base_c * 16]
        channels = list(channels)
        depth = len(channels) - 1
        assert depth >= 1
        self.depth = depth
        factor = 2 if bilinear else 1

        self.in_conv = double_conv(in_channels, channels[0], **opts)
        for k in range(1, depth + 1):
            out = channels[k] // factor if k == depth else channels[k]
            setattr(self, f"down{k}", Down(channels[k - 1], out, **opts))
        for k in range(1, depth + 1):
            lvl = depth - k  # resolution level this Up produces
            out = channels[lvl] if k == depth else channels[lvl] // factor
            setattr(self, f"up{k}", Up(channels[lvl + 1], out, bilinear, attention=attention, **opts))
        self.out_conv = OutConv(channels[0], num_classes)
        # Auxiliary head (the DSL's AuxLevel; not in the seed): OutConv on up{aux_level}'s output,
        # resized bilinearly (align_corners=False) to the input; returned as "aux".
        self.aux_level = aux_level
        if aux_level:
            assert 1 <= aux_level < depth
            self.aux_conv = OutConv(channels[depth - aux_level] // factor, num_classes)

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        size = x.shape[-2:]
        skips = [self.in_conv(x)]
        for k in range(1, self.depth + 1):
            skips.append(getattr(self, f"down{k}")(skips[-1]))
        x = skips.pop()
        result = {}
        for k in range(1, self.depth + 1):
            x = getattr(self, f"up{k}")(x, skips.pop())
            if k == self.aux_level:
                aux = F.interpolate(self.aux_conv(x), size=size, mode="bilinear", align_corners=False)
                result["aux"] = aux
        out = {"out": self.out_conv(x)}
        out.update(result)
        return out
