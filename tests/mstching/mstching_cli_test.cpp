// `dotlabel mstching` end to end: the vendor's full example, exit codes, diagnostics.
#include <ZXing/ReadBarcode.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_test.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/mstching.hpp"
#include "mstching_support.hpp"

namespace dotlabel::mstching {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kFullExample =
    DOTLABEL_SOURCE_DIR "/tests/corpus/vendor/xpyun-barcode-doc-v1.9.3-full-example.xml";

using dotlabel::test::CliRun;
using dotlabel::test::slurp;

class MstchingCliTest : public dotlabel::test::CliTest {
 protected:
  fs::path write(const std::string& name, const std::string& contents) const {
    return CliTest::write(name, contents);
  }
  CliRun run(const std::string& args) const { return CliTest::run("mstching " + args); }
};

std::vector<std::string> texts_of(const nlohmann::json& items) {
  std::vector<std::string> out;
  for (const auto& item : items)
    if (item["PrintType"] != 1)
      out.push_back(test::decode_base_text(item["BaseText"].get<std::string>()));
  return out;
}

TEST_F(MstchingCliTest, FullExampleGivesValidItemsWhoseTextsDecodeBack) {
  CliRun r = run("'" + kFullExample + "'");
  ASSERT_EQ(r.exit, 0) << r.err;
  ASSERT_FALSE(r.out.empty());
  EXPECT_NE(r.out.substr(0, 3), "\xEF\xBB\xBF");  // no BOM
  nlohmann::json items = nlohmann::json::parse(r.out);
  EXPECT_THAT(test::schema_errors(test::printcontent_schema(), items), IsEmpty());
  // Reading order per label; label 3 (c="2") twice; its two texts share a position.
  EXPECT_THAT(texts_of(items),
              ElementsAre("宫保鸡丁", "广东白切鸡 居中打印", "广东白切鸡 居左打印",
                          "广东白切鸡 居右打印", "https://www.xpyun.net/open/index.html",
                          "小炒回锅肉", "1234567890", "菜品", "单价", "菜品", "单价"));
  std::vector<int> types, alignments, sizes;
  for (const auto& item : items) {
    types.push_back(item["PrintType"]);
    alignments.push_back(item["Alignment"]);
    sizes.push_back(item["FontSize"]);
  }
  EXPECT_THAT(types, ElementsAre(0, 0, 0, 0, 4, 0, 3, 0, 0, 0, 0));
  EXPECT_THAT(alignments, ElementsAre(0, 1, 0, 2, 0, 0, 1, 0, 0, 0, 0));
  EXPECT_THAT(sizes, ElementsAre(0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1));
  // REV, SQ, SQ, BL cannot be items: warned about, with where they are.
  for (const char* code : {"DL0501", "DL0502", "DL0503"}) EXPECT_THAT(r.err, HasSubstr(code));
  EXPECT_THAT(r.err, HasSubstr("full-example.xml:4:5: warning: REV"));
}

TEST_F(MstchingCliTest, WerrorAndJsonDiagnostics) {
  CliRun r = run("--werror '" + kFullExample + "'");
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.out, IsEmpty());  // nothing is written when the input has errors
  // The first warning is the compiler's: label 2 centres its BARC at x=1 mm (DL0210).
  EXPECT_THAT(r.err, HasSubstr("error: BARC a=\"center\" at x=\"1\""));

  r = run("--diagnostics json '" + kFullExample + "'");
  EXPECT_EQ(r.exit, 0);
  nlohmann::json diagnostics = nlohmann::json::parse(r.err);
  ASSERT_TRUE(diagnostics.is_array());
  std::vector<std::string> codes;
  for (const auto& d : diagnostics)
    if (d["code"].get<std::string>().starts_with("DL05")) codes.push_back(d["code"]);
  EXPECT_THAT(codes, ElementsAre("DL0503", "DL0501", "DL0501", "DL0502"));
}

