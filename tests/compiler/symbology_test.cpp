// Barcode content per symbology: character set, length, check digit, completion.
#include <gtest/gtest.h>

#include "helpers.hpp"
#include "symbology.hpp"

namespace dotlabel::test {
namespace {

struct Content {
  std::string type, content;
  std::string expected;  // encoded content, or the error code
};

void PrintTo(const Content& c, std::ostream* os) {
  *os << c.type << " \"" << c.content << "\"";
}

class BarcodeContent : public ::testing::TestWithParam<Content> {};

TEST_P(BarcodeContent, EncodesOrRejects) {
  const Content& c = GetParam();
  CompileResult result = run(
      in_label("<BARC x=\"50\" y=\"1\" ct=\"" + c.type + "\" w=\"5\">" + c.content + "</BARC>"));
  if (c.expected.starts_with("DL")) {
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(found(result, c.expected).size(), 1u) << all_codes(result);
    return;
  }
  ASSERT_TRUE(result.ok()) << all_codes(result);
  EXPECT_EQ(std::get<ir::Barcode>(result.document->labels[0].elements[0]).content, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, BarcodeContent,
    ::testing::Values(
        // EAN-13: 12 digits (check computed) or 13 (check verified).
        Content{"jan13a", "400638133393", "4006381333931"},
        Content{"jan13b", "4006381333931", "4006381333931"},
        Content{"jan13a", "4006381333932", "DL0302"}, Content{"jan13a", "40063813339", "DL0301"},
        Content{"jan13a", "40063813339311", "DL0301"}, Content{"jan13a", "40063813339A", "DL0300"},
        // EAN-8: 7 or 8.
        Content{"jan8a", "9638507", "96385074"}, Content{"jan8b", "96385074", "96385074"},
        Content{"jan8a", "96385075", "DL0302"}, Content{"jan8a", "963850", "DL0301"},
        // UPC-A: 11 or 12.
        Content{"upca", "03600029145", "036000291452"},
        Content{"upcab", "036000291452", "036000291452"}, Content{"upca", "036000291453", "DL0302"},
        Content{"upca", "0360002914", "DL0301"},
        // UPC-E: 6 (number system 0), 7 (with number system) or 8 (with check digit).
        Content{"upcea", "425261", "04252614"}, Content{"upceb", "0425261", "04252614"},
        Content{"upcea", "04252614", "04252614"}, Content{"upcea", "04252615", "DL0302"},
        Content{"upcea", "2425261", "DL0300"}, Content{"upcea", "42526", "DL0301"},
        Content{"upcea", "042526140", "DL0301"},
        // ITF: digits, odd length padded.
        Content{"itfa", "1234", "1234"}, Content{"itfb", "123", "0123"},
        Content{"itfa", "12a4", "DL0300"},
        // Code 39: ASCII; full ASCII stays code39.
        Content{"code39a", "ABC-123", "ABC-123"}, Content{"code39b", "abc*", "abc*"},
        Content{"code39a", "\xC3\xA9", "DL0300"},
        // Codabar: A..A added; explicit start/stop kept (upper-cased).
        Content{"bara", "1234", "A1234A"}, Content{"barb", "B12$:/.+-34D", "B12$:/.+-34D"},
        Content{"bara", "c12d", "C12D"}, Content{"bara", "A1234", "DL0300"},
        Content{"bara", "12A34", "DL0300"}, Content{"bara", "12x", "DL0300"},
        Content{"bara", "AB", "DL0301"},
        // Code 93 / 128: ASCII only.
        Content{"code93", "Code 93!", "Code 93!"}, Content{"code128", "{{pkg.no}}", "{{pkg.no}}"},
        Content{"code128", "\xE4\xBB\xB7", "DL0300"}, Content{"code93", "\xC3\xA9", "DL0300"}));

TEST(BarcodeContent, ErrorPointsAtTheBadCharacter) {
  // Content starts at column 44 (after the 43-character start tag); 'X' is its 5th character.
  CompileResult result =
      run(in_label("<BARC x=\"50\" y=\"1\" ct=\"jan13a\" w=\"5\" n=\"2\">1234X67890123</BARC>"));
  EXPECT_EQ(found(result, "DL0300"), std::vector<std::string>{"error 3:48"}) << all_codes(result);
}

TEST(BarcodeContent, EntityCountsAsOneCharacter) {
  CompileResult result = run(in_label("<BARC x=\"50\" y=\"1\" ct=\"jan8a\">&amp;1</BARC>"));
  EXPECT_EQ(found(result, "DL0300"), std::vector<std::string>{"error 3:31"});
  result = run(in_label("<BARC x=\"50\" y=\"1\">a&lt;b</BARC>"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(std::get<ir::Barcode>(result.document->labels[0].elements[0]).content, "a<b");
}

TEST(BarcodeWidths, TwoWidthCodesInferWideWhenNotWider) {
  struct WidthCase {
    std::string type, n, w;
    int narrow, wide;
    bool note;
  };
  for (const WidthCase& c : std::vector<WidthCase>{{"code39a", "2", "2", 2, 5, true},
                                                   {"itfa", "3", "2", 3, 8, true},
                                                   {"bara", "1", "1", 1, 3, true},
                                                   {"code39b", "2", "6", 2, 6, false},
                                                   {"code128", "2", "2", 2, 2, false},
                                                   {"code93", "3", "1", 3, 1, false}}) {
    std::string content = c.type == "itfa" ? "12" : "12";
    CompileResult result = run(in_label("<BARC x=\"50\" y=\"1\" ct=\"" + c.type + "\" n=\"" + c.n +
                                        "\" w=\"" + c.w + "\">" + content + "</BARC>"));
    ASSERT_TRUE(result.ok()) << all_codes(result);
    const auto& barcode = std::get<ir::Barcode>(result.document->labels[0].elements[0]);
    EXPECT_EQ(barcode.narrow, c.narrow) << c.type;
    EXPECT_EQ(barcode.wide, c.wide) << c.type;
    EXPECT_EQ(found(result, "DL0305").size(), c.note ? 1u : 0u) << c.type;
  }
}

TEST(BarcodeSymbology, EveryTypeNameMapsToItsSymbology) {
  using ir::Symbology;
  const std::vector<std::pair<std::string, Symbology>> names{
      {"code128", Symbology::code128}, {"code93", Symbology::code93},  {"bara", Symbology::codabar},
      {"barb", Symbology::codabar},    {"itfa", Symbology::itf},       {"itfb", Symbology::itf},
      {"code39a", Symbology::code39},  {"code39b", Symbology::code39}, {"jan8a", Symbology::ean8},
      {"jan8b", Symbology::ean8},      {"jan13a", Symbology::ean13},   {"jan13b", Symbology::ean13},
      {"upcea", Symbology::upce},      {"upceb", Symbology::upce},     {"upca", Symbology::upca},
      {"upcab", Symbology::upca}};
  for (const auto& [name, symbology] : names) EXPECT_EQ(symbology_for(name), symbology) << name;
  EXPECT_FALSE(symbology_for("ean13").has_value());
}

// The printer encodes every QR code as one 8-bit segment (docs/rendering.md), so digits and
// upper-case letters get the byte capacity too, not the numeric or alphanumeric one.
TEST(QrCapacity, ByLevelInBytesWhateverTheContent) {
  struct CapacityCase {
    char level;
    std::size_t bytes;
  };
  for (const CapacityCase& c :
       std::vector<CapacityCase>{{'L', 2953}, {'M', 2331}, {'Q', 1663}, {'H', 1273}}) {
    auto compile_qr = [&](std::string content) {
      CompileOptions options;
      options.limits.max_text_chars = 10'000;
      return compile(
          in_label(std::string("<QRC x=\"1\" y=\"1\" e=\"") + c.level + "\">" + content + "</QRC>"),
          options);
    };
    for (char fill : {'b', '7', 'Q'}) {
      EXPECT_TRUE(compile_qr(std::string(c.bytes, fill)).ok()) << c.level << fill;
      EXPECT_EQ(found(compile_qr(std::string(c.bytes + 1, fill)), "DL0304").size(), 1u)
          << c.level << fill;
    }
  }
  // UTF-8 bytes, not characters: 985 three-byte characters = 2955 bytes > 2953.
  std::string chinese;
  for (int i = 0; i < 985; ++i) chinese += "\xE4\xBB\xB7";
  EXPECT_EQ(found(run(in_label("<QRC x=\"1\" y=\"1\">" + chinese + "</QRC>")), "DL0304").size(),
            1u);
}

}  // namespace
}  // namespace dotlabel::test
