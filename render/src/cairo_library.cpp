// Loads Cairo on first use (cairo_library.hpp): the one place that knows its file name and
// resolves its functions.
#include "cairo_library.hpp"

#include <dlfcn.h>

#include <mutex>

namespace dotlabel::render {

const Cairo* load_cairo(std::string& why) {
  static std::once_flag once;
  static Cairo cairo;
  static std::string error;  // empty once loaded
  std::call_once(once, [] {
    void* library = ::dlopen(kCairoLibrary, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
      const char* reason = ::dlerror();
      error = std::string("cannot load ") + kCairoLibrary + ": " + (reason ? reason : "unknown") +
              "; install libcairo2";
      return;
    }
    std::string missing;
#define DOTLABEL_CAIRO_RESOLVE(name)                                                     \
  cairo.name = reinterpret_cast<decltype(cairo.name)>(::dlsym(library, "cairo_" #name)); \
  if (!cairo.name) missing += (missing.empty() ? "cairo_" : ", cairo_") + std::string(#name);
    DOTLABEL_CAIRO_FUNCTIONS(DOTLABEL_CAIRO_RESOLVE)
#undef DOTLABEL_CAIRO_RESOLVE
    if (!missing.empty())
      error =
          std::string(kCairoLibrary) + " lacks " + missing + "; install libcairo2 1.16 or later";
  });
  if (!error.empty()) {
    why = error;
    return nullptr;
  }
  return &cairo;
}

}  // namespace dotlabel::render