TEST_F(MstchingCliTest, CharacterOutsideGbkFailsAtItsLineAndColumn) {
  fs::path file = write("emoji.xml",
                        "<PAGE w=\"50\" l=\"30\">\n"
                        "  <LABEL id=\"1\">\n"
                        "    <TEXT x=\"1\" y=\"1\">鸡腿🍗饭</TEXT>\n"
                        "  </LABEL>\n"
                        "</PAGE>\n");
  CliRun r = run("'" + file.string() + "'");
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.out, IsEmpty());
  // The content starts at column 23 (鸡); the chicken leg is its third character.
  EXPECT_THAT(r.err, HasSubstr("emoji.xml:3:25: error: TEXT: '🍗' (U+1F357)"));
  EXPECT_THAT(r.err, HasSubstr("[DL0500]"));
}

// A reference takes several columns for one character: the column is the character's own,
// not the content's first column plus its index (3:26).
TEST_F(MstchingCliTest, CharacterOutsideGbkAfterReferencesIsAtItsOwnColumn) {
  fs::path file = write("refs.xml",
                        "<PAGE w=\"50\" l=\"30\">\n"
                        "  <LABEL id=\"1\">\n"
                        "    <TEXT x=\"1\" y=\"1\">&amp;&#x4E2D;A🍗</TEXT>\n"
                        "  </LABEL>\n"
                        "</PAGE>\n");
  CliRun r = run("'" + file.string() + "'");
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.out, IsEmpty());
  // &amp; 23-27, &#x4E2D; 28-35, A 36, the chicken leg 37.
  EXPECT_THAT(r.err, HasSubstr("refs.xml:3:37: error: TEXT: '🍗' (U+1F357)"));
}

// Codabar's IR content starts with the start character the compiler added ("A1234A" for
// "1&#x32;34"). A character GBK lacks at code point 3 (as an embedder's edited IR may have) is
// reported where the written '3' is, past the reference and not one column off.
TEST(MstchingPositions, CodabarContentMapsPastTheAddedStartCharacter) {
  CompileResult compiled = compile(
      "<PAGE w=\"50\" l=\"30\">\n<LABEL id=\"1\">\n"
      "<BARC x=\"1\" y=\"1\" ct=\"bara\">1&#x32;34</BARC>\n</LABEL>\n</PAGE>\n");
  ASSERT_TRUE(compiled.ok());
  auto& barcode = std::get<ir::Barcode>(compiled.document->labels[0].elements[0]);
  ASSERT_EQ(barcode.content, "A1234A");
  barcode.content =
      "A12\xF0\x9F\x8D\x97"
      "4A";  // '3' replaced by U+1F357
  Renderer renderer;
  Result result = convert(*compiled.document, renderer);
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(result.diagnostics.back().code, "DL0500");
  // <BARC x="1" y="1" ct="bara"> is 28 columns: 1 at 29, &#x32; 30-35, 3 at 36.
  EXPECT_EQ(result.diagnostics.back().pos, (SourcePos{3, 36}));
}

TEST_F(MstchingCliTest, UsageAndInputErrors) {
  EXPECT_EQ(run("--mode bogus '" + kFullExample + "'").exit, 2);
  EXPECT_EQ(run("--width 0 '" + kFullExample + "'").exit, 2);
  EXPECT_EQ(run("").exit, 2);
  EXPECT_EQ(run("'" + (dir_ / "missing.xml").string() + "'").exit, 2);
  CliRun r = run("'" + write("bad.xml", "<PAGE w=\"50\">").string() + "'");
  EXPECT_EQ(r.exit, 1);
  EXPECT_THAT(r.out, IsEmpty());
}

TEST_F(MstchingCliTest, LogoFillsAnEmptyBmp) {
  fs::path file = write("logo.xml",
                        "<PAGE w=\"50\" l=\"30\">\n"
                        "  <LABEL id=\"1\">\n"
                        "    <TEXT x=\"1\" y=\"10\">below</TEXT>\n"
                        "    <BMP x=\"1\" y=\"1\"/>\n"
                        "  </LABEL>\n"
                        "</PAGE>\n");
  CliRun r = run("'" + file.string() + "'");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("logo.xml:4:5: warning: BMP without content"));
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 1u);

  Bitmap logo(24, 16);
  logo.fill(0, 0, 12, 16);
  std::vector<std::uint8_t> png = encode_png(logo);
  fs::path logo_file = write("logo.png", std::string(png.begin(), png.end()));
  r = run("--logo '" + logo_file.string() + "' '" + file.string() + "'");
  EXPECT_EQ(r.exit, 0) << r.err;
  nlohmann::json items = nlohmann::json::parse(r.out);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["PrintType"], 1);
  EXPECT_EQ(decode_png(*base64_decode(items[0]["BaseText"].get<std::string>())), logo);
  EXPECT_EQ(run("--logo '" + (dir_ / "none.png").string() + "' '" + file.string() + "'").exit, 2);
}

