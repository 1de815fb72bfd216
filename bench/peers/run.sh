#!/usr/bin/env bash
# Compares dotlabel with zpl-renderer-js on the same label in one run: each renders the
# reference label (ZPL equivalent for the peer) to base64 PNG on one thread, pinned to the same
# core one after the other. Prints both rates and the ratio.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${SECONDS_PER_RUN:-5}
(cd "$here" && npm ci --no-audit --no-fund --silent)
cmake --build "$root/build" --target dotlabel_bench >/dev/null
peer=$(taskset -c 0 node "$here/peer.js" "$seconds" | awk '{print $2}')
ours=$(taskset -c 0 "$root/build/bin/dotlabel_bench" --benchmark_filter='BM_EndToEnd/0$' \
        --benchmark_min_time="$seconds" --benchmark_format=json |
       python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print(f"{b[\"items_per_second\"]:.1f}")')
echo "zpl-renderer-js: $peer labels/s"
echo "dotlabel:        $ours labels/s"
python3 -c "print(f'ratio: {float($ours)/float($peer):.1f}x')"
