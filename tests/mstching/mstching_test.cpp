// The Mstching back end on IR built by hand: mapping, ordering, GBK, diagnostics, images.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "dotlabel/base64.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/mstching.hpp"
#include "mstching_support.hpp"

namespace dotlabel::mstching {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ir::Text text(int x, int y, std::string content, SourcePos at = {}) {
  ir::Text t;
  t.at = at;
  t.content_at = {at.line, at.column + 20};
  t.x = x;
  t.y = y;
  t.content = std::move(content);
  return t;
}

ir::Label label(std::int64_t id, std::vector<ir::Element> elements, int copies = 1) {
  ir::Label l;
  l.at = {static_cast<int>(id), 1};
  l.id = id;
  l.copies = copies;
  l.elements = std::move(elements);
  return l;
}

ir::Document document(std::vector<ir::Label> labels, int width = 400, int length = 240) {
  ir::Document d;
  d.file = "test.xml";
  d.page.width = width;
  d.page.length = length;
  d.labels = std::move(labels);
  return d;
}

std::vector<std::string> codes(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.code);
  return out;
}

Bitmap decode_image(const Item& item) {
  EXPECT_EQ(item.print_type, PrintType::image);
  std::optional<std::vector<std::uint8_t>> png = base64_decode(item.base_text);
  EXPECT_TRUE(png);
  std::optional<Bitmap> bitmap = decode_png(*png);
  EXPECT_TRUE(bitmap);
  return bitmap ? *bitmap : Bitmap{};
}

class MstchingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { renderer_ = std::make_unique<Renderer>(); }
  static void TearDownTestSuite() { renderer_.reset(); }
  static Result run(const ir::Document& doc, Options options = {}) {
    return convert(doc, *renderer_, options);
  }
  static std::unique_ptr<Renderer> renderer_;
};
std::unique_ptr<Renderer> MstchingTest::renderer_;

TEST_F(MstchingTest, EveryBaseTextDecodesBackToTheSource) {
  ir::Barcode barcode;
  barcode.content = "1234567890";
  ir::QrCode qr;
  qr.content = "https://www.xpyun.net/?q=宫保鸡丁";
  std::vector<std::string> sources = {"宫保鸡丁", "Hello, 世界 100%", "Привет αβγ", ""};
  std::vector<ir::Element> elements;
  for (std::size_t i = 0; i < sources.size(); ++i)
    elements.push_back(text(0, static_cast<int>(i) * 30, sources[i]));
  barcode.y = 200;
  qr.y = 300;
  elements.push_back(barcode);
  elements.push_back(qr);
  Result result = run(document({label(1, elements)}));
  ASSERT_TRUE(result.ok()) << format_text(result.diagnostics.front());
  ASSERT_EQ(result.items.size(), 6u);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    EXPECT_EQ(result.items[i].print_type, PrintType::text);
    EXPECT_EQ(test::decode_base_text(result.items[i].base_text), sources[i]);
  }
  EXPECT_EQ(result.items[4].print_type, PrintType::barcode);
  EXPECT_EQ(test::decode_base_text(result.items[4].base_text), barcode.content);
  EXPECT_EQ(result.items[5].print_type, PrintType::qr_code);
  EXPECT_EQ(test::decode_base_text(result.items[5].base_text), qr.content);
}

