"""Oracle for Segment.Runtime.Training.LearningRates (tests/Training.Tests).

usage: lr_schedule.py --schedule poly|cosine|cosine-annealing --steps-per-epoch N --epochs E --warmup-epochs W --lr LR [--min-lr M]

Runs the seeds' create_lr_scheduler (WZMIAOMIAO's pytorch_segmentation: unet/train_utils's poly version,
u2net/train_utils's cosine version, copied below as the projects define them) through torch's LambdaLR
on an SGD optimizer, stepping once per batch as train_one_epoch does, and prints JSON: the learning rate
each step 0..E*N-1 trains with (param_groups[0]["lr"] before that step's scheduler.step()).
cosine-annealing is UNet++'s (4uiiurz1/pytorch-nested-unet train.py): torch's CosineAnnealingLR(T_max=E,
eta_min=M), stepped once per epoch after the epoch's batches, without warmup.
"""
import argparse
import json
import math

import torch


def create_lr_scheduler(optimizer, num_step, epochs, warmup=True, warmup_epochs=1, warmup_factor=1e-3,
                        cosine=False, end_factor=1e-6):
    assert num_step > 0 and epochs > 0
    if warmup is False:
        warmup_epochs = 0

    def f(x):
        if warmup is True and x <= (warmup_epochs * num_step):
            alpha = float(x) / (warmup_epochs * num_step)
            return warmup_factor * (1 - alpha) + alpha
        if cosine:
            current_step = (x - warmup_epochs * num_step)
            cosine_steps = (epochs - warmup_epochs) * num_step
            return ((1 + math.cos(current_step * math.pi / cosine_steps)) / 2) * (1 - end_factor) + end_factor
        return (1 - (x - warmup_epochs * num_step) / ((epochs - warmup_epochs) * num_step)) ** 0.9

    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda=f)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--schedule", choices=["poly", "cosine", "cosine-annealing"], required=True)
    p.add_argument("--steps-per-epoch", type=int, required=True)
    p.add_argument("--epochs", type=int, required=True)
    p.add_argument("--warmup-epochs", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--min-lr", type=float, default=0.0)
    a = p.parse_args()
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=a.lr)
    if a.schedule == "cosine-annealing":
        assert a.warmup_epochs == 0
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=a.epochs, eta_min=a.min_lr)
        lrs = []
        for _ in range(a.epochs):
            for _ in range(a.steps_per_epoch):
                lrs.append(opt.param_groups[0]["lr"])
                opt.step()
            sched.step()
        print(json.dumps(lrs))
        return
    sched = create_lr_scheduler(opt, a.steps_per_epoch, a.epochs, warmup=a.warmup_epochs > 0,
                                warmup_epochs=a.warmup_epochs, cosine=a.schedule == "cosine")
    lrs = []
    for _ in range(a.epochs * a.steps_per_epoch):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    print(json.dumps(lrs))


if __name__ == "__main__":
    main()
