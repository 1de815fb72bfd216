#include "image_decode.hpp"

// jpeglib.h needs FILE and size_t declared before it.
#include <cstdio>
#include <cstring>

#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <csetjmp>
#include <cstdlib>

#include <jerror.h>

namespace dotlabel::render {

namespace {

// Alpha composited on white paper, then BT.601 luminance (what JPEG's Y channel is).
std::uint8_t luminance(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  unsigned y = (299 * r + 587 * g + 114 * b + 500) / 1000;
  return static_cast<std::uint8_t>((y * a + 255 * (255 - a) + 127) / 255);
}

std::string too_large_message(std::int64_t w, std::int64_t h, std::int64_t max_pixels) {
  return std::to_string(w) + "x" + std::to_string(h) + " pixels is more than the limit of " +
         std::to_string(max_pixels) + " pixels";
}

// --- PNG ------------------------------------------------------------------------------------
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

// --- JPEG -----------------------------------------------------------------------------------
// Same discipline as PNG: libjpeg's error_exit longjmps back into jpeg_decode, whose frame
// holds no C++ objects.

// A progressive JPEG may have any number of scans, each a pass over the whole image: a few
// kilobytes can cost minutes. Real encoders write about 10; more than this is refused.
constexpr int kMaxJpegScans = 100;

struct JpegErrors {
  jpeg_error_mgr manager;  // first: libjpeg sees a jpeg_error_mgr*
  jpeg_progress_mgr progress;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = {};
  char warning[JMSG_LENGTH_MAX] = {};
};

[[noreturn]] void jpeg_fail(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

void jpeg_note(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace output
  // A truncated file is "repaired" by libjpeg with grey rows: for us it is an error.
  if (cinfo->err->msg_code == JWRN_JPEG_EOF) jpeg_fail(cinfo);
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  if (errors->warning[0] == '\0') (*cinfo->err->format_message)(cinfo, errors->warning);
}

void jpeg_progress(j_common_ptr cinfo) {
  if (!cinfo->is_decompressor) return;
  if (reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number <= kMaxJpegScans) return;
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  std::snprintf(errors->message, sizeof errors->message,
                "more than %d progressive scans (a decoding-time bomb)", kMaxJpegScans);
  std::longjmp(errors->jump, 1);
}

bool jpeg_decode(jpeg_decompress_struct* cinfo, JpegErrors* errors,
                 std::span<const std::uint8_t> data, std::int64_t max_pixels, GrayImage* out,
                 std::vector<std::uint8_t>* row) {
  if (setjmp(errors->jump)) return false;
  jpeg_create_decompress(cinfo);
  cinfo->progress = &errors->progress;  // after create, which clears everything but err
  jpeg_mem_src(cinfo, data.data(), static_cast<unsigned long>(data.size()));
  jpeg_read_header(cinfo, TRUE);
  const std::int64_t w = cinfo->image_width, h = cinfo->image_height;
  if (w * h > max_pixels) {
    out->too_large = true;
    std::snprintf(errors->message, sizeof errors->message, "%s",
                  too_large_message(w, h, max_pixels).c_str());
    return false;
  }
  // libjpeg gives CMYK only as CMYK; everything else it reduces to Y itself.
  const bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
  cinfo->out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
  jpeg_start_decompress(cinfo);
  out->width = static_cast<int>(cinfo->output_width);
  out->height = static_cast<int>(cinfo->output_height);
  out->luma.resize(static_cast<std::size_t>(w * h));
  row->resize(static_cast<std::size_t>(cinfo->output_width) * cinfo->output_components);
  while (cinfo->output_scanline < cinfo->output_height) {
    const std::int64_t y = cinfo->output_scanline;
    JSAMPROW samples = row->data();
    jpeg_read_scanlines(cinfo, &samples, 1);
    std::uint8_t* dst = out->luma.data() + y * w;
    if (!cmyk) {
      std::memcpy(dst, row->data(), static_cast<std::size_t>(w));
      continue;
    }
    // CMYK JPEGs come from Adobe software, which stores the channels inverted (255 = no ink).
    for (std::int64_t x = 0; x < w; ++x) {
      const std::uint8_t* p = row->data() + x * 4;
      dst[x] = luminance(p[0] * p[3] / 255, p[1] * p[3] / 255, p[2] * p[3] / 255);
    }
  }
  // No jpeg_finish_decompress: all rows are read, and a missing EOI after them is harmless.
  return true;
}

GrayImage decode_jpeg(std::span<const std::uint8_t> data, std::int64_t max_pixels) {
  GrayImage out;
  out.format = "JPEG";
  jpeg_decompress_struct cinfo{};  // zeroed: jpeg_destroy_decompress is a no-op before create
  JpegErrors errors{};
  cinfo.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jpeg_fail;
  errors.manager.emit_message = jpeg_note;
  errors.progress.progress_monitor = jpeg_progress;
  std::vector<std::uint8_t> row;
  const bool ok = jpeg_decode(&cinfo, &errors, data, max_pixels, &out, &row);
  jpeg_destroy_decompress(&cinfo);
  if (!ok) {
    out.luma.clear();
    out.width = out.height = 0;
    out.error = errors.message;
  } else if (errors.warning[0] != '\0') {
    out.warning = errors.warning;
  }
  return out;
}

// --- BMP ------------------------------------------------------------------------------------
// Uncompressed Windows bitmaps: 1/4/8-bit palette, 16/24/32-bit (BI_RGB or BI_BITFIELDS),
// bottom-up (positive height) or top-down (negative height); all header versions.

std::uint32_t le16(const std::uint8_t* p) {
  return p[0] | (p[1] << 8);
}
std::uint32_t le32(const std::uint8_t* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

// One colour channel selected by a BI_BITFIELDS mask, scaled to 0..255.
struct Channel {
  std::uint32_t mask = 0;
  int shift = 0, bits = 0;
  explicit Channel(std::uint32_t m)
      : mask(m), shift(m ? std::countr_zero(m) : 0), bits(std::popcount(m)) {}
  unsigned operator()(std::uint32_t v) const {
    if (bits == 0) return 0;  // a damaged file may give a colour no bits at all
    const std::uint32_t raw = (v & mask) >> shift;
    if (bits >= 8) return raw >> (bits - 8);
    return raw * 255 / ((1u << bits) - 1);
  }
};

GrayImage decode_bmp(std::span<const std::uint8_t> d, std::int64_t max_pixels) {
  GrayImage out;
  out.format = "BMP";
  auto fail = [&](std::string message) {
    out.error = std::move(message);
    return out;
  };
  if (d.size() < 26) return fail("the BMP header is truncated");
  const std::uint64_t offset = le32(&d[10]);
  const std::uint32_t header = le32(&d[14]);
  std::int64_t w = 0, h = 0;
  std::uint32_t bpp = 0, compression = 0, colours_used = 0;
  if (header == 12) {  // OS/2 BITMAPCOREHEADER: 16-bit unsigned sizes, 3-byte palette entries
    w = le16(&d[18]);
    h = le16(&d[20]);
    bpp = le16(&d[24]);
  } else if (header >= 40) {
    if (d.size() < 14 + std::uint64_t{header}) return fail("the BMP header is truncated");
    w = static_cast<std::int32_t>(le32(&d[18]));
    h = static_cast<std::int32_t>(le32(&d[22]));
    bpp = le16(&d[28]);
    compression = le32(&d[30]);
    colours_used = le32(&d[46]);
  } else {
    return fail("unknown BMP header size " + std::to_string(header));
  }
  const bool top_down = h < 0;
  h = std::abs(h);
  if (w <= 0 || h == 0)
    return fail("the BMP claims " + std::to_string(w) + "x" + std::to_string(h) + " pixels");
  if (w * h > max_pixels) {
    out.too_large = true;
    return fail(too_large_message(w, h, max_pixels));
  }
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    return fail(std::to_string(bpp) + "-bit BMP is not supported");
  constexpr std::uint32_t kRgb = 0, kBitfields = 3;
  if (!(compression == kRgb || (compression == kBitfields && (bpp == 16 || bpp == 32))))
    return fail("compressed BMP (compression " + std::to_string(compression) +
                ") is not supported; save it uncompressed or as PNG");

  // 16/32-bit masks: the defaults, or (BI_BITFIELDS) the three or four after the 40-byte
  // header, which is where V2..V5 headers keep them too. Alpha only from a mask that says so.
  Channel red(bpp == 16 ? 0x7C00 : 0xFF0000), green(bpp == 16 ? 0x03E0 : 0xFF00),
      blue(bpp == 16 ? 0x001F : 0xFF), alpha(0);
  if (compression == kBitfields) {
    if (d.size() < 14 + 40 + 12) return fail("the BMP header is truncated");
    red = Channel(le32(&d[54]));
    green = Channel(le32(&d[58]));
    blue = Channel(le32(&d[62]));
    if (header >= 56) alpha = Channel(le32(&d[66]));
  }

  // Palette: missing entries (an index past the palette in a damaged file) are black.
  std::uint8_t palette[256] = {};
  if (bpp <= 8) {
    const std::uint32_t max_colours = 1u << bpp;
    const std::uint32_t count =
        colours_used == 0 ? max_colours : std::min(colours_used, max_colours);
    const std::size_t entry = header == 12 ? 3 : 4, start = 14 + header;
    if (start + count * entry > d.size()) return fail("the BMP palette is truncated");
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint8_t* p = &d[start + i * entry];
      palette[i] = luminance(p[2], p[1], p[0]);
    }
  }

  const std::uint64_t stride = (static_cast<std::uint64_t>(bpp) * w + 31) / 32 * 4;
  if (offset > d.size() || (d.size() - offset) / stride < static_cast<std::uint64_t>(h))
    return fail("the BMP pixel data is truncated");

  out.width = static_cast<int>(w);
  out.height = static_cast<int>(h);
  out.luma.resize(static_cast<std::size_t>(w * h));
  for (std::int64_t y = 0; y < h; ++y) {
    const std::uint8_t* src = d.data() + offset + (top_down ? y : h - 1 - y) * stride;
    std::uint8_t* dst = out.luma.data() + y * w;
    for (std::int64_t x = 0; x < w; ++x) {
      switch (bpp) {
        case 1:
          dst[x] = palette[(src[x >> 3] >> (7 - (x & 7))) & 1];
          break;
        case 4:
          dst[x] = palette[(src[x >> 1] >> (x & 1 ? 0 : 4)) & 15];
          break;
        case 8:
          dst[x] = palette[src[x]];
          break;
        case 24:
          dst[x] = luminance(src[x * 3 + 2], src[x * 3 + 1], src[x * 3]);
          break;
        default: {
          const std::uint32_t v = bpp == 16 ? le16(src + x * 2) : le32(src + x * 4);
          dst[x] = luminance(red(v), green(v), blue(v), alpha.mask ? alpha(v) : 255);
        }
      }
    }
  }
  return out;
}

}  // namespace

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
