#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, then builds and runs tests/consumer against it
# with find_package(dotlabel CONFIG), and checks the pkg-config file too.
set -euo pipefail
build_dir=$1
source_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
LD_LIBRARY_PATH="$work/prefix/lib:${LD_LIBRARY_PATH:-}" "$work/build/consumer"
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --exists dotlabel
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --libs dotlabel | grep -q -- -ldotlabel
