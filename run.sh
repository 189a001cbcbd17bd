#!/usr/bin/env bash
# The main job on a built-in default: sets up, then `segment demo`: a synthetic DUTS-layout dataset on disk,
# u2netp trained on it, evaluated on the held-out split, its predictions and report (README, getting-started).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec ./segment demo "$@"
