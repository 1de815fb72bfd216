// Small helpers shared by the renderer tests: IR built by hand, bitmap comparisons.
#pragma once

#include <string>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/ir.hpp"

namespace dotlabel::testing {

// A 100 x 60 mm page (800 x 480 dots) with one empty label of id 1.
inline ir::Document page(int width = 800, int length = 480) {
  ir::Document document;
  document.file = "t.xml";
  document.page.width = width;
  document.page.length = length;
  ir::Label label;
  label.id = 1;
  document.labels.push_back(label);
  return document;
}

inline ir::Text text(int x, int y, std::string content, int font = 3) {
  ir::Text t;
  t.at = {3, 5};
  t.x = x;
  t.y = y;
  t.font = font;
  t.content = std::move(content);
  return t;
}

inline int black_count(const Bitmap& b) {
  int n = 0;
  for (int y = 0; y < b.height(); ++y)
    for (int x = 0; x < b.width(); ++x) n += b.get(x, y);
  return n;
}

// ASCII art, for failure messages.
inline std::string art(const Bitmap& b) {
  std::string s;
  for (int y = 0; y < b.height(); ++y) {
    for (int x = 0; x < b.width(); ++x) s += b.get(x, y) ? '#' : '.';
    s += '\n';
  }
  return s;
}

}  // namespace dotlabel::testing