TEST_F(MstchingCliTest, ReadsStandardInput) {
  CliRun r = run("- <'" + kFullExample + "'");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 11u);
}

// The texts of the QR codes ZXing finds in an image item (with a quiet zone added around it).
std::vector<std::string> decoded_qr_codes(const nlohmann::json& item) {
  std::optional<Bitmap> picture = decode_png(*base64_decode(item["BaseText"].get<std::string>()));
  if (!picture) return {};
  const int quiet = 16, width = picture->width() + 2 * quiet,
            height = picture->height() + 2 * quiet;
  std::vector<std::uint8_t> luminance(static_cast<std::size_t>(width) * height, 255);
  for (int y = 0; y < picture->height(); ++y)
    for (int x = 0; x < picture->width(); ++x)
      if (picture->get(x, y))
        luminance[static_cast<std::size_t>(y + quiet) * width + x + quiet] = 0;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode).setTryHarder(true);
  std::vector<std::string> texts;
  for (const ZXing::Result& result : ZXing::ReadBarcodes(
           ZXing::ImageView(luminance.data(), width, height, ZXing::ImageFormat::Lum), hints))
    if (result.isValid()) texts.push_back(result.text());
  return texts;
}

TEST_F(MstchingCliTest, ImageModeGivesOnePictureOfEachLabelCopyAtThePaperWidth) {
  CliRun r = run("--mode image '" + kFullExample + "'");
  ASSERT_EQ(r.exit, 0) << r.err;
  nlohmann::json items = nlohmann::json::parse(r.out);
  EXPECT_THAT(test::schema_errors(test::printcontent_schema(), items), IsEmpty());
  ASSERT_EQ(items.size(), 4u);  // labels 1, 2 and 3 twice

  // Each picture is the rendered label (800 x 480 dots) scaled to 384 dots.
  CompileResult compiled = compile_file(kFullExample);
  ASSERT_TRUE(compiled.ok());
  Renderer renderer;
  RenderResult rendered = renderer.render(*compiled.document);
  ASSERT_TRUE(rendered.ok());
  const std::vector<int> label_of_item = {0, 1, 2, 2};
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i]["PrintType"], 1);
    std::optional<std::vector<std::uint8_t>> png =
        base64_decode(items[i]["BaseText"].get<std::string>());
    ASSERT_TRUE(png);
    std::optional<Bitmap> picture = decode_png(*png);
    ASSERT_TRUE(picture);
    const Bitmap& source = rendered.labels[label_of_item[i]].bitmap;
    ASSERT_EQ(picture->width(), 384);
    ASSERT_EQ(picture->height(),
              (source.height() * 384 * 2 + source.width()) / (2 * source.width()));
    // Nearest neighbour: each dot is the source dot under its centre.
    int mismatches = 0;
    for (int y = 0; y < picture->height(); ++y)
      for (int x = 0; x < picture->width(); ++x)
        mismatches += picture->get(x, y) !=
                      source.get((2 * x + 1) * source.width() / (2 * 384),
                                 (2 * y + 1) * source.height() / (2 * picture->height()));
    EXPECT_EQ(mismatches, 0) << "item " << i;
  }
  EXPECT_EQ(items[2], items[3]);
  // Label 1's QR code (4-dot modules) still scans at 384/800; label 2's Code 128 (2-dot bars)
  // does not, and says so.
  EXPECT_THAT(decoded_qr_codes(items[0]), ElementsAre("https://www.xpyun.net/open/index.html"));
  EXPECT_THAT(r.err, HasSubstr("full-example.xml:12:3: warning: BARC module of 2 dots becomes "
                               "0.96 dots"));

  r = run("--mode image --width 800 '" + kFullExample + "'");
  ASSERT_EQ(r.exit, 0);
  std::optional<Bitmap> same =
      decode_png(*base64_decode(nlohmann::json::parse(r.out)[1]["BaseText"].get<std::string>()));
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, rendered.labels[1].bitmap);
}

}  // namespace
}  // namespace dotlabel::mstching
