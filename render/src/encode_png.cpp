// PNG: greyscale 1 bit per dot (0 = black, as PNG greys go) with a 203-dpi pHYs chunk. Written
// here chunk by chunk around one zlib stream from png_deflate.cpp, which knows how labels
// repeat; the buffers are kept per thread. libpng (image_png.cpp) decodes.
#include <libdeflate.h>
#include <png.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "dotlabel/encode.hpp"
#include "image_decode.hpp"
#include "png_deflate.hpp"
#include "thread_scratch.hpp"

namespace dotlabel {
namespace {

constexpr std::uint32_t kDotsPerMetre = 7992;  // 203 dpi = 8 dots/mm, as the printer's head

// Per thread, reused: the filtered rows and the zlib stream of the last image.
struct Scratch {
  std::vector<std::uint8_t> rows, deflated;
};

// The scratch buffers of a larger image are given back after it, not kept for the thread's life.
constexpr std::size_t kKeptScratchBytes = 1 << 20;

std::uint8_t* put32(std::uint8_t* at, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) *at++ = static_cast<std::uint8_t>(value >> shift);
  return at;
}

// Length, type, data, CRC-32 of type and data.
std::uint8_t* put_chunk(std::uint8_t* at, const char (&type)[5], const std::uint8_t* data,
                        std::size_t size) {
  at = put32(at, static_cast<std::uint32_t>(size));
  std::uint8_t* typed = at;
  std::memcpy(at, type, 4);
  if (size) std::memcpy(at + 4, data, size);
  at += 4 + size;
  return put32(at, static_cast<std::uint32_t>(libdeflate_crc32(0, typed, 4 + size)));
}

}  // namespace

std::vector<std::uint8_t> encode_png(const Bitmap& bitmap) {
  if (bitmap.width() < 1 || bitmap.height() < 1)
    throw std::invalid_argument("encode_png: a PNG has at least one dot each way");
  Scratch& scratch = render::thread_scratch<Scratch>();

  // The filtered image data: each row a filter-type byte, 0 (none: the other filters only make
  // 1-bit labels larger, bench/png_levels.cpp), then the dots inverted (PNG grey: 1 = white; the
  // row's padding bits become 1, as libpng wrote them). Kept here as their complement, the dots
  // as they are after 0xFF: a copy costs a row less than inverting it, and the writer takes
  // bytes either way.
  const std::size_t stride = static_cast<std::size_t>(bitmap.stride());
  const std::size_t height = static_cast<std::size_t>(bitmap.height());
  scratch.rows.resize((stride + 1) * height);
  std::uint8_t* row = scratch.rows.data();
  for (std::size_t y = 0; y < height; ++y, row += stride + 1) {
    row[0] = 0xFF;
    std::memcpy(row + 1, bitmap.row(static_cast<int>(y)), stride);
  }
  scratch.deflated.clear();
  render::append_zlib_stream(scratch.rows, stride + 1, scratch.deflated,
                             render::Given::complemented);
  const std::size_t deflated = scratch.deflated.size();

  std::uint8_t ihdr[13];
  put32(put32(ihdr, static_cast<std::uint32_t>(bitmap.width())),
        static_cast<std::uint32_t>(bitmap.height()));
  ihdr[8] = 1;   // bit depth
  ihdr[9] = 0;   // colour type: greyscale
  ihdr[10] = 0;  // compression: deflate
  ihdr[11] = 0;  // filter method: the five adaptive filters
  ihdr[12] = 0;  // not interlaced
  std::uint8_t phys[9];
  put32(put32(phys, kDotsPerMetre), kDotsPerMetre);
  phys[8] = 1;  // unit: metre
  static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  constexpr std::size_t kChunkFrame = 12;  // length, type, CRC
  // A chunk holds less than 2^31 bytes: the stream of a larger image takes several IDATs.
  constexpr std::size_t kMaxIdat = 0x7FFFFFFF;
  const std::size_t idats = (deflated + kMaxIdat - 1) / kMaxIdat;
  std::vector<std::uint8_t> png(sizeof kSignature + (3 + idats) * kChunkFrame + sizeof ihdr +
                                sizeof phys + deflated);
  std::uint8_t* at = std::copy(std::begin(kSignature), std::end(kSignature), png.data());
  // The chunk order libpng wrote: IHDR, pHYs, IDAT, IEND.
  at = put_chunk(at, "IHDR", ihdr, sizeof ihdr);
  at = put_chunk(at, "pHYs", phys, sizeof phys);
  for (std::size_t from = 0; from < deflated; from += kMaxIdat)
    at = put_chunk(at, "IDAT", scratch.deflated.data() + from, std::min(kMaxIdat, deflated - from));
  put_chunk(at, "IEND", nullptr, 0);

  if (scratch.rows.capacity() > kKeptScratchBytes) {
    scratch.rows = {};
    scratch.deflated = {};
  }
  return png;
}

std::optional<Bitmap> decode_png(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  if (bytes.size() < 8 || png_sig_cmp(bytes.data(), 0, 8) != 0) return std::nullopt;
  // The one PNG reader (render/src/image_png.cpp), with the BMP element's luminance: BT.601
  // over white paper, rounded to the nearest level. Rounding, not truncation, because the
  // threshold then splits the true luminance at half and this reads a picture as the BMP
  // element prints it; a 1-bit PNG (every golden, every render) is 0 or 255 either way.
  render::GrayImage gray = render::decode_image(bytes, max_pixels);
  if (!gray.error.empty()) return std::nullopt;
  Bitmap bitmap(gray.width, gray.height);
  const std::uint8_t* luma = gray.luma.data();
  for (int y = 0; y < gray.height; ++y)
    for (int x = 0; x < gray.width; ++x, ++luma)
      if (*luma < 128) bitmap.set(x, y, true);
  return bitmap;
}

}  // namespace dotlabel