// BARC and QRC BaseText: GBK bytes by default (as text items), the content's UTF-8 bytes with
// CodeTextEncoding::utf8; text items stay GBK either way.
TEST_F(MstchingTest, CodeTextEncodingChoosesTheBytesOfBarcodeAndQrItemsOnly) {
  ir::Barcode barcode;
  barcode.content = "12345678";
  ir::QrCode qr;
  qr.y = 100;
  qr.content = "宫保鸡丁 A";
  ir::Document doc = document({label(1, {text(0, 200, "宫保"), barcode, qr})});
  auto bytes = [](const Item& item) {
    std::optional<std::vector<std::uint8_t>> raw = base64_decode(item.base_text);
    EXPECT_TRUE(raw);
    return raw ? std::string(raw->begin(), raw->end()) : std::string();
  };

  Result gbk = run(doc);
  ASSERT_TRUE(gbk.ok());
  ASSERT_EQ(gbk.items.size(), 3u);
  EXPECT_EQ(bytes(gbk.items[1]), "\xB9\xAC\xB1\xA3\xBC\xA6\xB6\xA1 A");  // GBK

  Options options;
  options.code_text_encoding = CodeTextEncoding::utf8;
  Result utf8 = run(doc, options);
  ASSERT_TRUE(utf8.ok());
  ASSERT_EQ(utf8.items.size(), 3u);
  EXPECT_EQ(utf8.items[0].print_type, PrintType::barcode);
  EXPECT_EQ(bytes(utf8.items[0]), "12345678");
  EXPECT_EQ(utf8.items[1].print_type, PrintType::qr_code);
  EXPECT_EQ(bytes(utf8.items[1]), qr.content);
  EXPECT_EQ(utf8.items[2].print_type, PrintType::text);
  EXPECT_EQ(utf8.items[2], gbk.items[2]) << "text items are GBK whatever the option";

  // A character GBK lacks is an error only where GBK is the encoding.
  qr.content = "😀";
  ir::Document emoji = document({label(1, {qr})});
  EXPECT_FALSE(run(emoji).ok());
  Result passed = run(emoji, options);
  ASSERT_TRUE(passed.ok());
  EXPECT_EQ(bytes(passed.items[0]), "😀");
}

TEST_F(MstchingTest, AlignmentAndFontSizeMapping) {
  auto styled = [](int y, ir::Align align, int xw, int yh) {
    ir::Text t = text(10, y, "x");
    t.align = align;
    t.xw = xw;
    t.yh = yh;
    return t;
  };
  ir::Barcode barcode;
  barcode.y = 100;
  barcode.content = "1";
  barcode.align = ir::Align::right;
  Result result = run(document({label(
      1, {styled(0, ir::Align::left, 1, 1), styled(10, ir::Align::center, 2, 1),
          styled(20, ir::Align::right, 1, 2), styled(30, ir::Align::left, 10, 10), barcode})}));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 5u);
  auto field = [&](auto member) {
    std::vector<int> out;
    for (const Item& item : result.items) out.push_back(static_cast<int>(item.*member));
    return out;
  };
  EXPECT_THAT(field(&Item::alignment), ElementsAre(0, 1, 2, 0, 2));
  EXPECT_THAT(field(&Item::large), ElementsAre(0, 1, 1, 1, 0));
  EXPECT_THAT(field(&Item::bold), ElementsAre(0, 0, 0, 0, 0));
}

TEST_F(MstchingTest, ReadingOrderAcrossLabelsAndCopies) {
  // Document order is deliberately not reading order; equal positions keep document order.
  ir::Document doc = document(
      {label(1, {text(200, 50, "1c"), text(0, 50, "1b"), text(5, 0, "1a"), text(0, 50, "1b2")}, 2),
       label(7, {text(0, 10, "7b"), text(100, 0, "7a")}, 1), label(9, {text(0, 0, "9a")}, 3)});
  Result result = run(doc);
  ASSERT_TRUE(result.ok());
  std::vector<std::string> texts;
  for (const Item& item : result.items) texts.push_back(test::decode_base_text(item.base_text));
  EXPECT_THAT(texts, ElementsAre("1a", "1b", "1b2", "1c", "1a", "1b", "1b2", "1c", "7a", "7b", "9a",
                                 "9a", "9a"));
}

TEST_F(MstchingTest, CharacterOutsideGbkIsAnErrorAtItsLineAndColumn) {
  ir::Text bad = text(0, 0, "ab😀c", {4, 3});
  bad.content_at = {4, 30};
  ir::QrCode qr;
  qr.at = {6, 1};
  qr.content_at = {6, 40};
  qr.content = "宫保\xF0\x9F\x8D\x97";  // U+1F357, a chicken leg
  Result result = run(document({label(1, {bad, qr, text(0, 100, "fine")})}));
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(result.items.empty());
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].code, "DL0500");
  EXPECT_EQ(result.diagnostics[0].severity, Severity::error);
  EXPECT_EQ(result.diagnostics[0].pos, (SourcePos{4, 32}));
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("U+1F600"));
  EXPECT_EQ(result.diagnostics[1].pos, (SourcePos{6, 42}));
  EXPECT_THAT(result.diagnostics[1].message, HasSubstr("U+1F357"));
}

