// Shared by the render_elements tests: a label canvas, zxing-cpp decoding of sprites and
// bitmaps, and small bitmap measurements.
#pragma once

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/render.hpp"
#include "draw.hpp"
#include "fonts.hpp"
#include "resolve/resolve.hpp"

namespace dotlabel::test {

// A white label and everything a LabelCanvas reports into.
struct TestLabel {
  explicit TestLabel(int width = 640, int height = 480) : bitmap(width, height) {}
  TestLabel(const TestLabel&) = delete;
  Bitmap bitmap;
  Diagnostics diagnostics;
  std::vector<ElementBox> boxes;
  std::string file = "label.xml";
  render::LabelCanvas canvas{bitmap, diagnostics, boxes, file};

  const Diagnostic* find(std::string_view code) const {
    for (const Diagnostic& d : diagnostics)
      if (d.code == code) return &d;
    return nullptr;
  }
  long count_black() const {
    long n = 0;
    for (int y = 0; y < bitmap.height(); ++y)
      for (int x = 0; x < bitmap.width(); ++x) n += bitmap.get(x, y);
    return n;
  }
};

// Text metrics for elements drawn without text: the manifest alone, no font file is opened.
inline const render::FontSet& no_fonts() {
  static const render::FontSet set;
  return set;
}

// `element` resolved and drawn on `label`, as the Renderer does each element of a label.
inline void draw(TestLabel& label, const ir::Element& element,
                 const render::FontSet& fonts = no_fonts(), const RenderOptions& options = {},
                 const Limits& limits = {}) {
  const render::ResolveContext context{
      label.file, label.bitmap.width(), label.bitmap.height(), limits, fonts,
      options,    label.diagnostics};
  render::draw(render::resolve(element, context), fonts, label.canvas);
}

// Decodes `image` with a white quiet zone of `quiet` dots on every side.
inline ZXing::Result decode(const Bitmap& image, ZXing::BarcodeFormat format, int quiet = 60,
                            bool pure = false) {
  const int w = image.width() + 2 * quiet, h = image.height() + 2 * quiet;
  std::vector<std::uint8_t> lum(static_cast<std::size_t>(w) * h, 255);
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      if (image.get(x, y)) lum[static_cast<std::size_t>(y + quiet) * w + x + quiet] = 0;
  ZXing::DecodeHints hints;
  hints.setFormats(format);
  hints.setIsPure(pure);
  hints.setReturnCodabarStartEnd(true);
  hints.setTryCode39ExtendedMode(true);
  return ZXing::ReadBarcode(ZXing::ImageView(lum.data(), w, h, ZXing::ImageFormat::Lum), hints);
}

// Colour runs along row y: (black?, length) pairs from the first to the last black dot.
inline std::vector<std::pair<bool, int>> runs(const Bitmap& image, int y) {
  std::vector<std::pair<bool, int>> out;
  int first = 0, last = image.width() - 1;
  while (first <= last && !image.get(first, y)) ++first;
  while (last >= first && !image.get(last, y)) --last;
  for (int x = first; x <= last; ++x) {
    bool black = image.get(x, y);
    if (out.empty() || out.back().first != black)
      out.push_back({black, 1});
    else
      ++out.back().second;
  }
  return out;
}

// The bounding box of the black dots: {x, y, w, h}; w = 0 when there are none.
struct Extent {
  int x = 0, y = 0, w = 0, h = 0;
};
inline Extent ink(const Bitmap& image) {
  int x0 = image.width(), y0 = image.height(), x1 = -1, y1 = -1;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      if (image.get(x, y)) {
        x0 = std::min(x0, x), x1 = std::max(x1, x);
        y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
  if (x1 < 0) return {};
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

}  // namespace dotlabel::test
