#!/usr/bin/env bash
# The C API's ABI (include/dotlabel/dotlabel.h) of a built libdotlabel against the one recorded
# in abi/libdotlabel.abi, with libabigail (Debian abigail-tools).
#   tools/abi-check.sh LIBRARY           compare; fails on any difference
#   tools/abi-check.sh LIBRARY --update  record LIBRARY's ABI (after a deliberate change)
# An incompatible change (a function removed, a struct or a signature changed) is refused, in
# both, unless the library's soname has a new major version. Any other difference fails the
# comparison until it is recorded, so that the record stays the ABI the next change is checked
# against.
# Exits 77 (skipped) when abidw is missing or LIBRARY has no debug information to read types
# from (a Release build).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
library=$1
record=$here/abi/libdotlabel.abi
suppressions=$here/abi/c-api.suppr

command -v abidw >/dev/null || {
  echo "SKIP: no abidw: install abigail-tools (tools/install-deps.sh)" >&2
  exit 77
}
if [[ $(readelf -S "$library") != *.debug_info* ]]; then
  echo "SKIP: $library has no debug information (build RelWithDebInfo or Debug)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
abidw --suppressions "$suppressions" --no-corpus-path --no-comp-dir-path --drop-undefined-syms \
  --type-id-style hash --out-file "$work/current.abi" "$library"
# Source paths relative to the repository, not to wherever it was cloned: the record is the
# same from any checkout (abidiff does not compare them).
sed -i "s|path='$here/|path='|g" "$work/current.abi"

if [ "${2:-}" = --update ] && [ ! -s "$record" ]; then  # the first record
  cp "$work/current.abi" "$record"
  echo "recorded the ABI of $library in abi/libdotlabel.abi"
  exit 0
fi

soname() { grep -o -m1 "soname='[^']*'" "$1" | sed "s/soname='\(.*\)'/\1/"; }
recorded_soname=$(soname "$record")
current_soname=$(soname "$work/current.abi")

# Both inputs are already reduced to the C API, so abidiff needs no suppressions here.
status=0
abidiff "$record" "$work/current.abi" >"$work/report" || status=$?
if ((status & 3)); then
  cat "$work/report"
  echo "abi-check: abidiff failed (status $status)" >&2
  exit 1
fi
# abidiff calls only removed symbols incompatible; dotlabel.h's rules are stricter and looser:
# a struct may grow at its end and an enum may gain values (compatible), but a member moved,
# removed or retyped, a signature changed or an enumerator renumbered is not.
incompatible=no
if ((status & 8)) ||
  grep -Eq '[1-9][0-9]* Removed|offset changed|deletion|deleted|removed|name changed|return type|value changed|was (added|removed)|changed to' "$work/report"; then
  incompatible=yes
fi
if [ "$incompatible" = yes ] && [ "$recorded_soname" = "$current_soname" ]; then
  cat "$work/report"
  echo "abi-check: an incompatible change of the C API with the same soname ($current_soname):" \
    "undo it, or raise the major version (project VERSION in CMakeLists.txt) with it" >&2
  exit 1
fi
if [ "${2:-}" = --update ]; then
  cp "$work/current.abi" "$record"
  echo "recorded the ABI of $library ($current_soname) in abi/libdotlabel.abi"
  exit 0
fi
if [ "$status" -eq 0 ]; then
  echo "the C API's ABI is the one recorded ($current_soname)"
  exit 0
fi
cat "$work/report"
if [ "$incompatible" = yes ]; then
  echo "abi-check: the soname went from $recorded_soname to $current_soname with an incompatible" \
    "change: record the new ABI with tools/abi-check.sh LIBRARY --update" >&2
else
  echo "abi-check: the C API changed compatibly: record it with tools/abi-check.sh LIBRARY --update" >&2
fi
exit 1
