#!/usr/bin/env bash
# Installs every Debian package dotlabel needs to build, test and render. Idempotent: when all
# are present it changes nothing and asks no mirror.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang clang-format libclang-rt-14-dev valgrind
  # libraries
  libpugixml-dev nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
  libcairo2-dev libfreetype-dev libzint-dev libqrencode-dev
  libpng-dev libdeflate-dev libjpeg62-turbo-dev libcsv-dev libcurl4-openssl-dev libssl-dev
  # XXH3 of the font files (docs/fonts.md), header only: XXH_INLINE_ALL links nothing
  libxxhash-dev
  # the dotlabel program's allocator (docs/performance.md), not the library's
  libmimalloc-dev
  # printer fonts (docs/fonts.md pins their files and sha256)
  fonts-terminus fonts-ocr-b fonts-wqy-zenhei fonts-unifont
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libzxing-dev libxml2-utils pngcheck
  # tests/serve/browser drives the dotlabel serve page in it, headless (npm: playwright-core)
  chromium
  # the C API's recorded ABI (tools/abi-check.sh) and the embedding recipes (tests/embedding):
  # the Python package and its tests, Go's cgo, PHP's FFI (Node's koffi comes from npm)
  abigail-tools python3-venv python3-setuptools python3-wheel python3-pytest golang-go php-cli
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "installing: ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
