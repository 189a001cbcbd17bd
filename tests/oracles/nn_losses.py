"""Oracle for the runtime's losses and metrics (tests/NN.Tests): the seed's definitions
(nn_seed_blocks.py, copied from seed 004) evaluated on fixed inputs.

usage: nn_losses.py OUTDIR

Inputs: out.npy, aux.npy (logits [N, C, H, W]), target.npy (int64 [N, H, W] with 255 pixels),
weight.npy (class weights), maps{i}.npy / bce_target.npy (U2Net maps and mask), and for the
metrics two batches m{b}_pred.npy / m{b}_target.npy. Results: one .npy per quantity (see main).
"""
import json
import os
import sys

import numpy as np
import torch
from torch.nn import functional as F

from nn_seed_blocks import ConfusionMatrix, DiceCoefficient, build_target, criterion, dice_coeff, dice_loss

torch.set_num_threads(1)
OUT = sys.argv[1]
N, C, H, W = 2, 3, 6, 7
IGNORE = 255


def save(name, t):
    if not torch.is_tensor(t):
        t = torch.tensor(t)
    np.save(os.path.join(OUT, name), t.detach().cpu().numpy())


def main():
    os.makedirs(OUT, exist_ok=True)
    g = torch.Generator().manual_seed(5)
    out = torch.randn(N, C, H, W, generator=g) * 2
    aux = torch.randn(N, C, H, W, generator=g) * 2
    target = torch.randint(0, C, (N, H, W), generator=g)
    target[torch.rand(N, H, W, generator=g) < 0.2] = IGNORE
    target[1, :, :] = torch.where(target[1] == 2, torch.zeros_like(target[1]), target[1])  # class 2 absent from image 1
    weight = torch.tensor([0.5, 1.0, 2.0])
    for name, t in [("out.npy", out), ("aux.npy", aux), ("target.npy", target), ("weight.npy", weight)]:
        save(name, t)

    # cross-entropy alone, then the seed's criterion with and without Dice and aux
    save("ce.npy", F.cross_entropy(out, target, ignore_index=IGNORE, weight=weight))
    dt = build_target(target, C, IGNORE)
    save("dice_target.npy", dt)
    save("dice_loss.npy", dice_loss(out, dt, multiclass=True, ignore_index=IGNORE))
    save("dice_loss_single.npy", dice_loss(out, dt, multiclass=False, ignore_index=IGNORE))
    save("dice_loss_noignore.npy", dice_loss(out, build_target(torch.where(target == IGNORE, 1, target), C), multiclass=True))
    save("dice_coeff_probs.npy", dice_coeff(F.softmax(out, 1), dt, ignore_index=IGNORE))
    save("crit_out.npy", criterion({"out": out}, target, weight, num_classes=C, ignore_index=IGNORE))
    save("crit_out_nodice.npy", criterion({"out": out}, target, weight, num_classes=C, dice=False, ignore_index=IGNORE))
    x = out.clone().requires_grad_(True)
    xa = aux.clone().requires_grad_(True)
    loss = criterion({"out": x, "aux": xa}, target, weight, num_classes=C, ignore_index=IGNORE)
    loss.backward()
    save("crit_aux.npy", loss)
    save("crit_aux_grad_out.npy", x.grad)
    save("crit_aux_grad_aux.npy", xa.grad)

    # U2Net: sum of BCE-with-logits over the fused map and the sides
    maps = [torch.randn(N, 1, H, W, generator=g) * 3 for _ in range(4)]
    mask = (torch.rand(N, 1, H, W, generator=g) < 0.4).float()
    for i, m in enumerate(maps):
        save(f"maps{i}.npy", m)
    save("bce_target.npy", mask)
    save("bce_sum.npy", sum(F.binary_cross_entropy_with_logits(m, mask) for m in maps))
    ws = [1.0, 0.5, 2.0, 0.25]
    save("bce_weighted.npy", sum(w * F.binary_cross_entropy_with_logits(m, mask) for w, m in zip(ws, maps)))

    # metrics over two batches; the second has a class absent from both prediction and target in one image
    confmat = ConfusionMatrix(C)
    dice = DiceCoefficient(num_classes=C, ignore_index=IGNORE)
    for b in range(2):
        pred = torch.randn(N, C, H, W, generator=g)
        t = torch.randint(0, C, (N, H, W), generator=g)
        t[torch.rand(N, H, W, generator=g) < 0.15] = IGNORE
        if b == 1:
            pred[0, 2] = -10.0
            t[0] = torch.where(t[0] == 2, torch.ones_like(t[0]), t[0])
        save(f"m{b}_pred.npy", pred)
        save(f"m{b}_target.npy", t)
        confmat.update(t.flatten(), pred.argmax(1).flatten())
        dice.update(pred, t)
    acc_global, acc, iu = confmat.compute()
    save("cm_mat.npy", confmat.mat)
    save("cm_acc_global.npy", acc_global)
    save("cm_acc.npy", acc)
    save("cm_iu.npy", iu)
    save("cm_miou.npy", iu.mean())
    save("dice_metric.npy", dice.value)

    with open(os.path.join(OUT, "losses.json"), "w") as f:
        json.dump({"N": N, "C": C, "H": H, "W": W, "ignore_index": IGNORE, "bce_weights": ws}, f)


if __name__ == "__main__":
    main()
