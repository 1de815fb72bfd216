// Resource limits: bad or hostile input costs a diagnostic, never a crash or a memory blow-up.
// Embedders may tighten every one of them; docs/robustness.md lists where each is enforced.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dotlabel {

struct Limits {
  std::size_t max_input_bytes = 16u << 20;     // 16 MiB of markup
  std::size_t max_elements = 100'000;          // XML elements in one file
  std::int64_t max_label_dots = 64'000'000;    // label area, w*l in dots (64 Mpx)
  std::size_t max_text_chars = 4096;           // characters in one TEXT/BARC/QRC
  std::size_t max_base64_bytes = 8u << 20;     // one BMP's base64 content
  std::int64_t max_image_pixels = 16'000'000;  // decoded BMP pixels, checked before decoding
};

}  // namespace dotlabel
