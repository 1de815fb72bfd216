// dotlabel::check() = compile + resolve: the errors a render would report, found without
// drawing, and `dotlabel check` reporting them.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "barcode_sprite.hpp"
#include "cli_test.hpp"
#include "diagnostic_codes.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/render.hpp"
#include "render_helpers.hpp"

namespace dotlabel {
namespace {

std::string in_label(const std::string& element) {
  return "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\">" + element + "</LABEL></PAGE>";
}

std::vector<std::string> error_codes(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::error) out.push_back(d.code);
  return out;
}

// The errors of rendering `markup` (compile, then render), as `dotlabel render` gives them.
std::vector<std::string> render_errors(const std::string& markup) {
  CompileResult compiled = compile(markup);
  if (!compiled.document) return error_codes(compiled.diagnostics);
  return error_codes(Renderer().render(*compiled.document).diagnostics);
}

// An OS/2 bitmap (BITMAPCOREHEADER: 12 bytes, 16-bit width and height), 24 bits per pixel,
// `width` x `height`, black on its left half.
std::vector<std::uint8_t> os2_bitmap(int width, int height) {
  const int row = (width * 3 + 3) / 4 * 4;
  std::vector<std::uint8_t> bmp;
  auto le16 = [&](unsigned v) {
    bmp.push_back(static_cast<std::uint8_t>(v));
    bmp.push_back(static_cast<std::uint8_t>(v >> 8));
  };
  auto le32 = [&](unsigned v) {
    le16(v & 0xFFFF);
    le16(v >> 16);
  };
  bmp.push_back('B');
  bmp.push_back('M');
  le32(26 + row * height);  // file size
  le32(0);                  // reserved
  le32(26);                 // pixels start after the two headers
  le32(12);                 // BITMAPCOREHEADER
  le16(width);
  le16(height);
  le16(1);   // planes
  le16(24);  // bits per pixel
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < row; ++x) bmp.push_back(x < width * 3 && x / 3 >= width / 2 ? 255 : 0);
  return bmp;
}

// The printer encodes every QR code in 8-bit mode: 3,000 digits are over the 2,953 bytes of
// version 40-L, though numeric mode would hold 7,089. Compile, check and render agree.
TEST(Check, QrOfThreeThousandDigitsIsAnErrorInCheckAsInRender) {
  CompileOptions options;
  options.limits.max_text_chars = 10'000;
  const std::string markup = in_label("<QRC x=\"1\" y=\"1\">" + std::string(3000, '7') + "</QRC>");
  EXPECT_EQ(error_codes(check(markup, options)), std::vector<std::string>{"DL0304"});

  // An embedder's IR, which never went through the compiler: resolve finds it as render does.
  ir::Document document = testing::page();
  ir::QrCode qr;
  qr.content = std::string(3000, '7');
  qr.module = 2;
  document.labels[0].elements.push_back(qr);
  EXPECT_EQ(error_codes(check_label(document, document.labels[0])),
            std::vector<std::string>{std::string(codes::kQrUnencodable)});
  EXPECT_EQ(error_codes(Renderer().render(document).diagnostics),
            std::vector<std::string>{std::string(codes::kQrUnencodable)});

  qr.content = std::string(2953, '7');  // the most version 40-L holds in 8-bit mode
  document.labels[0].elements = {qr};
  EXPECT_TRUE(error_codes(check_label(document, document.labels[0])).empty());
}

TEST(Check, BarePngSignatureIsAnError) {
  const std::string markup = in_label("<BMP x=\"1\" y=\"1\">iVBORw0KGgo=</BMP>");
  const std::vector<std::string> expected{std::string(codes::kImageUndecodable)};
  EXPECT_EQ(error_codes(check(markup)), expected);
  EXPECT_EQ(render_errors(markup), expected);
}

TEST(Check, Os2BitmapPassesAndRenders) {
  const std::string markup =
      in_label("<BMP x=\"1\" y=\"1\">" + base64_encode(os2_bitmap(40, 20)) + "</BMP>");
  EXPECT_TRUE(error_codes(check(markup)).empty());
  CompileResult compiled = compile(markup);
  ASSERT_TRUE(compiled.document);
  RenderResult rendered = Renderer().render(*compiled.document);
  EXPECT_TRUE(error_codes(rendered.diagnostics).empty());
  ASSERT_EQ(rendered.labels.size(), 1u);
  // The black half: 20 x 20 dots at x = 8 dots (1 mm).
  EXPECT_EQ(testing::black_count(rendered.labels[0].bitmap), 20 * 20);
  EXPECT_TRUE(rendered.labels[0].bitmap.get(8, 8));
  EXPECT_FALSE(rendered.labels[0].bitmap.get(8 + 20, 8));
}

TEST(Check, Code128TooLongIsAnError) {
  const std::string markup =
      in_label("<BARC x=\"1\" y=\"1\" ct=\"code128\">" + std::string(300, 'A') + "</BARC>");
  const std::vector<std::string> expected{std::string(codes::kBarcodeUnencodable)};
  EXPECT_EQ(error_codes(check(markup)), expected);
  EXPECT_EQ(render_errors(markup), expected);
}

// Text is laid out from the font manifest: check opens no font file, so a missing one is no
// concern of check's.
TEST(Check, TextNeedsNoFontFile) {
  const std::string markup = in_label("<TEXT x=\"58\" y=\"1\" f=\"7\">宫保鸡丁</TEXT>");
  Diagnostics diagnostics = check(markup);
  EXPECT_TRUE(error_codes(diagnostics).empty());
  for (const Diagnostic& d : diagnostics) EXPECT_FALSE(is_font_file_problem(d)) << d.code;
}

