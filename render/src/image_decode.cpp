// Image decoding for BMP elements: the format by its signature (one reader per format,
// image_png.cpp, image_jpeg.cpp, image_bmp.cpp), then scaling and reduction to 1 bit.
#include "image_decode.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "image_formats.hpp"

namespace dotlabel::render {

GrayImage decode_image(std::span<const std::uint8_t> data, std::int64_t max_pixels) {
  static constexpr std::uint8_t kPng[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  auto starts = [&](std::span<const std::uint8_t> magic) {
    return data.size() >= magic.size() && std::equal(magic.begin(), magic.end(), data.begin());
  };
  if (starts(kPng)) return decode_png(data, max_pixels);
  if (starts(std::array<std::uint8_t, 3>{0xFF, 0xD8, 0xFF})) return decode_jpeg(data, max_pixels);
  if (starts(std::array<std::uint8_t, 2>{'B', 'M'})) return decode_bmp(data, max_pixels);
  GrayImage out;
  out.error = "the data is not a PNG, JPEG or BMP image (no known signature)";
  return out;
}

bool two_colour(const GrayImage& image) {
  bool seen[256] = {};
  int distinct = 0;
  for (std::uint8_t v : image.luma) {
    if (seen[v]) continue;
    seen[v] = true;
    if (++distinct > 2) return false;
  }
  return true;
}

Bitmap to_mono(const GrayImage& image, int width, int height) {
  Bitmap out(width, height);
  const int sw = image.width, sh = image.height;
  if (width <= 0 || height <= 0 || sw <= 0 || sh <= 0) return out;

  // Threshold halfway between the two values; a single value is black when it is dark.
  const bool threshold = two_colour(image);
  float cut = 128;
  if (threshold) {
    auto [lo, hi] = std::minmax_element(image.luma.begin(), image.luma.end());
    if (*lo != *hi) cut = (*lo + *hi) / 2.0f;
  }

  // Area averaging, separable: for each output column the source columns it covers with
  // their overlap, and likewise per output row; sums are normalised by the covered area.
  struct Span {
    int first = 0;
    std::vector<float> weights;
  };
  auto spans = [](int src, int dst) {
    std::vector<Span> result(static_cast<std::size_t>(dst));
    const double scale = static_cast<double>(src) / dst;
    for (int o = 0; o < dst; ++o) {
      const double a = o * scale, b = (o + 1) * scale;
      Span& s = result[o];
      s.first = static_cast<int>(a);
      const int last = std::min(src - 1, static_cast<int>(std::ceil(b)) - 1);
      for (int i = s.first; i <= last; ++i)
        s.weights.push_back(
            static_cast<float>((std::min(b, i + 1.0) - std::max(a, double(i))) / scale));
    }
    return result;
  };
  const std::vector<Span> columns = spans(sw, width), rows = spans(sh, height);

  std::vector<float> line(static_cast<std::size_t>(width));
  // Floyd-Steinberg error for the current and the next row, one guard cell on each side.
  std::vector<float> error(static_cast<std::size_t>(width) + 2), next(error.size());
  for (int y = 0; y < height; ++y) {
    std::fill(line.begin(), line.end(), 0.0f);
    const Span& rs = rows[y];
    for (std::size_t k = 0; k < rs.weights.size(); ++k) {
      const std::uint8_t* src = image.luma.data() + static_cast<std::size_t>(rs.first + k) * sw;
      for (int x = 0; x < width; ++x) {
        const Span& cs = columns[x];
        float sum = 0;
        for (std::size_t j = 0; j < cs.weights.size(); ++j)
          sum += cs.weights[j] * src[cs.first + j];
        line[x] += rs.weights[k] * sum;
      }
    }
    if (threshold) {
      for (int x = 0; x < width; ++x)
        if (line[x] < cut) out.set(x, y, true);
      continue;
    }
    std::fill(next.begin(), next.end(), 0.0f);
    for (int x = 0; x < width; ++x) {
      const float v = line[x] + error[x + 1];
      const bool black = v < 128;
      if (black) out.set(x, y, true);
      const float e = v - (black ? 0 : 255);
      error[x + 2] += e * 7 / 16;
      next[x] += e * 3 / 16;
      next[x + 1] += e * 5 / 16;
      next[x + 2] += e * 1 / 16;
    }
    std::swap(error, next);
  }
  return out;
}

}  // namespace dotlabel::render
