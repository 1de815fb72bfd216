// Where a sprite lands on the label: the raster places sprites with it (canvas.cpp) and the
// scan-safety lint (resolve/scan_safety.cpp) measures with it, so both agree to the dot.
#pragma once

#include "dotlabel/ir.hpp"

namespace dotlabel::render {

// A rectangle of dots on the label (before mirroring); may reach beyond the label.
struct DotRect {
  long long x = 0, y = 0, w = 0, h = 0;
};

// Where a w x h sprite lands when its anchor (ax, ay) goes to (x, y) and it turns clockwise.
// Dots are unit squares and the anchor is a point, so sprite dot (ax + dx, ay + dy) lands on
// (x + dx, y + dy) unturned, (x - dy - 1, y + dx) at 90, (x - dx - 1, y - dy - 1) at 180 and
// (x + dy, y - dx - 1) at 270.
inline DotRect landing(long long w, long long h, long long ax, long long ay, long long x,
                       long long y, ir::Rotation rotation) {
  switch (rotation) {
    case ir::Rotation::r0:
      return {x - ax, y - ay, w, h};
    case ir::Rotation::r90:
      return {x - h + ay, y - ax, h, w};
    case ir::Rotation::r180:
      return {x - w + ax, y - h + ay, w, h};
    case ir::Rotation::r270:
      return {x - ay, y - w + ax, h, w};
  }
  return {x - ax, y - ay, w, h};
}

// Where part `part` of that sprite (a rectangle in the sprite's own dots) lands.
inline DotRect landing(const DotRect& part, long long ax, long long ay, long long x, long long y,
                       ir::Rotation rotation) {
  return landing(part.w, part.h, ax - part.x, ay - part.y, x, y, rotation);
}

}  // namespace dotlabel::render
