"""U2Net reference (seed 000: U-2-Net saliency model; seed 001: PaddleSeg multi-class variant).

State-dict keys are the seed's: encode_modules.{k}.conv_in.conv.weight, ...bn.*,
encode_modules.{k}.encode_modules.{j}.*, ...decode_modules.{j}.*, decode_modules.{k}.*,
side_modules.{k}.{weight,bias}, out_conv.{weight,bias}.

A configuration is {"encode": rows, "decode": rows}; a row is
[height, in_ch, mid_ch, out_ch, rsu4f, side].
"""
from typing import List, Sequence, Union

import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBNReLU(nn.Module):
    """Conv2d (no bias) -> BatchNorm2d -> ReLU; padding k//2 when not dilated, else the dilation."""

    def __init__(self, in_ch: int, out_ch: int, kernel_size: int = 3, dilation: int = 1):
        super().__init__()
        padding = kernel_size // 2 if dilation == 1 else dilation
        self.conv = nn.Conv2d(in_ch, out_ch, kernel_size, padding=padding, dilation=dilation, bias=False)
        self.bn = nn.BatchNorm2d(out_ch)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.bn(self.conv(x)))


class DownConvBNReLU(ConvBNReLU):
    """ConvBNReLU preceded (when down) by maxpool 2x2 stride 2, ceil_mode=True."""

    def __init__(self, in_ch: int, out_ch: int, kernel_size: int = 3, dilation: int = 1, down: bool = True):
        super().__init__(in_ch, out_ch, kernel_size, dilation)
        self.down = down

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.down:
            x = F.max_pool2d(x, kernel_size=2, stride=2, ceil_mode=True)
        return super().forward(x)


