// The vendor corpus, and hostile inputs: each gives its exact diagnostic code, quickly, never
// a crash or a hang.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "helpers.hpp"

namespace dotlabel::test {
namespace {

namespace fs = std::filesystem;
const fs::path kVendor = fs::path(DOTLABEL_SOURCE_DIR) / "tests" / "corpus" / "vendor";

std::vector<fs::path> barcode_cloud_samples() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kVendor))
    if (entry.path().filename().string().starts_with("xpyun-barcode-doc-") &&
        entry.path().extension() == ".xml")
      files.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(kVendor / "thirdparty"))
    if (entry.path().extension() == ".xml") files.push_back(entry.path());
  return files;
}

TEST(VendorCorpus, BarcodeCloudSamplesCompileWithoutErrors) {
  std::vector<fs::path> files = barcode_cloud_samples();
  ASSERT_EQ(files.size(), 4u);
  for (const fs::path& file : files) {
    CompileResult result = compile_file(file);
    EXPECT_TRUE(result.ok()) << file << "\n" << all_codes(result);
    EXPECT_FALSE(result.document->labels.empty()) << file;
  }
}

TEST(VendorCorpus, FullExampleLowersAsDocumented) {
  CompileResult result = compile_file(kVendor / "xpyun-barcode-doc-v1.9.3-full-example.xml");
  ASSERT_TRUE(result.ok());
  const ir::Document& doc = *result.document;
  EXPECT_EQ(doc.page.width, 800);
  EXPECT_EQ(doc.page.length, 480);
  ASSERT_EQ(doc.labels.size(), 3u);
  EXPECT_EQ(doc.labels[2].copies, 2);
  EXPECT_EQ(doc.labels[0].elements.size(), 6u);
  EXPECT_EQ(std::get<ir::Text>(doc.labels[0].elements[0]).content,
            "\xE5\xAE\xAB\xE4\xBF\x9D\xE9\xB8\xA1\xE4\xB8\x81");
}

TEST(VendorCorpus, ThirdPartyFontZeroWarnsAndRussianIsInGb2312) {
  CompileResult result =
      compile_file(kVendor / "thirdparty" / "php-package-printer-label-100x100.xml");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(found(result, "DL0208"), (std::vector<std::string>{"warning 1:93", "warning 1:280"}));
  EXPECT_TRUE(found(result, "DL0308").empty()) << all_codes(result);
}

TEST(VendorCorpus, ReceiptPlatformFilesGetOneDialectError) {
  for (const char* name :
       {"xpyun-open-demo-go-printLabel.xml", "xpyun-opensdk-go-printLabel_example.xml"}) {
    CompileResult result = compile_file(kVendor / name);
    ASSERT_EQ(result.diagnostics.size(), 1u) << name << "\n" << all_codes(result);
    EXPECT_EQ(result.diagnostics[0].code, "DL0008");
    EXPECT_EQ(result.diagnostics[0].severity, Severity::error);
    EXPECT_NE(result.diagnostics[0].hint.find("open-platform"), std::string::npos);
  }
}

struct Hostile {
  std::string name;
  std::string markup;
  std::string code;
};

void PrintTo(const Hostile& h, std::ostream* os) {
  *os << h.name;
}

std::string many_elements(std::size_t count) {
  std::string out = "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\">";
  out.reserve(count * 4);
  for (std::size_t i = 0; i < count; ++i) out += "<a/>";
  return out + "</LABEL></PAGE>";
}

std::string deep_nesting(std::size_t depth) {
  std::string out;
  for (std::size_t i = 0; i < depth; ++i) out += "<PAGE>";
  return out;
}

const std::string kBillionLaughs =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n]>\n"
    "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">&lol9;</TEXT></LABEL></PAGE>";

class HostileInput : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileInput, GivesItsCodeQuickly) {
  const Hostile& h = GetParam();
  auto start = std::chrono::steady_clock::now();
  CompileResult result = run(h.markup);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(found(result, h.code).empty()) << all_codes(result).substr(0, 2000);
  EXPECT_LT(elapsed, std::chrono::seconds(10));  // generous: a shared, loaded machine
}