// zint giving no modules: an error, never a read of a run list that is empty.
TEST(Check, BarcodeOfNoModulesIsAnError) {
  ir::Barcode barcode;
  barcode.narrow = 2;
  barcode.height = 10;
  render::BarcodeBars bars = render::bars_from_modules(nullptr, 0, barcode, 1'000'000);
  EXPECT_NE(bars.error, "");
  EXPECT_TRUE(bars.runs.empty());
  EXPECT_EQ(bars.width, 0);
}

class CheckCommand : public test::CliTest {};

TEST_F(CheckCommand, ReportsWhatRenderWouldRefuse) {
  write("png.xml", in_label("<BMP x=\"1\" y=\"1\">iVBORw0KGgo=</BMP>"));
  test::CliRun r = run("check png.xml");
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_NE(r.err.find("[DL0480]"), std::string::npos) << r.err;

  write("long.xml",
        in_label("<BARC x=\"1\" y=\"1\" ct=\"code128\">" + std::string(300, 'A') + "</BARC>"));
  r = run("check long.xml");
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_NE(r.err.find("[DL0450]"), std::string::npos) << r.err;

  write("ok.xml", in_label("<BARC x=\"1\" y=\"1\" ct=\"code128\">AB12</BARC>"));
  r = run("check ok.xml");
  EXPECT_EQ(r.exit, 0) << r.err;
}

// REV inverts only what is drawn before it: check (compile + resolve) and the renderer both
// say when it covers nothing yet or when a TEXT is drawn over it afterwards.
std::vector<std::string> warnings(const Diagnostics& diagnostics, std::string_view code) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics)
    if (d.code == code) out.push_back(std::to_string(d.pos.column) + " " + d.message);
  return out;
}

TEST(CheckReverse, ARevBeforeItsTextIsABlackBlockAndHidesTheText) {
  const std::string markup = in_label(
      "<REV x=\"2\" y=\"2\" w=\"22\" h=\"5\"/><TEXT x=\"3\" y=\"3\" f=\"3\">HIDDEN</TEXT>");
  for (const Diagnostics& diagnostics :
       {check(markup), Renderer().render(*compile(markup).document).diagnostics}) {
    std::vector<std::string> rev = warnings(diagnostics, codes::kReverseOverNothing);
    ASSERT_EQ(rev.size(), 1u);
    EXPECT_EQ(rev[0].substr(0, 3), "35 ") << rev[0];  // at the REV
    std::vector<std::string> text = warnings(diagnostics, codes::kTextOverReverse);
    ASSERT_EQ(text.size(), 1u);
    EXPECT_EQ(text[0].substr(0, 3), "66 ") << text[0];  // at the TEXT
    EXPECT_NE(text[0].find("inside the REV at 1:35"), std::string::npos) << text[0];
  }
}

TEST(CheckReverse, TextPartlyOverAnEarlierRevIsNamedOnceAndTheRightOrderIsQuiet) {
  Diagnostics diagnostics = check(in_label(
      "<TEXT x=\"3\" y=\"3\" f=\"3\">FIRST</TEXT><REV x=\"2\" y=\"2\" w=\"22\" h=\"5\"/>"
      "<REV x=\"2\" y=\"2\" w=\"22\" h=\"5\"/><TEXT x=\"18\" y=\"3\" f=\"3\">LATE</TEXT>"));
  EXPECT_TRUE(warnings(diagnostics, codes::kReverseOverNothing).empty());
  std::vector<std::string> text = warnings(diagnostics, codes::kTextOverReverse);
  ASSERT_EQ(text.size(), 1u);
  EXPECT_NE(text[0].find("partly over"), std::string::npos) << text[0];

  // The vendor's own order: the TEXT, then the REV over it; a TEXT beside the REV is fine.
  Diagnostics quiet = check(
      in_label("<TEXT x=\"3\" y=\"3\" f=\"3\">SHOWN</TEXT><REV x=\"2\" y=\"2\" w=\"22\" h=\"5\"/>"
               "<TEXT x=\"3\" y=\"7\" f=\"3\">BELOW</TEXT><BL x=\"30\" y=\"1\" w=\"5\" h=\"5\"/>"
               "<REV x=\"29\" y=\"2\" w=\"3\" h=\"3\"/>"));
  EXPECT_TRUE(warnings(quiet, codes::kReverseOverNothing).empty());
  EXPECT_TRUE(warnings(quiet, codes::kTextOverReverse).empty());
}

TEST(CheckReverse, TheWhiteInsideAnOutlineIsNothingDrawn) {
  const std::string box = "<SQ x=\"1\" y=\"1\" xe=\"30\" ye=\"30\" lt=\"4\"/>";
  EXPECT_EQ(warnings(check(in_label(box + "<REV x=\"10\" y=\"10\" w=\"5\" h=\"5\"/>")),
                     codes::kReverseOverNothing)
                .size(),
            1u);
  EXPECT_TRUE(warnings(check(in_label(box + "<REV x=\"0\" y=\"10\" w=\"5\" h=\"5\"/>")),
                       codes::kReverseOverNothing)
                  .empty());
}

}  // namespace
}  // namespace dotlabel
