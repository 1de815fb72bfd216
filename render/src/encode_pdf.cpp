// PDF: one page the size of the label in mm, black dots as filled rectangles (Cairo).
#include <cstdlib>
#include <ctime>
#include <stdexcept>
#include <string>

#include "cairo_library.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/ir.hpp"
#include "encode_pdf.hpp"
#include "encode_rects.hpp"

namespace dotlabel {
namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

// Cairo stamps the PDF with the current time; SOURCE_DATE_EPOCH (the reproducible-builds
// convention) pins it, so the same label can give the very same file. (Cairo 1.16 writes a set
// date without the optional "D:" prefix; readers accept it.)
void set_reproducible_date(const render::Cairo& cairo, cairo_surface_t* surface) {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (!epoch || !*epoch) return;
  char* end = nullptr;
  long long seconds = std::strtoll(epoch, &end, 10);
  if (*end != '\0' || seconds < 0) return;
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  char date[32];
  if (!gmtime_r(&t, &utc) || !std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc)) return;
  cairo.pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

}  // namespace

bool render::pdf_encoder_available(std::string& why) {
  return render::load_cairo(why) != nullptr;
}

std::vector<std::uint8_t> encode_pdf(const Bitmap& bitmap) {
  constexpr double kPointsPerDot = 72.0 / 25.4 / ir::kDotsPerMm;
  std::string why;
  const render::Cairo* api = render::load_cairo(why);
  if (!api) throw std::runtime_error(why);
  const render::Cairo& cairo = *api;
  std::vector<std::uint8_t> out;
  cairo_surface_t* surface = cairo.pdf_surface_create_for_stream(
      append, &out, bitmap.width() * kPointsPerDot, bitmap.height() * kPointsPerDot);
  set_reproducible_date(cairo, surface);
  cairo_t* cr = cairo.create(surface);
  cairo.scale(cr, kPointsPerDot, kPointsPerDot);
  cairo.set_source_rgb(cr, 0, 0, 0);
  for (const render::BlackRect& r : render::black_rects(bitmap))
    cairo.rectangle(cr, r.x, r.y, r.width, r.height);
  cairo.fill(cr);
  cairo.destroy(cr);
  cairo.surface_finish(surface);  // writes the rest of the file through append()
  cairo.surface_destroy(surface);
  return out;
}

}  // namespace dotlabel
