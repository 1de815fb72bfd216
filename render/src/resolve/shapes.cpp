// SQ, BL and REV resolved: corners put in order, and what has no area is reported and dropped.
#include <string>
#include <utility>

#include "diagnostic_codes.hpp"
#include "resolve/resolve.hpp"

namespace dotlabel::render {

namespace {

std::string dots(int x, int y) {
  return "(" + std::to_string(x) + "," + std::to_string(y) + ")";
}

// A rectangle with no area draws nothing; say so rather than silently dropping it.
bool empty_rect(const ResolveContext& context, SourcePos at, std::string_view what, int width,
                int height) {
  if (width > 0 && height > 0) return false;
  context.report(at, Severity::warning, codes::kShapeNoArea,
                 std::string(what) + " is " + std::to_string(width) + "x" + std::to_string(height) +
                     " dots: it has no area and draws nothing",
                 "give it a width and a height of at least 1 dot (0.125 mm)");
  return true;
}

}  // namespace

ResolvedElement resolve_box(const ir::Box& box, const ResolveContext& context) {
  // Corners are edges, not dots: the outline covers dots x..xe-1 and y..ye-1, so a box drawn
  // from (0,0) to the label's size is exactly the label's border.
  int x0 = box.x, x1 = box.x_end, y0 = box.y, y1 = box.y_end;
  if (x1 < x0 || y1 < y0) {
    context.report(box.at, Severity::warning, codes::kBoxCornersReversed,
                   "SQ corners " + dots(box.x, box.y) + "-" + dots(box.x_end, box.y_end) +
                       " are reversed; the box between them is drawn",
                   "give the top-left corner in x,y and the bottom-right one in xe,ye");
    if (x1 < x0) std::swap(x0, x1);
    if (y1 < y0) std::swap(y0, y1);
  }
  const int w = x1 - x0, h = y1 - y0;
  if (empty_rect(context, box.at, "SQ", w, h)) return {};
  if (box.line <= 0) {
    context.report(box.at, Severity::warning, codes::kShapeNoArea,
                   "SQ line width lt=" + std::to_string(box.line) + " draws nothing",
                   "use lt=1 or more (dots)");
    return {};
  }
  return ResolvedRect{ResolvedRect::Kind::box, box.at, x0, y0, w, h, box.line};
}

ResolvedElement resolve_bar(const ir::Bar& bar, const ResolveContext& context) {
  if (empty_rect(context, bar.at, "BL", bar.width, bar.height)) return {};
  return ResolvedRect{ResolvedRect::Kind::bar, bar.at, bar.x, bar.y, bar.width, bar.height, 0};
}

ResolvedElement resolve_reverse(const ir::Reverse& reverse, const ResolveContext& context) {
  if (empty_rect(context, reverse.at, "REV", reverse.width, reverse.height)) return {};
  return ResolvedRect{ResolvedRect::Kind::reverse,
                      reverse.at,
                      reverse.x,
                      reverse.y,
                      reverse.width,
                      reverse.height,
                      0};
}

}  // namespace dotlabel::render
