// SVG: the label at its size in mm, one unit per dot, black dots as merged rectangles.
#include <string>

#include "dotlabel/encode.hpp"
#include "draw.hpp"
#include "encode_rects.hpp"

namespace dotlabel {

std::string encode_svg(const Bitmap& bitmap) {
  auto mm = [](int dots) {
    std::string s = render::dots_to_mm(dots);
    return s.substr(0, s.size() - 3) + "mm";  // "12.5 mm" -> "12.5mm"
  };
  std::string w = std::to_string(bitmap.width()), h = std::to_string(bitmap.height());
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + mm(bitmap.width()) +
         "\" height=\"" + mm(bitmap.height()) + "\" viewBox=\"0 0 " + w + " " + h +
         "\" shape-rendering=\"crispEdges\">\n";
  out += "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"#fff\"/>\n<g fill=\"#000\">\n";
  for (const render::BlackRect& r : render::black_rects(bitmap)) {
    out += "<rect x=\"" + std::to_string(r.x) + "\" y=\"" + std::to_string(r.y) + "\" width=\"" +
           std::to_string(r.width) + "\" height=\"" + std::to_string(r.height) + "\"/>\n";
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace dotlabel
