// The project's golden suite: every golden/**/*.xml is rendered with the library code behind
// `dotlabel golden` and compared bit for bit with its expected images; every code in it is
// decoded back (decode_oracle.hpp). On a mismatch the diff image (expected | difference |
// actual) lands in the build tree, golden-diffs/. tools/update-golden regenerates the images.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <variant>

#include "decode_oracle.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/golden.hpp"

namespace fs = std::filesystem;
using namespace dotlabel;

namespace dotlabel::golden {
// Without this gtest names each parameter by its bytes in test listings and reports.
void PrintTo(const CaseFile& file, std::ostream* out) {
  *out << file.relative.generic_string();
}
}  // namespace dotlabel::golden

namespace {

const fs::path kGoldenDir = fs::path(DOTLABEL_SOURCE_DIR) / "golden";
const fs::path kDiffDir = fs::path(DOTLABEL_BINARY_DIR) / "golden-diffs";

std::vector<golden::CaseFile> all_cases() {
  std::vector<fs::path> roots{kGoldenDir};
  return golden::find_cases(roots).cases;
}

const Renderer& renderer() {
  static const Renderer shared;
  return shared;
}

std::string test_name(const golden::CaseFile& file) {
  std::string name = file.relative.generic_string();
  name = name.substr(0, name.size() - 4);  // .xml
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class Golden : public ::testing::TestWithParam<golden::CaseFile> {};

TEST_P(Golden, RendersAsExpectedAndEveryCodeDecodes) {
  const golden::CaseFile& file = GetParam();
  golden::CaseResult result = golden::run_case(renderer(), file.path);
  std::string diagnostics;
  for (const Diagnostic& d : result.diagnostics) diagnostics += format_text(d) + "\n";
  ASSERT_NE(result.status, golden::Status::error) << result.problem << "\n" << diagnostics;

  for (const golden::ImageResult& image : result.images) {
    if (!image.expected) {
      ADD_FAILURE() << image.expected_path.string() << ": "
                    << (image.problem.empty() ? "no expected image" : image.problem)
                    << " (tools/update-golden writes it)";
    } else if (!image.comparison.identical()) {
      fs::path diff = golden::diff_path(result, image, file.relative, kDiffDir);
      golden::WriteResult written = golden::write_diff(image, diff);
      ADD_FAILURE() << image.expected_path.string() << ": " << golden::describe(image.comparison)
                    << "\n  "
                    << (written.ok() ? "expected | difference | actual: " + diff.string()
                                     : written.problem);
    }
  }
  for (const fs::path& stale : result.stale)
    ADD_FAILURE() << stale.string() << ": expected image of no label";
  for (const std::string& problem : oracle::undecodable_codes(result)) ADD_FAILURE() << problem;

  // A case that pins down a warning names it in its first line ("warns DL0420"): the render
  // must still give it.
  std::ifstream in(file.path);
  std::string first_line;
  std::getline(in, first_line);
  static const std::regex kWarns(R"(warns (DL\d{4}))");
  for (std::sregex_iterator m(first_line.begin(), first_line.end(), kWarns), end; m != end; ++m) {
    const std::string code = (*m)[1];
    EXPECT_TRUE(std::any_of(
        result.diagnostics.begin(), result.diagnostics.end(),
        [&](const Diagnostic& d) { return d.code == code && d.severity == Severity::warning; }))
        << file.relative.generic_string() << " should warn " << code << "\n"
        << diagnostics;
  }
}

INSTANTIATE_TEST_SUITE_P(Suite, Golden, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<golden::CaseFile>& info) {
                           return test_name(info.param);
                         });

// What the suite must exercise (issue #3): if a case is deleted or loses its point, this
// says which behaviour is no longer covered.
TEST(GoldenSuite, CoversEveryBehaviour) {
  std::vector<golden::CaseFile> cases = all_cases();
  EXPECT_GE(cases.size(), 60u);

  std::set<std::string> seen;
  auto see = [&](const std::string& what) { seen.insert(what); };
  for (const golden::CaseFile& file : cases) {
    CompileOptions options;
    options.file_name = file.path.string();
    CompileResult compiled = compile_file(file.path, options);
    ASSERT_TRUE(compiled.ok()) << file.path;
    const ir::Document& doc = *compiled.document;
    if (doc.labels.size() > 1) see("multi-label");
    std::ifstream in(file.path);
    std::string markup((std::istreambuf_iterator<char>(in)), {});
    if (golden::read_settings(markup).settings.strip) see("strip");
    fs::path data = file.path;
    if (fs::exists(data.replace_extension(".csv"))) see("data rows");
    if (file.relative.begin()->string() == "vendor") see("vendor:" + file.path.filename().string());
    for (const ir::Label& label : doc.labels) {
      if (label.mirror) see("m=1");
      for (const ir::Element& element : label.elements) {
        if (const auto* t = std::get_if<ir::Text>(&element)) {
          see("TEXT");
          see("f" + std::to_string(t->font) + (t->xw == 1 && t->yh == 1 ? " x1" : " x>1"));
          see("TEXT a" + std::to_string(static_cast<int>(t->align)));
          see("TEXT r" + std::to_string(static_cast<int>(t->rotation)));
        } else if (const auto* b = std::get_if<ir::Barcode>(&element)) {
          see("BARC");
          see("ct " + b->type_name);
          see("s" + std::to_string(static_cast<int>(b->human_readable)));
          see("BARC r" + std::to_string(static_cast<int>(b->rotation)));
        } else if (const auto* q = std::get_if<ir::QrCode>(&element)) {
          see("QRC");
          see("e" + std::to_string(static_cast<int>(q->ecc)));
        } else if (const auto* box = std::get_if<ir::Box>(&element)) {
          see(box->line == 2 ? "SQ" : "SQ lt");
        } else if (std::holds_alternative<ir::Bar>(element)) {
          see("BL");
        } else if (std::holds_alternative<ir::Reverse>(element)) {
          see("REV");
        } else if (const auto* img = std::get_if<ir::Image>(&element)) {
          if (img->data.empty())
            see("BMP logo");
          else
            see("BMP " + std::to_string(static_cast<int>(img->format)) + (img->width ? " w" : ""));
        } else if (std::holds_alternative<ir::Cutter>(element)) {
          see("CUTTER");
        }
      }
    }
  }
  std::vector<std::string> wanted = {"TEXT",  "BARC",    "QRC",      "SQ",       "SQ lt",
                                     "BL",    "REV",     "CUTTER",   "m=1",      "multi-label",
                                     "strip", "BMP 0",   "BMP 0 w",  "BMP 1",    "BMP 1 w",
                                     "BMP 2", "BMP 2 w", "BMP logo", "data rows"};
  for (const char* ct : {"code128", "code93", "bara", "barb", "itfa", "itfb", "code39a", "code39b",
                         "jan8a", "jan8b", "jan13a", "jan13b", "upcea", "upceb", "upca", "upcab"})
    wanted.push_back(std::string("ct ") + ct);
  for (int f = 1; f <= 8; ++f) {
    wanted.push_back("f" + std::to_string(f) + " x1");
    wanted.push_back("f" + std::to_string(f) + " x>1");
  }
  for (int i = 0; i < 4; ++i) {
    wanted.push_back("s" + std::to_string(i));
    wanted.push_back("e" + std::to_string(i));
    wanted.push_back("TEXT r" + std::to_string(i * 90));
    wanted.push_back("BARC r" + std::to_string(i * 90));
  }
  for (int a = 0; a < 3; ++a) wanted.push_back("TEXT a" + std::to_string(a));
  for (const fs::directory_entry& e :
       fs::directory_iterator(fs::path(DOTLABEL_SOURCE_DIR) / "tests/corpus/vendor/thirdparty"))
    wanted.push_back("vendor:" + e.path().filename().string());
  for (const char* f : {"xpyun-barcode-doc-v1.9.3-full-example.xml",
                        "xpyun-barcode-doc-v1.9.3-printLabel-request-content.xml"})
    wanted.push_back(std::string("vendor:") + f);
  for (const std::string& w : wanted) EXPECT_TRUE(seen.count(w)) << "no golden case has " << w;
}

// The oracle really reads codes: a suite where nothing decodes would pass vacuously.
TEST(GoldenSuite, TheOracleDecodesCodes) {
  int decoded = 0;
  for (const golden::CaseFile& file : all_cases())
    decoded += oracle::decoded_code_count(golden::run_case(renderer(), file.path));
  RecordProperty("decoded_codes", decoded);
  EXPECT_GE(decoded, 40);
}

struct PngFacts {
  png_uint_32 width = 0, height = 0, res_x = 0, res_y = 0;
  int bit_depth = 0, color_type = -1, unit = -1;
};

PngFacts png_facts(const fs::path& path) {
  PngFacts facts;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return facts;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png)) == 0) {
    png_init_io(png, file);
    png_read_info(png, info);
    facts.width = png_get_image_width(png, info);
    facts.height = png_get_image_height(png, info);
    facts.bit_depth = png_get_bit_depth(png, info);
    facts.color_type = png_get_color_type(png, info);
    png_get_pHYs(png, info, &facts.res_x, &facts.res_y, &facts.unit);
  }
  png_destroy_read_struct(&png, &info, nullptr);
  std::fclose(file);
  return facts;
}

