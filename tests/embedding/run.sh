#!/usr/bin/env bash
# One embedding recipe (examples/<lang>, bindings/python) against the library installed into a
# temporary prefix, as a user builds it: each renders golden/bench/reference.xml and its PNG
# must be byte for byte the PNG `dotlabel render` writes (whose dots the golden suite holds to
# golden/bench/reference.png).
# Usage: run.sh BUILD_DIR DOTLABEL_CLI c|python|go|php|node [NODE_WORK_DIR]
# Exits 77 (ctest's SKIP_RETURN_CODE) only when the language's toolchain is not installed
# (tools/install-deps.sh installs every one).
set -euo pipefail
build_dir=$1
cli=$2
lang=$3
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
skip() {
  echo "SKIP: $*" >&2
  exit 77
}
need() {
  command -v "$1" >/dev/null || skip "no $1: install it (tools/install-deps.sh)"
}

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
prefix=$work/prefix
lib=$prefix/lib
export PKG_CONFIG_PATH=$lib/pkgconfig
markup=$source_dir/golden/bench/reference.xml
golden=$work/expected.png
"$cli" render "$markup" -o "$golden" 2>/dev/null

case $lang in
  c)
    # CMake's find_package, then pkg-config: two builds of the same program.
    cmake -S "$source_dir/examples/c" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" >/dev/null
    cmake --build "$work/cmake" >/dev/null
    mkdir "$work/make"
    CFLAGS="-std=c99 -Wall -Wextra -Werror -pedantic" \
      make -s -C "$work/make" -f "$source_dir/examples/c/Makefile" VPATH="$source_dir/examples/c"
    for exe in "$work/cmake/render_label" "$work/make/render_label"; do
      LD_LIBRARY_PATH=$lib "$exe" "$markup" "$work/out.png"
      cmp "$work/out.png" "$golden"
      rm "$work/out.png"
    done
    ;;
  python)
    # Debian's interpreter has pytest, setuptools and wheel (python3-pytest, python3-venv).
    python=
    for candidate in python3 /usr/bin/python3; do
      if "$candidate" -c "import pytest, setuptools, wheel, venv" 2>/dev/null; then
        python=$candidate
        break
      fi
    done
    [ -n "$python" ] || skip "no python3 with pytest, setuptools and wheel (python3-pytest)"
    "$python" -m venv --system-site-packages "$work/venv"
    # From a copy: pip builds in the directory it is given.
    cp -r "$source_dir/bindings/python" "$work/package"
    "$work/venv/bin/python" -m pip install --quiet --no-build-isolation --no-index \
      --disable-pip-version-check "$work/package"
    # The library found by $DOTLABEL_LIBRARY alone, then by the loader's path for the tests.
    env -u LD_LIBRARY_PATH DOTLABEL_LIBRARY="$lib/libdotlabel.so.0" "$work/venv/bin/python" -c \
      "import dotlabel, sys; sys.exit(dotlabel.render(open(sys.argv[1]).read())[0] != open(sys.argv[2], 'rb').read())" \
      "$markup" "$golden"
    cd "$work"
    LD_LIBRARY_PATH=$lib DOTLABEL_CLI=$cli "$work/venv/bin/python" -m pytest -q -s \
      -p no:cacheprovider "$source_dir/bindings/python/tests"
    ;;
  go)
    need go
    export GOCACHE=$work/gocache GOPATH=$work/gopath GOFLAGS=-mod=mod GOPROXY=off
    (cd "$source_dir/examples/go" && go build -o "$work/render_label" .)
    LD_LIBRARY_PATH=$lib "$work/render_label" "$markup" "$work/out.png"
    cmp "$work/out.png" "$golden"
    ;;
  php)
    need php
    php -r 'exit(extension_loaded("ffi") ? 0 : 1);' || skip "PHP has no FFI extension"
    DOTLABEL_LIBRARY=$lib/libdotlabel.so.0 php "$source_dir/examples/php/render_label.php" \
      "$markup" "$work/out.png"
    cmp "$work/out.png" "$golden"
    ;;
  node)
    need node
    need npm
    # The pinned koffi (package-lock.json) is installed into NODE_WORK_DIR once per lock file.
    # Its binaries are inside the npm package: no install script runs, nothing else is fetched.
    modules=$4
    mkdir -p "$modules"
    if ! cmp -s "$source_dir/examples/node/package-lock.json" "$modules/installed-package-lock.json"; then
      cp "$source_dir/examples/node/package.json" "$source_dir/examples/node/package-lock.json" "$modules/"
      (cd "$modules" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
      cp "$source_dir/examples/node/package-lock.json" "$modules/installed-package-lock.json"
    fi
    # Run from beside its node_modules, as in examples/node after `npm ci`.
    cp "$source_dir/examples/node/render_label.js" "$modules/"
    DOTLABEL_LIBRARY=$lib/libdotlabel.so.0 node "$modules/render_label.js" "$markup" "$work/out.png"
    cmp "$work/out.png" "$golden"
    ;;
  *)
    echo "run.sh: unknown language $lang" >&2
    exit 2
    ;;
esac
echo "$lang: the reference label's PNG is the one dotlabel render writes"
