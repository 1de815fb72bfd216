// SQ (box outline), BL (filled bar) and REV (XOR): drawn straight onto the label bitmap, which
// clips them; canvas.place records the box and reports what leaves the label.
#include <algorithm>
#include <string>
#include <utility>

#include "draw.hpp"

namespace dotlabel::render {

namespace {

std::string dots(int x, int y) {
  return "(" + std::to_string(x) + "," + std::to_string(y) + ")";
}

// A rectangle with no area draws nothing; say so rather than silently dropping it.
bool empty_rect(LabelCanvas& canvas, SourcePos at, std::string_view what, int width, int height) {
  if (width > 0 && height > 0) return false;
  canvas.report(at, Severity::warning, codes::kShapeNoArea,
                std::string(what) + " is " + std::to_string(width) + "x" + std::to_string(height) +
                    " dots: it has no area and draws nothing",
                "give it a width and a height of at least 1 dot (0.125 mm)");
  return true;
}

}  // namespace

void draw_box(const ir::Box& box, LabelCanvas& canvas) {
  // Corners are edges, not dots: the outline covers dots x..xe-1 and y..ye-1, so a box drawn
  // from (0,0) to the label's size is exactly the label's border.
  int x0 = box.x, x1 = box.x_end, y0 = box.y, y1 = box.y_end;
  if (x1 < x0 || y1 < y0) {
    canvas.report(box.at, Severity::warning, codes::kBoxCornersReversed,
                  "SQ corners " + dots(box.x, box.y) + "-" + dots(box.x_end, box.y_end) +
                      " are reversed; the box between them is drawn",
                  "give the top-left corner in x,y and the bottom-right one in xe,ye");
    if (x1 < x0) std::swap(x0, x1);
    if (y1 < y0) std::swap(y0, y1);
  }
  const int w = x1 - x0, h = y1 - y0;
  if (empty_rect(canvas, box.at, "SQ", w, h)) return;
  if (box.line <= 0) {
    canvas.report(box.at, Severity::warning, codes::kShapeNoArea,
                  "SQ line width lt=" + std::to_string(box.line) + " draws nothing",
                  "use lt=1 or more (dots)");
    return;
  }
  canvas.place(box.at, "SQ", x0, y0, w, h);
  // Strokes stay inside the outer edge; when they meet (2*lt >= the side) the box is solid.
  const int tx = std::min(box.line, w), ty = std::min(box.line, h);
  Bitmap& bitmap = canvas.bitmap();
  bitmap.fill(x0, y0, w, ty);       // top
  bitmap.fill(x0, y1 - ty, w, ty);  // bottom
  bitmap.fill(x0, y0, tx, h);       // left
  bitmap.fill(x1 - tx, y0, tx, h);  // right
}

void draw_bar(const ir::Bar& bar, LabelCanvas& canvas) {
  if (empty_rect(canvas, bar.at, "BL", bar.width, bar.height)) return;
  canvas.place(bar.at, "BL", bar.x, bar.y, bar.width, bar.height);
  canvas.bitmap().fill(bar.x, bar.y, bar.width, bar.height);
}

void draw_reverse(const ir::Reverse& reverse, LabelCanvas& canvas) {
  if (empty_rect(canvas, reverse.at, "REV", reverse.width, reverse.height)) return;
  canvas.place(reverse.at, "REV", reverse.x, reverse.y, reverse.width, reverse.height);
  // Only what is already drawn is inverted: later elements are ORed on top of the result.
  canvas.bitmap().invert(reverse.x, reverse.y, reverse.width, reverse.height);
}

}  // namespace dotlabel::render
