// BMP, resolved (resolve/image.cpp): the 1-bit image placed with its top-left at x, y.
#include "draw.hpp"

namespace dotlabel::render {

void draw_image(const ResolvedImage& resolved, LabelCanvas& canvas) {
  const ir::Image& image = *resolved.image;
  canvas.stamp(image.at, "BMP", resolved.sprite, image.x, image.y, ir::Rotation::r0);
}

}  // namespace dotlabel::render
