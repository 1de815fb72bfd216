#!/usr/bin/env bash
# Every figure of docs/performance.md in one run (about 3 minutes): the benchmark suite pinned
# to one core, `dotlabel base64` over 1,000 and 10,000 labels on 1 and 2 threads, RUNS times
# each (median wall time and peak RSS from /usr/bin/time), `dotlabel check` on a small file (hyperfine when installed),
# and bench/peers/run.sh. Measure on a quiet machine: check `uptime` first.
#
#   bench/figures.sh            # BUILD_DIR=build-perf (Release, configured when missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-perf}
[[ $build = /* ]] || build=$root/$build
core=${CORE:-$(($(nproc) - 1))}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target dotlabel_bench dotlabel_cli >/dev/null
uptime

echo "== benchmark (one core: $core; BM_Batch unpinned)"
taskset -c "$core" "$build/bin/dotlabel_bench" --benchmark_filter='-BM_Batch' \
  --benchmark_min_time="${MIN_TIME:-1}" --benchmark_repetitions="${REPETITIONS:-3}" \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep -E '_median|^Benchmark|^---'
"$build/bin/dotlabel_bench" --benchmark_filter='BM_Batch' --benchmark_min_time=1 2>/dev/null |
  grep BM_

echo "== dotlabel base64 over many labels (${RUNS:-5} runs each, --jobs 1 and 2 interleaved)"
# A shared VM's wall times wander by 10-20 %: the median of interleaved runs is the figure.
for n in 1000 10000; do
  python3 "$root/bench/make_labels.py" "$n" >"$work/labels-$n.xml"
  for _ in $(seq "${RUNS:-5}"); do
    for jobs in 1 2; do
      /usr/bin/time -a -o "$work/time-$n-$jobs" -f "%e %U %M" \
        "$build/bin/dotlabel" base64 --jobs "$jobs" "$work/labels-$n.xml" >"$work/out-$n-$jobs.txt"
    done
  done
  python3 - "$n" "$work/time-$n-1" "$work/time-$n-2" <<'PY'
import statistics, sys
n, runs = sys.argv[1], [[line.split() for line in open(f)] for f in sys.argv[2:]]
walls = [statistics.median(float(r[0]) for r in rs) for rs in runs]
for jobs, (rs, wall) in enumerate(zip(runs, walls), 1):
    print(f"labels={n} jobs={jobs} wall median={wall:.2f}s min={min(float(r[0]) for r in rs):.2f}s "
          f"user median={statistics.median(float(r[1]) for r in rs):.2f}s "
          f"peak_rss max={max(int(r[2]) for r in rs)}KB")
print(f"labels={n}: jobs 2 vs 1 = {walls[0] / walls[1]:.2f}x (medians)")
PY
  cmp -s "$work/out-$n-1.txt" "$work/out-$n-2.txt" && echo "labels=$n: --jobs 1 and 2 identical"
done

echo "== dotlabel check on a small file"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 10 --runs 100 \
    "$build/bin/dotlabel check $root/golden/bench/reference.xml" 2>/dev/null | grep -E 'Time|Range'
else
  start=$(date +%s%N)
  for _ in $(seq 100); do "$build/bin/dotlabel" check "$root/golden/bench/reference.xml"; done
  echo "mean: $((($(date +%s%N) - start) / 100000)) us"
fi

echo "== peer"
BUILD_DIR=$build CORE=$core "$root/bench/peers/run.sh"
