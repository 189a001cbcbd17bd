#!/usr/bin/env bash
# The engines side by side, in one run: for each network, TorchSharp (`segment bench`), ONNX Runtime fp32 (the same
# network exported, `segment bench --onnxruntime`) and PyTorch eager (scripts/bench_reference.py, Debian python3-torch),
# same size, batch and threads, rounds interleaved (scripts/bench-vs-pytorch.sh per network), then one table of the
# best medians with images/s and the ratios to PyTorch:
#   scripts/bench-engines.sh [--models u2netp,u2net,unet] [--size 320x320] [--threads 2] [--batch 1] [--runs 20] [--rounds 2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
models=u2netp,u2net,unet pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --models) models="$2"; shift 2 ;;
    --size|--threads|--batch|--runs|--warmup|--rounds) pass+=("$1" "$2"); shift 2 ;;
    *) echo "bench-engines: unknown argument $1" >&2; exit 2 ;;
  esac
done
summaries=()
for model in ${models//,/ }; do
  out=$("$root/scripts/bench-vs-pytorch.sh" --model "$model" ${pass[@]+"${pass[@]}"})
  echo "$out" | sed 's/^/  /'
  summaries+=("$(tail -n 1 <<<"$out")")
done
echo
printf '%-8s %-9s %-6s %-22s %-22s %-22s %-12s %-12s\n' network size batch "torchsharp ms (img/s)" "onnxruntime ms (img/s)" "pytorch ms (img/s)" "ts/pytorch" "ort/pytorch"
for line in "${summaries[@]}"; do
  # "<model> <size> inference threads=T batch=B: segment X ms (..), onnxruntime Y ms (..), pytorch Z ms (..), ..."
  awk '{
    model = $1; size = $2; batch = $5; sub("batch=", "", batch); sub(":", "", batch)
    for (i = 1; i <= NF; i++) {
      if ($i == "segment") ts = $(i + 1)
      if ($i == "onnxruntime") ort = $(i + 1)
      if ($i == "pytorch") pt = $(i + 1)
    }
    printf "%-8s %-9s %-6s %-22s %-22s %-22s %-12.3f %-12.3f\n", model, size, batch,
      sprintf("%.1f (%.1f)", ts, 1000 * batch / ts), sprintf("%.1f (%.1f)", ort, 1000 * batch / ort), sprintf("%.1f (%.1f)", pt, 1000 * batch / pt), ts / pt, ort / pt
  }' <<<"$line"
done
