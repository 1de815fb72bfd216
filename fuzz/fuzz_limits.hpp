// The limits every fuzz target runs with: the library's own Limits, tightened so each run stays
// fast, still far above any real label. Nothing else caps what a target asks of the library.
#pragma once

#include "dotlabel/limits.hpp"

inline dotlabel::Limits fuzz_limits() {
  dotlabel::Limits limits;
  limits.max_label_dots = 1'000'000;  // the default is 64 Mpx; it bounds the strip too
  limits.max_image_pixels = 1'000'000;
  limits.max_print_content_bytes = 1u << 20;  // the default is 64 MiB
  return limits;
}
