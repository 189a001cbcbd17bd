#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine and builds it. Safe to run twice:
# each step checks first and does nothing when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(libtorch-dev python3-torch python3-onnx python3-numpy libstb-dev protobuf-compiler cmake g++)
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

# ONNX Runtime for the export tests: the npm package carries the CPU library; its install
# script would try a download, hence --ignore-scripts.
if [ -f tests/onnx/package.json ] && [ ! -d tests/onnx/node_modules/onnxruntime-node ]; then
  echo "setup: npm install (tests/onnx)"
  (cd tests/onnx && npm install --ignore-scripts --no-audit --no-fund --silent)
fi

# The native shim (also built by MSBuild when missing; done here so errors show plainly).
cmake -S src/Runtime/Native -B src/Runtime/Native/build -DCMAKE_BUILD_TYPE=Release ${Torch_DIR:+-DTorch_DIR=$Torch_DIR} >/dev/null
cmake --build src/Runtime/Native/build -j "$(nproc)" >/dev/null

dotnet build Dsl.sln -c Release -nologo -v q -clp:ErrorsOnly