// IR built by hand may hold ill-formed UTF-8: the byte that starts no character is named, not
// decoded with the bytes after it into a character that is not there.
TEST_F(MstchingTest, AByteThatIsNoUtf8IsNamedAsAByte) {
  Result result = run(document({label(1, {text(0, 0, "a\xC3(b", {4, 3})})}));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "DL0500");
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("byte 0xC3 has no GBK encoding"));
}

TEST_F(MstchingTest, WhatItemsCannotExpressIsWarnedAbout) {
  ir::Box box;
  box.at = {2, 1};
  ir::Bar bar;
  bar.at = {3, 1};
  bar.width = bar.height = 8;
  ir::Reverse reverse;
  reverse.at = {4, 1};
  reverse.width = reverse.height = 8;
  ir::Text turned = text(0, 0, "turned", {5, 1});
  turned.rotation = ir::Rotation::r90;
  ir::Barcode barcode;
  barcode.at = {6, 1};
  barcode.content = "12345";
  barcode.rotation = ir::Rotation::r180;
  ir::Label mirrored = label(1, {box, bar, reverse, turned, barcode});
  mirrored.mirror = true;
  Result result = run(document({mirrored}));
  EXPECT_TRUE(result.ok());
  EXPECT_THAT(codes(result.diagnostics),
              ElementsAre("DL0509", "DL0501", "DL0502", "DL0503", "DL0504", "DL0504"));
  for (const Diagnostic& d : result.diagnostics) {
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_THAT(d.hint, HasSubstr("--mode image"));
  }
  EXPECT_THAT(result.diagnostics[1].message, HasSubstr("SQ"));
  EXPECT_THAT(result.diagnostics[2].message, HasSubstr("BL"));
  EXPECT_THAT(result.diagnostics[3].message, HasSubstr("REV"));
  EXPECT_EQ(result.diagnostics[4].pos, (SourcePos{5, 1}));
  EXPECT_THAT(result.diagnostics[4].message, HasSubstr("TEXT r=\"90\""));
  EXPECT_THAT(result.diagnostics[5].message, HasSubstr("BARC r=\"180\""));
  // The rotated text and barcode still print, unrotated.
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(test::decode_base_text(result.items[0].base_text), "turned");
}

TEST_F(MstchingTest, WarnsWhenTheDeviceWrapsALine) {
  std::string sixteen_cjk;
  for (int i = 0; i < 16; ++i) sixteen_cjk += "鸡";
  Result result = run(document({label(
      1, {text(0, 0, std::string(32, 'a'), {2, 1}), text(0, 10, std::string(33, 'a'), {3, 1}),
          text(0, 20, sixteen_cjk, {4, 1}), text(0, 30, sixteen_cjk + "a", {5, 1})})}));
  EXPECT_TRUE(result.ok());
  ASSERT_THAT(codes(result.diagnostics), ElementsAre("DL0505", "DL0505"));
  EXPECT_EQ(result.diagnostics[0].pos, (SourcePos{3, 1}));
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("33 columns"));
  EXPECT_EQ(result.diagnostics[1].pos, (SourcePos{5, 1}));
  EXPECT_EQ(result.items.size(), 4u);
}

TEST_F(MstchingTest, NothingPrintableIsAnError) {
  ir::Box box;
  Result result = run(document({label(1, {box})}));
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(codes(result.diagnostics), ElementsAre("DL0501", "DL0512"));
}

TEST_F(MstchingTest, PaperWidthOutOfRangeIsAnError) {
  for (int width : {0, -5, kMaxPaperWidth + 1}) {
    Options options;
    options.paper_width = width;
    Result result = run(document({label(1, {text(0, 0, "a")})}), options);
    EXPECT_THAT(codes(result.diagnostics), ElementsAre("DL0510")) << width;
    EXPECT_TRUE(result.items.empty());
  }
}

