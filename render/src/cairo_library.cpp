// Loads Cairo on first use (cairo_library.hpp): the one place that knows its file name and
// resolves its functions.
#include "cairo_library.hpp"

#include <mutex>

#include "shared_library.hpp"

namespace dotlabel::render {

const Cairo* load_cairo(std::string& why) {
  static std::once_flag once;
  static Cairo cairo;
  static std::string error;  // empty once loaded
  std::call_once(once, [] {
    support::SharedLibrary library(kCairoLibrary);
    if (!library.loaded()) {
      error = library.error() + "; install libcairo2";
      return;
    }
#define DOTLABEL_CAIRO_RESOLVE(name) library.resolve(cairo.name, "cairo_" #name);
    DOTLABEL_CAIRO_FUNCTIONS(DOTLABEL_CAIRO_RESOLVE)
#undef DOTLABEL_CAIRO_RESOLVE
    if (!library.missing().empty())
      error = std::string(kCairoLibrary) + " lacks " + library.missing() +
              "; install libcairo2 1.16 or later";
  });
  if (!error.empty()) {
    why = error;
    return nullptr;
  }
  return &cairo;
}

}  // namespace dotlabel::render
