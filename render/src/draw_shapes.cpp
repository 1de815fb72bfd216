// SQ (box outline), BL (filled bar) and REV (XOR), resolved (resolve/shapes.cpp): drawn straight
// onto the label bitmap, which clips them; canvas.place records the box and reports what leaves
// the label.
#include <algorithm>

#include "draw.hpp"

namespace dotlabel::render {

void draw_rect(const ResolvedRect& rect, LabelCanvas& canvas) {
  Bitmap& bitmap = canvas.bitmap();
  const int x0 = rect.x, y0 = rect.y, w = rect.width, h = rect.height;
  switch (rect.kind) {
    case ResolvedRect::Kind::box: {
      canvas.place(rect.at, "SQ", x0, y0, w, h);
      // Strokes stay inside the outer edge; when they meet (2*lt >= the side) the box is solid.
      const int tx = std::min(rect.line, w), ty = std::min(rect.line, h);
      const int x1 = x0 + w, y1 = y0 + h;
      bitmap.fill(x0, y0, w, ty);       // top
      bitmap.fill(x0, y1 - ty, w, ty);  // bottom
      bitmap.fill(x0, y0, tx, h);       // left
      bitmap.fill(x1 - tx, y0, tx, h);  // right
      return;
    }
    case ResolvedRect::Kind::bar:
      canvas.place(rect.at, "BL", x0, y0, w, h);
      bitmap.fill(x0, y0, w, h);
      return;
    case ResolvedRect::Kind::reverse:
      canvas.place(rect.at, "REV", x0, y0, w, h);
      // Only what is already drawn is inverted: later elements are ORed on top of the result.
      bitmap.invert(x0, y0, w, h);
      return;
  }
}

}  // namespace dotlabel::render
