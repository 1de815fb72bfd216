#!/usr/bin/env bash
# dotlabel against two yardsticks on the reference label (golden/bench/reference.xml), in one
# run, every program on one thread pinned to the same core:
#   libpng:          libpng alone encoding the reference label's dots (800 x 480, 1 bit) at
#                    zlib level 1 without filter (bench/libpng_encode.c): what just writing the
#                    PNG costs a plain program;
#   zpl-renderer-js: the ZPL equivalent of the reference label rendered to base64 PNG (peer.js).
# dotlabel is measured twice: end to end in process (BM_EndToEnd/0: markup text -> base64 PNG)
# and `dotlabel base64 --jobs 1` over a file of LABELS labels like the reference
# (bench/make_labels.py), start-up included. Every rate is per CPU second (user + system), which
# a busy machine disturbs less than wall time. The programs run one after the other, ROUNDS
# times interleaved (a shared machine's speed wanders); the figures are the medians.
#
#   bench/peers/run.sh                 # ROUNDS=5, SECONDS_PER_RUN=2, LABELS=3000
#   BUILD_DIR=build-rel CORE=0 bench/peers/run.sh
#
# Needs node and npm (Debian's nodejs, npm); dotlabel is built in Release in $BUILD_DIR
# (default build-perf), configured here when it does not exist yet.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${SECONDS_PER_RUN:-2}
rounds=${ROUNDS:-5}
labels=${LABELS:-3000}
build=${BUILD_DIR:-$root/build-perf}
[[ $build = /* ]] || build=$root/$build
core=${CORE:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ ! -f $here/node_modules/zpl-renderer-js/package.json ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target dotlabel_bench dotlabel_libpng_bench dotlabel_cli >/dev/null
python3 "$root/bench/make_labels.py" "$labels" >"$work/labels.xml"
pin=(taskset -c "$core")

for round in $(seq "$rounds"); do
  "${pin[@]}" "$build/bin/dotlabel_libpng_bench" "$seconds" 2>/dev/null | awk '{print $2}' \
    >>"$work/libpng"
  "${pin[@]}" "$build/bin/dotlabel_bench" --benchmark_filter='BM_EndToEnd/0$' \
    --benchmark_min_time="$seconds" --benchmark_format=json 2>/dev/null |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["benchmarks"][0]["items_per_second"])' \
      >>"$work/end_to_end"
  # CPU seconds from wait4's rusage (microseconds): /usr/bin/time rounds them to 10 ms, a
  # twentieth of this run. dotlabel is started by posix_spawn on the pinned core, so that the
  # rusage is dotlabel's own: a forked Python child's copy-on-write faults and taskset's
  # start-up (~16 ms of CPU together, measured with /bin/true in dotlabel's place) are not in
  # it. Its diagnostics go to a file, as a batch's log would.
  python3 -c 'import os, sys
os.sched_setaffinity(0, {int(sys.argv[1])})
out, err = (os.open(f, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644) for f in sys.argv[2:4])
pid = os.posix_spawn(sys.argv[4], sys.argv[4:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)])
_, status, usage = os.wait4(pid, 0)
if status != 0:
    sys.exit("dotlabel base64 failed")
print(usage.ru_utime + usage.ru_stime)' "$core" "$work/out.txt" "$work/err.txt" "$build/bin/dotlabel" base64 \
    --jobs 1 "$work/labels.xml" >"$work/time"
  awk -v n="$labels" '{print n / $1}' "$work/time" >>"$work/batch"
  "${pin[@]}" node "$here/peer.js" "$seconds" | awk '{print $2}' >>"$work/peer"
  echo "round $round of $rounds done" >&2
done
[[ $(grep -c . "$work/out.txt") -eq $labels ]] || { echo "base64 printed no line per label" >&2; exit 1; }

python3 - "$work" "$rounds" "$labels" "$core" <<'PY'
import statistics, sys
work, rounds, labels, core = sys.argv[1:]
m = {k: statistics.median(float(x) for x in open(f"{work}/{k}")) for k in
     ("libpng", "end_to_end", "batch", "peer")}
print(f"medians of {rounds} interleaved rounds, one thread each on core {core}, per CPU second:")
print(f"libpng encoder alone (level 1, no filter): {m['libpng']:9.1f} encodes/s")
print(f"dotlabel end to end, in process:           {m['end_to_end']:9.1f} labels/s")
print(f"dotlabel base64 --jobs 1, {labels} labels:   {m['batch']:9.1f} labels/s")
print(f"zpl-renderer-js:                           {m['peer']:9.1f} labels/s")
print(f"(a) end to end / libpng encoder:  {m['end_to_end'] / m['libpng']:.2f}x")
print(f"(b) base64 batch / libpng encoder: {m['batch'] / m['libpng']:.2f}x")
print(f"(c) end to end / zpl-renderer-js: {m['end_to_end'] / m['peer']:.1f}x")
PY
