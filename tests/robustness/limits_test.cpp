// Every Limits field, tightened by an embedder, is honoured at each place it is enforced: one
// past the limit is its error, exactly at the limit passes.
#include "barcode_sprite.hpp"
#include "dotlabel/mstching.hpp"
#include "qr_sprite.hpp"
#include "robustness.hpp"

namespace dotlabel::robust {
namespace {

CompileResult compile_with(const std::string& markup, const Limits& limits) {
  CompileOptions options;
  options.limits = limits;
  return compile(markup, options);
}

RenderResult render_with(const std::string& markup, const Limits& limits) {
  CompileResult compiled = compile(markup);
  EXPECT_TRUE(compiled.ok());
  Renderer renderer({.font_dir = {}, .limits = limits});
  return renderer.render(*compiled.document);
}

const std::string kTwoTexts =  // 4 elements, 10 x 10 mm = 80 x 80 dots
    "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\">\n<TEXT x=\"1\" y=\"1\">a</TEXT>"
    "<TEXT x=\"1\" y=\"5\">b</TEXT>\n</LABEL>\n</PAGE>\n";

TEST(Limits, InputBytes) {
  Limits limits;
  limits.max_input_bytes = kTwoTexts.size() - 1;
  EXPECT_EQ(errors(compile_with(kTwoTexts, limits).diagnostics),
            std::vector<std::string>{"DL0005 0:0"});
  // compile_file reads no further than one byte past the limit.
  fs::path file = fs::temp_directory_path() / ("dotlabel-robust-limit-" + std::to_string(getpid()));
  std::ofstream(file, std::ios::binary) << kTwoTexts;
  CompileOptions options;
  options.limits = limits;
  EXPECT_EQ(errors(compile_file(file, options).diagnostics),
            std::vector<std::string>{"DL0005 0:0"});
  options.limits.max_input_bytes = kTwoTexts.size();
  EXPECT_TRUE(compile_file(file, options).ok());
  fs::remove(file);
}

TEST(Limits, Elements) {
  Limits limits;
  limits.max_elements = 3;
  EXPECT_EQ(errors(compile_with(kTwoTexts, limits).diagnostics),
            std::vector<std::string>{"DL0006 1:1"});
  limits.max_elements = 4;
  EXPECT_TRUE(compile_with(kTwoTexts, limits).ok());
}

TEST(Limits, LabelAreaInTheCompiler) {
  Limits limits;
  limits.max_label_dots = 80 * 80 - 1;
  EXPECT_EQ(errors(compile_with(kTwoTexts, limits).diagnostics),
            std::vector<std::string>{"DL0109 1:1"});
  limits.max_label_dots = 80 * 80;
  EXPECT_TRUE(compile_with(kTwoTexts, limits).ok());
}

TEST(Limits, LabelAreaInTheRenderer) {
  Limits limits;
  limits.max_label_dots = 80 * 80 - 1;
  RenderResult r = render_with(kTwoTexts, limits);
  EXPECT_EQ(errors(r.diagnostics), std::vector<std::string>{"DL0403 1:1"});
  EXPECT_TRUE(r.labels.empty());
  limits.max_label_dots = 80 * 80;
  EXPECT_TRUE(render_with(kTwoTexts, limits).ok());
}

// No BARC or QRC sprite is larger than the largest label allowed: on the 80 x 80-dot label, a
// symbol of more dots than the tightened limit is refused before it is drawn.
TEST(Limits, LabelAreaBoundsBarcodeAndQrSprites) {
  const std::string markup =
      "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\">\n"
      "<BARC x=\"1\" y=\"1\" h=\"100\" a=\"left\">AB12</BARC>\n"
      "<QRC x=\"1\" y=\"1\" s=\"4\">DOTLABEL</QRC>\n</LABEL>\n</PAGE>\n";
  CompileResult compiled = compile(markup);
  ASSERT_TRUE(compiled.ok());
  const auto& elements = compiled.document->labels[0].elements;
  const std::int64_t bars = render::encode_barcode(std::get<ir::Barcode>(elements[0])).width * 100;
  const std::int64_t symbol = 84 * 84;  // version 1: 21 modules of 4 dots
  ASSERT_EQ(render::qr_sprite(std::get<ir::QrCode>(elements[1])).bitmap.width(), 84);
  ASSERT_GT(bars, symbol);

  Limits limits;
  limits.max_label_dots = symbol - 1;
  EXPECT_EQ(errors(render_with(markup, limits).diagnostics),
            (std::vector<std::string>{"DL0454 3:1", "DL0462 4:1"}));
  limits.max_label_dots = symbol;
  EXPECT_EQ(errors(render_with(markup, limits).diagnostics),
            std::vector<std::string>{"DL0454 3:1"});
  limits.max_label_dots = bars;
  EXPECT_TRUE(render_with(markup, limits).ok());
}

TEST(Limits, LabelAreaOfAMstchingPicture) {
  // Image mode scales the 80-dot label to the 384-dot paper: 384 x 384 dots.
  CompileResult compiled = compile(kTwoTexts);
  ASSERT_TRUE(compiled.ok());
  Renderer renderer;
  mstching::Options options;
  options.mode = mstching::Mode::image;
  options.limits.max_label_dots = 384 * 384 - 1;
  EXPECT_EQ(errors(mstching::convert(*compiled.document, renderer, options).diagnostics),
            std::vector<std::string>{"DL0511 2:1"});
  options.limits.max_label_dots = 384 * 384;
  EXPECT_TRUE(mstching::convert(*compiled.document, renderer, options).ok());
}

TEST(Limits, TextCharactersOfTextBarcodeAndQr) {
  Limits limits;
  limits.max_text_chars = 3;
  for (const char* element : {"TEXT", "BARC", "QRC"}) {
    SCOPED_TRACE(element);
    std::string open = std::string("<") + element + " x=\"50\" y=\"1\">";
    std::string close = std::string("</") + element + ">";
    EXPECT_EQ(errors(compile_with(in_label(open + "ABCD" + close), limits).diagnostics),
              std::vector<std::string>{"DL0108 3:" + std::to_string(open.size() + 1)});
    EXPECT_TRUE(compile_with(in_label(open + "ABC" + close), limits).ok());
  }
}

TEST(Limits, Base64Bytes) {
  std::string payload = base64_encode(golden_image("png"));
  std::string markup = in_label("<BMP x=\"1\" y=\"1\">" + payload + "</BMP>");
  Limits limits;
  limits.max_base64_bytes = payload.size() - 1;
  EXPECT_EQ(errors(compile_with(markup, limits).diagnostics),
            std::vector<std::string>{"DL0311 3:18"});
  limits.max_base64_bytes = payload.size();
  EXPECT_TRUE(compile_with(markup, limits).ok());
}

TEST(Limits, ImagePixelsFromTheHeaderInTheCompiler) {
  // golden/bmp/png.xml holds a 64 x 40 PNG.
  std::string markup =
      in_label("<BMP x=\"1\" y=\"1\">" + base64_encode(golden_image("png")) + "</BMP>");
  Limits limits;
  limits.max_image_pixels = 64 * 40 - 1;
  EXPECT_EQ(errors(compile_with(markup, limits).diagnostics),
            std::vector<std::string>{"DL0312 3:18"});
  limits.max_image_pixels = 64 * 40;
  EXPECT_TRUE(compile_with(markup, limits).ok());
}

TEST(Limits, ImagePixelsInTheRendererAtItsOwnSizeAndScaled) {
  std::string payload = base64_encode(golden_image("png"));
  std::string own = in_label("<BMP x=\"1\" y=\"1\">" + payload + "</BMP>");
  Limits limits;
  limits.max_image_pixels = 64 * 40 - 1;
  EXPECT_EQ(errors(render_with(own, limits).diagnostics), std::vector<std::string>{"DL0481 3:1"});
  limits.max_image_pixels = 64 * 40;
  EXPECT_TRUE(render_with(own, limits).ok());
  // w="128" (dots): 128 dots wide, 80 dots high.
  std::string scaled = in_label("<BMP x=\"1\" y=\"1\" w=\"128\">" + payload + "</BMP>");
  limits.max_image_pixels = 128 * 80 - 1;
  EXPECT_EQ(errors(render_with(scaled, limits).diagnostics),
            std::vector<std::string>{"DL0481 3:1"});
  limits.max_image_pixels = 128 * 80;
  EXPECT_TRUE(render_with(scaled, limits).ok());
}

}  // namespace
}  // namespace dotlabel::robust
