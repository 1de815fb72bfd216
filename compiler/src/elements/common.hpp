// Small helpers the element files share.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "dotlabel/ir.hpp"

namespace dotlabel {

// From values the element table has already validated.
inline ir::Align to_align(std::string_view a) {
  return a == "center" ? ir::Align::center : a == "right" ? ir::Align::right : ir::Align::left;
}
inline ir::Rotation to_rotation(std::string_view r) {
  return r == "90"    ? ir::Rotation::r90
         : r == "180" ? ir::Rotation::r180
         : r == "270" ? ir::Rotation::r270
                      : ir::Rotation::r0;
}

// Dots back to mm for a hint ("50", "12.5"): 8 dots per mm, so three decimals are exact.
inline std::string dots_as_mm(int dots) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(dots) / ir::kDotsPerMm);
  std::string text = buffer;
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace dotlabel
