// BMP images of BMP elements, read by hand, to 8-bit luminance (image_formats.hpp).
#include "image_formats.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace dotlabel::render {
namespace {

// Uncompressed Windows bitmaps: 1/4/8-bit palette, 16/24/32-bit (BI_RGB or BI_BITFIELDS),
// bottom-up (positive height) or top-down (negative height); all header versions.

std::uint32_t le16(const std::uint8_t* p) {
  return p[0] | (p[1] << 8);
}
std::uint32_t le32(const std::uint8_t* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

// One colour channel selected by a BI_BITFIELDS mask, scaled to 0..255.
struct Channel {
  std::uint32_t mask = 0;
  int shift = 0, bits = 0;
  explicit Channel(std::uint32_t m)
      : mask(m), shift(m ? std::countr_zero(m) : 0), bits(std::popcount(m)) {}
  unsigned operator()(std::uint32_t v) const {
    if (bits == 0) return 0;  // a damaged file may give a colour no bits at all
    const std::uint32_t raw = (v & mask) >> shift;
    if (bits >= 8) return raw >> (bits - 8);
    return raw * 255 / ((1u << bits) - 1);
  }
};

}  // namespace

GrayImage decode_bmp(std::span<const std::uint8_t> d, std::int64_t max_pixels) {
  GrayImage out;
  out.format = "BMP";
  auto fail = [&](std::string message) {
    out.error = std::move(message);
    return out;
  };
  if (d.size() < 26) return fail("the BMP header is truncated");
  const std::uint64_t offset = le32(&d[10]);
  const std::uint32_t header = le32(&d[14]);
  std::int64_t w = 0, h = 0;
  std::uint32_t bpp = 0, compression = 0, colours_used = 0;
  if (header == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit unsigned sizes, 3-byte palette entries
    w = le16(&d[18]);
    h = le16(&d[20]);
    bpp = le16(&d[24]);
  } else if (header >= 40) {
    if (d.size() < 14 + std::uint64_t{header}) return fail("the BMP header is truncated");
    w = static_cast<std::int32_t>(le32(&d[18]));
    h = static_cast<std::int32_t>(le32(&d[22]));
    bpp = le16(&d[28]);
    compression = le32(&d[30]);
    colours_used = le32(&d[46]);
  } else {
    return fail("unknown BMP header size " + std::to_string(header));
  }
  const bool top_down = h < 0;
  h = std::abs(h);
  if (w <= 0 || h == 0)
    return fail("the BMP claims " + std::to_string(w) + "x" + std::to_string(h) + " pixels");
  if (w * h > max_pixels) {
    out.too_large = true;
    return fail(too_large_message(w, h, max_pixels));
  }
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    return fail(std::to_string(bpp) + "-bit BMP is not supported");
  constexpr std::uint32_t kRgb = 0, kBitfields = 3;
  if (!(compression == kRgb || (compression == kBitfields && (bpp == 16 || bpp == 32))))
    return fail("compressed BMP (compression " + std::to_string(compression) +
                ") is not supported; save it uncompressed or as PNG");

  // 16/32-bit masks: the defaults, or (BI_BITFIELDS) the three or four after the 40-byte
  // header, which is where V2..V5 headers keep them too. Alpha only from a mask that says so.
  Channel red(bpp == 16 ? 0x7C00 : 0xFF0000), green(bpp == 16 ? 0x03E0 : 0xFF00),
      blue(bpp == 16 ? 0x001F : 0xFF), alpha(0);
  if (compression == kBitfields) {
    if (d.size() < 14 + 40 + 12) return fail("the BMP header is truncated");
    red = Channel(le32(&d[54]));
    green = Channel(le32(&d[58]));
    blue = Channel(le32(&d[62]));
    if (header >= 56) alpha = Channel(le32(&d[66]));
  }

  // Palette: missing entries (an index past the palette in a damaged file) are black.
  std::uint8_t palette[256] = {};
  if (bpp <= 8) {
    const std::uint32_t max_colours = 1u << bpp;
    const std::uint32_t count =
        colours_used == 0 ? max_colours : std::min(colours_used, max_colours);
    const std::size_t entry = header == 12 ? 3 : 4, start = 14 + header;
    if (start + count * entry > d.size()) return fail("the BMP palette is truncated");
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint8_t* p = &d[start + i * entry];
      palette[i] = luminance(p[2], p[1], p[0]);
    }
  }

  const std::uint64_t stride = (static_cast<std::uint64_t>(bpp) * w + 31) / 32 * 4;
  if (offset > d.size() || (d.size() - offset) / stride < static_cast<std::uint64_t>(h))
    return fail("the BMP pixel data is truncated");

  out.width = static_cast<int>(w);
  out.height = static_cast<int>(h);
  out.luma.resize(static_cast<std::size_t>(w * h));
  for (std::int64_t y = 0; y < h; ++y) {
    const std::uint8_t* src = d.data() + offset + (top_down ? y : h - 1 - y) * stride;
    std::uint8_t* dst = out.luma.data() + y * w;
    for (std::int64_t x = 0; x < w; ++x) {
      switch (bpp) {
        case 1:
          dst[x] = palette[(src[x >> 3] >> (7 - (x & 7))) & 1];
          break;
        case 4:
          dst[x] = palette[(src[x >> 1] >> (x & 1 ? 0 : 4)) & 15];
          break;
        case 8:
          dst[x] = palette[src[x]];
          break;
        case 24:
          dst[x] = luminance(src[x * 3 + 2], src[x * 3 + 1], src[x * 3]);
          break;
        default: {
          const std::uint32_t v = bpp == 16 ? le16(src + x * 2) : le32(src + x * 4);
          dst[x] = luminance(red(v), green(v), blue(v), alpha.mask ? alpha(v) : 255);
        }
      }
    }
  }
  return out;
}

}  // namespace dotlabel::render
