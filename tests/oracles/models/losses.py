"""Losses and metrics of the seeds.

- U2Net (seed 000): sum of binary cross-entropies of the fused map and the six sides against
  the ground truth, all weights 1, computed on logits (BCE-with-logits).
  PaddleSeg variant (seed 001, out_ch > 1): cross-entropy over classes instead.
- UNet (seed 004, train_utils): per output CE(weight, ignore_index) + multi-class Dice loss;
  `out + 0.5 * aux` when there is an aux output. DiceCoefficient metric (argmax, background
  excluded) and ConfusionMatrix mIoU.
- UNet++ (the seeds do not define its loss; the issue's acceptance text does): per head
  BCE-with-logits for one class, cross-entropy (ignore_index 255) for several; with deep
  supervision the mean over the heads. Opt-in ("dice": true, the DSL's Dice = true, one class
  only): pytorch-nested-unet's BCEDiceLoss = 0.5 * BCE-with-logits + (1 - soft Dice, smooth
  1e-5, per sample mean) per head.
"""
from collections import OrderedDict
from typing import Dict, List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---------------------------------------------------------------- U2Net (seed 000 / 001)

def u2net_loss_terms(outputs: List[torch.Tensor], target: torch.Tensor,
                     ignore_index: int = 255) -> "OrderedDict[str, torch.Tensor]":
    """outputs = [fused, side1..side6] (logits, train mode).

    out_ch == 1: target float in [0, 1], shape [N, 1, H, W] or [N, H, W];
    each term = F.binary_cross_entropy_with_logits(x, target) (mean reduction).
    out_ch > 1: target int64 [N, H, W]; each term = F.cross_entropy(x, target, ignore_index).
    Returns OrderedDict(fused, side1.., total) with total = sum of the terms (weights 1).
    """
    names = ["fused"] + [f"side{i}" for i in range(1, len(outputs))]
    terms = OrderedDict()
    for name, x in zip(names, outputs):
        if x.shape[1] == 1:
            t = target.to(x.dtype)
            if t.dim() == 3:
                t = t.unsqueeze(1)
            terms[name] = F.binary_cross_entropy_with_logits(x, t)
        else:
            terms[name] = F.cross_entropy(x, target.long(), ignore_index=ignore_index)
    terms["total"] = sum(terms.values())
    return terms


def u2net_loss(outputs: List[torch.Tensor], target: torch.Tensor) -> torch.Tensor:
    return u2net_loss_terms(outputs, target)["total"]


# ---------------------------------------------------------------- UNet (seed 004)

def build_target(target: torch.Tensor, num_classes: int = 2, ignore_index: int = -100) -> torch.Tensor:
    """[N, H, W] int64 labels -> [N, C, H, W] one-hot float; ignored pixels hold ignore_index
    in every channel."""
    dice_target = target.clone()
    if ignore_index >= 0:
        ignore_mask = torch.eq(target, ignore_index)
        dice_target[ignore_mask] = 0
        dice_target = F.one_hot(dice_target, num_classes).float()  # [N, H, W, C]
        dice_target[ignore_mask] = ignore_index
    else:
        dice_target = F.one_hot(dice_target, num_classes).float()
    return dice_target.permute(0, 3, 1, 2)


def dice_coeff(x: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
               epsilon: float = 1e-6) -> torch.Tensor:
    """Mean over the batch of the Dice coefficient of one class ([N, H, W] maps)."""
    d = 0.
    batch_size = x.shape[0]
    for i in range(batch_size):
        x_i = x[i].reshape(-1)
        t_i = target[i].reshape(-1)
        if ignore_index >= 0:
            roi_mask = torch.ne(t_i, ignore_index)
            x_i = x_i[roi_mask]
            t_i = t_i[roi_mask]
        t_i = t_i.to(x_i.dtype)  # the seed's one-hot target is float32; a float64 run (--dtype float64) needs it in x's dtype
        inter = torch.dot(x_i, t_i)
        sets_sum = torch.sum(x_i) + torch.sum(t_i)
        if sets_sum == 0:
            sets_sum = 2 * inter
        d += (2 * inter + epsilon) / (sets_sum + epsilon)
    return d / batch_size


def multiclass_dice_coeff(x: torch.Tensor, target: torch.Tensor, ignore_index: int = -100,
                          epsilon: float = 1e-6) -> torch.Tensor:
    """Mean over classes (channels) of dice_coeff."""
    dice = 0.
    for channel in range(x.shape[1]):
        dice += dice_coeff(x[:, channel, ...], target[:, channel, ...], ignore_index, epsilon)
    return dice / x.shape[1]


def dice_loss(x: torch.Tensor, target: torch.Tensor, multiclass: bool = False,
              ignore_index: int = -100) -> torch.Tensor:
    """1 - Dice of softmax(x) against the one-hot target (from build_target)."""
    x = F.softmax(x, dim=1)
    fn = multiclass_dice_coeff if multiclass else dice_coeff
    return 1 - fn(x, target, ignore_index=ignore_index)


