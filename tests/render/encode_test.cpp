// The encoders: PNG (read back with libpng), PBM, base64, SVG, PDF.
#include <gtest/gtest.h>
#include <png.h>

#include <unistd.h>

#include <cstring>
#include <pugixml.hpp>
#include <random>
#include <regex>
#include <stdexcept>
#include <string>

#include "dotlabel/base64.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/render.hpp"
#include "render_helpers.hpp"

namespace dotlabel {
namespace {

using testing::black_count;

Bitmap noise(int width, int height, unsigned seed) {
  Bitmap b(width, height);
  std::mt19937 rng(seed);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (rng() % 3 == 0) b.set(x, y, true);
  return b;
}

Bitmap demo_label() {
  ir::Document document = testing::page();
  document.labels[0].elements.push_back(testing::text(24, 24, "宫保鸡丁 Kung Pao Chicken", 7));
  document.labels[0].elements.push_back(testing::text(24, 64, "ORDER 20261125-0042", 3));
  document.labels[0].elements.push_back(ir::Box{{}, 8, 8, 792, 472, 2});
  return Renderer().render(document).labels.at(0).bitmap;
}

struct PngFacts {
  png_uint_32 width = 0, height = 0, res_x = 0, res_y = 0;
  int bit_depth = 0, color_type = -1, unit = -1;
};

PngFacts read_facts(const std::vector<std::uint8_t>& png) {
  PngFacts facts;
  png_structp p = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(p);
  struct Src {
    const std::vector<std::uint8_t>* bytes;
    std::size_t at;
  } src{&png, 0};
  png_set_read_fn(p, &src, [](png_structp s, png_bytep out, png_size_t n) {
    auto* in = static_cast<Src*>(png_get_io_ptr(s));
    std::memcpy(out, in->bytes->data() + in->at, n);
    in->at += n;
  });
  png_set_user_limits(p, 0x7FFFFFFF, 0x7FFFFFFF);  // not libpng's million rows
  png_read_info(p, info);
  facts.width = png_get_image_width(p, info);
  facts.height = png_get_image_height(p, info);
  facts.bit_depth = png_get_bit_depth(p, info);
  facts.color_type = png_get_color_type(p, info);
  png_get_pHYs(p, info, &facts.res_x, &facts.res_y, &facts.unit);
  png_destroy_read_struct(&p, &info, nullptr);
  return facts;
}

TEST(Png, OneBitGreyAt203Dpi) {
  PngFacts facts = read_facts(encode_png(noise(101, 7, 1)));
  EXPECT_EQ(facts.width, 101u);
  EXPECT_EQ(facts.height, 7u);
  EXPECT_EQ(facts.bit_depth, 1);
  EXPECT_EQ(facts.color_type, PNG_COLOR_TYPE_GRAY);
  EXPECT_EQ(facts.res_x, 7992u);
  EXPECT_EQ(facts.res_y, 7992u);
  EXPECT_EQ(facts.unit, PNG_RESOLUTION_METER);
}

TEST(Png, RoundTripKeepsEveryDot) {
  for (auto [w, h] : {std::pair{1, 1}, {13, 7}, {800, 480}, {803, 33}}) {
    Bitmap b = noise(w, h, static_cast<unsigned>(w * h));
    std::optional<Bitmap> back = decode_png(encode_png(b));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, b) << w << "x" << h;
  }
  Bitmap label = demo_label();
  EXPECT_GT(black_count(label), 500);
  EXPECT_EQ(decode_png(encode_png(label)), label);
}

// A PNG has at least one dot each way: an empty bitmap is a caller's error, thrown, where the
// encoder once returned an empty vector that callers printed as an empty image.
TEST(Png, EmptyBitmapIsAnErrorNotAnEmptyPng) {
  EXPECT_THROW(encode_png(Bitmap()), std::invalid_argument);
  EXPECT_THROW(encode_png(Bitmap(0, 5)), std::invalid_argument);
  EXPECT_THROW(encode_png(Bitmap(5, 0)), std::invalid_argument);
}

// libpng refused images over a million rows (its default user limit): a strip of labels is
// longer. The PNG format allows 2^31 - 1.
TEST(Png, MoreThanAMillionRowsRoundTrip) {
  Bitmap tall(9, 1'000'003);
  tall.set(0, 0, true);
  tall.set(8, 1'000'002, true);
  tall.fill(3, 500'000, 2, 1000);
  std::vector<std::uint8_t> png = encode_png(tall);
  PngFacts facts = read_facts(png);
  EXPECT_EQ(facts.width, 9u);
  EXPECT_EQ(facts.height, 1'000'003u);
  EXPECT_EQ(decode_png(png), tall);
}

TEST(Png, DecodeRejectsWhatIsNotAPngOrTooBig) {
  std::vector<std::uint8_t> junk{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_FALSE(decode_png(junk));
  std::vector<std::uint8_t> png = encode_png(noise(40, 40, 3));
  EXPECT_FALSE(decode_png(std::span(png).first(png.size() / 2)));  // truncated
  EXPECT_FALSE(decode_png(png, 1599));
  EXPECT_TRUE(decode_png(png, 1600));
}

TEST(Png, DecodeThresholdsColourAndTransparency) {
  // 3 x 1 RGBA: dark red (black), light grey (white), opaque black made transparent (white).
  std::vector<std::uint8_t> rgba{100, 0, 0, 255, 200, 200, 200, 255, 0, 0, 0, 0};
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = 3;
  image.height = 1;
  image.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  ASSERT_TRUE(png_image_write_get_memory_size(image, size, 0, rgba.data(), 0, nullptr));
  std::vector<std::uint8_t> png(size);
  ASSERT_TRUE(png_image_write_to_memory(&image, png.data(), &size, 0, rgba.data(), 0, nullptr));
  std::optional<Bitmap> b = decode_png(png);
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->get(0, 0));
  EXPECT_FALSE(b->get(1, 0));
  EXPECT_FALSE(b->get(2, 0));
}

TEST(Base64, RoundTripOfThePng) {
  Bitmap label = demo_label();
  std::string text = base64_encode(encode_png(label));
  EXPECT_EQ(text.find_first_of("\n\r:"), std::string::npos);
  std::optional<std::vector<std::uint8_t>> bytes = base64_decode(text);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(decode_png(*bytes), label);
}

TEST(Pbm, P4HeaderAndRows) {
  Bitmap b = noise(13, 5, 9);
  std::vector<std::uint8_t> pbm = encode_pbm(b);
  std::string header = "P4\n13 5\n";
  ASSERT_EQ(pbm.size(), header.size() + 2 * 5);
  EXPECT_EQ(std::string(pbm.begin(), pbm.begin() + static_cast<long>(header.size())), header);
  Bitmap back(13, 5);
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 13; ++x)
      back.set(x, y, (pbm[header.size() + y * 2 + x / 8] >> (7 - x % 8)) & 1);
  EXPECT_EQ(back, b);
  // PNG and PBM carry the same dots.
  EXPECT_EQ(decode_png(encode_png(back)), b);
}

TEST(Svg, WellFormedSizedInMmAndExact) {
  Bitmap b = noise(101, 37, 5);
  std::string svg = encode_svg(b);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(svg.c_str()));
  pugi::xml_node root = doc.child("svg");
  EXPECT_STREQ(root.attribute("width").value(), "12.625mm");
  EXPECT_STREQ(root.attribute("height").value(), "4.625mm");
  EXPECT_STREQ(root.attribute("viewBox").value(), "0 0 101 37");
  Bitmap back(101, 37);
  int covered = 0;
  for (pugi::xml_node rect : root.child("g").children("rect")) {
    int x = rect.attribute("x").as_int(), y = rect.attribute("y").as_int();
    int w = rect.attribute("width").as_int(), h = rect.attribute("height").as_int();
    back.fill(x, y, w, h);
    covered += w * h;
  }
  EXPECT_EQ(back, b);
  EXPECT_EQ(covered, black_count(b));  // no overlap
  EXPECT_NE(encode_svg(demo_label()).find("width=\"100mm\" height=\"60mm\""), std::string::npos);
}

