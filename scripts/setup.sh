#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine and builds it. Safe to run twice:
# each step checks first and does nothing when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# The test oracles: Debian's PyTorch 1.13, ONNX and PIL (PIL reads the PNGs tests/Data.Tests writes; called as /usr/bin/python3; nothing here builds on them).
apt_packages=(python3-torch python3-onnx python3-numpy python3-pil)
# Headless Chromium renders the training report in tests/Report.Tests (run with --no-sandbox, so it works as root).
apt_packages+=(chromium)
# Open MPI: mpirun and libmpi.so.40 for data-parallel training (docs/distributed.md); tests/Networks.Tests runs mpirun -np 2.
# MPICH beside it (mpiexec.mpich, libmpich.so.12; mpirun stays Open MPI's, priority 50 against 40): the MPICH-ABI test.
apt_packages+=(openmpi-bin libopenmpi-dev mpich)
# TorchSharp 0.107's native library needs GLIBCXX_3.4.32 (GCC 13's libstdc++). Where the system's libstdc++
# is older (Debian 12, Ubuntu 22.04) every build patches its copy in the build output
# (build/torchsharp_loader_fix.py, run by build/Segment.TorchSharpLoaderFix.targets), which needs patchelf
# and a C compiler for a one-function library. See docs/torchsharp-loader.md.
# awk reads to the end (no early exit): under pipefail, ldconfig killed by SIGPIPE would fail the whole set-up.
libstdcxx=$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found {print $NF; found = 1}')
if [ -n "$libstdcxx" ] && ! grep -q 'GLIBCXX_3\.4\.32' "$libstdcxx"; then
  apt_packages+=(patchelf gcc libc6-dev)
fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Restores TorchSharp, the CPU libtorch and ONNX Runtime (Microsoft.ML.OnnxRuntime, for the export tests and
# segment bench --onnxruntime) from NuGet, builds, and applies the loader fix to each output.
dotnet build Dsl.sln -c Release -nologo -v q -clp:ErrorsOnly
