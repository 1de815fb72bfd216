// PNG images of BMP elements, through libpng, to 8-bit luminance (image_formats.hpp).
#include "image_formats.hpp"

#include <png.h>

#include <csetjmp>
#include <cstring>

namespace dotlabel::render {
namespace {

// libpng reports errors by longjmp. The frame that calls setjmp (png_decode) keeps no C++
// object of its own: everything it fills lives in the caller and is reached through pointers,
// so no destructor is skipped and every value is well defined after the jump.

struct PngSource {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0, pos = 0;
  char message[200] = {};
};

struct PngBuffers {
  std::vector<std::uint8_t> pixels;  // RGBA, one row or (interlaced) the whole image
  std::vector<png_bytep> rows;
};

void png_fail(png_structp png, png_const_charp message) {
  auto* source = static_cast<PngSource*>(png_get_error_ptr(png));
  std::snprintf(source->message, sizeof source->message, "%s", message);
  png_longjmp(png, 1);
}

// libpng's warnings (an odd iCCP profile, a bad ancillary chunk CRC) do not affect the pixels.
void png_quiet(png_structp, png_const_charp) {}

void png_read_bytes(png_structp png, png_bytep out, std::size_t n) {
  auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
  if (source->size - source->pos < n) png_error(png, "the image data is truncated");
  std::memcpy(out, source->data + source->pos, n);
  source->pos += n;
}

bool png_decode(png_structp png, png_infop info, PngSource* source, std::int64_t max_pixels,
                GrayImage* out, PngBuffers* buffers) {
  if (setjmp(png_jmpbuf(png))) return false;
  // Our own pixel limit decides, with its own message, rather than libpng's 1e6 x 1e6 default.
  png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
  png_set_read_fn(png, source, png_read_bytes);
  png_read_info(png, info);
  const std::int64_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
  if (w * h > max_pixels) {
    out->too_large = true;
    std::snprintf(source->message, sizeof source->message, "%s",
                  too_large_message(w, h, max_pixels).c_str());
    return false;
  }
  // Whatever the colour type and depth: 8-bit RGBA.
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  out->width = static_cast<int>(w);
  out->height = static_cast<int>(h);
  out->luma.resize(static_cast<std::size_t>(w * h));
  const std::size_t stride = static_cast<std::size_t>(w) * 4;
  auto convert = [&](const std::uint8_t* rgba, std::int64_t y) {
    std::uint8_t* dst = out->luma.data() + y * w;
    for (std::int64_t x = 0; x < w; ++x, rgba += 4)
      dst[x] = luminance(rgba[0], rgba[1], rgba[2], rgba[3]);
  };
  if (passes == 1) {
    buffers->pixels.resize(stride);
    for (std::int64_t y = 0; y < h; ++y) {
      png_read_row(png, buffers->pixels.data(), nullptr);
      convert(buffers->pixels.data(), y);
    }
  } else {
    // Adam7 fills rows over several passes: it needs the whole image at once.
    buffers->pixels.resize(stride * static_cast<std::size_t>(h));
    buffers->rows.resize(static_cast<std::size_t>(h));
    for (std::int64_t y = 0; y < h; ++y) buffers->rows[y] = buffers->pixels.data() + y * stride;
    png_read_image(png, buffers->rows.data());
    for (std::int64_t y = 0; y < h; ++y) convert(buffers->rows[y], y);
  }
  return true;
}

}  // namespace

GrayImage decode_png(std::span<const std::uint8_t> data, std::int64_t max_pixels) {
  GrayImage out;
  out.format = "PNG";
  PngSource source;
  source.data = data.data();
  source.size = data.size();
  PngBuffers buffers;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, png_fail, png_quiet);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    out.error = "libpng could not start";
    return out;
  }
  struct Guard {
    png_structp* png;
    png_infop* info;
    ~Guard() { png_destroy_read_struct(png, info, nullptr); }
  } guard{&png, &info};
  if (!png_decode(png, info, &source, max_pixels, &out, &buffers)) {
    out.luma.clear();
    out.width = out.height = 0;
    out.error = source.message;
  }
  return out;
}

}  // namespace dotlabel::render
