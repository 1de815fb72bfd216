#include "encode_rects.hpp"

namespace dotlabel::render {

std::vector<BlackRect> black_rects(const Bitmap& bitmap) {
  std::vector<BlackRect> rects;
  // The previous row's runs as (x, width, index of the rectangle they belong to).
  struct Run {
    int x, width;
    std::size_t rect;
  };
  std::vector<Run> previous, current;
  for (int y = 0; y < bitmap.height(); ++y) {
    current.clear();
    const std::uint8_t* row = bitmap.row(y);
    std::size_t p = 0;  // walks `previous`, which is sorted by x like `current`
    for (int x = 0; x < bitmap.width();) {
      if (!row[x >> 3] && (x & 7) == 0) {
        x += 8;
        continue;
      }
      if (!bitmap.get(x, y)) {
        ++x;
        continue;
      }
      int start = x;
      while (x < bitmap.width() && bitmap.get(x, y)) ++x;
      int width = x - start;
      while (p < previous.size() && previous[p].x < start) ++p;
      if (p < previous.size() && previous[p].x == start && previous[p].width == width) {
        ++rects[previous[p].rect].height;
        current.push_back({start, width, previous[p].rect});
      } else {
        rects.push_back({start, y, width, 1});
        current.push_back({start, width, rects.size() - 1});
      }
    }
    std::swap(previous, current);
  }
  return rects;
}

}  // namespace dotlabel::render
