#!/usr/bin/env bash
# Speed of a generated network against the PyTorch reference of the same network, in one run:
#   scripts/bench-vs-pytorch.sh --model u2net [--size 320x320] [--threads 2] [--batch 1] [--runs 20] [--rounds 2] [--train]
# Runs `segment bench` and scripts/bench_reference.py (Debian python3-torch, eager, no_grad, same
# thread count, input size and batch) alternately for --rounds rounds, so that a load that comes
# and goes on the machine hits both sides alike, and prints every median, the best median of each
# side and their ratio (segment / pytorch: below 1 means faster than PyTorch). With --train both
# sides time a training step instead (train mode, forward, the seed's loss, backward, Adam step);
# the issue's setting is --train --model u2netp --size 96x96 --batch 4. For inference `segment bench --onnxruntime`
# also times the same network exported to ONNX in ONNX Runtime (CPU, same threads), and --int8 its int8 QDQ form.
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
# The median of the line that starts with $1 (segment bench prints "segment ..." and "onnxruntime ..." lines).
median() { sed -n "s/^$1 .*median_ms=\([0-9.]*\).*/\1/p"; }
best() { awk -v x="$1" -v y="$2" 'BEGIN { print (y == "" || x < y) ? x : y }'; }
ort=(); if [ ${#train[@]} -eq 0 ]; then ort=(--onnxruntime --int8); fi
best_ours="" best_ort="" best_int8="" best_theirs=""
for ((r = 1; r <= rounds; r++)); do
  ours=$("$root/segment" bench --model "$model" --size "$size" --threads "$threads" --batch "$batch" --runs "$runs" --warmup "$warmup" ${train[@]+"${train[@]}"} ${ort[@]+"${ort[@]}"})
  while IFS= read -r line; do echo "round $r: $line"; done <<<"$ours"
  theirs=$(OMP_NUM_THREADS="$threads" /usr/bin/python3 "$root/scripts/bench_reference.py" --model "$model" --size "$size" \
             --threads "$threads" --batch "$batch" --runs "$runs" --warmup "$warmup" ${train[@]+"${train[@]}"})
  echo "round $r: $theirs"
  best_ours=$(best "$(median 'segment[a-z-]*' <<<"$ours")" "$best_ours")
  best_theirs=$(best "$(median 'reference[a-z-]*' <<<"$theirs")" "$best_theirs")
  [ ${#ort[@]} -eq 0 ] || best_ort=$(best "$(median onnxruntime <<<"$ours")" "$best_ort")
  [ ${#ort[@]} -eq 0 ] || best_int8=$(best "$(median onnxruntime-int8 <<<"$ours")" "$best_int8")
done
awk -v a="$best_ours" -v b="$best_theirs" -v m="$model" -v s="$size" -v t="$threads" -v n="$batch" \
  -v what="${train[*]+train step}" -v o="$best_ort" -v q="$best_int8" \
  'BEGIN { printf "%s %s %s threads=%s batch=%s: segment %.1f ms (%.1f images/s), %s%spytorch %.1f ms (%.1f images/s), ratio segment/pytorch = %.3f%s%s\n", m, s, (what == "" ? "inference" : what), t, n, a, 1000 * n / a,
           (o == "" ? "" : sprintf("onnxruntime %.1f ms (%.1f images/s), ", o, 1000 * n / o)), (q == "" ? "" : sprintf("onnxruntime-int8 %.1f ms (%.1f images/s), ", q, 1000 * n / q)),
           b, 1000 * n / b, a / b, (o == "" ? "" : sprintf(", onnxruntime/pytorch = %.3f", o / b)), (q == "" ? "" : sprintf(", int8/onnxruntime = %.3f", q / o)) }'
