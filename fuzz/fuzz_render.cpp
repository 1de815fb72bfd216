// Compile + render + the strip + the Mstching content in both modes, bounded by nothing but
// the library's own Limits: whatever the markup and its copies, each output is made within
// them or refused with a diagnostic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dotlabel/compiler.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/render.hpp"
#include "fuzz_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dotlabel::Renderer renderer({.font_dir = {}, .limits = fuzz_limits()});
  dotlabel::CompileOptions options;
  options.limits = fuzz_limits();
  auto result =
      dotlabel::compile(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (!result.ok()) return 0;
  const dotlabel::ir::Document& document = *result.document;
  dotlabel::RenderResult rendered = renderer.render(document);
  renderer.strip(document, rendered.labels);
  for (dotlabel::mstching::Mode mode :
       {dotlabel::mstching::Mode::items, dotlabel::mstching::Mode::image}) {
    dotlabel::mstching::Options mstching_options;
    mstching_options.mode = mode;
    mstching_options.limits = fuzz_limits();
    dotlabel::mstching::to_json(
        dotlabel::mstching::convert(document, renderer, mstching_options).items);
  }
  return 0;
}
