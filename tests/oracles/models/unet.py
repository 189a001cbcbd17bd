"""UNet reference (seed 004's unet.py, the milesial Pytorch-UNet layout of seeds 002/003).

State-dict keys: in_conv.{0,1,3,4}.*, down{n}.1.{0,1,3,4}.*, up{n}.up.{weight,bias}
(transposed only), up{n}.conv.{0,1,3,4}.*, out_conv.0.{weight,bias}.
"""
from typing import Dict, Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F


class DoubleConv(nn.Sequential):
    """Conv3x3(in, mid, pad 1, no bias) BN ReLU Conv3x3(mid, out, pad 1, no bias) BN ReLU."""

    def __init__(self, in_channels: int, out_channels: int, mid_channels: int = None):
        if mid_channels is None:
            mid_channels = out_channels
        super().__init__(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
        )


class Down(nn.Sequential):
    """MaxPool2d(2, 2) then DoubleConv."""

    def __init__(self, in_channels: int, out_channels: int):
        super().__init__(
            nn.MaxPool2d(2, stride=2),
            DoubleConv(in_channels, out_channels),
        )


class Up(nn.Module):
    """Upsample the deeper map x1, zero-pad it to the skip x2's size, cat([x2, x1]), DoubleConv.

    bilinear: Upsample x2 (align_corners=True), DoubleConv(in, out, mid=in//2).
    else: ConvTranspose2d(in, in//2, 2, stride 2), DoubleConv(in, out).
    """

    def __init__(self, in_channels: int, out_channels: int, bilinear: bool = True):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1: torch.Tensor, x2: torch.Tensor) -> torch.Tensor:
        x1 = self.up(x1)
        diff_y = x2.size(2) - x1.size(2)
        diff_x = x2.size(3) - x1.size(3)
        # [left, right, top, bottom]
        x1 = F.pad(x1, [diff_x // 2, diff_x - diff_x // 2, diff_y // 2, diff_y - diff_y // 2])
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
    """

    def __init__(self, in_channels: int = 1, num_classes: int = 2, bilinear: bool = True,
                 base_c: int = 64, channels: Sequence[int] = None, aux_level: int = 0):
        super().__init__()
        self.in_channels = in_channels
        self.num_classes = num_classes
        self.bilinear = bilinear
        if channels is None:
            channels = [base_c, base_c * 2, base_c * 4, base_c * 8, base_c * 16]
        channels = list(channels)
        depth = len(channels) - 1
        assert depth >= 1
        self.depth = depth
        factor = 2 if bilinear else 1

        self.in_conv = DoubleConv(in_channels, channels[0])
        for k in range(1, depth + 1):
            out = channels[k] // factor if k == depth else channels[k]
            setattr(self, f"down{k}", Down(channels[k - 1], out))
        for k in range(1, depth + 1):
            lvl = depth - k  # resolution level this Up produces
            out = channels[lvl] if k == depth else channels[lvl] // factor
            setattr(self, f"up{k}", Up(channels[lvl + 1], out, bilinear))
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
