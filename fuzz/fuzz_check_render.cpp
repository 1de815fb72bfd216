// The check/render invariant: whatever the markup, when dotlabel::check() reports no error,
// compiling and rendering it reports none either, apart from the font files themselves
// (is_font_file_problem()). A violation aborts with the first render error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/render.hpp"
#include "fuzz_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dotlabel::Renderer renderer({.font_dir = {}, .limits = fuzz_limits()});
  dotlabel::CompileOptions options;
  options.limits = fuzz_limits();
  const std::string_view markup(reinterpret_cast<const char*>(data), size);
  if (dotlabel::has_errors(dotlabel::check(markup, options))) return 0;
  auto compiled = dotlabel::compile(markup, options);
  if (!compiled.ok()) {
    std::fprintf(stderr, "check passed but compile failed\n");
    std::abort();
  }
  for (const dotlabel::Diagnostic& d : renderer.render(*compiled.document).diagnostics) {
    if (d.severity != dotlabel::Severity::error || dotlabel::is_font_file_problem(d)) continue;
    std::fprintf(stderr, "check passed but render failed: %s\n", dotlabel::format_text(d).c_str());
    std::abort();
  }
  return 0;
}
