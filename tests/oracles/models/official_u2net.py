"""U²-Net as xuebinqin/U-2-Net's model/u2net.py builds it (U2NET, U2NETP), for the checkpoint-format tests.

Written from that file's structure and names (not copied): REBNCONV = conv_s1 (Conv2d WITH bias, padding and
dilation = dirate) -> bn_s1 -> ReLU; RSU-L has rebnconvin, rebnconv1..rebnconvL (max-pool 2/2 ceil_mode between
rebnconv1..rebnconv{L-1}, rebnconvL dilated 2) and rebnconv{L-1}d..rebnconv1d on cat(deeper, skip), the deeper map
upsampled bilinearly (F.upsample, i.e. align_corners=False) to the skip; RSU-4F has dilations 1, 2, 4, 8 and
decoders 4, 2, 1 with no resampling. The outer U: stage1..stage6 with pools between, stage5d..stage1d, side1 (on
stage1d) .. side6 (on stage6) 3x3 convs upsampled to side1's size, outconv 1x1 on cat(d1..d6). The forward returns
seven sigmoids, the fused one first. Parameter counts: U2NETP 1,131,181, U2NET 44,009,869.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class REBNCONV(nn.Module):
    def __init__(self, in_ch, out_ch, dirate=1):
        super().__init__()
        self.conv_s1 = nn.Conv2d(in_ch, out_ch, 3, padding=dirate, dilation=dirate)
        self.bn_s1 = nn.BatchNorm2d(out_ch)
        self.relu_s1 = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu_s1(self.bn_s1(self.conv_s1(x)))


def upsample_like(src, tar):
    return F.interpolate(src, size=tar.shape[2:], mode="bilinear", align_corners=False)


def pool(x):
    return F.max_pool2d(x, 2, stride=2, ceil_mode=True)


class RSU(nn.Module):
    """RSU-L (L = height) of the official code: the attribute names and registration order of RSU7..RSU4."""

    def __init__(self, height, in_ch, mid_ch, out_ch):
        super().__init__()
        self.height = height
        self.rebnconvin = REBNCONV(in_ch, out_ch)
        self.rebnconv1 = REBNCONV(out_ch, mid_ch)
        for i in range(2, height):
            setattr(self, f"rebnconv{i}", REBNCONV(mid_ch, mid_ch))
        setattr(self, f"rebnconv{height}", REBNCONV(mid_ch, mid_ch, dirate=2))
        for i in range(height - 1, 1, -1):
            setattr(self, f"rebnconv{i}d", REBNCONV(mid_ch * 2, mid_ch))
        self.rebnconv1d = REBNCONV(mid_ch * 2, out_ch)

    def forward(self, x):
        hxin = self.rebnconvin(x)
        skips = [self.rebnconv1(hxin)]
        for i in range(2, self.height):
            skips.append(getattr(self, f"rebnconv{i}")(pool(skips[-1])))
        hx = getattr(self, f"rebnconv{self.height}")(skips[-1])
        hx = getattr(self, f"rebnconv{self.height - 1}d")(torch.cat((hx, skips[-1]), 1))
        for i in range(self.height - 2, 0, -1):
            skip = skips[i - 1]
            hx = getattr(self, f"rebnconv{i}d")(torch.cat((upsample_like(hx, skip), skip), 1))
        return hx + hxin


class RSU4F(nn.Module):
    def __init__(self, in_ch, mid_ch, out_ch):
        super().__init__()
        self.rebnconvin = REBNCONV(in_ch, out_ch)
        self.rebnconv1 = REBNCONV(out_ch, mid_ch, dirate=1)
        self.rebnconv2 = REBNCONV(mid_ch, mid_ch, dirate=2)
        self.rebnconv3 = REBNCONV(mid_ch, mid_ch, dirate=4)
        self.rebnconv4 = REBNCONV(mid_ch, mid_ch, dirate=8)
        self.rebnconv3d = REBNCONV(mid_ch * 2, mid_ch, dirate=4)
        self.rebnconv2d = REBNCONV(mid_ch * 2, mid_ch, dirate=2)
        self.rebnconv1d = REBNCONV(mid_ch * 2, out_ch, dirate=1)

    def forward(self, x):
        hxin = self.rebnconvin(x)
        hx1 = self.rebnconv1(hxin)
        hx2 = self.rebnconv2(hx1)
        hx3 = self.rebnconv3(hx2)
        hx4 = self.rebnconv4(hx3)
        hx3d = self.rebnconv3d(torch.cat((hx4, hx3), 1))
        hx2d = self.rebnconv2d(torch.cat((hx3d, hx2), 1))
        hx1d = self.rebnconv1d(torch.cat((hx2d, hx1), 1))
        return hx1d + hxin


# (height or "4F", in, mid, out) of stage1..stage6 then stage5d..stage1d, and the side convs' input channels (side1..side6).
TABLES = {
    "u2net": ([(7, 3, 32, 64), (6, 64, 32, 128), (5, 128, 64, 256), (4, 256, 128, 512), ("4F", 512, 256, 512), ("4F", 512, 256, 512)],
              [("4F", 1024, 256, 512), (4, 1024, 128, 256), (5, 512, 64, 128), (6, 256, 32, 64), (7, 128, 16, 64)],
              [64, 64, 128, 256, 512, 512]),
    "u2netp": ([(7, 3, 16, 64), (6, 64, 16, 64), (5, 64, 16, 64), (4, 64, 16, 64), ("4F", 64, 16, 64), ("4F", 64, 16, 64)],
               [("4F", 128, 16, 64), (4, 128, 16, 64), (5, 128, 16, 64), (6, 128, 16, 64), (7, 128, 16, 64)],
               [64, 64, 64, 64, 64, 64]),
}


def make_stage(row):
    height, in_ch, mid_ch, out_ch = row
    return RSU4F(in_ch, mid_ch, out_ch) if height == "4F" else RSU(height, in_ch, mid_ch, out_ch)


class OfficialU2Net(nn.Module):
    """U2NET (table "u2net") or U2NETP ("u2netp") with the official names."""

    def __init__(self, table="u2net", out_ch=1):
        super().__init__()
        encoders, decoders, sides = TABLES[table]
        for i, row in enumerate(encoders, 1):
            setattr(self, f"stage{i}", make_stage(row))
        for i, row in zip(range(5, 0, -1), decoders):
            setattr(self, f"stage{i}d", make_stage(row))
        for i, ch in enumerate(sides, 1):
            setattr(self, f"side{i}", nn.Conv2d(ch, out_ch, 3, padding=1))
        self.outconv = nn.Conv2d(6 * out_ch, out_ch, 1)

    def forward(self, x):
        enc = []
        hx = x
        for i in range(1, 7):
            hx = getattr(self, f"stage{i}")(hx)
            enc.append(hx)
            if i < 6:
                hx = pool(hx)
        dec = {6: enc[5]}
        hx = enc[5]
        for i in range(5, 0, -1):
            hx = getattr(self, f"stage{i}d")(torch.cat((upsample_like(hx, enc[i - 1]), enc[i - 1]), 1))
            dec[i] = hx
        d = [getattr(self, f"side{i}")(dec[i]) for i in range(1, 7)]
        d = [d[0]] + [upsample_like(s, d[0]) for s in d[1:]]
        d0 = self.outconv(torch.cat(d, 1))
        return tuple(torch.sigmoid(t) for t in [d0] + d)
