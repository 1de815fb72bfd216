// Cairo, loaded the first time a PDF is written rather than at every start: libcairo.so.2
// brings ~15 libraries (X11, xcb, pixman, fontconfig, ...) that no other encoder needs
// (docs/performance.md).
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>

#include <string>

namespace dotlabel::render {

// The Cairo functions encode_pdf uses, each declared once here (without the "cairo_" prefix).
#define DOTLABEL_CAIRO_FUNCTIONS(X) \
  X(pdf_surface_create_for_stream)  \
  X(pdf_surface_set_metadata)       \
  X(create)                         \
  X(scale)                          \
  X(set_source_rgb)                 \
  X(rectangle)                      \
  X(fill)                           \
  X(destroy)                        \
  X(surface_finish)                 \
  X(surface_destroy)

struct Cairo {
#define DOTLABEL_CAIRO_MEMBER(name) decltype(&cairo_##name) name = nullptr;
  DOTLABEL_CAIRO_FUNCTIONS(DOTLABEL_CAIRO_MEMBER)
#undef DOTLABEL_CAIRO_MEMBER
};

// The name dlopen() is given: the soname of Debian's libcairo2.
inline constexpr const char* kCairoLibrary = "libcairo.so.2";

// Cairo loaded once per process, whichever thread asks first; nullptr when it cannot be
// loaded, with `why` saying so and what to install. It stays loaded until the process ends.
const Cairo* load_cairo(std::string& why);

}  // namespace dotlabel::render
