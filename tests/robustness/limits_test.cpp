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

TEST(Limits, CopiesInTheCompiler) {
  const std::string markup =
      "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\" c=\"3\">\n<TEXT x=\"1\" y=\"1\">a</TEXT>\n"
      "</LABEL>\n</PAGE>\n";
  Limits limits;
  limits.max_copies = 2;
  CompileResult refused = compile_with(markup, limits);
  EXPECT_EQ(errors(refused.diagnostics), std::vector<std::string>{"DL0111 2:18"});
  EXPECT_FALSE(refused.diagnostics.empty() || refused.diagnostics[0].hint.empty());
  limits.max_copies = 3;
  EXPECT_TRUE(compile_with(markup, limits).ok());
}

// 80 x 80-dot labels, 16 dots apart: 3 copies of label 1 and one of label 2 make a strip of
// 4 x 80 + 3 x 16 = 368 rows, 80 x 368 dots.
TEST(Limits, LabelAreaBoundsTheStrip) {
  const std::string markup =
      "<PAGE w=\"10\" l=\"10\" ld=\"2\">\n<LABEL id=\"1\" c=\"3\"/>\n<LABEL id=\"2\"/>\n"
      "</PAGE>\n";
  CompileResult compiled = compile(markup);
  ASSERT_TRUE(compiled.ok());
  auto strip = [&](std::int64_t max_label_dots) {
    Renderer renderer({.font_dir = {}, .limits = {.max_label_dots = max_label_dots}});
    RenderResult rendered = renderer.render(*compiled.document);
    EXPECT_TRUE(rendered.ok());
    return renderer.strip(*compiled.document, rendered.labels);
  };
  Renderer::StripResult refused = strip(80 * 368 - 1);
  EXPECT_FALSE(refused.bitmap);
  EXPECT_EQ(errors(refused.diagnostics), std::vector<std::string>{"DL0404 1:1"});
  Renderer::StripResult drawn = strip(80 * 368);
  ASSERT_TRUE(drawn.bitmap);
  EXPECT_TRUE(drawn.diagnostics.empty());
  EXPECT_EQ(drawn.bitmap->width(), 80);
  EXPECT_EQ(drawn.bitmap->height(), 368);
}

// An embedder's IR need not come through the compiler: copies that would make the strip's
// height wrap around an int (536870913 copies of 8 rows = 2^32 + 8, which wrapped to 8) are
// refused by the Renderer itself, not drawn into a bitmap too small for them.
TEST(Limits, StripOfUntrustedCopiesIsRefusedNotWrapped) {
  ir::Document document;
  document.page.width = 80;
  document.page.length = 8;
  document.page.gap = 0;
  ir::Label label;
  label.id = 1;
  label.copies = 536870913;
  document.labels.push_back(label);
  Renderer renderer;
  RenderResult rendered = renderer.render(document);
  ASSERT_TRUE(rendered.ok());
  Renderer::StripResult wrapped = renderer.strip(document, rendered.labels);
  EXPECT_FALSE(wrapped.bitmap);
  EXPECT_EQ(errors(wrapped.diagnostics), std::vector<std::string>{"DL0404 0:0"});

  // Even with no area limit, the rows stay within an int and the sum within int64.
  Renderer unlimited(
      {.font_dir = {}, .limits = {.max_label_dots = std::numeric_limits<std::int64_t>::max()}});
  document.page.width = 1;
  std::vector<RenderedLabel> huge(4);
  for (std::size_t i = 0; i < huge.size(); ++i) {
    huge[i].id = static_cast<std::int64_t>(i + 1);
    huge[i].copies = std::numeric_limits<int>::max();
    huge[i].bitmap = Bitmap(1, 1 << 20);
  }
  Renderer::StripResult overflowing = unlimited.strip(document, huge);
  EXPECT_FALSE(overflowing.bitmap);
  EXPECT_EQ(errors(overflowing.diagnostics), std::vector<std::string>{"DL0404 0:0"});
}

// kTwoTexts as items: per copy {"Alignment":0,"BaseText":"YQ==",...} for "a" and "Yg==" for
// "b", each 69 bytes and a comma or the closing bracket, after the opening bracket.
TEST(Limits, PrintContentBytesInItemsMode) {
  const std::string markup = kTwoTexts.substr(0, kTwoTexts.find("<LABEL id=\"1\">")) +
                             "<LABEL id=\"1\" c=\"3\">" +
                             kTwoTexts.substr(kTwoTexts.find("<LABEL id=\"1\">") + 15);
  CompileResult compiled = compile(markup);
  ASSERT_TRUE(compiled.ok());
  const std::string object =
      R"({"Alignment":0,"BaseText":"YQ==","Bold":0,"FontSize":0,"PrintType":0})";
  ASSERT_EQ(object.size(), 69u);
  const std::size_t bytes = 1 + 3 * 2 * (object.size() + 1);
  Renderer renderer;
  mstching::Options options;
  options.limits.max_print_content_bytes = bytes - 1;
  mstching::Result refused = mstching::convert(*compiled.document, renderer, options);
  EXPECT_EQ(errors(refused.diagnostics), std::vector<std::string>{"DL0514 2:1"});
  EXPECT_TRUE(refused.items.empty());
  options.limits.max_print_content_bytes = bytes;
  mstching::Result converted = mstching::convert(*compiled.document, renderer, options);
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted.items.size(), 6u);
  EXPECT_EQ(mstching::to_json(converted.items).size(), bytes);
}

// Image mode: each copy is one picture item; the limit counts every copy of it.
TEST(Limits, PrintContentBytesInImageMode) {
  const std::string markup = kTwoTexts.substr(0, kTwoTexts.find("<LABEL id=\"1\">")) +
                             "<LABEL id=\"1\" c=\"5\">" +
                             kTwoTexts.substr(kTwoTexts.find("<LABEL id=\"1\">") + 15);
  CompileResult compiled = compile(markup);
  ASSERT_TRUE(compiled.ok());
  Renderer renderer;
  mstching::Options options;
  options.mode = mstching::Mode::image;
  mstching::Result unlimited = mstching::convert(*compiled.document, renderer, options);
  ASSERT_TRUE(unlimited.ok());
  ASSERT_EQ(unlimited.items.size(), 5u);
  const std::size_t bytes = mstching::to_json(unlimited.items).size();
  ASSERT_EQ(bytes, 1 + 5 * (mstching::to_json({unlimited.items[0]}).size() - 1));
  options.limits.max_print_content_bytes = bytes - 1;
  EXPECT_EQ(errors(mstching::convert(*compiled.document, renderer, options).diagnostics),
            std::vector<std::string>{"DL0514 2:1"});
  options.limits.max_print_content_bytes = bytes;
  EXPECT_EQ(mstching::convert(*compiled.document, renderer, options).items, unlimited.items);
}

}  // namespace
}  // namespace dotlabel::robust