TEST(Pdf, WellFormedPageInMm) {
  std::vector<std::uint8_t> pdf = encode_pdf(demo_label());
  std::string text(pdf.begin(), pdf.end());
  ASSERT_GT(text.size(), 100u);
  EXPECT_EQ(text.substr(0, 5), "%PDF-");
  EXPECT_NE(text.find("%%EOF", text.size() - 16), std::string::npos);
  // 100 x 60 mm = 283.46 x 170.08 pt.
  std::smatch m;
  std::regex media(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])");
  ASSERT_TRUE(std::regex_search(text, m, media));
  EXPECT_NEAR(std::stod(m[1]), 100 * 72 / 25.4, 0.01);
  EXPECT_NEAR(std::stod(m[2]), 60 * 72 / 25.4, 0.01);
}

TEST(Pdf, SourceDateEpochMakesItReproducible) {
  ::setenv("SOURCE_DATE_EPOCH", "1764000000", 1);
  std::vector<std::uint8_t> first = encode_pdf(demo_label());
  std::string text(first.begin(), first.end());
  EXPECT_NE(text.find("20251124160000"), std::string::npos);
  ::sleep(1);
  EXPECT_EQ(encode_pdf(demo_label()), first);
  ::unsetenv("SOURCE_DATE_EPOCH");
}

}  // namespace
}  // namespace dotlabel