TEST_F(MstchingTest, JsonHasTheApiKeysInOrderAndMatchesTheSchema) {
  ir::QrCode qr;
  qr.y = 10;
  qr.content = "q";
  ir::Text big = text(0, 0, "宫保", {});
  big.align = ir::Align::center;
  big.xw = 2;
  std::string json = to_json(run(document({label(1, {big, qr})})).items);
  EXPECT_EQ(json, R"([{"Alignment":1,"BaseText":")" +
                      base64_encode(std::vector<std::uint8_t>{0xB9, 0xAC, 0xB1, 0xA3}) +
                      R"(","Bold":0,"FontSize":1,"PrintType":0},)"
                      R"({"Alignment":0,"BaseText":"cQ==","Bold":0,"FontSize":0,"PrintType":4}])");
  nlohmann::json schema = test::printcontent_schema();
  EXPECT_THAT(test::schema_errors(schema, nlohmann::json::parse(json)), ::testing::IsEmpty());
  // The checker does reject what the API would: a sanity check of the check.
  EXPECT_FALSE(test::schema_errors(schema, nlohmann::json::parse("[]")).empty());
  EXPECT_FALSE(test::schema_errors(
                   schema, nlohmann::json::parse(R"([{"Alignment":3,"BaseText":"cQ==","Bold":0,)"
                                                 R"("FontSize":0,"PrintType":2}])"))
                   .empty());
  EXPECT_FALSE(test::schema_errors(
                   schema, nlohmann::json::parse(R"([{"Alignment":0,"BaseText":"c Q","Bold":0,)"
                                                 R"("FontSize":0,"PrintType":0,"Extra":1}])"))
                   .empty());
}

// to_json writes the JSON itself (no tree to free while bad_alloc unwinds): an embedder's
// base_text that is not base64 still comes out as valid JSON holding the same string.
TEST(PrintContentJson, WhatIsNotBase64IsEscaped) {
  EXPECT_EQ(to_json({}), "[]");
  const std::string odd = "a\"b\\c\x01\n\x1f\x7f\xc3\xa9";
  std::vector<Item> items{{Alignment::right, "QQ==", true, false, PrintType::text},
                          {Alignment::left, odd, false, true, PrintType::barcode}};
  std::string json = to_json(items);
  nlohmann::json parsed = nlohmann::json::parse(json);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["Alignment"], 2);
  EXPECT_EQ(parsed[0]["Bold"], 1);
  EXPECT_EQ(parsed[1]["BaseText"], odd);
  EXPECT_EQ(parsed[1]["FontSize"], 1);
  EXPECT_EQ(parsed[1]["PrintType"], 3);
  EXPECT_EQ(json.substr(0, 71),
            R"([{"Alignment":2,"BaseText":"QQ==","Bold":1,"FontSize":0,"PrintType":0},)");
}