// The committed expected images are what the printer path produces (1-bit grey, 203 dpi,
// the label's size in dots), not something an image editor re-saved; and every golden render
// survives the Xpyun printImage route (PNG -> base64 -> PNG) bit for bit.
TEST(GoldenSuite, ExpectedImagesArePrinterPngsAndSurviveBase64) {
  for (const golden::CaseFile& file : all_cases()) {
    golden::CaseResult result = golden::run_case(renderer(), file.path);
    ASSERT_TRUE(result.document || !result.rows.empty()) << file.path;
    const ir::Page& page = (result.document ? *result.document : result.rows[0].document).page;
    for (const golden::ImageResult& image : result.images) {
      SCOPED_TRACE(image.expected_path.string());
      PngFacts facts = png_facts(image.expected_path);
      EXPECT_EQ(facts.bit_depth, 1);
      EXPECT_EQ(facts.color_type, PNG_COLOR_TYPE_GRAY);
      EXPECT_EQ(facts.unit, PNG_RESOLUTION_METER);
      EXPECT_EQ(facts.res_x, 7992u);
      EXPECT_EQ(facts.res_y, 7992u);
      if (!result.settings.strip) {
        EXPECT_EQ(facts.width, static_cast<png_uint_32>(page.width));
        EXPECT_EQ(facts.height, static_cast<png_uint_32>(page.length));
      }
      std::optional<std::vector<std::uint8_t>> bytes =
          base64_decode(base64_encode(encode_png(image.actual)));
      ASSERT_TRUE(bytes);
      EXPECT_EQ(decode_png(*bytes), image.actual);
    }
  }
}

