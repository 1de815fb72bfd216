// The printer fonts (spec/fonts.md), loaded once per Renderer and shared by its threads.
#pragma once

#include <string_view>

#include "dotlabel/bitmap.hpp"

namespace dotlabel::render {

class FontSet {
 public:
  // One line of text in printer font `font` (1..8) as an unrotated sprite: the cells side by
  // side (width = sum of cell widths, height = cell height), magnified xw/yh times by pixel
  // replication. Its top-left is the anchor of a left-aligned TEXT. Thread-safe.
  Bitmap text_line(std::string_view utf8, int font, int xw, int yh) const;
};

}  // namespace dotlabel::render
