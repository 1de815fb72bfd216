// The rules docs/markup.md marks *(inferred)*: our best reading of what the printer does where
// the vendor text is silent. Each lives here, once, so it can be changed when a real print
// says otherwise. (The font cell sizes are inferred too, but only the renderer uses them.)
#pragma once

#include <cstdlib>

#include "dotlabel/ir.hpp"

namespace dotlabel::inferred {

// Two-width barcodes (Code 39, ITF, Codabar) written with `w` <= `n` (the default 2/2 is such
// a case): the printer cannot draw a wide bar no wider than a narrow one, so we take the
// usual 2.5:1 ratio, wide = ceil(2.5 * n).
inline int wide_bar_dots(int narrow) {
  return (narrow * 5 + 1) / 2;
}

// TEXT f="0" (outside the documented 1..8, yet used by real templates) prints in the
// default font.
inline constexpr int kFontForF0 = 7;

// Where a TEXT or BARC lands: the dots it covers once turned, top-left corner and size.
struct Placement {
  long long x = 0, y = 0, width = 0, height = 0;
};

// TEXT and BARC `a` with `r`. The vendor gives `a` "以出纸方向为基准": relative to the paper as
// it leaves the printer, not to the element. So the element, `length` dots along its line
// and `depth` across it, is turned clockwise by `r` first; then its turned box is placed in
// the paper's frame: its top edge at y, and its left edge (left), middle (center) or right
// edge (right) at x. Unturned, that is the line starting at, centred on or ending at x.
inline Placement place(ir::Align a, ir::Rotation r, long long x, long long y, long long length,
                       long long depth) {
  const bool turned = r == ir::Rotation::r90 || r == ir::Rotation::r270;
  const long long width = turned ? depth : length, height = turned ? length : depth;
  const long long left = a == ir::Align::left     ? x
                         : a == ir::Align::center ? x - width / 2
                                                  : x - width;
  return {left, y, width, height};
}

// The vendor: a="center" takes effect only with x at half the label width. Since `a` works
// across the paper at every `r` (place()), that holds for turned elements too. An odd width
// has two middle dots: either is the middle.
inline bool centred_off_middle(ir::Align a, long long x, long long label_width) {
  return a == ir::Align::center && label_width > 0 && std::llabs(2 * x - label_width) > 1;
}

}  // namespace dotlabel::inferred
