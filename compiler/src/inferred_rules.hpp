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

// TEXT and BARC `a` with `r`: the element, `length` dots along its line and `depth` across
// it, has its anchor on the line's top edge — its start (left), middle (center) or end (right)
// — at (x, y), and turns clockwise about that point. The vendor's "以出纸方向为基准" (`a`
// relative to the paper's exit direction) we read as the direction the line runs as printed:
// turned with the element, as a TSPL printer turns text about its reference point.
// The anchor's distance from the line's start: 0, the middle or the end (`length` dots long).
inline long long anchor_along(ir::Align a, long long length) {
  return a == ir::Align::left ? 0 : a == ir::Align::center ? length / 2 : length;
}

inline Placement place(ir::Align a, ir::Rotation r, long long x, long long y, long long length,
                       long long depth) {
  const long long along = anchor_along(a, length);
  switch (r) {
    case ir::Rotation::r0:
      break;
    case ir::Rotation::r90:
      return {x - depth, y - along, depth, length};
    case ir::Rotation::r180:
      return {x - length + along, y - depth, length, depth};
    case ir::Rotation::r270:
      return {x, y - length + along, depth, length};
  }
  return {x - along, y, length, depth};
}

// The vendor: a="center" takes effect only with x at half the label width. The centring works
// along the line (place()), which runs down or up the label at r=90/270: there the condition
// is y at half the label length. An odd size has two middle dots: either is the middle.
inline bool centred_off_middle(ir::Align a, ir::Rotation r, long long x, long long y,
                               long long label_width, long long label_length) {
  if (a != ir::Align::center) return false;
  const bool across = r == ir::Rotation::r90 || r == ir::Rotation::r270;
  const long long at = across ? y : x, size = across ? label_length : label_width;
  return size > 0 && std::llabs(2 * at - size) > 1;
}

}  // namespace dotlabel::inferred
