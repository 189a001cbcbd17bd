#!/usr/bin/env bash
# Speed of a generated network against the PyTorch reference of the same network, in one run:
#   scripts/bench-vs-pytorch.sh --model u2net [--size 320x320] [--threads 2] [--batch 1] [--runs 20]
# Prints the C# median, the PyTorch (Debian python3-torch, eager, no_grad) median and their ratio.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model=u2net size=320x320 threads=2 batch=1 runs=20 warmup=3
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "bench-vs-pytorch: unknown argument $1" >&2; exit 2 ;;
  esac
done
ours=$("$root/segment" bench --model "$model" --size "$size" --threads "$threads" --batch "$batch" --runs "$runs" --warmup "$warmup")
echo "$ours"
theirs=$(OMP_NUM_THREADS="$threads" /usr/bin/python3 "$root/scripts/bench_reference.py" --model "$model" --size "$size" --threads "$threads" --batch "$batch" --runs "$runs" --warmup "$warmup")
echo "$theirs"
a=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$ours")
b=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$theirs")
awk -v a="$a" -v b="$b" -v m="$model" 'BEGIN { printf "ratio %s segment/pytorch = %.3f (%.1f ms / %.1f ms)\n", m, a / b, a, b }'
