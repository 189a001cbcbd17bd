#!/usr/bin/env bash
# The generator's cost against a reference commit, side by side in one run: both generators on the reference's example
# networks (the same declarations), the cold run and the unrelated edit, minimum over ROUNDS runs each, beside Roslyn's
# floor (benchmarks/Generator.Benchmarks --min). The goal: within 2x of the reference.
# usage: scripts/bench-generator.sh [REF] [ROUNDS]   REF defaults to 9026d73^ (before the generator redesign), ROUNDS to 50.
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-9026d73^}"
rounds="${2:-50}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/ref" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q --detach "$work/ref" "$ref"
dotnet build "$work/ref/benchmarks/Generator.Benchmarks" -c Release -v q -nologo >/dev/null
dotnet build benchmarks/Generator.Benchmarks -c Release -v q -nologo >/dev/null
echo "== reference: $(git log -1 --format='%h %s' "$ref" | cut -c1-90)"
(cd "$work/ref" && dotnet run -c Release --no-build --project benchmarks/Generator.Benchmarks -- --min "$rounds")
echo "== this tree ($(git log -1 --format=%h)), on the reference's networks"
SEGMENT_BENCH_NETWORKS="$work/ref/examples/Networks" dotnet run -c Release --no-build --project benchmarks/Generator.Benchmarks -- --min "$rounds"
