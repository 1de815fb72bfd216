#include "dotlabel/bitmap.hpp"

#include <algorithm>

namespace dotlabel {

Bitmap::Bitmap(int width, int height)
    : width_(std::max(width, 0)),
      height_(std::max(height, 0)),
      stride_((width_ + 7) / 8),
      bits_(static_cast<std::size_t>(stride_) * height_, 0) {}

namespace {

// Calls op(row, first_byte, mask) for each byte a clipped rectangle touches.
template <class Op>
void for_each_span(int bw, int bh, int x, int y, int w, int h, Op op) {
  int x0 = std::max(x, 0), y0 = std::max(y, 0);
  int x1 = std::min<long long>(static_cast<long long>(x) + w, bw);
  int y1 = std::min<long long>(static_cast<long long>(y) + h, bh);
  if (w <= 0 || h <= 0 || x0 >= x1 || y0 >= y1) return;
  for (int yy = y0; yy < y1; ++yy) {
    for (int xx = x0; xx < x1;) {
      int byte = xx >> 3;
      int bit = xx & 7;
      int n = std::min(8 - bit, x1 - xx);
      std::uint8_t mask = static_cast<std::uint8_t>((0xFFu >> bit) & (0xFFu << (8 - bit - n)));
      op(yy, byte, mask);
      xx += n;
    }
  }
}

}  // namespace

void Bitmap::fill(int x, int y, int w, int h) {
  for_each_span(width_, height_, x, y, w, h,
                [this](int yy, int byte, std::uint8_t mask) { row(yy)[byte] |= mask; });
}

void Bitmap::invert(int x, int y, int w, int h) {
  for_each_span(width_, height_, x, y, w, h,
                [this](int yy, int byte, std::uint8_t mask) { row(yy)[byte] ^= mask; });
}

}  // namespace dotlabel
