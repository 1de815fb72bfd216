// Compile + render with tight limits: whatever the markup, rendering ends cleanly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dotlabel/compiler.hpp"
#include "dotlabel/render.hpp"
#include "fuzz_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dotlabel::Renderer renderer({.font_dir = {}, .limits = fuzz_limits()});
  dotlabel::CompileOptions options;
  options.limits = fuzz_limits();
  auto result =
      dotlabel::compile(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (result.ok()) renderer.render(*result.document);
  return 0;
}