TEST(GoldenOracle, ReportsACodeThatDoesNotDecode) {
  golden::CaseResult result = golden::run_case(renderer(), kGoldenDir / "barc/code128.xml");
  ASSERT_EQ(oracle::decoded_code_count(result), 1);
  ASSERT_EQ(result.labels.size(), 1u);
  Bitmap& bitmap = result.labels[0].bitmap;
  for (int x = 0; x < bitmap.width(); x += 7) bitmap.invert(x, 0, 2, bitmap.height());
  std::vector<std::string> problems = oracle::undecodable_codes(result);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("code128.xml:4:5: BARC ct=code128: decodes to nothing"),
            std::string::npos)
      << problems[0];
}

// A data case has a code per row; each is decoded from its row's picture against its value.
TEST(GoldenOracle, DecodesTheCodeOfEveryDataRow) {
  golden::CaseResult result = golden::run_case(renderer(), kGoldenDir / "data/shipping.xml");
  ASSERT_TRUE(result.passed()) << golden::to_string(result.status) << result.problem;
  ASSERT_EQ(result.rows.size(), 3u);
  EXPECT_EQ(result.images.size(), 3u);
  EXPECT_EQ(result.images[1].expected_path.filename(), "shipping-2.png");
  EXPECT_EQ(oracle::decoded_code_count(result), 3);
  Bitmap& bitmap = result.rows[1].labels[0].bitmap;
  for (int x = 0; x < bitmap.width(); x += 7) bitmap.invert(x, 0, 2, bitmap.height());
  std::vector<std::string> problems = oracle::undecodable_codes(result);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("expected \"ZT0042\""), std::string::npos) << problems[0];
}

TEST(GoldenOracle, SkipsAClippedCodeOnlyWhenTheRenderWarned) {
  golden::CaseResult result =
      golden::run_case(renderer(), kGoldenDir / "clip/barc-default-center.xml");
  EXPECT_TRUE(oracle::undecodable_codes(result).empty());
  EXPECT_EQ(oracle::decoded_code_count(result), 0);
  result.diagnostics.clear();
  std::vector<std::string> problems = oracle::undecodable_codes(result);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("box leaves the label but no clipping warning (DL0410) says so"),
            std::string::npos);
}

}  // namespace
