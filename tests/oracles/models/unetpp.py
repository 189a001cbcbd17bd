"""UNet++ (nested U-Net) reference, as in seed 004 (pytorch-nested-unet's NestedUNet).

State-dict keys: conv{i}_{j}.{conv1,bn1,conv2,bn2}.*, final.* or final1..final4.*.
"""
from typing import List, Sequence, Union

import torch
import torch.nn as nn


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


class NestedUNet(nn.Module):
    """Nodes X(i, j), i + j <= L (L = len(filters) - 1 = 4 in the seed):
    X(i, 0) = VGG(pool(X(i-1, 0))) (X(0, 0) = VGG(input));
    X(i, j) = VGG(cat([X(i, 0), ..., X(i, j-1), up(X(i+1, j-1))])), in = j*f[i] + f[i+1], out f[i].
    Heads: final (1x1 on X(0, L)) or final1..finalL (1x1 on X(0, 1..L)) with deep supervision.
    forward returns the logits tensor, or the list [out1..outL] with deep supervision.
    H and W must be divisible by 2^L.
    """

    def __init__(self, num_classes: int = 1, input_channels: int = 3, deep_supervision: bool = False,
                 filters: Sequence[int] = (32, 64, 128, 256, 512)):
        super().__init__()
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
                    block = VGGBlock(input_channels if i == 0 else f[i - 1], f[i], f[i])
                else:
                    block = VGGBlock(j * f[i] + f[i + 1], f[i], f[i])
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
