// Dot-for-dot comparison of two 1-bit images and the side-by-side diff picture.
#include <png.h>

#include <algorithm>
#include <cstdio>
#include <new>

#include "dotlabel/golden.hpp"

namespace dotlabel::golden {

namespace {

bool black_at(const Bitmap& bitmap, int x, int y) {
  return x < bitmap.width() && y < bitmap.height() && bitmap.get(x, y);
}

// Dots are 1/8 mm, so three decimals are exact; trailing zeros are dropped.
std::string mm(int dots) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", dots / static_cast<double>(ir::kDotsPerMm));
  std::string s = text;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s;
}

struct Rgb {
  std::uint8_t r, g, b;
};
constexpr Rgb kWhite{255, 255, 255}, kBlack{0, 0, 0};
constexpr Rgb kBoth{192, 192, 192};      // black in both images
constexpr Rgb kOnlyExpected{230, 0, 0};  // missing from the render
constexpr Rgb kOnlyActual{0, 64, 230};   // extra in the render
constexpr Rgb kOutside{255, 244, 192};   // beyond the smaller image
constexpr Rgb kGutter{128, 128, 128};
constexpr int kGutterWidth = 8;

}  // namespace

Comparison compare(const Bitmap& expected, const Bitmap& actual) {
  Comparison c;
  c.expected_width = expected.width();
  c.expected_height = expected.height();
  c.actual_width = actual.width();
  c.actual_height = actual.height();
  int width = std::max(expected.width(), actual.width());
  int height = std::max(expected.height(), actual.height());
  int x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (black_at(expected, x, y) == black_at(actual, x, y)) continue;
      ++c.differing_dots;
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  }
  if (c.differing_dots > 0) c.bounds = {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
  return c;
}

std::string describe(const Comparison& c) {
  std::string text;
  if (!c.same_size()) {
    text = "size " + std::to_string(c.actual_width) + "x" + std::to_string(c.actual_height) +
           " dots, expected " + std::to_string(c.expected_width) + "x" +
           std::to_string(c.expected_height);
    if (c.differing_dots == 0) return text;
    text += "; ";
  } else if (c.differing_dots == 0) {
    return "identical";
  }
  const DotRect& b = c.bounds;
  text += std::to_string(c.differing_dots) +
          (c.differing_dots == 1 ? " dot differs" : " dots differ") + " in x " + mm(b.x) + ".." +
          mm(b.x + b.width) + " mm, y " + mm(b.y) + ".." + mm(b.y + b.height) + " mm";
  return text;
}

std::vector<std::uint8_t> diff_png(const Bitmap& expected, const Bitmap& actual) {
  int panel_w = std::max({expected.width(), actual.width(), 1});
  int panel_h = std::max({expected.height(), actual.height(), 1});
  int width = 3 * panel_w + 2 * kGutterWidth;
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(width) * panel_h * 3);
  auto put = [&](int x, int y, Rgb c) {
    std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
  };
  auto plain = [](const Bitmap& image, int x, int y) {
    if (x >= image.width() || y >= image.height()) return kOutside;
    return image.get(x, y) ? kBlack : kWhite;
  };
  for (int y = 0; y < panel_h; ++y) {
    for (int g = 0; g < kGutterWidth; ++g) {
      put(panel_w + g, y, kGutter);
      put(2 * panel_w + kGutterWidth + g, y, kGutter);
    }
    for (int x = 0; x < panel_w; ++x) {
      bool inside = (x < expected.width() && y < expected.height()) &&
                    (x < actual.width() && y < actual.height());
      bool e = black_at(expected, x, y), a = black_at(actual, x, y);
      Rgb d = e && a ? kBoth : e ? kOnlyExpected : a ? kOnlyActual : inside ? kWhite : kOutside;
      put(x, y, plain(expected, x, y));
      put(panel_w + kGutterWidth + x, y, d);
      put(2 * (panel_w + kGutterWidth) + x, y, plain(actual, x, y));
    }
  }

  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(panel_h);
  image.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  // The image is well formed by construction: libpng fails here only when it cannot allocate,
  // the one exception the public API lets through (docs/api.md).
  if (!png_image_write_get_memory_size(image, size, 0, rgb.data(), 0, nullptr))
    throw std::bad_alloc();
  std::vector<std::uint8_t> png(size);
  if (!png_image_write_to_memory(&image, png.data(), &size, 0, rgb.data(), 0, nullptr))
    throw std::bad_alloc();
  png.resize(size);
  return png;
}

}  // namespace dotlabel::golden
