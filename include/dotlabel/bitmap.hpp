// A 1-bit label image: one bit per printer dot, black (printed) = 1.
//
// A value type: const members may be called from several threads at once, a Bitmap being
// changed must not be read elsewhere. Nothing throws but std::bad_alloc. Coordinates are
// preconditions of get/set/row (0 <= x < width(), 0 <= y < height()), not checked.
#pragma once

#include <cstdint>
#include <vector>

#include "dotlabel/export.hpp"

namespace dotlabel {

class DOTLABEL_API Bitmap {
 public:
  Bitmap() = default;
  Bitmap(int width, int height);  // all white; width, height >= 0

  int width() const { return width_; }
  int height() const { return height_; }
  // Bytes per row: rows are packed MSB first (leftmost dot = bit 7), as PBM P4 stores them.
  int stride() const { return stride_; }
  const std::uint8_t* row(int y) const {
    return bits_.data() + static_cast<std::size_t>(y) * stride_;
  }
  std::uint8_t* row(int y) { return bits_.data() + static_cast<std::size_t>(y) * stride_; }
  const std::vector<std::uint8_t>& bits() const { return bits_; }

  bool get(int x, int y) const { return (row(y)[x >> 3] >> (7 - (x & 7))) & 1; }
  void set(int x, int y, bool black) {
    std::uint8_t mask = static_cast<std::uint8_t>(0x80u >> (x & 7));
    if (black)
      row(y)[x >> 3] |= mask;
    else
      row(y)[x >> 3] &= static_cast<std::uint8_t>(~mask);
  }
  // Rectangle operations clipped to the bitmap; negative or empty rectangles do nothing.
  void fill(int x, int y, int w, int h);
  void invert(int x, int y, int w, int h);

  friend bool operator==(const Bitmap&, const Bitmap&) = default;

 private:
  int width_ = 0, height_ = 0, stride_ = 0;
  std::vector<std::uint8_t> bits_;  // padding bits at the end of each row stay 0
};

}  // namespace dotlabel
