// Compile + Mstching conversion (both modes) + JSON: whatever the markup, the back end ends
// with items or diagnostics, never a crash or an unbounded picture.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dotlabel/compiler.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/render.hpp"
#include "fuzz_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dotlabel::Renderer renderer({.font_dir = {}, .limits = fuzz_limits()});
  dotlabel::CompileOptions compile_options;
  compile_options.limits = fuzz_limits();
  auto result = dotlabel::compile(std::string_view(reinterpret_cast<const char*>(data), size),
                                  compile_options);
  if (!result.ok()) return 0;
  dotlabel::mstching::Options options;
  options.limits = fuzz_limits();
  // The input length picks the mode and paper width, so the seeds stay plain markup; widths
  // run past kMaxPaperWidth to reach the DL0510 refusal too.
  options.mode = size % 2 ? dotlabel::mstching::Mode::image : dotlabel::mstching::Mode::items;
  options.paper_width = static_cast<int>(size % (dotlabel::mstching::kMaxPaperWidth + 64));
  auto converted = dotlabel::mstching::convert(*result.document, renderer, options);
  dotlabel::mstching::to_json(converted.items);
  return 0;
}
