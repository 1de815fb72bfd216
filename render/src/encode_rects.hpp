// The black dots of a bitmap as few rectangles, for the vector encoders (SVG, PDF).
#pragma once

#include <vector>

#include "dotlabel/bitmap.hpp"

namespace dotlabel::render {

struct BlackRect {
  int x = 0, y = 0, width = 0, height = 0;
};

// Each row's horizontal runs of black, a run extended downwards while the rows below have the
// very same run. Exact: the union of the rectangles is the set of black dots, without overlap.
std::vector<BlackRect> black_rects(const Bitmap& bitmap);

}  // namespace dotlabel::render
