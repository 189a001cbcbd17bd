"""Reference for the evaluation metrics (tests/Data.Tests/MetricTests.cs), in numpy on predictions resized
back to each ground truth's size with torch's F.interpolate(bilinear, align_corners=False), as the seeds'
evaluations (WZMIAOMIAO's train_utils) resize them.

- U2Net (salient objects): MAE and max F-measure as BASNet's Binary-Segmentation-Evaluation-Tool computes
  them for the U2Net paper: per image, np.histogram(pred * 255, bins=np.arange(256)) of the foreground
  (gt > 128) and background pixels, flipped cumulative sums -> precision = tp / (tp + fp + 1e-8), recall =
  tp / (|gt| + 1e-8); precision and recall averaged over images; F = 1.3 P R / (0.3 P + R + 1e-8); max over
  the 255 thresholds. MAE: mean |pred - gt / 255| per image, averaged over images.
- UNet / UNet++: the confusion matrix over all pixels whose target is a class (255 ignored): global accuracy,
  per-class IoU, mIoU; Dice per image over classes 1.. ((2 x.t + 1e-6) / (sum x + sum t + 1e-6), sum = 0 ->
  2 x.t), averaged over classes then images.

usage: data_metrics.py OUTDIR   writes sal_pred{i}.npy (float32 [1, 1, h, w]), sal_gt{i}.npy (uint8 [H, W]),
seg_logits{i}.npy (float32 [1, C, h, w]), seg_target{i}.npy (int64 [H, W]) and metrics.json.
"""
import json
import os
import sys

import numpy as np
import torch
from torch.nn import functional as F

OUT = sys.argv[1]
BETA2 = 0.3
C = 3
IGNORE = 255


def resized(pred, h, w):
    return F.interpolate(torch.from_numpy(pred), size=(h, w), mode="bilinear", align_corners=False).numpy()


def pre_rec(gt, pred255):
    # BASNet's compute_pre_rec, with the prediction as a float 0..255 map
    gt_num = gt[gt > 128].size
    pp = pred255[gt > 128]
    nn = pred255[gt <= 128]
    pp_hist, _ = np.histogram(pp, bins=np.arange(0, 256))
    nn_hist, _ = np.histogram(nn, bins=np.arange(0, 256))
    pp_cum = np.cumsum(np.flipud(pp_hist))
    nn_cum = np.cumsum(np.flipud(nn_hist))
    precision = pp_cum / (pp_cum + nn_cum + 1e-8)
    recall = pp_cum / (gt_num + 1e-8)
    return precision, recall


def saliency(rng):
    sizes = [((12, 12), (17, 23)), ((12, 12), (9, 13)), ((8, 8), (8, 8)), ((16, 12), (30, 20))]
    maes, pres, recs = [], [], []
    for i, ((h, w), (gh, gw)) in enumerate(sizes):
        pred = (1 / (1 + np.exp(-3 * rng.standard_normal((1, 1, h, w))))).astype(np.float32)
        gt = np.where(rng.random((gh, gw)) < 0.4, 255, 0).astype(np.uint8)
        gt[rng.random((gh, gw)) < 0.1] = (128, 129, 127, 1)[i]   # soft edges: 128 is background, 129 foreground
        np.save(os.path.join(OUT, f"sal_pred{i}.npy"), pred)
        np.save(os.path.join(OUT, f"sal_gt{i}.npy"), gt)
        p = np.clip(resized(pred, gh, gw)[0, 0].astype(np.float64), 0.0, 1.0)
        maes.append(np.abs(p - gt / 255.0).mean())
        pr, rc = pre_rec(gt, p * 255.0)
        pres.append(pr)
        recs.append(rc)
    pre = np.mean(pres, 0)
    rec = np.mean(recs, 0)
    fm = (1 + BETA2) * pre * rec / (BETA2 * pre + rec + 1e-8)
    return {"count": len(sizes), "mae": float(np.mean(maes)), "max_f": float(fm.max()), "f_measures_flipped": fm.tolist()}


def dice_one(x, t):
    inter = float((x * t).sum())
    sets = float(x.sum() + t.sum())
    if sets == 0:
        sets = 2 * inter
    return (2 * inter + 1e-6) / (sets + 1e-6)


def segmentation(rng):
    sizes = [((8, 10), (21, 17)), ((8, 10), (8, 10)), ((6, 6), (13, 29)), ((10, 8), (40, 33))]
    mat = np.zeros((C, C), dtype=np.int64)
    dices = []
    for i, ((h, w), (th, tw)) in enumerate(sizes):
        logits = (2 * rng.standard_normal((1, C, h, w))).astype(np.float32)
        target = rng.integers(0, C, (th, tw)).astype(np.int64)
        target[rng.random((th, tw)) < 0.15] = IGNORE
        np.save(os.path.join(OUT, f"seg_logits{i}.npy"), logits)
        np.save(os.path.join(OUT, f"seg_target{i}.npy"), target)
        pred = resized(logits, th, tw)[0].argmax(0)
        valid = target != IGNORE
        mat += np.bincount(C * target[valid] + pred[valid], minlength=C * C).reshape(C, C)
        dices.append(np.mean([dice_one(((pred == c) & valid).astype(np.float64), ((target == c) & valid).astype(np.float64)) for c in range(1, C)]))
    diag = np.diag(mat).astype(np.float64)
    iou = diag / (mat.sum(1) + mat.sum(0) - diag)
    return {"count": len(sizes), "classes": C, "acc_global": float(diag.sum() / mat.sum()), "iou": iou.tolist(),
            "miou": float(iou.mean()), "dice": float(np.mean(dices)), "confusion": mat.reshape(-1).tolist()}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240)
    result = {"saliency": saliency(rng), "segmentation": segmentation(rng)}
    with open(os.path.join(OUT, "metrics.json"), "w") as f:
        json.dump(result, f)


main()
