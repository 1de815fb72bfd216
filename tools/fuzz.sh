#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60), seeded from
# golden/ and the vendor samples. Any crash, leak, sanitizer report or timeout fails the run;
# the reproducer is left in build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash tools/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOTLABEL_FUZZ=ON >/dev/null
cmake --build build-fuzz
corpus=build-fuzz/corpus
mkdir -p "$corpus/markup" "$corpus/image" build-fuzz/findings
find golden examples -name '*.xml' -exec cp {} "$corpus/markup/" \; 2>/dev/null || true
if [ -d ../shared/corpus/vendor ]; then
  find ../shared/corpus/vendor -name '*.xml' -exec cp {} "$corpus/markup/" \;
fi
find golden -name '*.png' -size -64k -exec cp {} "$corpus/image/" \; 2>/dev/null || true
status=0
for target in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$target")
  seeds="$corpus/markup"
  dict=(-dict=fuzz/markup.dict)
  if [ "$name" = fuzz_image ]; then seeds="$corpus/image"; dict=(); fi
  work="build-fuzz/corpus-$name"
  mkdir -p "$work"
  echo "== $name for ${seconds}s"
  if ! "$target" "$work" "$seeds" "${dict[@]}" -max_total_time="$seconds" -max_len=65536 \
      -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/findings/"$name"- \
      -print_final_stats=1 2>build-fuzz/"$name".log; then
    echo "FINDING in $name:"; tail -40 build-fuzz/"$name".log; status=1
  else
    grep -E "stat::number_of_executed_units|Done" build-fuzz/"$name".log | tail -2
  fi
done
exit $status
