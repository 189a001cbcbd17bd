#!/usr/bin/env bash
# Runs every test. Sets up first (./scripts/setup.sh), then each test project, and ends with
# the plain line "N passed, N failed, N skipped" computed from the TRX results.
set -uo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

# The tests' scratch files (weights, models, datasets, images: several GB in all) go to a folder of this run,
# removed when every test passed, so repeated runs do not fill the disk and a failure leaves its files to look at.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/segment-test-run.XXXXXX")"
export TMPDIR="$scratch"

results="$(pwd)/.work/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
for proj in tests/*.Tests/*.csproj; do
  name="$(basename "$proj" .csproj)"
  echo "== $name"
  dotnet test "$proj" -c Release --no-build -nologo -v q \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal" || status=1
done

read -r passed failed skipped < <(/usr/bin/python3 scripts/trx_counts.py "$results"/*.trx)
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  # A test host crash or a build error: no TRX counts the failure, so count it here.
  failed=1
fi
if [ "$failed" = 0 ] && [ "$status" = 0 ]; then
  rm -rf "$scratch"
else
  echo "scratch files of this run kept in $scratch"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$status" = 0 ]