INSTANTIATE_TEST_SUITE_P(
    Table, HostileInput,
    ::testing::Values(
        Hostile{"w_exponent", "<PAGE w=\"1e9\" l=\"10\"><LABEL id=\"1\"/></PAGE>", "DL0203"},
        Hostile{"w_nan", "<PAGE w=\"nan\" l=\"10\"><LABEL id=\"1\"/></PAGE>", "DL0203"},
        Hostile{"w_inf", "<PAGE w=\"inf\" l=\"10\"><LABEL id=\"1\"/></PAGE>", "DL0203"},
        Hostile{"w_negative", "<PAGE w=\"-1\" l=\"10\"><LABEL id=\"1\"/></PAGE>", "DL0205"},
        Hostile{"w_empty", "<PAGE w=\"\" l=\"10\"><LABEL id=\"1\"/></PAGE>", "DL0203"},
        Hostile{"w_huge_digits",
                "<PAGE w=\"" + std::string(400, '9') + "\" l=\"10\"><LABEL id=\"1\"/></PAGE>",
                "DL0205"},
        Hostile{"label_area", "<PAGE w=\"100000\" l=\"100000\"><LABEL id=\"1\"/></PAGE>", "DL0109"},
        Hostile{"million_elements", many_elements(1'000'000), "DL0006"},
        Hostile{"deep_nesting", deep_nesting(200'000), "DL0006"},
        Hostile{"invalid_utf8_text", in_label("<TEXT x=\"1\" y=\"1\">\xFF\xFE</TEXT>"), "DL0003"},
        Hostile{"invalid_utf8_attribute", in_label("<TEXT x=\"1\xC0\xAF\" y=\"1\">a</TEXT>"),
                "DL0003"},
        Hostile{"surrogate_utf8", in_label("<TEXT x=\"1\" y=\"1\">\xED\xA0\x80</TEXT>"), "DL0003"},
        Hostile{"billion_laughs", kBillionLaughs, "DL0004"},
        Hostile{"nested_page", "<PAGE w=\"1\" l=\"1\"><PAGE w=\"1\" l=\"1\"/></PAGE>", "DL0102"},
        Hostile{"label_outside_page", "<LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">a</TEXT></LABEL>",
                "DL0102"},
        Hostile{"qr_10000_bytes",
                in_label("<QRC x=\"1\" y=\"1\">" + std::string(10'000, 'x') + "</QRC>"), "DL0108"},
        Hostile{"ean13_letters",
                in_label("<BARC x=\"50\" y=\"1\" ct=\"jan13a\">ABCDEFGHIJKL</BARC>"), "DL0300"},
        Hostile{"nul_bytes", std::string("<PAGE w=\"1\" l=\"1\">\0\0</PAGE>", 27), "DL0007"},
        Hostile{"crlf_error",
                "<PAGE w=\"1\" l=\"1\">\r\n<LABEL id=\"1\">\r\n<TEXT x=\"1\" "
                "y=\"1\">a\r\nb</TEXT></LABEL></PAGE>",
                "DL0107"},
        Hostile{"not_xml", "Dear printer, please print a label. Thanks!", "DL0103"},
        Hostile{"binary", std::string("PK\x03\x04\x14\0\0\0", 8), "DL0007"},
        Hostile{"empty", "", "DL0103"},
        Hostile{"unclosed", "<PAGE w=\"1\" l=\"1\"><LABEL id=\"1\">", "DL0001"},
        Hostile{"garbage_tags", "<<<>>>&&&;;;", "DL0001"},
        Hostile{"utf16", std::string("\xFF\xFE<\0P\0", 6), "DL0003"}));

TEST(HostileInput, CrlfErrorPointsAtTheLineBreak) {
  CompileResult result =
      run("<PAGE w=\"1\" l=\"1\">\r\n<LABEL id=\"1\">\r\n<TEXT x=\"1\" "
          "y=\"1\">a\r\nb</TEXT></LABEL></PAGE>");
  EXPECT_EQ(found(result, "DL0107"), std::vector<std::string>{"error 3:20"});
}

std::string one_line_of_warnings(std::size_t count, const std::string& last = {}) {
  std::string out = "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\">";
  for (std::size_t i = 0; i < count; ++i) out += "<TEXT x=\"1\" y=\"1\" f=\"0\">a</TEXT>";
  return out + last + "</LABEL></PAGE>";
}

TEST(HostileInput, ManyProblemsOnOneLineAreQuickAndBounded) {
  auto start = std::chrono::steady_clock::now();
  CompileResult result = run(one_line_of_warnings(20'000));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(result.diagnostics.size(), 1001u);
  EXPECT_TRUE(result.ok());
  // The summary is as severe as the worst diagnostic it stands for, at 0:0 (sorted first).
  EXPECT_EQ(found(result, "DL0010"), std::vector<std::string>{"warning 0:0"});
  EXPECT_EQ(result.diagnostics.back().pos.line, 1);
  EXPECT_GT(result.diagnostics.back().pos.column, 30'000);
}

// The error that fails the compile is listed past the cap of 1000 warnings, which the summary
// counts; a second error past the cap is only counted, and makes the summary an error.
TEST(HostileInput, AnErrorBeyondTheDiagnosticCapIsStillListed) {
  CompileResult result = run(one_line_of_warnings(1500, "<TEXT x=\"1e9\" y=\"1\">a</TEXT>"));
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 1002u);
  EXPECT_EQ(found(result, "DL0203").size(), 1u);
  EXPECT_EQ(found(result, "DL0010"), std::vector<std::string>{"warning 0:0"});
  result = run(one_line_of_warnings(
      1500, "<TEXT x=\"1e9\" y=\"1\">a</TEXT><TEXT x=\"1e9\" y=\"1\">b</TEXT>"));
  EXPECT_EQ(found(result, "DL0203").size(), 1u);
  EXPECT_EQ(found(result, "DL0010"), std::vector<std::string>{"error 0:0"});
}

// Mutated vendor samples (fixed seed): whatever the damage, compile() returns, its diagnostics
// are sorted and carry codes, and a document comes back exactly when there is no error.
TEST(HostileInput, MutatedSamplesKeepTheInvariants) {
  std::ifstream in(kVendor / "xpyun-barcode-doc-v1.9.3-full-example.xml", std::ios::binary);
  std::string sample((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(sample.empty());
  std::mt19937 random(20261125);
  static const char kBytes[] =
      "<>/=\"'&;!?[]-\r\n\t \x00"
      "\xC3"
      "\xA9"
      "\xFF"
      "0123456789.eE+xX";
  const std::string interesting(kBytes, sizeof kBytes - 1);
  for (int round = 0; round < 3000; ++round) {
    std::string markup = sample;
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits && !markup.empty(); ++e) {
      std::size_t at = random() % markup.size();
      char c = interesting[random() % interesting.size()];
      switch (random() % 3) {
        case 0:
          markup[at] = c;
          break;
        case 1:
          markup.insert(at, 1, c);
          break;
        default:
          markup.erase(at, 1 + random() % 8);
          break;
      }
    }
    CompileResult result = run(markup);
    EXPECT_EQ(result.ok(), !has_errors(result.diagnostics)) << markup;
    for (std::size_t i = 0; i < result.diagnostics.size(); ++i) {
      const Diagnostic& d = result.diagnostics[i];
      ASSERT_EQ(d.code.size(), 6u) << markup;
      ASSERT_EQ(d.code.substr(0, 2), "DL");
      if (i > 0) {
        const SourcePos& p = result.diagnostics[i - 1].pos;
        ASSERT_TRUE(p.line < d.pos.line || (p.line == d.pos.line && p.column <= d.pos.column))
            << markup;
      }
    }
  }
}

TEST(HostileInput, OversizedInputIsRefusedBeforeParsing) {
  std::string huge =
      "<PAGE w=\"1\" l=\"1\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">" + std::string(17u << 20, 'a');
  auto start = std::chrono::steady_clock::now();
  CompileResult result = run(huge);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(found(result, "DL0005"), std::vector<std::string>{"error 0:0"});
}

}  // namespace
}  // namespace dotlabel::test
