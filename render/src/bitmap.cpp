#include "dotlabel/bitmap.hpp"

#include <algorithm>
#include <cstring>

namespace dotlabel {

Bitmap::Bitmap(int width, int height)
    : width_(std::max(width, 0)),
      height_(std::max(height, 0)),
      stride_((width_ + 7) / 8),
      bits_(static_cast<std::size_t>(stride_) * height_, 0) {}

namespace {

// Calls op(row, first_byte, last_byte, first_mask, last_mask) once per row of a clipped
// rectangle: the bytes first_byte..last_byte it covers, the masks of the two end bytes (the
// bytes between are whole). Negative or empty rectangles do nothing.
template <class Op>
void for_each_row(int bw, int bh, int x, int y, int w, int h, Op op) {
  int x0 = std::max(x, 0), y0 = std::max(y, 0);
  int x1 = static_cast<int>(std::min<long long>(static_cast<long long>(x) + w, bw));
  int y1 = static_cast<int>(std::min<long long>(static_cast<long long>(y) + h, bh));
  if (w <= 0 || h <= 0 || x0 >= x1 || y0 >= y1) return;
  const int first = x0 >> 3, last = (x1 - 1) >> 3;
  std::uint8_t first_mask = static_cast<std::uint8_t>(0xFFu >> (x0 & 7));
  std::uint8_t last_mask = static_cast<std::uint8_t>(0xFFu << (7 - ((x1 - 1) & 7)));
  if (first == last) first_mask = last_mask = first_mask & last_mask;
  for (int yy = y0; yy < y1; ++yy) op(yy, first, last, first_mask, last_mask);
}

}  // namespace

// Whole rows at a time: a bar or a QR module row is one memset, not a call per byte.
void Bitmap::fill(int x, int y, int w, int h) {
  for_each_row(width_, height_, x, y, w, h,
               [this](int yy, int first, int last, std::uint8_t m0, std::uint8_t m1) {
                 std::uint8_t* r = row(yy);
                 r[first] |= m0;
                 if (last > first) {
                   std::memset(r + first + 1, 0xFF, static_cast<std::size_t>(last - first - 1));
                   r[last] |= m1;
                 }
               });
}

void Bitmap::invert(int x, int y, int w, int h) {
  for_each_row(width_, height_, x, y, w, h,
               [this](int yy, int first, int last, std::uint8_t m0, std::uint8_t m1) {
                 std::uint8_t* r = row(yy);
                 r[first] ^= m0;
                 if (last > first) {
                   for (int i = first + 1; i < last; ++i) r[i] = static_cast<std::uint8_t>(~r[i]);
                   r[last] ^= m1;
                 }
               });
}

}  // namespace dotlabel
