// Any byte string fed to the compiler yields a result and diagnostics, never a crash or hang;
// and compile_lazy(), which splits the text into PAGE's children, says exactly what compile()
// says: the same diagnostics, page and labels.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dotlabel/compiler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view markup(reinterpret_cast<const char*>(data), size);
  dotlabel::CompileResult whole = dotlabel::compile(markup);
  dotlabel::LazyDocument lazy = dotlabel::compile_lazy(std::string(markup), {}, 2);
  if (lazy.diagnostics() != whole.diagnostics || lazy.ok() != whole.ok()) std::abort();
  if (!whole.ok()) return 0;
  const dotlabel::ir::Document& document = *whole.document;
  if (!(lazy.outline().page == document.page) || lazy.size() != document.labels.size())
    std::abort();
  for (std::size_t i = 0; i < lazy.size(); ++i)
    if (!(lazy.label(i) == document.labels[i])) std::abort();
  return 0;
}
