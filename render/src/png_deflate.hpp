// The zlib stream (RFC 1950/1951) of a PNG's image data, written for label bitmaps.
//
// A label is mostly white paper, and what is printed repeats from one row to the next: bars
// and QR modules are whole columns, glyphs and boxes change a few bytes per row. A general
// compressor searches hash chains for every byte to find what this writer knows in advance:
// the one useful match is the same byte one row up, or the byte to the left (a run). Matching
// only those two distances, 8 bytes per compare, compresses the reference label 7× faster than
// libdeflate's level 6 and smaller than libpng's level 1 on every golden (bench/png_levels.cpp,
// docs/performance.md); each block then takes the smallest of a Huffman code of its own, the
// fixed code and stored bytes, as zlib chooses. Adler-32 is libdeflate's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace dotlabel::render {

// Appends to `out` the zlib stream of `scanlines`: rows of `row_bytes` each (a PNG row: the
// filter-type byte and the row's bytes). Thread-safe (no shared state); throws only
// std::bad_alloc.
void append_zlib_stream(std::span<const std::uint8_t> scanlines, std::size_t row_bytes,
                        std::vector<std::uint8_t>& out);

}  // namespace dotlabel::render
