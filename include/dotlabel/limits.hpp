// Resource limits: bad or hostile input costs a diagnostic, never a crash or a memory blow-up.
// Embedders may tighten every one of them; docs/robustness.md lists where each is enforced.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dotlabel {

struct Limits {
  std::size_t max_input_bytes = 16u << 20;  // 16 MiB of markup
  std::size_t max_elements = 100'000;       // XML elements in one file
  // Label area, w*l in dots (64 Mpx). It also bounds the strip of every label's copies
  // (Renderer::strip), which is one bitmap like a label.
  std::int64_t max_label_dots = 64'000'000;
  std::size_t max_text_chars = 4096;           // characters in one TEXT/BARC/QRC
  std::size_t max_base64_bytes = 8u << 20;     // one BMP's base64 content
  std::int64_t max_image_pixels = 16'000'000;  // decoded BMP pixels, checked before decoding
  // LABEL c. Copies multiply what is made per label (strip rows, Mstching items), so a
  // 10-byte attribute must not ask for a billion of them. A roll holds a few thousand labels:
  // 10,000 copies of one label in one job is more than any real order needs.
  std::int64_t max_copies = 10'000;
  // The Mstching PrintContent JSON (to_json's size), copies counted: checked before each
  // label's copies are added. 64 MiB is far above what the API takes in one request.
  std::size_t max_print_content_bytes = 64u << 20;
  // Threads one run draws on (RunOptions::jobs; 0, every core, is capped at this too). More
  // threads than cores only cost memory: each holds its own glyph caches and labels in flight.
  int max_jobs = 256;
};

}  // namespace dotlabel
