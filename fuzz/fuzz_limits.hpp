// The limits every fuzz target runs with: tighter than the defaults so each run stays fast,
// still far above any real label.
#pragma once

#include "dotlabel/limits.hpp"

inline dotlabel::Limits fuzz_limits() {
  dotlabel::Limits limits;
  limits.max_label_dots = 1'000'000;  // the default is 64 Mpx
  limits.max_image_pixels = 1'000'000;
  return limits;
}
