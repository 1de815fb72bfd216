#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60), seeded from
# golden/, examples/ and the vendor samples (tests/corpus/vendor/). Any crash, leak, sanitizer
# report, timeout or out-of-memory fails the run; the reproducer is left in build-fuzz/findings/
# and belongs, once fixed, in tests/robustness/ as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=(fuzz_compile fuzz_render fuzz_check_render fuzz_image fuzz_mstching fuzz_png_deflate)
bash tools/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDOTLABEL_FUZZ=ON >/dev/null
cmake --build build-fuzz --target "${targets[@]}"

corpus=build-fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus/markup" "$corpus/image" build-fuzz/findings
find golden examples tests/corpus/vendor -name '*.xml' -exec cp {} "$corpus/markup/" \;
# fuzz_image reads one format byte (0 PNG, 1 JPEG, 2 BMP) and then the file: the golden
# expected PNGs and the images inside the golden BMP cases, each behind its format's byte.
for png in $(find golden -name '*.png' -size -64k | head -20); do
  { printf '\0'; cat "$png"; } >"$corpus/image/$(basename "$png")"
done
for xml in golden/bmp/*.xml; do
  payload=$(sed -n 's/.*<BMP[^>]*>\(data:[^,]*,\)\{0,1\}\([A-Za-z0-9+\/=]*\)<\/BMP>.*/\2/p' "$xml")
  [ -n "$payload" ] || continue
  case $payload in
    iVBOR*) byte='\0' ;;
    /9j/*) byte='\1' ;;
    *) byte='\2' ;;
  esac
  { printf "$byte"; base64 -d <<<"$payload"; } >"$corpus/image/$(basename "$xml" .xml).img"
done

# fuzz_png_deflate reads a row length (two bytes, minus one) and then rows: a label's, a
# receipt-like strip's and noise, as the PNG encoder would see them.
mkdir -p "$corpus/rows"
python3 - "$corpus/rows" <<'PY'
import os, random, sys
out = sys.argv[1]
random.seed(1)
def rows(width, height, text):
    data = bytearray()
    for y in range(height):
        data.append(0)
        row = bytearray([0xFF] * (width - 1))
        if text and y % 17 < 9:
            for x in range(1, width - 1, random.randint(2, 9)):
                row[x] = random.randrange(256)
        data += row
    return data
for name, width, height, text in (("label", 101, 120, True), ("blank", 101, 60, False),
                                  ("strip", 81, 300, True), ("narrow", 2, 500, True)):
    with open(os.path.join(out, name), "wb") as f:
        f.write(((width - 1) >> 8).to_bytes(1, "big") + ((width - 1) & 255).to_bytes(1, "big"))
        f.write(rows(width, height, text))
with open(os.path.join(out, "noise"), "wb") as f:
    f.write(b"\x00\x31" + bytes(random.randrange(256) for _ in range(4000)))
PY

status=0
for name in "${targets[@]}"; do
  seeds="$corpus/markup"
  dict=(-dict=fuzz/markup.dict)
  if [ "$name" = fuzz_image ]; then seeds="$corpus/image"; dict=(); fi
  if [ "$name" = fuzz_png_deflate ]; then seeds="$corpus/rows"; dict=(); fi
  # The working corpus persists between runs in build-fuzz, so each run starts where the last
  # one stopped.
  work="build-fuzz/corpus-$name"
  mkdir -p "$work"
  echo "== $name for ${seconds}s"
  if ! "build-fuzz/bin/$name" "$work" "$seeds" "${dict[@]}" -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
      -artifact_prefix=build-fuzz/findings/"$name"- -print_final_stats=1 \
      2>build-fuzz/"$name".log; then
    echo "FINDING in $name:"; tail -40 build-fuzz/"$name".log; status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" build-fuzz/"$name".log
  fi
done
exit $status
