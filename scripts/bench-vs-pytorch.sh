#!/usr/bin/env bash
# Speed of a generated network against the PyTorch reference of the same network, in one run:
#   scripts/bench-vs-pytorch.sh --model u2net [--size 320x320] [--threads 2] [--batch 1] [--runs 20] [--rounds 2] [--train]
# Runs `segment bench` and scripts/bench_reference.py (Debian python3-torch, eager, no_grad, same
# thread count, input size and batch) alternately for --rounds rounds, so that a load that comes
# and goes on the machine hits both sides alike, and prints every median, the best median of each
# side and their ratio (segment / pytorch: below 1 means faster than PyTorch). With --train both
# sides time a training step instead (train mode, forward, the seed's loss, backward, Adam step);
# the issue's setting is --train --model u2netp --size 96x96 --batch 4.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
model=u2net size=320x320 threads=2 batch=1 runs=20 warmup=3 rounds=2 train=()
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --train) train=(--train); shift ;;
    *) echo "bench-vs-pytorch: unknown argument $1" >&2; exit 2 ;;
  esac
done
"$root/segment" --help >/dev/null 2>&1 || true   # builds the CLI first when needed, outside the timings
median() { sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p'; }
best_ours="" best_theirs=""
for ((r = 1; r <= rounds; r++)); do
  ours=$("$root/segment" bench --model "$model" --size "$size" --threads "$threads" --batch "$batch" --runs "$runs" --warmup "$warmup" ${train[@]+"${train[@]}"})
  echo "round $r: $ours"
  theirs=$(OMP_NUM_THREADS="$threads" /usr/bin/python3 "$root/scripts/bench_reference.py" --model "$model" --size "$size" \
             --threads "$threads" --batch "$batch" --runs "$runs" --warmup "$warmup" ${train[@]+"${train[@]}"})
  echo "round $r: $theirs"
  a=$(median <<<"$ours"); b=$(median <<<"$theirs")
  best_ours=$(awk -v x="$a" -v y="$best_ours" 'BEGIN { print (y == "" || x < y) ? x : y }')
  best_theirs=$(awk -v x="$b" -v y="$best_theirs" 'BEGIN { print (y == "" || x < y) ? x : y }')
done
awk -v a="$best_ours" -v b="$best_theirs" -v m="$model" -v s="$size" -v t="$threads" -v n="$batch" \
  -v what="${train[*]+train step}" \
  'BEGIN { printf "%s %s %s threads=%s batch=%s: segment %.1f ms, pytorch %.1f ms, ratio segment/pytorch = %.3f\n", m, s, (what == "" ? "inference" : what), t, n, a, b, a / b }'