def unet_criterion_terms(inputs: Dict[str, torch.Tensor], target: torch.Tensor,
                         loss_weight: Optional[torch.Tensor] = None, num_classes: int = 2,
                         dice: bool = True, ignore_index: int = 255) -> "OrderedDict[str, torch.Tensor]":
    """Seed 004's criterion, with its parts exposed: for each output name
    `<name>_ce`, `<name>_dice` (if dice) and `<name>` (= ce + dice); then `total`
    (= out, or out + 0.5 * aux)."""
    terms = OrderedDict()
    losses = {}
    for name, x in inputs.items():
        loss = F.cross_entropy(x, target, ignore_index=ignore_index, weight=loss_weight)
        terms[f"{name}_ce"] = loss
        if dice:
            dice_target = build_target(target, num_classes, ignore_index)
            d = dice_loss(x, dice_target, multiclass=True, ignore_index=ignore_index)
            terms[f"{name}_dice"] = d
            loss = loss + d
        terms[name] = loss
        losses[name] = loss
    if len(losses) == 1:
        terms["total"] = losses["out"]
    else:
        terms["total"] = losses["out"] + 0.5 * losses["aux"]
    return terms


def unet_criterion(inputs: Dict[str, torch.Tensor], target: torch.Tensor,
                   loss_weight: Optional[torch.Tensor] = None, num_classes: int = 2,
                   dice: bool = True, ignore_index: int = 255) -> torch.Tensor:
    return unet_criterion_terms(inputs, target, loss_weight, num_classes, dice, ignore_index)["total"]


class DiceCoefficient:
    """Validation Dice: argmax one-hot prediction vs target, background channel excluded,
    averaged over update() calls."""

    def __init__(self, num_classes: int = 2, ignore_index: int = -100):
        self.cumulative_dice = None
        self.num_classes = num_classes
        self.ignore_index = ignore_index
        self.count = None

    def update(self, pred: torch.Tensor, target: torch.Tensor) -> None:
        if self.cumulative_dice is None:
            self.cumulative_dice = torch.zeros(1, dtype=pred.dtype, device=pred.device)
        if self.count is None:
            self.count = torch.zeros(1, dtype=pred.dtype, device=pred.device)
        pred = F.one_hot(pred.argmax(dim=1), self.num_classes).permute(0, 3, 1, 2).float()
        dice_target = build_target(target, self.num_classes, self.ignore_index)
        self.cumulative_dice += multiclass_dice_coeff(pred[:, 1:], dice_target[:, 1:],
                                                      ignore_index=self.ignore_index)
        self.count += 1

    @property
    def value(self) -> torch.Tensor:
        if self.cumulative_dice is None or self.count == 0:
            return torch.zeros(1)
        return self.cumulative_dice / self.count

    def reset(self) -> None:
        if self.cumulative_dice is not None:
            self.cumulative_dice.zero_()
        if self.count is not None:
            self.count.zero_()


class ConfusionMatrix:
    """mat[true, pred] counts; pixels whose true label is outside [0, n) (e.g. 255) are skipped.
    update(target.flatten(), output.argmax(1).flatten())."""

    def __init__(self, num_classes: int):
        self.num_classes = num_classes
        self.mat = None

    def update(self, a: torch.Tensor, b: torch.Tensor) -> None:
        n = self.num_classes
        if self.mat is None:
            self.mat = torch.zeros((n, n), dtype=torch.int64, device=a.device)
        with torch.no_grad():
            k = (a >= 0) & (a < n)
            inds = n * a[k].to(torch.int64) + b[k]
            self.mat += torch.bincount(inds, minlength=n ** 2).reshape(n, n)

    def reset(self) -> None:
        if self.mat is not None:
            self.mat.zero_()

    def compute(self):
        """(global pixel accuracy, per-class accuracy (recall), per-class IoU)."""
        h = self.mat.float()
        acc_global = torch.diag(h).sum() / h.sum()
        acc = torch.diag(h) / h.sum(1)
        iu = torch.diag(h) / (h.sum(1) + h.sum(0) - torch.diag(h))
        return acc_global, acc, iu

    def miou(self) -> torch.Tensor:
        return self.compute()[2].mean()


# ---------------------------------------------------------------- UNet++ (pytorch-nested-unet)

def bce_dice_loss(x: torch.Tensor, target: torch.Tensor, smooth: float = 1e-5) -> torch.Tensor:
    bce = F.binary_cross_entropy_with_logits(x, target)
    p = torch.sigmoid(x)
    num = target.size(0)
    p = p.view(num, -1)
    t = target.view(num, -1)
    inter = (p * t).sum(1)
    dice = (2. * inter + smooth) / (p.sum(1) + t.sum(1) + smooth)
    return 0.5 * bce + (1 - dice.sum() / num)


def nested_unet_head_loss(x: torch.Tensor, target: torch.Tensor, dice: bool = False,
                          ignore_index: int = 255) -> torch.Tensor:
    """One head's loss. One class (x [N, 1, H, W]): target float [N, 1, H, W] in [0, 1],
    BCE-with-logits, or bce_dice_loss with dice. Several classes: target int64 [N, H, W],
    cross-entropy with ignore_index (dice does not apply)."""
    if x.shape[1] == 1:
        t = target.to(x.dtype)
        return bce_dice_loss(x, t) if dice else F.binary_cross_entropy_with_logits(x, t)
    return F.cross_entropy(x, target.long(), ignore_index=ignore_index)


def nested_unet_loss_terms(outputs, target: torch.Tensor, dice: bool = False,
                           ignore_index: int = 255) -> "OrderedDict[str, torch.Tensor]":
    """outputs: logits tensor, or list of heads (deep supervision; loss = mean over heads)."""
    terms = OrderedDict()
    if isinstance(outputs, (list, tuple)):
        for j, x in enumerate(outputs, 1):
            terms[f"out{j}"] = nested_unet_head_loss(x, target, dice, ignore_index)
        terms["total"] = sum(terms.values()) / len(outputs)
    else:
        terms["out"] = nested_unet_head_loss(outputs, target, dice, ignore_index)
        terms["total"] = terms["out"]
    return terms
