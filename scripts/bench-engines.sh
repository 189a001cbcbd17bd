#!/usr/bin/env bash
# The engines side by side, in one run: for each network, TorchSharp (`segment bench`), ONNX Runtime fp32 (the same
# network exported, `segment bench --onnxruntime`), ONNX Runtime int8 (its QDQ form, `--int8`) and PyTorch eager (scripts/bench_reference.py, Debian python3-torch),
# same size, batch and threads, rounds interleaved (scripts/bench-vs-pytorch.sh per network), then one table of the
# best medians with images/s and the ratios to PyTorch:
#   scripts/bench-engines.sh [--models u2netp,u2net,unet] [--size 320x320] [--threads 2] [--batch 1,8] [--runs 20] [--rounds 2] [--predict N]
# --batch takes a list: every network at every batch, one table (default batch 1 and 8).
# --predict N also times `segment predict` end to end (default engine, pipelined, at the timed size) on N synthetic
# 512 x 512 JPEGs for each network, with seeded random weights (tests/oracles/make_weights.py), and prints its images/s
# beside ONNX Runtime's bare rate from the table above, and its peak RSS: over the whole folder (a one-image run
# subtracted, so process start and model loading are left out) and steady (the images after the first quarter, so the
# JIT's warm-up is left out as the bare rate leaves out its warm-up runs; give N of 100 or more); the best of --rounds
# runs, as the bare rate is, and the highest peak RSS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
models=u2netp,u2net,unet batches=1,8 pass=() predict=0 threads=2 size=320x320 rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --models) models="$2"; shift 2 ;;
    --threads) threads="$2"; pass+=("$1" "$2"); shift 2 ;;
    --size) size="$2"; pass+=("$1" "$2"); shift 2 ;;
    --rounds) rounds="$2"; pass+=("$1" "$2"); shift 2 ;;
    --batch) batches="$2"; shift 2 ;;
    --runs|--warmup) pass+=("$1" "$2"); shift 2 ;;
    --predict) predict="$2"; shift 2 ;;
    *) echo "bench-engines: unknown argument $1" >&2; exit 2 ;;
  esac
done
summaries=()
# ONNX Runtime's images/s per network, the reference for predict's end-to-end rate: at batch 1 (predict's), else at the
# first batch given.
declare -A bare
for batch in ${batches//,/ }; do
  for model in ${models//,/ }; do
    out=$("$root/scripts/bench-vs-pytorch.sh" --model "$model" --batch "$batch" ${pass[@]+"${pass[@]}"})
    echo "$out" | sed 's/^/  /'
    summaries+=("$(tail -n 1 <<<"$out")")
    if [ -z "${bare[$model]:-}" ] || [ "$batch" = 1 ]; then
      bare[$model]=$(awk '{ b = $5; sub("batch=", "", b); sub(":", "", b); for (i = 1; i <= NF; i++) if ($i == "onnxruntime") print 1000 * b / $(i + 1) }' <<<"${summaries[-1]}")
    fi
  done
done
echo
printf '%-8s %-9s %-6s %-22s %-22s %-22s %-22s %-12s %-12s %-12s\n' network size batch "torchsharp ms (img/s)" "onnxruntime ms (img/s)" "ort int8 ms (img/s)" "pytorch ms (img/s)" "ts/pytorch" "ort/pytorch" "int8/ort"
for line in "${summaries[@]}"; do
  # "<model> <size> inference threads=T batch=B: segment X ms (..), onnxruntime Y ms (..), pytorch Z ms (..), ..."
  awk '{
    model = $1; size = $2; batch = $5; sub("batch=", "", batch); sub(":", "", batch)
    for (i = 1; i <= NF; i++) {
      if ($i == "segment") ts = $(i + 1)
      if ($i == "onnxruntime") ort = $(i + 1)
      if ($i == "onnxruntime-int8") q = $(i + 1)
      if ($i == "pytorch") pt = $(i + 1)
    }
    printf "%-8s %-9s %-6s %-22s %-22s %-22s %-22s %-12.3f %-12.3f %-12.3f\n", model, size, batch,
      sprintf("%.1f (%.1f)", ts, 1000 * batch / ts), sprintf("%.1f (%.1f)", ort, 1000 * batch / ort), sprintf("%.1f (%.1f)", q, 1000 * batch / q), sprintf("%.1f (%.1f)", pt, 1000 * batch / pt), ts / pt, ort / pt, q / ort
  }' <<<"$line"
done

[ "$predict" -gt 0 ] || exit 0
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$root/segment" synth --out "$work/data" --train-images 1 --test-images "$predict" --size 512 >/dev/null
mkdir -p "$work/one"; cp "$(ls "$work"/data/DUTS-TE/DUTS-TE-Image/*.jpg | head -n 1)" "$work/one/"
export SEGMENT_CACHE_DIR="$work/cache"
# Predict runs every network at the timed size (a square one), so its rate compares with the bare rate above.
at=(); [ "${size%x*}" = "${size#*x}" ] && at=(--size "${size%x*}")
echo
printf '%-8s %-16s %-16s %-14s %-16s %-14s %-12s\n' network "predict img/s" "steady img/s" "bare ort img/s" "share (steady)" "share (all)" "peak RSS MB"
for model in ${models//,/ }; do
  /usr/bin/python3 "$root/tests/oracles/make_weights.py" --model "$model" --seed 1 --output "$work/$model.pth" >/dev/null
  # Runs predict on a folder; each image's line is stamped with the time it came out (bash's clock, no process per line).
  run() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$root/segment" predict --model "$model" --weights "$work/$model.pth" --threads "$threads" ${at[@]+"${at[@]}"} \
      --input "$1" --output "$work/out-$model" 2>"$work/stderr" | while IFS= read -r _; do echo "$EPOCHREALTIME"; done >"$work/stamps"
    [ "${PIPESTATUS[0]}" -eq 0 ] || { cat "$work/stderr" >&2; exit 1; }
  }
  run "$work/one"   # exports and caches the model
  : >"$work/rates"
  # As the bare rate is the best of its rounds, predict's is the best of as many runs over the folder.
  for ((r = 1; r <= rounds; r++)); do
    run "$work/one"; read -r one _ < "$work/time"
    run "$work/data/DUTS-TE/DUTS-TE-Image"; read -r all rss < "$work/time"
    # all: every image but one over the run's time less a one-image run's (process start and model loading left out);
    # steady: the images after the first quarter over the time they took (the JIT's and caches' warm-up left out, as
    # the bare rate leaves out its warm-up runs).
    awk -v n="$predict" -v a="$all" -v o="$one" -v r="$rss" '{ t[NR] = $1 }
      END { k = int(n / 4) + 1; print (n - 1) / (a - o), (NR - k) / (t[NR] - t[k]), r / 1024 }' "$work/stamps" >>"$work/rates"
  done
  awk -v m="$model" -v b="${bare[$model]}" '
    { if ($1 > rate) rate = $1; if ($2 > steady) steady = $2; if ($3 > rss) rss = $3 }
    END { printf "%-8s %-16.2f %-16.2f %-14.2f %-16s %-14s %-12.0f\n", m, rate, steady, b, sprintf("%.0f%%", 100 * steady / b), sprintf("%.0f%%", 100 * rate / b), rss }' "$work/rates"
done
