// BMP: PNG/JPEG/BMP decoding, scaling, threshold vs dither, limits checked before allocating,
// truncated and corrupt data, the empty <BMP/> logo.
#include <gtest/gtest.h>
#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <new>

#include "element_helpers.hpp"
#include "image_decode.hpp"

// The largest single C++ allocation since the last reset: the decoder must refuse a huge
// image before it allocates pixel memory for it.
// GCC 12 at -O2 inlines these replacements into gtest's `new TestClass` and then reports
// malloc/free as mismatched with new/delete: they are the matching replacement pair.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
static std::atomic<std::size_t> g_largest{0};
void* operator new(std::size_t n) {
  std::size_t seen = g_largest.load();
  while (n > seen && !g_largest.compare_exchange_weak(seen, n)) {
  }
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace dotlabel::test {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Pixel = std::function<std::uint32_t(int, int)>;  // 0xRRGGBBAA

// --- encoders for the test input ---------------------------------------------------------

void png_append(png_structp png, png_bytep data, std::size_t n) {
  auto* out = static_cast<Bytes*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + n);
}

// color_type: PNG_COLOR_TYPE_RGBA, _RGB, _GRAY, _PALETTE (2 entries: white, black).
Bytes make_png(int w, int h, int color_type, const Pixel& pixel, bool interlace = false,
               int depth = 8) {
  Bytes out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) std::abort();
  png_set_write_fn(png, &out, png_append, nullptr);
  png_set_IHDR(png, info, w, h, depth, color_type,
               interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_color palette[2] = {{255, 255, 255}, {0, 0, 0}};
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_PLTE(png, info, palette, 2);
  png_write_info(png, info);
  const int channels = color_type == PNG_COLOR_TYPE_RGBA  ? 4
                       : color_type == PNG_COLOR_TYPE_RGB ? 3
                                                          : 1;
  const int bytes = depth == 16 ? 2 : 1;
  std::vector<Bytes> rows(h, Bytes(static_cast<std::size_t>(w) * channels * bytes));
  std::vector<png_bytep> pointers;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      std::uint32_t p = pixel(x, y);
      std::uint8_t rgba[4] = {std::uint8_t(p >> 24), std::uint8_t(p >> 16), std::uint8_t(p >> 8),
                              std::uint8_t(p)};
      std::uint8_t* dst = rows[y].data() + x * channels * bytes;
      if (color_type == PNG_COLOR_TYPE_PALETTE) {
        dst[0] = rgba[0] < 128;
      } else if (color_type == PNG_COLOR_TYPE_GRAY) {
        for (int b = 0; b < bytes; ++b) dst[b] = rgba[0];
      } else {
        for (int c = 0; c < channels; ++c) dst[c] = rgba[c];
      }
    }
    pointers.push_back(rows[y].data());
  }
  png_write_image(png, pointers.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

// CMYK as Adobe software writes it: channels inverted, 255 = no ink. Only K is used here.
Bytes make_cmyk_jpeg(int w, int h, const Pixel& pixel) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = w;
  cinfo.image_height = h;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  Bytes row(static_cast<std::size_t>(w) * 4);
  while (cinfo.next_scanline < cinfo.image_height) {
    int y = cinfo.next_scanline;
    for (int x = 0; x < w; ++x) {
      row[x * 4] = row[x * 4 + 1] = row[x * 4 + 2] = 255;
      row[x * 4 + 3] = static_cast<std::uint8_t>(pixel(x, y) >> 24);
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&cinfo, &r, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  Bytes out(buffer, buffer + size);
  std::free(buffer);
  return out;
}

// scans: 0 = baseline, 10 = libjpeg's simple progression, 128 = DC and every AC coefficient
// in its own scan, each refined once (a valid file that costs 128 passes).
Bytes make_jpeg(int w, int h, const Pixel& pixel, bool gray = true, int scans = 0) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = w;
  cinfo.image_height = h;
  cinfo.input_components = gray ? 1 : 3;
  cinfo.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
  std::vector<jpeg_scan_info> script;
  if (scans == 10) jpeg_simple_progression(&cinfo);
  if (scans == 128) {
    script.push_back({1, {0}, 0, 0, 0, 1});
    script.push_back({1, {0}, 0, 0, 1, 0});
    for (int k = 1; k < 64; ++k) script.push_back({1, {0}, k, k, 0, 1});
    for (int k = 1; k < 64; ++k) script.push_back({1, {0}, k, k, 1, 0});
    cinfo.scan_info = script.data();
    cinfo.num_scans = static_cast<int>(script.size());
  }
  jpeg_start_compress(&cinfo, TRUE);
  Bytes row(static_cast<std::size_t>(w) * cinfo.input_components);
  while (cinfo.next_scanline < cinfo.image_height) {
    int y = cinfo.next_scanline;
    for (int x = 0; x < w; ++x) {
      std::uint32_t p = pixel(x, y);
      for (int c = 0; c < cinfo.input_components; ++c)
        row[x * cinfo.input_components + c] = p >> (24 - 8 * c);
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&cinfo, &r, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  Bytes out(buffer, buffer + size);
  std::free(buffer);
  return out;
}

void put16(Bytes& b, std::size_t at, std::uint32_t v) {
  b[at] = v & 0xFF, b[at + 1] = (v >> 8) & 0xFF;
}
void put32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = (v >> (8 * i)) & 0xFF;
}

// BITMAPINFOHEADER; bpp 1/4/8 with a grey palette of 2^bpp entries (index i = grey level
// i * 255 / (2^bpp - 1)), 24 BGR, 32 BGRX, 16 (5-5-5).
Bytes make_bmp(int w, int h, int bpp, bool top_down, const Pixel& pixel) {
  const int colours = bpp <= 8 ? 1 << bpp : 0;
  const std::size_t stride = (static_cast<std::size_t>(bpp) * w + 31) / 32 * 4;
  const std::size_t offset = 14 + 40 + colours * 4;
  Bytes b(offset + stride * h, 0);
  b[0] = 'B', b[1] = 'M';
  put32(b, 2, static_cast<std::uint32_t>(b.size()));
  put32(b, 10, static_cast<std::uint32_t>(offset));
  put32(b, 14, 40);
  put32(b, 18, w);
  put32(b, 22, static_cast<std::uint32_t>(top_down ? -h : h));
  put16(b, 26, 1);
  put16(b, 28, bpp);
  for (int i = 0; i < colours; ++i) {
    std::uint8_t g = static_cast<std::uint8_t>(i * 255 / (colours - 1));
    b[54 + i * 4] = b[55 + i * 4] = b[56 + i * 4] = g;
  }
  for (int y = 0; y < h; ++y) {
    std::uint8_t* row = b.data() + offset + (top_down ? y : h - 1 - y) * stride;
    for (int x = 0; x < w; ++x) {
      std::uint32_t p = pixel(x, y);
      std::uint8_t r = p >> 24, g = p >> 16, bl = p >> 8;
      switch (bpp) {
        case 1:
          row[x / 8] |= (r >= 128) << (7 - x % 8);
          break;
        case 4:
          row[x / 2] |= (r * 15 / 255) << (x % 2 ? 0 : 4);
          break;
        case 8:
          row[x] = r;
          break;
        case 16:
          put16(b, row - b.data() + x * 2, (r >> 3) << 10 | (g >> 3) << 5 | bl >> 3);
          break;
        case 24:
          row[x * 3] = bl, row[x * 3 + 1] = g, row[x * 3 + 2] = r;
          break;
        case 32:
          row[x * 4] = bl, row[x * 4 + 1] = g, row[x * 4 + 2] = r, row[x * 4 + 3] = 0;
          break;
      }
    }
  }
  return b;
}

// BITMAPV4HEADER, 32-bit BI_BITFIELDS with an alpha mask (what image editors write for
// transparency): pixels BGRA.
Bytes make_bmp_argb(int w, int h, const Pixel& pixel) {
  const std::size_t offset = 14 + 108;
  Bytes b(offset + static_cast<std::size_t>(w) * h * 4, 0);
  b[0] = 'B', b[1] = 'M';
  put32(b, 2, static_cast<std::uint32_t>(b.size()));
  put32(b, 10, static_cast<std::uint32_t>(offset));
  put32(b, 14, 108);
  put32(b, 18, w);
  put32(b, 22, h);
  put16(b, 26, 1);
  put16(b, 28, 32);
  put32(b, 30, 3);
  put32(b, 54, 0x00FF0000);
  put32(b, 58, 0x0000FF00);
  put32(b, 62, 0x000000FF);
  put32(b, 66, 0xFF000000);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint32_t p = pixel(x, y);  // RRGGBBAA -> AARRGGBB
      put32(b, offset + (static_cast<std::size_t>(h - 1 - y) * w + x) * 4, p >> 8 | p << 24);
    }
  return b;
}

// A black 8x6 block at (4,2) and a black dot at (0,0) on white, 20x10.
std::uint32_t block(int x, int y) {
  bool black = (x >= 4 && x < 12 && y >= 2 && y < 8) || (x == 0 && y == 0);
  return black ? 0x000000FF : 0xFFFFFFFF;
}
bool block_at(int x, int y) {
  return (block(x, y) >> 24) == 0;
}

// A horizontal grey ramp: black on the left to white on the right.
std::uint32_t ramp(int x, int) {
  std::uint32_t g = static_cast<std::uint32_t>(x * 255 / 99);
  return g << 24 | g << 16 | g << 8 | 0xFF;
}

ir::Image image_element(Bytes data, std::optional<int> width = std::nullopt) {
  ir::Image image;
  image.at = {6, 2};
  image.x = 10;
  image.y = 12;
  image.width = width;
  image.data = std::move(data);
  return image;
}

// The label's dots at the image's place, as a w x h bitmap.
Bitmap cut(const Bitmap& label, int x0, int y0, int w, int h) {
  Bitmap out(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (label.get(x0 + x, y0 + y)) out.set(x, y, true);
  return out;
}

Bitmap expected_block(int scale) {
  Bitmap out(20 * scale, 10 * scale);
  for (int y = 0; y < 10 * scale; ++y)
    for (int x = 0; x < 20 * scale; ++x) out.set(x, y, block_at(x / scale, y / scale));
  return out;
}

TEST(Image, EveryFormatDecodesTheSamePicture) {
  std::vector<std::pair<std::string, Bytes>> inputs = {
      {"png rgba", make_png(20, 10, PNG_COLOR_TYPE_RGBA, block)},
      {"png rgb", make_png(20, 10, PNG_COLOR_TYPE_RGB, block)},
      {"png gray", make_png(20, 10, PNG_COLOR_TYPE_GRAY, block)},
      {"png gray16", make_png(20, 10, PNG_COLOR_TYPE_GRAY, block, false, 16)},
      {"png palette", make_png(20, 10, PNG_COLOR_TYPE_PALETTE, block)},
      {"png interlaced", make_png(20, 10, PNG_COLOR_TYPE_RGB, block, true)},
  };
  for (int bpp : {1, 4, 8, 16, 24, 32})
    for (bool top_down : {false, true})
      inputs.push_back({"bmp " + std::to_string(bpp) + (top_down ? " top-down" : " bottom-up"),
                        make_bmp(20, 10, bpp, top_down, block)});
  for (const auto& [name, bytes] : inputs) {
    SCOPED_TRACE(name);
    render::GrayImage gray = render::decode_image(bytes, 1000);
    ASSERT_EQ(gray.error, "");
    EXPECT_EQ(gray.width, 20);
    EXPECT_EQ(gray.height, 10);
    EXPECT_TRUE(render::two_colour(gray));
    // Drawn at its own size, and scaled to twice its width.
    TestLabel label(100, 60);
    test::draw(label, image_element(bytes), no_fonts(), {}, {});
    EXPECT_TRUE(label.diagnostics.empty());
    EXPECT_EQ(cut(label.bitmap, 10, 12, 20, 10), expected_block(1));
    EXPECT_EQ(ink(label.bitmap).w, 12);
    TestLabel wide(100, 60);
    test::draw(wide, image_element(bytes, 40), no_fonts(), {}, {});
    EXPECT_EQ(cut(wide.bitmap, 10, 12, 40, 20), expected_block(2));
    ASSERT_EQ(wide.boxes.size(), 1u);
    EXPECT_EQ(
        (std::array{wide.boxes[0].x, wide.boxes[0].y, wide.boxes[0].width, wide.boxes[0].height}),
        (std::array{10, 12, 40, 20}));
  }
}

TEST(Image, JpegDecodes) {
  for (bool gray : {true, false}) {
    Bytes jpeg = make_jpeg(
        40, 20, [](int x, int y) { return block(x / 2, y / 2); }, gray);
    render::GrayImage image = render::decode_image(jpeg, 1000);
    ASSERT_EQ(image.error, "");
    EXPECT_EQ(image.format, "JPEG");
    EXPECT_EQ(image.width, 40);
    TestLabel label(100, 60);
    test::draw(label, image_element(jpeg, 20), no_fonts(), {}, {});
    // JPEG ringing makes it many-valued, so it is dithered; a flat black or white area
    // dithers to itself.
    Bitmap got = cut(label.bitmap, 10, 12, 20, 10);
    int wrong = 0;
    for (int y = 0; y < 10; ++y)
      for (int x = 0; x < 20; ++x) wrong += got.get(x, y) != block_at(x, y);
    EXPECT_LE(wrong, 4);
    EXPECT_TRUE(got.get(7, 5));
    EXPECT_FALSE(got.get(16, 5));
  }
}

TEST(Image, ProgressiveJpegScansAreBounded) {
  render::GrayImage simple = render::decode_image(make_jpeg(40, 20, block, true, 10), 1000);
  ASSERT_EQ(simple.error, "");
  EXPECT_LT(simple.luma[5 * 40 + 10], 40);
  render::GrayImage bomb = render::decode_image(make_jpeg(40, 20, block, true, 128), 1000);
  EXPECT_NE(bomb.error.find("progressive scans"), std::string::npos) << bomb.error;
}

TEST(Image, CmykJpegIsInvertedAdobeCmyk) {
  render::GrayImage image = render::decode_image(
      make_cmyk_jpeg(16, 16, [](int x, int) { return x < 8 ? 0x000000FFu : 0xFFFFFFFFu; }), 1000);
  ASSERT_EQ(image.error, "");
  EXPECT_LT(image.luma[2], 20);    // K = 0 (inverted): full ink
  EXPECT_GT(image.luma[13], 235);  // everything 255: paper
}

TEST(Image, AlphaIsCompositedOnWhite) {
  // Transparent black is white paper; half-transparent black is mid grey.
  Bytes png = make_png(20, 10, PNG_COLOR_TYPE_RGBA, [](int x, int) -> std::uint32_t {
    return x < 10 ? 0x00000000 : 0x000000FF;
  });
  render::GrayImage image = render::decode_image(png, 1000);
  ASSERT_EQ(image.error, "");
  EXPECT_EQ(image.luma[0], 255);
  EXPECT_EQ(image.luma[15], 0);
  Bytes half =
      make_png(4, 4, PNG_COLOR_TYPE_RGBA, [](int, int) -> std::uint32_t { return 0x00000080; });
  EXPECT_EQ(render::decode_image(half, 1000).luma[0], 127);
  // BMP with an alpha mask: the same.
  render::GrayImage bmp = render::decode_image(
      make_bmp_argb(20, 10,
                    [](int x, int) -> std::uint32_t { return x < 10 ? 0x00000000 : 0x000000FF; }),
      1000);
  ASSERT_EQ(bmp.error, "");
  EXPECT_EQ(bmp.luma[0], 255);
  EXPECT_EQ(bmp.luma[15], 0);
}

TEST(Image, TwoColoursAreThresholdedOthersDithered) {
  // Light grey on white is two-coloured: the grey becomes solid black, not a dither.
  Bytes light = make_png(20, 10, PNG_COLOR_TYPE_GRAY, [](int x, int y) -> std::uint32_t {
    return block_at(x, y) ? 0xC8C8C8FF : 0xFFFFFFFF;
  });
  TestLabel label(100, 60);
  test::draw(label, image_element(light), no_fonts(), {}, {});
  EXPECT_EQ(cut(label.bitmap, 10, 12, 20, 10), expected_block(1));

  // A ramp is dithered: the share of black dots per column follows the grey level.
  Bytes gradient = make_png(100, 40, PNG_COLOR_TYPE_GRAY, ramp);
  render::GrayImage image = render::decode_image(gradient, 100000);
  EXPECT_FALSE(render::two_colour(image));
  Bitmap mono = render::to_mono(image, 100, 40);
  auto black_share = [&](int x0, int x1) {
    int n = 0;
    for (int y = 0; y < 40; ++y)
      for (int x = x0; x < x1; ++x) n += mono.get(x, y);
    return n / double((x1 - x0) * 40);
  };
  EXPECT_GT(black_share(0, 10), 0.85);
  EXPECT_NEAR(black_share(45, 55), 0.5, 0.1);
  EXPECT_LT(black_share(90, 100), 0.15);
  // Neither all black nor stripes: the middle has black and white in every row.
  for (int y = 0; y < 40; ++y) {
    int n = 0;
    for (int x = 40; x < 60; ++x) n += mono.get(x, y);
    EXPECT_GT(n, 3);
    EXPECT_LT(n, 17);
  }
}

TEST(Image, ScalingAveragesTheArea) {
  // Whole-number downscaling: each dot covers a uniform 3x3 source area, so it is exact.
  Bytes big =
      make_png(60, 30, PNG_COLOR_TYPE_GRAY, [](int x, int y) { return block(x / 3, y / 3); });
  EXPECT_EQ(render::to_mono(render::decode_image(big, 10000), 20, 10), expected_block(1));
  // Half-covered dots of a two-colour image fall on the threshold's dark side only when more
  // than half dark: a 1.5x enlargement of the 8-wide block is 12 dots wide.
  Bitmap enlarged = render::to_mono(
      render::decode_image(make_png(20, 10, PNG_COLOR_TYPE_GRAY, block), 1000), 30, 15);
  EXPECT_EQ(ink(enlarged).w, 18);  // the dot at (0,0) plus the block at 6..17
  int row = 0;
  for (auto [black, len] : runs(enlarged, 7)) row += black ? len : 0;
  EXPECT_EQ(row, 12);
}

TEST(Image, HugeHeaderIsRefusedBeforeAllocating) {
  // A valid PNG signature and IHDR claiming 100000 x 100000 RGBA, then a tiny IDAT.
  Bytes png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  auto chunk = [&](const char* type, Bytes data) {
    Bytes c = {0, 0, 0, 0};
    put32(c, 0, 0);
    std::uint32_t n = static_cast<std::uint32_t>(data.size());
    c = {std::uint8_t(n >> 24), std::uint8_t(n >> 16), std::uint8_t(n >> 8), std::uint8_t(n)};
    Bytes body(type, type + 4);
    body.insert(body.end(), data.begin(), data.end());
    std::uint32_t crc =
        static_cast<std::uint32_t>(crc32(0, body.data(), static_cast<uInt>(body.size())));
    c.insert(c.end(), body.begin(), body.end());
    for (int i = 3; i >= 0; --i) c.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
    png.insert(png.end(), c.begin(), c.end());
  };
  chunk("IHDR", {0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 6, 0, 0, 0});
  chunk("IDAT", {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
  chunk("IEND", {});
  ASSERT_LT(png.size(), 1024u);

  Bytes bmp = make_bmp(4, 4, 24, false, block);
  put32(bmp, 18, 100000);
  put32(bmp, 22, static_cast<std::uint32_t>(-100000));

  for (const Bytes* bytes : {&png, &bmp}) {
    g_largest = 0;
    render::GrayImage image = render::decode_image(*bytes, Limits{}.max_image_pixels);
    EXPECT_LT(g_largest.load(), 64u * 1024);
    EXPECT_TRUE(image.too_large);
    EXPECT_NE(image.error.find("100000x100000"), std::string::npos) << image.error;
    TestLabel label(100, 60);
    test::draw(label, image_element(*bytes), no_fonts(), {}, {});
    ASSERT_NE(label.find("DL0481"), nullptr);
    EXPECT_EQ(label.find("DL0481")->severity, Severity::error);
    EXPECT_EQ(label.find("DL0481")->pos, (SourcePos{6, 2}));
    EXPECT_EQ(label.count_black(), 0);
  }

  // The limit applies to JPEG too, and to the scaled size.
  Limits small;
  small.max_image_pixels = 100;
  EXPECT_TRUE(render::decode_image(make_jpeg(20, 10, block), small.max_image_pixels).too_large);
  Limits limits;
  limits.max_image_pixels = 100'000;
  TestLabel label(100, 60);
  test::draw(label, image_element(make_png(20, 10, PNG_COLOR_TYPE_GRAY, block), 1000), no_fonts(),
             {}, limits);
  ASSERT_NE(label.find("DL0481"), nullptr);
  EXPECT_EQ(label.count_black(), 0);
}

TEST(Image, TruncatedAndCorruptDataIsAnErrorNotACrash) {
  const Bytes inputs[] = {make_png(20, 10, PNG_COLOR_TYPE_RGB, ramp),
                          make_png(20, 10, PNG_COLOR_TYPE_RGB, ramp, true),
                          make_jpeg(20, 10, ramp, false),
                          make_bmp(20, 10, 24, false, ramp),
                          make_bmp(20, 10, 8, true, ramp),
                          make_bmp_argb(20, 10, ramp),
                          make_bmp(20, 10, 1, false, ramp)};
  for (const Bytes& full : inputs) {
    // Every prefix: an error, or (PNG without its IEND) the whole picture.
    for (std::size_t n = 0; n < full.size(); ++n) {
      Bytes part(full.begin(), full.begin() + n);
      render::GrayImage image = render::decode_image(part, 1000);
      if (image.error.empty()) {
        EXPECT_EQ(image.width, 20) << n;
        EXPECT_EQ(image.luma.size(), 200u) << n;
      }
    }
    Bytes half(full.begin(), full.begin() + full.size() / 2);
    TestLabel label(100, 60);
    test::draw(label, image_element(half), no_fonts(), {}, {});
    ASSERT_NE(label.find("DL0480"), nullptr);
    EXPECT_EQ(label.find("DL0480")->severity, Severity::error);
    EXPECT_EQ(label.count_black(), 0);
    // Flipped bytes anywhere: any outcome but a crash.
    std::srand(7);
    for (int i = 0; i < 300; ++i) {
      Bytes bad = full;
      for (int k = 0; k < 4; ++k)
        bad[std::rand() % bad.size()] ^= static_cast<std::uint8_t>(1 + std::rand() % 255);
      render::GrayImage image = render::decode_image(bad, 1000);
      if (image.error.empty()) {
        EXPECT_EQ(image.luma.size(), static_cast<std::size_t>(image.width) * image.height);
      }
    }
  }
  TestLabel label(100, 60);
  test::draw(label, image_element(Bytes{'G', 'I', 'F', '8', '9', 'a'}), no_fonts(), {}, {});
  ASSERT_NE(label.find("DL0480"), nullptr);
}

TEST(Image, EmptyBmpIsTheLogo) {
  // No logo given: a dashed placeholder and a warning.
  TestLabel label(200, 200);
  test::draw(label, image_element({}), no_fonts(), {}, {});
  ASSERT_NE(label.find("DL0483"), nullptr);
  EXPECT_EQ(label.find("DL0483")->severity, Severity::warning);
  ASSERT_EQ(label.boxes.size(), 1u);
  EXPECT_EQ(
      (std::array{label.boxes[0].x, label.boxes[0].y, label.boxes[0].width, label.boxes[0].height}),
      (std::array{10, 12, 96, 96}));
  EXPECT_TRUE(label.bitmap.get(10, 12));
  EXPECT_TRUE(label.bitmap.get(105, 107));
  EXPECT_FALSE(label.bitmap.get(10 + 9, 12));  // a gap in the dashes
  TestLabel sized(200, 200);
  test::draw(sized, image_element({}, 40), no_fonts(), {}, {});
  EXPECT_EQ(ink(sized.bitmap).w, 40);

  // With the logo: the logo, scaled like any image.
  RenderOptions options;
  options.logo = make_png(20, 10, PNG_COLOR_TYPE_GRAY, block);
  TestLabel logo(200, 200);
  test::draw(logo, image_element({}, 40), no_fonts(), options, {});
  EXPECT_TRUE(logo.diagnostics.empty());
  EXPECT_EQ(cut(logo.bitmap, 10, 12, 40, 20), expected_block(2));
}

}  // namespace
}  // namespace dotlabel::test
