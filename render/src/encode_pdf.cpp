// PDF: one page the size of the label in mm, black dots as filled rectangles (Cairo).
#include <cairo-pdf.h>
#include <cairo.h>

#include "dotlabel/encode.hpp"
#include "dotlabel/ir.hpp"
#include "encode_rects.hpp"

namespace dotlabel {
namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::vector<std::uint8_t> encode_pdf(const Bitmap& bitmap) {
  constexpr double kPointsPerDot = 72.0 / 25.4 / ir::kDotsPerMm;
  std::vector<std::uint8_t> out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append, &out, bitmap.width() * kPointsPerDot, bitmap.height() * kPointsPerDot);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kPointsPerDot, kPointsPerDot);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const render::DotRect& r : render::black_rects(bitmap))
    cairo_rectangle(cr, r.x, r.y, r.width, r.height);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);  // writes the rest of the file through append()
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace dotlabel
