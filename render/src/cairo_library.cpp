// Loads Cairo on first use (cairo_library.hpp): the one place that knows its file name and
// resolves its functions.
#include "cairo_library.hpp"

#include "shared_library.hpp"

namespace dotlabel::render {

const Cairo* load_cairo(std::string& why) {
  return support::load_once<Cairo>(
      {kCairoLibrary, "libcairo2", "1.16"},
      [](support::SharedLibrary& library, Cairo& cairo) {
#define DOTLABEL_CAIRO_RESOLVE(name) library.resolve(cairo.name, "cairo_" #name);
        DOTLABEL_CAIRO_FUNCTIONS(DOTLABEL_CAIRO_RESOLVE)
#undef DOTLABEL_CAIRO_RESOLVE
      },
      [](Cairo&) { return std::string(); }, why);
}

}  // namespace dotlabel::render
