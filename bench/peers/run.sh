#!/usr/bin/env bash
# Compares dotlabel with zpl-renderer-js on the same label in one run: the peer renders the ZPL
# equivalent of golden/bench/reference.xml (peer.js), dotlabel the reference itself
# (BM_EndToEnd/0: markup text -> base64 PNG), each on one thread pinned to the same core, one
# after the other. Prints both rates and the ratio.
#
#   bench/peers/run.sh                 # 5 s each; SECONDS_PER_RUN=10 for longer runs
#   BUILD_DIR=build-rel bench/peers/run.sh
#
# Needs node and npm (Debian's nodejs, npm); dotlabel is built in Release in $BUILD_DIR
# (default build-perf), configured here when it does not exist yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${SECONDS_PER_RUN:-5}
build=${BUILD_DIR:-$root/build-perf}
[[ $build = /* ]] || build=$root/$build
core=${CORE:-$(($(nproc) - 1))}

if [[ ! -f $here/node_modules/zpl-renderer-js/package.json ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target dotlabel_bench >/dev/null

peer=$(taskset -c "$core" node "$here/peer.js" "$seconds" | awk '{print $2}')
ours=$(taskset -c "$core" "$build/bin/dotlabel_bench" --benchmark_filter='BM_EndToEnd/0$' \
         --benchmark_min_time="$seconds" --benchmark_format=json 2>/dev/null |
       python3 -c 'import json, sys; b = json.load(sys.stdin)["benchmarks"][0]; print("%.1f" % b["items_per_second"])')
echo "zpl-renderer-js: $peer labels/s"
echo "dotlabel:        $ours labels/s"
python3 -c "print('ratio: %.1fx' % ($ours / $peer))"