// A checkerboard of 8x8 squares with a black frame: easy to compare dot for dot.
Bitmap pattern(int width, int height) {
  Bitmap b(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      b.set(x, y, ((x / 8 + y / 8) % 2 == 0) || x == 0 || y == 0 || x == width - 1);
  return b;
}

TEST_F(MstchingTest, ImageElementBecomesAPngOfJustThatImage) {
  Bitmap picture = pattern(64, 40);
  ir::Image image;
  image.at = {3, 5};
  image.x = 24;
  image.y = 16;
  image.data = encode_png(picture);
  Result result = run(document({label(1, {text(0, 0, "above"), image})}));
  ASSERT_TRUE(result.ok()) << format_text(result.diagnostics.front());
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(decode_image(result.items[1]), picture);
}

TEST_F(MstchingTest, ImageWiderThanThePaperIsScaledDown) {
  ir::Image image;
  image.at = {3, 5};
  image.data = encode_png(pattern(512, 64));
  Result result = run(document({label(1, {image})}, 600, 100));
  ASSERT_TRUE(result.ok());
  EXPECT_THAT(codes(result.diagnostics), ElementsAre("DL0507"));
  ASSERT_EQ(result.items.size(), 1u);
  Bitmap scaled = decode_image(result.items[0]);
  EXPECT_EQ(scaled.width(), kDefaultPaperWidth);
  EXPECT_EQ(scaled.height(), 48);
}

TEST_F(MstchingTest, LogoBmpWithoutALogoIsLeftOutWithAWarning) {
  ir::Image logo;
  logo.at = {2, 3};
  Result result = run(document({label(1, {logo, text(0, 0, "a")})}));
  EXPECT_TRUE(result.ok());
  EXPECT_THAT(codes(result.diagnostics), ElementsAre("DL0508"));
  EXPECT_EQ(result.items.size(), 1u);
  Options options;
  options.render.logo = encode_png(pattern(16, 16));
  result = run(document({label(1, {logo, text(0, 0, "a")})}), options);
  EXPECT_TRUE(result.diagnostics.empty());
  ASSERT_EQ(result.items.size(), 2u);
  EXPECT_EQ(decode_image(result.items[0]), pattern(16, 16));
}

class ImageModeTest : public MstchingTest {
 protected:
  // A 200-dot label with text, a bar and a QR code; a second label printed twice.
  ir::Document doc() {
    ir::Bar bar;
    bar.x = 0;
    bar.y = 60;
    bar.width = 200;
    bar.height = 6;
    ir::QrCode qr;
    qr.x = 100;
    qr.y = 74;  // its 4-module quiet zone (8 dots) clear of the bar and of the label's bottom
    qr.content = "dotlabel";
    return document(
        {label(1, {text(4, 4, "宫保鸡丁 12"), bar, qr}), label(2, {text(4, 4, "x"), bar}, 2)}, 200,
        124);
  }
};

TEST_F(ImageModeTest, OnePictureOfEachLabelCopyScaledToThePaperWidth) {
  ir::Document d = doc();
  RenderResult rendered = renderer_->render(d);
  ASSERT_TRUE(rendered.ok());
  ASSERT_EQ(rendered.labels.size(), 2u);

  // Twice as wide: every dot becomes a 2x2 block.
  Options options;
  options.mode = Mode::image;
  options.paper_width = 400;
  Result result = run(d, options);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.items.size(), 3u);
  for (std::size_t i = 0; i < result.items.size(); ++i) {
    const Bitmap& source = rendered.labels[i == 0 ? 0 : 1].bitmap;
    Bitmap picture = decode_image(result.items[i]);
    ASSERT_EQ(picture.width(), 400);
    ASSERT_EQ(picture.height(), source.height() * 2);
    int mismatches = 0;
    for (int y = 0; y < picture.height(); ++y)
      for (int x = 0; x < picture.width(); ++x)
        mismatches += picture.get(x, y) != source.get(x / 2, y / 2);
    EXPECT_EQ(mismatches, 0) << "item " << i;
  }
  EXPECT_EQ(result.items[1], result.items[2]);

  // Half as wide: each output dot is the source dot under its centre, (2x+1, 2y+1).
  options.paper_width = 100;
  result = run(d, options);
  ASSERT_TRUE(result.ok());
  const Bitmap& source = rendered.labels[0].bitmap;
  Bitmap picture = decode_image(result.items[0]);
  ASSERT_EQ(picture.width(), 100);
  ASSERT_EQ(picture.height(), source.height() / 2);
  int mismatches = 0;
  for (int y = 0; y < picture.height(); ++y)
    for (int x = 0; x < picture.width(); ++x)
      mismatches += picture.get(x, y) != source.get(2 * x + 1, 2 * y + 1);
  EXPECT_EQ(mismatches, 0);

  // Same width: the render itself.
  options.paper_width = 200;
  result = run(d, options);
  EXPECT_EQ(decode_image(result.items[0]), source);
}

TEST_F(ImageModeTest, WarnsWhenScalingMakesModulesVanish) {
  ir::Barcode barcode;
  barcode.at = {9, 3};
  barcode.x = 100;
  barcode.y = 10;
  barcode.content = "12";
  ir::Document d = doc();
  d.labels[1].elements.push_back(barcode);  // narrow 2 dots, like the QR code's module in label 1
  Options options;
  options.mode = Mode::image;
  options.paper_width = 100;  // half of 200: modules of exactly 1 dot
  EXPECT_TRUE(run(d, options).diagnostics.empty());
  options.paper_width = 99;
  Result result = run(d, options);
  EXPECT_TRUE(result.ok());
  ASSERT_THAT(codes(result.diagnostics), ElementsAre("DL0513", "DL0513"));
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("QRC module of 2 dots becomes 0.99 dots"));
  EXPECT_EQ(result.diagnostics[1].pos, (SourcePos{9, 3}));
  EXPECT_EQ(result.items.size(), 3u);
}

TEST_F(ImageModeTest, ExpressesWhatItemsModeCannot) {
  Options options;
  options.mode = Mode::image;
  Result result = run(doc(), options);
  EXPECT_TRUE(result.diagnostics.empty());
  for (const Item& item : result.items) {
    EXPECT_EQ(item.alignment, Alignment::left);
    EXPECT_FALSE(item.large);
    EXPECT_FALSE(item.bold);
  }
}

}  // namespace
}  // namespace dotlabel::mstching
