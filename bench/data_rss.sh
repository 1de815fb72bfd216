#!/usr/bin/env bash
# Peak memory of `dotlabel base64 --data` over 1,000 and 100,000 CSV rows (issue #15: within
# 10 % of each other, because rows are streamed, at most a window of labels per thread is held
# and the output is spooled to a temporary file). Usage: bench/data_rss.sh [BUILD_DIR] [JOBS]
set -euo pipefail
build=${1:-build}
jobs=${2:-0}
root=$(cd "$(dirname "$0")/.." && pwd)
tool="$build/bin/dotlabel"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rows() {  # rows N: the shipping example's columns, every value different
  python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
print("name,address,tracking,store")
for i in range(1, n + 1):
    print(f'"Customer {i}, Ltd","{i} Harbour Rd, Sydney",SF{1000000000 + i},Kiosk {i % 7}')
PY
}

peak() {  # peak RSS in KiB of base64 over rows file $1; the output must have $2 lines
  /usr/bin/time -v "$tool" base64 "$root/examples/shipping.xml" --data "$1" -j "$jobs" \
    >"$work/out" 2>"$work/time"
  lines=$(wc -l <"$work/out")
  [ "$lines" -eq "$2" ] || { echo "expected $2 lines, got $lines" >&2; exit 1; }
  grep 'Maximum resident' "$work/time" | awk '{print $NF}'
}

rows 1000 >"$work/small.csv"
rows 100000 >"$work/large.csv"
small=$(peak "$work/small.csv" 1000)
large=$(peak "$work/large.csv" 100000)
echo "peak RSS, base64 --data -j $jobs: 1,000 rows $small KiB; 100,000 rows $large KiB"
python3 -c "s, l = $small, $large; print(f'ratio {l / s:.3f} (target <= 1.10)')"
