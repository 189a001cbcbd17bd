#!/usr/bin/env bash
# Data-parallel training on this machine, in one run: training images/s of one process with 2 threads against
# 2 MPI ranks with 1 thread each (the same global batch, so the same steps), and the gradient allreduce's bytes
# and time per step. Usage: scripts/bench-distributed.sh [MODEL] [EPOCHS]  (default u2netp 3; sizes below).
# Needs Open MPI (scripts/setup.sh installs it). The figures are the last progress line of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-u2netp}"; epochs="${2:-3}"; size=64; images=32; global_batch=8
command -v mpirun >/dev/null || { echo "bench-distributed: mpirun is not installed (scripts/setup.sh installs Open MPI)"; exit 1; }
dotnet build examples/Cli/Segment.Examples.Cli.csproj -c Release -nologo -v q -clp:ErrorsOnly >&2
dll=examples/Cli/bin/Release/net10.0/segment.dll
work="$(mktemp -d "${TMPDIR:-/tmp}/bench-distributed.XXXXXX")"; trap 'rm -rf "$work"' EXIT
dotnet "$dll" synth --out "$work/data" --train-images "$images" --test-images 2 --size $((size * 320 / 288 + 1)) >/dev/null
common=(train --model "$model" --data "$work/data" --layout duts --epochs "$epochs" --warmup-epochs 0 --size "$size"
        --optimizer sgd --workers 1)

dotnet "$dll" "${common[@]}" --out "$work/one" --batch-size "$global_batch" --threads 2 > "$work/one.log"
mpirun -np 2 --allow-run-as-root --oversubscribe dotnet "$dll" "${common[@]}" --out "$work/two" \
  --batch-size $((global_batch / 2)) --threads 1 > "$work/two.log"

rate() { grep -o '[0-9.]* img/s' "$1" | tail -1; }
echo "model $model, ${size}x${size}, $images training images, global batch $global_batch, $epochs epoch(s), $(nproc) cores"
printf '%-34s %s\n' "1 process x 2 threads:" "$(rate "$work/one.log")"
printf '%-34s %s\n' "2 ranks x 1 thread (mpirun -np 2):" "$(rate "$work/two.log")"
grep '^allreduce:' "$work/two.log" || true
