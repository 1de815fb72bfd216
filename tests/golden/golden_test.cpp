// The project's golden suite: every golden/**/*.xml is rendered with the library code behind
// `dotlabel golden` and compared bit for bit with its expected images; every code in it is
// decoded back (decode_oracle.hpp). On a mismatch the diff image (expected | difference |
// actual) lands in the build tree, golden-diffs/. tools/update-golden regenerates the images.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <variant>

#include "decode_oracle.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/golden.hpp"

namespace fs = std::filesystem;
using namespace dotlabel;

namespace {

const fs::path kGoldenDir = fs::path(DOTLABEL_SOURCE_DIR) / "golden";
const fs::path kDiffDir = fs::path(DOTLABEL_BINARY_DIR) / "golden-diffs";

std::vector<golden::CaseFile> all_cases() {
  std::vector<fs::path> roots{kGoldenDir};
  std::string error;
  std::optional<std::vector<golden::CaseFile>> cases = golden::find_cases(roots, error);
  return cases ? *cases : std::vector<golden::CaseFile>{};
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
      std::string error;
      bool written = golden::write_diff(image, diff, error);
      ADD_FAILURE() << image.expected_path.string() << ": " << golden::describe(image.comparison)
                    << "\n  "
                    << (written ? "expected | difference | actual: " + diff.string() : error);
    }
  }
  for (const fs::path& stale : result.stale)
    ADD_FAILURE() << stale.string() << ": expected image of no label";
  for (const std::string& problem : oracle::undecodable_codes(result)) ADD_FAILURE() << problem;
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
    std::string error;
    const ir::Document& doc = *compiled.document;
    if (doc.labels.size() > 1) see("multi-label");
    std::ifstream in(file.path);
    std::string markup((std::istreambuf_iterator<char>(in)), {});
    if (golden::read_settings(markup, error)->strip) see("strip");
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
          std::string format =
              img->data.empty() ? "logo" : std::to_string(static_cast<int>(img->format));
          see("BMP " + format + (img->width ? " w" : ""));
        } else if (std::holds_alternative<ir::Cutter>(element)) {
          see("CUTTER");
        }
      }
    }
  }
  std::vector<std::string> wanted = {"TEXT",  "BARC",    "QRC",     "SQ",    "SQ lt",
                                     "BL",    "REV",     "CUTTER",  "m=1",   "multi-label",
                                     "strip", "BMP 0",   "BMP 0 w", "BMP 1", "BMP 1 w",
                                     "BMP 2", "BMP 2 w", "BMP logo"};
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
       fs::directory_iterator(fs::path(DOTLABEL_SHARED_DIR) / "corpus/vendor/thirdparty"))
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
  EXPECT_GE(decoded, 40);
}

}  // namespace
