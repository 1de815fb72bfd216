// PNG: greyscale 1 bit per dot (0 = black, as PNG greys go) with a 203-dpi pHYs chunk.
#include <png.h>

#include <csetjmp>
#include <cstring>

#include "dotlabel/encode.hpp"

namespace dotlabel {
namespace {

constexpr png_uint_32 kDotsPerMetre = 7992;  // 203 dpi = 8 dots/mm, as the printer's head

void write_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + length);
}

void flush_nothing(png_structp) {}

struct Reader {
  std::span<const std::uint8_t> bytes;
  std::size_t at = 0;
};

void read_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* reader = static_cast<Reader*>(png_get_io_ptr(png));
  if (length > reader->bytes.size() - reader->at) png_error(png, "truncated PNG");
  std::memcpy(data, reader->bytes.data() + reader->at, length);
  reader->at += length;
}

// libpng reports errors by longjmp; keep its messages off stderr, the callers report.
void quiet_error(png_structp png, png_const_charp) {
  png_longjmp(png, 1);
}
void quiet_warning(png_structp, png_const_charp) {}

}  // namespace

std::vector<std::uint8_t> encode_png(const Bitmap& bitmap) {
  std::vector<std::uint8_t> out;
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, quiet_error, quiet_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return {};
  }
  std::vector<png_byte> row(static_cast<std::size_t>(bitmap.stride()));
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return {};
  }
  out.reserve(static_cast<std::size_t>(bitmap.stride()) * bitmap.height() / 8 + 256);
  png_set_write_fn(png, &out, write_bytes, flush_nothing);
  png_set_IHDR(png, info, static_cast<png_uint_32>(bitmap.width()),
               static_cast<png_uint_32>(bitmap.height()), 1, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs(png, info, kDotsPerMetre, kDotsPerMetre, PNG_RESOLUTION_METER);
  // Speed first: many labels per second get encoded. Measured on an 800 x 480 label (text,
  // Code 128, QR, box): no filter at zlib level 1 takes ~175 us for 2969 bytes; level 6 ~640 us
  // for 2090 bytes, level 9 ~2.4 ms for 2044. Filters (sub/up/paeth/adaptive) only cost time on
  // 1-bit rows; RLE without filtering is 2.4x larger.
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level(png, 1);
  png_write_info(png, info);
  for (int y = 0; y < bitmap.height(); ++y) {
    const std::uint8_t* src = bitmap.row(y);
    for (std::size_t i = 0; i < row.size(); ++i)
      row[i] = static_cast<png_byte>(~src[i]);  // PNG: 1 = white
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::optional<Bitmap> decode_png(std::span<const std::uint8_t> bytes, std::int64_t max_pixels) {
  if (bytes.size() < 8 || png_sig_cmp(bytes.data(), 0, 8) != 0) return std::nullopt;
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, quiet_error, quiet_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return std::nullopt;
  }
  Reader reader{bytes};
  // Declared before setjmp so that a longjmp out of libpng skips no destructor.
  Bitmap bitmap;
  std::vector<png_byte> row, image;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return std::nullopt;
  }
  png_set_read_fn(png, &reader, read_bytes);
  png_read_info(png, info);
  png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
  if (static_cast<std::int64_t>(width) * height > max_pixels || width > 0x7FFFFFFF / 8 ||
      height > 0x7FFFFFFF)
    png_error(png, "too large");
  // Every colour type becomes 8-bit RGBA, one layout for the thresholding below.
  png_set_expand(png);  // palette -> RGB, low-bit grey -> 8 bits, tRNS -> alpha
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_filler(png, 0xFF, PNG_FILLER_AFTER);  // alpha where there is none
  int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  row.resize(png_get_rowbytes(png, info));
  bitmap = Bitmap(static_cast<int>(width), static_cast<int>(height));
  // Interlaced images need every pass over the same rows; only then is a row final.
  if (passes > 1) image.resize(row.size() * height);
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y) {
      png_bytep target = passes > 1 ? image.data() + row.size() * y : row.data();
      png_read_row(png, target, nullptr);
      if (pass + 1 < passes) continue;
      for (png_uint_32 x = 0; x < width; ++x) {
        const png_byte* p = target + 4 * x;
        // Luminance (Rec. 601) over white; below half = black.
        unsigned lum = (299u * p[0] + 587u * p[1] + 114u * p[2]) / 1000u;
        unsigned over_white = (lum * p[3] + 255u * (255u - p[3])) / 255u;
        if (over_white < 128) bitmap.set(static_cast<int>(x), static_cast<int>(y), true);
      }
    }
  }
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return bitmap;
}

}  // namespace dotlabel
