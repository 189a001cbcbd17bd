#!/usr/bin/env bash
# The main job on a built-in default: sets up, then runs the default pipeline of ./segment.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec ./segment demo "$@"
