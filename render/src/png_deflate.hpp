// The zlib stream (RFC 1950/1951) of a PNG's image data, written for label bitmaps.
//
// A label is mostly white paper, and what is printed repeats from one row to the next: bars
// and QR modules are whole columns, glyphs and boxes change a few bytes per row. A general
// compressor searches hash chains at every byte to find what this writer knows in advance: the
// useful match is almost always the same bytes one row up, or the byte to the left (a run).
// Those two are compared 32 bytes a step; only where neither matches is a hashed candidate
// tried (text repeated along a receipt). The golden labels come out 44 % smaller than through
// libpng's level 1 and 15 % smaller than libdeflate's level 6, about 4× faster than the
// latter (bench/png_levels.cpp, docs/performance.md). Each block then takes the smallest of a
// Huffman code of its own, the fixed code and stored bytes, as zlib chooses. Adler-32 is
// libdeflate's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace dotlabel::render {

// How `scanlines` hold the bytes to compress: as they are, or each byte's complement. A 1-bit
// PNG's greys are a bitmap's dots inverted: given complemented, the encoder copies rows instead
// of inverting them, and only literals and the Adler-32 pay for it. The stream is the same.
enum class Given { as_is, complemented };

// Appends to `out` the zlib stream of `scanlines`: rows of `row_bytes` each (a PNG row: the
// filter-type byte and the row's bytes). Thread-safe (no shared state); throws only
// std::bad_alloc.
void append_zlib_stream(std::span<const std::uint8_t> scanlines, std::size_t row_bytes,
                        std::vector<std::uint8_t>& out, Given given = Given::as_is);

}  // namespace dotlabel::render
