// Arbitrary rows through the PNG's deflate writer (render/src/png_deflate.cpp): libdeflate's
// decompressor, a second implementation of RFC 1950/1951 that also checks the Adler-32, must
// give back exactly the bytes written, whatever the row length (the first two bytes); and the
// rows given complemented (as the PNG encoder gives them) must make the same stream.
#include <libdeflate.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "png_deflate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t row_bytes = 1 + (std::size_t{data[0]} << 8 | data[1]);
  std::span<const std::uint8_t> rows(data + 2, size - 2);
  std::vector<std::uint8_t> stream;
  dotlabel::render::append_zlib_stream(rows, row_bytes, stream);
  static libdeflate_decompressor* inflater = libdeflate_alloc_decompressor();
  std::vector<std::uint8_t> back(rows.size() + 1);
  std::size_t actual = 0;
  if (libdeflate_zlib_decompress(inflater, stream.data(), stream.size(), back.data(), back.size(),
                                 &actual) != LIBDEFLATE_SUCCESS ||
      actual != rows.size() || !std::equal(rows.begin(), rows.end(), back.begin()))
    std::abort();
  std::vector<std::uint8_t> complement(rows.begin(), rows.end()), same;
  for (auto& byte : complement) byte = static_cast<std::uint8_t>(~byte);
  dotlabel::render::append_zlib_stream(complement, row_bytes, same,
                                       dotlabel::render::Given::complemented);
  if (same != stream) std::abort();
  return 0;
}