class UpConvBNReLU(ConvBNReLU):
    """ConvBNReLU on cat([deeper, skip]); when up, deeper is first resized bilinearly
    (align_corners=False) to the skip's H x W."""

    def __init__(self, in_ch: int, out_ch: int, kernel_size: int = 3, dilation: int = 1, up: bool = True):
        super().__init__(in_ch, out_ch, kernel_size, dilation)
        self.up = up

    def forward(self, deeper: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        if self.up:
            deeper = F.interpolate(deeper, size=skip.shape[2:], mode="bilinear", align_corners=False)
        return super().forward(torch.cat([deeper, skip], dim=1))


class RSU(nn.Module):
    """Residual U-block of height L >= 2.

    Encoder (L items): ConvBNReLU(out, mid); L-2 x [maxpool + ConvBNReLU(mid, mid)];
    bottom ConvBNReLU(mid, mid, d=2).
    Decoder (L-1 items): ConvBNReLU(2mid, mid) without upsampling, then L-2 x
    [upsample + ConvBNReLU(2mid, mid)]; the LAST decoder outputs out_ch.
    For L = 2 the seed's only decoder outputs mid (which cannot be added to x_in unless
    mid == out); we generalise: the last decoder always outputs out_ch.
    """

    def __init__(self, height: int, in_ch: int, mid_ch: int, out_ch: int):
        super().__init__()
        assert height >= 2, "RSU height must be >= 2"
        self.conv_in = ConvBNReLU(in_ch, out_ch)

        encode_list = [DownConvBNReLU(out_ch, mid_ch, down=False)]
        for _ in range(height - 2):
            encode_list.append(DownConvBNReLU(mid_ch, mid_ch))
        encode_list.append(ConvBNReLU(mid_ch, mid_ch, dilation=2))

        n_decode = height - 1
        decode_list = []
        for i in range(n_decode):
            last = i == n_decode - 1
            decode_list.append(UpConvBNReLU(mid_ch * 2, out_ch if last else mid_ch, up=(i > 0)))

        self.encode_modules = nn.ModuleList(encode_list)
        self.decode_modules = nn.ModuleList(decode_list)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x_in = self.conv_in(x)
        x = x_in
        skips = []
        for m in self.encode_modules:
            x = m(x)
            skips.append(x)
        x = skips.pop()  # the bottom (dilated) output starts the decoder
        for m in self.decode_modules:
            x = m(x, skips.pop())  # skips consumed in reverse order of production
        return x + x_in


class RSU4F(nn.Module):
    """RSU-4F: dilated convolutions instead of resampling."""

    def __init__(self, in_ch: int, mid_ch: int, out_ch: int):
        super().__init__()
        self.conv_in = ConvBNReLU(in_ch, out_ch)
        self.encode_modules = nn.ModuleList([
            ConvBNReLU(out_ch, mid_ch),
            ConvBNReLU(mid_ch, mid_ch, dilation=2),
            ConvBNReLU(mid_ch, mid_ch, dilation=4),
            ConvBNReLU(mid_ch, mid_ch, dilation=8),
        ])
        self.decode_modules = nn.ModuleList([
            ConvBNReLU(mid_ch * 2, mid_ch, dilation=4),
            ConvBNReLU(mid_ch * 2, mid_ch, dilation=2),
            ConvBNReLU(mid_ch * 2, out_ch),
        ])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x_in = self.conv_in(x)
        x = x_in
        skips = []
        for m in self.encode_modules:
            x = m(x)
            skips.append(x)
        x = skips.pop()
        for m in self.decode_modules:
            x = m(torch.cat([x, skips.pop()], dim=1))
        return x + x_in


def make_stage(row: Sequence) -> nn.Module:
    height, in_ch, mid_ch, out_ch, rsu4f, _side = row
    return RSU4F(in_ch, mid_ch, out_ch) if rsu4f else RSU(height, in_ch, mid_ch, out_ch)


class U2Net(nn.Module):
    """The outer U.

    out_ch == 1 (seed 000): 3x3 side convs, eval returns sigmoid(fused).
    PaddleSeg variant (seed 001; default when out_ch > 1): 1x1 side convs, no sigmoid, eval
    returns the fused logits (apply softmax over channels for probabilities).
    Training returns [fused] + sides, all logits at input H x W.

    Side modules are created in row order (encode rows, then decode rows) for the rows marked
    side; the side outputs are listed in the REVERSE of that order, which for the standard
    configs is De1, De2, De3, De4, De5, En6 (side_modules.0 is En6's conv, .5 is De1's).
    The fuse conv has (number of sides) * out_ch inputs (the seed writes encode_num * out_ch,
    which is the same number for the standard configs).
    """

    def __init__(self, cfg: dict, out_ch: int = 1, paddleseg: Union[bool, None] = None):
        super().__init__()
        assert "encode" in cfg and "decode" in cfg
        enc_rows, dec_rows = cfg["encode"], cfg["decode"]
        assert all(len(r) == 6 for r in list(enc_rows) + list(dec_rows)), "rows are [h, in, mid, out, rsu4f, side]"
        assert len(dec_rows) <= len(enc_rows) - 1, "each decode stage needs an encoder skip"
        self.encode_num = len(enc_rows)
        self.out_ch = out_ch
        self.paddleseg = (out_ch > 1) if paddleseg is None else bool(paddleseg)
        side_kernel = 1 if self.paddleseg else 3

        self.encode_modules = nn.ModuleList([make_stage(r) for r in enc_rows])
        self.decode_modules = nn.ModuleList([make_stage(r) for r in dec_rows])
        # (is_encoder, index) of each stage that has a side conv, in module order
        self.side_sources = [(True, i) for i, r in enumerate(enc_rows) if r[5]] + \
                            [(False, i) for i, r in enumerate(dec_rows) if r[5]]
        side_list = []
        for is_enc, i in self.side_sources:
            ch = (enc_rows if is_enc else dec_rows)[i][3]
            side_list.append(nn.Conv2d(ch, out_ch, kernel_size=side_kernel, padding=side_kernel // 2))
        self.side_modules = nn.ModuleList(side_list)
        self.out_conv = nn.Conv2d(len(side_list) * out_ch, out_ch, kernel_size=1)

    def forward(self, x: torch.Tensor) -> Union[torch.Tensor, List[torch.Tensor]]:
        _, _, h, w = x.shape
        encode_outputs = []
        for i, m in enumerate(self.encode_modules):
            x = m(x)
            encode_outputs.append(x)
            if i != self.encode_num - 1:
                x = F.max_pool2d(x, kernel_size=2, stride=2, ceil_mode=True)
        enc_out = list(encode_outputs)

        x = encode_outputs.pop()
        dec_out = []
        for m in self.decode_modules:
            skip = encode_outputs.pop()
            x = F.interpolate(x, size=skip.shape[2:], mode="bilinear", align_corners=False)
            x = m(torch.cat([x, skip], dim=1))
            dec_out.append(x)

        sides = []
        for (is_enc, i), m in zip(self.side_sources, self.side_modules):
            feat = enc_out[i] if is_enc else dec_out[i]
            sides.insert(0, F.interpolate(m(feat), size=[h, w], mode="bilinear", align_corners=False))

        fused = self.out_conv(torch.cat(sides, dim=1))
        if self.training:
            return [fused] + sides
        if self.paddleseg:
            return fused
        return torch.sigmoid(fused)


FULL_CFG = {
    # height, in_ch, mid_ch, out_ch, RSU4F, side
    "encode": [[7, 3, 32, 64, False, False],       # En1
               [6, 64, 32, 128, False, False],     # En2
               [5, 128, 64, 256, False, False],    # En3
               [4, 256, 128, 512, False, False],   # En4
               [4, 512, 256, 512, True, False],    # En5
               [4, 512, 256, 512, True, True]],    # En6
    "decode": [[4, 1024, 256, 512, True, True],    # De5
               [4, 1024, 128, 256, False, True],   # De4
               [5, 512, 64, 128, False, True],     # De3
               [6, 256, 32, 64, False, True],      # De2
               [7, 128, 16, 64, False, True]],     # De1
}

LITE_CFG = {
    "encode": [[7, 3, 16, 64, False, False],       # En1
               [6, 64, 16, 64, False, False],      # En2
               [5, 64, 16, 64, False, False],      # En3
               [4, 64, 16, 64, False, False],      # En4
               [4, 64, 16, 64, True, False],       # En5
               [4, 64, 16, 64, True, True]],       # En6
    "decode": [[4, 128, 16, 64, True, True],       # De5
               [4, 128, 16, 64, False, True],      # De4
               [5, 128, 16, 64, False, True],      # De3
               [6, 128, 16, 64, False, True],      # De2
               [7, 128, 16, 64, False, True]],     # De1
}


def u2net_full(out_ch: int = 1, paddleseg: Union[bool, None] = None) -> U2Net:
    return U2Net(FULL_CFG, out_ch, paddleseg)


def u2net_lite(out_ch: int = 1, paddleseg: Union[bool, None] = None) -> U2Net:
    return U2Net(LITE_CFG, out_ch, paddleseg)


def u2net_from_config(cfg: dict) -> U2Net:
    """cfg: {"encode": rows, "decode": rows[, "out_ch": int][, "paddleseg": bool]}."""
    return U2Net({"encode": cfg["encode"], "decode": cfg["decode"]},
                 int(cfg.get("out_ch", 1)), cfg.get("paddleseg"))


def apply_block_options(model: nn.Module, norm: str = "batch", groups: int = 8, act: str = "relu", slope: float = 0.01) -> nn.Module:
    """[Blocks(Norm, Activation)] on a U2Net: every ConvBNReLU's bn and relu replaced by the chosen norm and activation,
    under the same names (a PReLU's slope is "...relu.weight"); the seed's when both are the defaults."""
    from .blocks import make_norm, make_act
    if norm == "batch" and act == "relu":
        return model
    for m in model.modules():
        if isinstance(m, ConvBNReLU):
            m.bn = make_norm(norm, m.bn.num_features, groups)
            m.relu = make_act(act, slope)
    return model
