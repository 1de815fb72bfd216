#!/usr/bin/env bash
# Set-up command 1: install dependencies, build the CLI, render the built-in demo label.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target dotlabel_cli
build/bin/dotlabel render examples/demo.xml -o build/demo.png
echo "demo label written to $(pwd)/build/demo.png"
