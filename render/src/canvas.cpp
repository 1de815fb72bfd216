// LabelCanvas: placing sprites on the label, clipping as the printer clips, and the lint that
// says what got clipped.
#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "draw.hpp"
#include "resolve/placement.hpp"

namespace dotlabel::render {
namespace {

// Dots are stored first dot in the high bit: 8 bytes as one number, first byte highest.
std::uint64_t load_be64(const std::uint8_t* at) {
  std::uint64_t value;
  std::memcpy(&value, at, 8);
  if constexpr (std::endian::native == std::endian::little) value = __builtin_bswap64(value);
  return value;
}
void store_be64(std::uint8_t* at, std::uint64_t value) {
  if constexpr (std::endian::native == std::endian::little) value = __builtin_bswap64(value);
  std::memcpy(at, &value, 8);
}

}  // namespace

void or_into(Bitmap& dst, const Bitmap& src, int x, int y) {
  int y0 = std::max(0, -y), y1 = std::min(src.height(), dst.height() - y);
  int x0 = std::max(0, -x), x1 = std::min(src.width(), dst.width() - x);
  if (x0 >= x1 || y0 >= y1) return;
  // Row by row, a byte of 8 source dots at a time: the source bytes realigned to start at dot
  // x0 (`skew` bits into its byte), each ORed into the destination as its high part shifted
  // right by `shift` plus the carry of the previous byte's low part.
  const int n = x1 - x0;                    // dots per row
  const int whole = (n - 1) >> 3;           // bytes before the last, which may be partial
  const int skew = x0 & 7, from = x0 >> 3;  // source
  const int shift = (x + x0) & 7, to = (x + x0) >> 3;                         // destination
  const auto tail = static_cast<std::uint8_t>(0xFFu << ((8 - (n & 7)) & 7));  // last byte's dots
  const int src_stride = src.stride();
  if (skew == 0 && shift + n <= 64) {
    // A narrow sprite (a glyph cell: 2 or 3 bytes, seldom on a byte): each row as one number,
    // shifted once and ORed in as one. A whole 8 bytes is read or written wherever the bitmap
    // has them (every row but the last few); the bytes beyond the sprite's dots get zeros.
    const std::uint64_t dots = ~std::uint64_t{0} << (64 - n);
    const std::uint8_t* src_end = src.row(0) + static_cast<std::size_t>(src_stride) * src.height();
    const std::uint8_t* dst_end =
        dst.row(0) + static_cast<std::size_t>(dst.stride()) * dst.height();
    const int src_bytes = (n + 7) >> 3, dst_bytes = (shift + n + 7) >> 3;
    for (int sy = y0; sy < y1; ++sy) {
      const std::uint8_t* s = src.row(sy) + from;
      std::uint8_t* d = dst.row(y + sy) + to;
      std::uint64_t bits = 0;
      if (src_end - s >= 8) {
        bits = load_be64(s);
      } else {
        for (int k = 0; k < src_bytes; ++k) bits |= std::uint64_t{s[k]} << (56 - 8 * k);
      }
      bits = (bits & dots) >> shift;
      if (dst_end - d >= 8) {
        store_be64(d, load_be64(d) | bits);
      } else {
        for (int k = 0; k < dst_bytes; ++k) d[k] |= static_cast<std::uint8_t>(bits >> (56 - 8 * k));
      }
    }
    return;
  }
  for (int sy = y0; sy < y1; ++sy) {
    const std::uint8_t* s = src.row(sy) + from;
    const int left = src_stride - from;  // source bytes from `s` to the row's end
    std::uint8_t* d = dst.row(y + sy) + to;
    auto source = [&](int k) -> unsigned {
      if (skew == 0) return s[k];
      return (static_cast<unsigned>(s[k]) << skew | (k + 1 < left ? s[k + 1] >> (8 - skew) : 0)) &
             0xFFu;
    };
    if (skew == 0 && shift == 0) {  // byte-aligned (most sprites): a plain OR, 8 bytes a step
      int k = 0;
      for (; k + 8 <= whole; k += 8) {
        std::uint64_t a, b;
        std::memcpy(&a, s + k, 8);
        std::memcpy(&b, d + k, 8);
        b |= a;
        std::memcpy(d + k, &b, 8);
      }
      for (; k < whole; ++k) d[k] |= s[k];
      d[whole] |= static_cast<std::uint8_t>(s[whole] & tail);
      continue;
    }
    unsigned carry = 0;
    int k = 0;
    if (skew == 0)  // a whole sprite at an odd dot (text lines): 8 bytes a step, shifted as one
      for (; k + 8 <= whole; k += 8) {
        const std::uint64_t bits = load_be64(s + k);
        store_be64(d + k, load_be64(d + k) | bits >> shift | std::uint64_t{carry} << 56);
        carry = static_cast<unsigned>(bits << (8 - shift)) & 0xFFu;
      }
    for (; k < whole; ++k) {
      unsigned bits = source(k);
      d[k] |= static_cast<std::uint8_t>(carry | bits >> shift);
      carry = (bits << (8 - shift)) & 0xFFu;
    }
    unsigned bits = source(whole) & tail;
    d[whole] |= static_cast<std::uint8_t>(carry | bits >> shift);
    if (unsigned rest = (bits << (8 - shift)) & 0xFFu)
      d[whole + 1] |= static_cast<std::uint8_t>(rest);
  }
}

std::string dots_to_mm(long long dots) {
  std::string out = std::to_string(dots / ir::kDotsPerMm);
  if (long long eighths = (dots < 0 ? -dots : dots) % ir::kDotsPerMm; eighths) {
    std::string frac = std::to_string(eighths * 125);  // 1/8 mm = 0.125 mm
    frac.insert(0, 3 - frac.size(), '0');
    while (frac.back() == '0') frac.pop_back();
    if (dots < 0 && dots > -ir::kDotsPerMm) out = "-0";
    out += "." + frac;
  }
  return out + " mm";
}

void LabelCanvas::stamp(SourcePos at, std::string_view what, const Bitmap& sprite, int x, int y,
                        ir::Rotation rotation) {
  stamp_part(at, what, sprite, 0, sprite.width(), x, y, rotation);
}

// Sprite dot (u, v) of a w x h sprite turned clockwise, its turned box's top-left at (x, y),
// lands on (x + u, y + v) unturned, (x + h - 1 - v, y + u) at 90, (x + w - 1 - u, y + h - 1 - v)
// at 180 and (x + v, y + w - 1 - u) at 270.
void LabelCanvas::stamp_part(SourcePos at, std::string_view what, const Bitmap& sprite,
                             long long offset, long long whole_width, int x, int y,
                             ir::Rotation rotation) {
  const long long w = whole_width, h = sprite.height();
  const bool turned = rotation == ir::Rotation::r90 || rotation == ir::Rotation::r270;
  place(at, what, x, y, static_cast<int>(turned ? h : w), static_cast<int>(turned ? w : h));
  if (rotation == ir::Rotation::r0) {
    or_into(bitmap_, sprite, static_cast<int>(x + offset), y);
    return;
  }
  for (int sy = 0; sy < sprite.height(); ++sy) {
    const std::uint8_t* row = sprite.row(sy);
    for (int sx = 0; sx < sprite.width(); ++sx) {
      if (!row[sx >> 3]) {  // skip a white byte at once
        sx |= 7;
        continue;
      }
      if (!((row[sx >> 3] >> (7 - (sx & 7))) & 1)) continue;
      long long u = offset + sx, v = sy, px, py;
      switch (rotation) {
        case ir::Rotation::r90:
          px = x + h - 1 - v, py = y + u;
          break;
        case ir::Rotation::r180:
          px = x + w - 1 - u, py = y + h - 1 - v;
          break;
        default:  // r270
          px = x + v, py = y + w - 1 - u;
          break;
      }
      if (px >= 0 && py >= 0 && px < bitmap_.width() && py < bitmap_.height())
        bitmap_.set(static_cast<int>(px), static_cast<int>(py), true);
    }
  }
}

void LabelCanvas::place(SourcePos at, std::string_view what, int x, int y, int width, int height) {
  boxes_.push_back({at, x, y, width, height});
  if (width <= 0 || height <= 0) return;  // nothing to print, nothing to clip
  long long w = bitmap_.width(), h = bitmap_.height();
  long long x1 = static_cast<long long>(x) + width, y1 = static_cast<long long>(y) + height;
  struct Side {
    const char* where;
    long long dots;
  } sides[] = {{"on the left", -static_cast<long long>(x)},
               {"on the right", x1 - w},
               {"at the top", -static_cast<long long>(y)},
               {"at the bottom", y1 - h}};
  std::string over;  // "1.25 mm on the left, 0.5 mm at the bottom"
  for (const Side& side : sides) {
    if (side.dots <= 0) continue;
    if (!over.empty()) over += ", ";
    over += dots_to_mm(side.dots) + " " + side.where;
  }
  if (over.empty()) return;
  bool gone = x1 <= 0 || y1 <= 0 || x >= w || y >= h;
  std::string message =
      gone
          ? std::string(what) + " lies entirely outside the label (" + over + "): none of it prints"
          : std::string(what) + " overflows the label by " + over + ": the printer clips it";
  report(at, Severity::warning, codes::kClipped, std::move(message),
         "the label is " + dots_to_mm(w) + " x " + dots_to_mm(h) + "; the element spans x " +
             dots_to_mm(x) + " to " + dots_to_mm(x1) + ", y " + dots_to_mm(y) + " to " +
             dots_to_mm(y1));
}

void LabelCanvas::report(SourcePos at, Severity severity, std::string_view code,
                         std::string message, std::string hint) {
  diagnostics_.push_back(
      {file_, at, severity, std::string(code), std::move(message), std::move(hint)});
}

}  // namespace dotlabel::render
