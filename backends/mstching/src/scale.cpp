#include "scale.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace dotlabel::mstching {

Bitmap crop(const Bitmap& source, int x, int y, int width, int height) {
  int x0 = std::clamp(x, 0, source.width()), y0 = std::clamp(y, 0, source.height());
  int x1 = std::clamp(x + width, x0, source.width());
  int y1 = std::clamp(y + height, y0, source.height());
  Bitmap out(x1 - x0, y1 - y0);
  for (int yy = 0; yy < out.height(); ++yy)
    for (int xx = 0; xx < out.width(); ++xx) out.set(xx, yy, source.get(x0 + xx, y0 + yy));
  return out;
}

Bitmap scale_nearest(const Bitmap& source, int width, int height) {
  Bitmap out(width, height);
  if (source.width() == 0 || source.height() == 0) return out;
  // Source coordinate of each output column, computed once: the dot under the column's centre.
  std::vector<int> column(static_cast<std::size_t>(out.width()));
  for (int x = 0; x < out.width(); ++x)
    column[static_cast<std::size_t>(x)] = static_cast<int>(
        (2 * static_cast<std::int64_t>(x) + 1) * source.width() / (2 * std::int64_t{width}));
  for (int y = 0; y < out.height(); ++y) {
    int sy = static_cast<int>((2 * static_cast<std::int64_t>(y) + 1) * source.height() /
                              (2 * std::int64_t{height}));
    for (int x = 0; x < out.width(); ++x)
      if (source.get(column[static_cast<std::size_t>(x)], sy)) out.set(x, y, true);
  }
  return out;
}

std::int64_t height_at_width(const Bitmap& source, int width) {
  if (source.width() == 0) return 1;
  std::int64_t height =
      (2 * std::int64_t{source.height()} * width + source.width()) / (2 * source.width());
  return std::max<std::int64_t>(height, 1);
}

Bitmap scale_to_width(const Bitmap& source, int width) {
  return scale_nearest(source, width, static_cast<int>(height_at_width(source, width)));
}

}  // namespace dotlabel::mstching
