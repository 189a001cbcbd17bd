"""Reference timing: the seeds' network in plain eager PyTorch (eval, torch.no_grad()).

  /usr/bin/python3 scripts/bench_reference.py --model u2net --size 320x320 --threads 2 \
      --batch 1 --warmup 3 --runs 10 [--config JSON] [--channels C] [--seed S] [--train]

Prints one line:
  reference <model> <H>x<W> threads=N batch=B median_ms=<value>
(median wall time of one forward over --runs timed runs after --warmup untimed ones).
With --train, one training step instead: train mode, forward, the seed's loss (U2Net: BCE with
logits of the fused map and every side against a random binary mask; UNet families: their
criterion from tests/oracles/models/losses.py), backward, torch.optim.Adam(lr 1e-3) step; the line
reads "reference-train ...".
Models: see tests/oracles/models/registry.py (u2net, u2netp, unet, unet-transposed, unet32,
unetpp, unetpp-ds, and the -config variants). Weights are the default PyTorch init (timing
does not depend on the values).
"""
import argparse
import os
import resource
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "oracles"))

from models.registry import build_model, MODEL_NAMES  # noqa: E402


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, choices=MODEL_NAMES)
    p.add_argument("--config")
    p.add_argument("--size", default="320x320", help="HxW")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--channels", type=int, default=3, help="input channels")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--train", action="store_true", help="time a training step (forward, loss, backward, Adam)")
    a = p.parse_args(argv)
    h, w = (int(v) for v in a.size.lower().split("x"))
    if a.runs < 1:
        p.error("--runs must be >= 1")

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.train:
        return train_bench(a, h, w)
    model = build_model(a.model, a.config).eval()
    x = torch.randn(a.batch, a.channels, h, w)

    times = []
    with torch.no_grad():
        for _ in range(a.warmup):
            model(x)
        for _ in range(a.runs):
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1000.0)
    print(f"reference {a.model} {h}x{w} threads={a.threads} batch={a.batch} "
          f"median_ms={statistics.median(times):.1f} peak_rss_mb={peak_rss_mb():.0f}")
    return 0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def train_bench(a, h: int, w: int) -> int:
    from models.registry import family
    from models import losses as L
    model = build_model(a.model, a.config).train()
    fam = family(a.model)
    x = torch.randn(a.batch, a.channels, h, w)
    mask = (torch.rand(a.batch, 1, h, w) > 0.5).float()
    labels = torch.randint(0, 2, (a.batch, h, w))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def loss_of(result):
        if fam == "u2net":
            return L.u2net_loss_terms(result, mask)["total"]
        if fam == "unet":
            return L.unet_criterion_terms(result, labels, num_classes=model.num_classes, ignore_index=255)["total"]
        return L.nested_unet_loss_terms(result, mask, dice=False, ignore_index=255)["total"]

    def step():
        opt.zero_grad()
        loss_of(model(x)).backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000.0)
    print(f"reference-train {a.model} {h}x{w} threads={a.threads} batch={a.batch} "
          f"median_ms={statistics.median(times):.1f} peak_rss_mb={peak_rss_mb():.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
