#!/usr/bin/env bash
# One valgrind memcheck run of the CLI over every golden case (render + compare in one process)
# and over `check` of the vendor samples (tests/corpus/vendor/). Any error or definite leak
# fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
# tools/memcheck.supp holds the few false positives from outside dotlabel (glibc's loader).
# valgrind replaces the program's allocator (mimalloc) with its own, but mimalloc gives operator
# new and operator new[] one address, so every delete would look mismatched here: that check is
# left to the AddressSanitizer run (.ci/run), built without mimalloc.
vg=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --track-origins=no --quiet --show-mismatched-frees=no
    --suppressions=tools/memcheck.supp)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== memcheck: dotlabel golden golden/"
"${vg[@]}" "$build_dir/bin/dotlabel" golden golden/ --out "$out" >"$out/golden.log" 2>&1 || {
  cat "$out/golden.log"; exit 1; }
tail -1 "$out/golden.log"
echo "== memcheck: dotlabel check (vendor samples)"
status=0
samples=(examples/demo.xml)
mapfile -t -O 1 samples < <(find tests/corpus/vendor -name '*.xml')
"${vg[@]}" "$build_dir/bin/dotlabel" check "${samples[@]}" >"$out/check.log" 2>&1 || status=$?
# Exit 1 (diagnostics with errors) is fine here; valgrind's own 99 is not.
if [ "$status" -eq 99 ]; then cat "$out/check.log"; exit 1; fi
echo "memcheck: no errors, no leaks"
