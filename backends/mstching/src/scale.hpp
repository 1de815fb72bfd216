// Bitmap cropping and nearest-neighbour scaling for image items.
#pragma once

#include <cstdint>

#include "dotlabel/bitmap.hpp"

namespace dotlabel::mstching {

// The rectangle (x, y, width, height) of `source`, clipped to it.
Bitmap crop(const Bitmap& source, int x, int y, int width, int height);

// Nearest-neighbour resize to width x height: every output dot takes the source dot under its
// centre, so the result stays pure black and white and bars keep hard edges.
Bitmap scale_nearest(const Bitmap& source, int width, int height);

// The height that keeps the aspect ratio at `width`: rounded, at least 1.
std::int64_t height_at_width(const Bitmap& source, int width);

// Scales to exactly `width` x height_at_width(source, width).
Bitmap scale_to_width(const Bitmap& source, int width);

}  // namespace dotlabel::mstching
