// One case (at least) per diagnostic code: the code, its severity and its exact line:column.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "helpers.hpp"

namespace dotlabel::test {
namespace {

struct Case {
  const char* code;
  std::string markup;
  const char* expected;  // "severity line:col"
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.code << " in " << c.markup;
}

class DiagnosticCode : public ::testing::TestWithParam<Case> {};

TEST_P(DiagnosticCode, HasSeverityAndPosition) {
  const Case& c = GetParam();
  CompileResult result = run(c.markup);
  std::vector<std::string> hits = found(result, c.code);
  ASSERT_FALSE(hits.empty()) << all_codes(result);
  EXPECT_EQ(hits.front(), c.expected) << all_codes(result);
  // Every diagnostic has a message, and an error means there is no document.
  for (const Diagnostic& d : result.diagnostics) EXPECT_FALSE(d.message.empty());
  EXPECT_EQ(result.ok(), !has_errors(result.diagnostics));
}

// Body lines of in_label() are line 3; `<TEXT x="1" y="1">` is 18 characters, so its
// content starts at column 19.
INSTANTIATE_TEST_SUITE_P(
    Codes, DiagnosticCode,
    ::testing::Values(
        Case{"DL0001", "<PAGE w=\"1\" l=\"1\">\n<LABEL id=\"1\">\n</PAGE>", "error 3:3"},
        Case{"DL0001", in_label("<TEXT x=\"1\" y=\"1\">a &nbsp; b</TEXT>"), "error 3:21"},
        Case{"DL0003", in_label("<TEXT x=\"1\" y=\"1\">ab\xC3\x28</TEXT>"), "error 3:21"},
        Case{"DL0004", "<!DOCTYPE PAGE [<!ENTITY a \"b\">]>\n<PAGE w=\"1\" l=\"1\"/>", "error 1:1"},
        Case{"DL0007", in_label("<TEXT x=\"1\" y=\"1\">\xC3\xA9\x01</TEXT>"), "error 3:20"},
        Case{"DL0008", "<PAGE w=\"1\" l=\"1\"/>\n<PAGE w=\"1\" l=\"1\"/>", "error 2:1"},
        Case{"DL0008", "<PAGE>\n  <SIZE>40,30</SIZE></PAGE>", "error 2:3"},
        Case{"DL0009", "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<PAGE w=\"1\" l=\"1\"/>",
             "error 1:31"},
        Case{"DL0100", in_label("  <QRCODE x=\"1\" y=\"1\">a</QRCODE>"), "error 3:3"},
        Case{"DL0101", in_label("  <Text x=\"1\" y=\"1\">a</Text>"), "error 3:3"},
        Case{"DL0102",
             "<PAGE w=\"100\" l=\"60\">\n<LABEL id=\"1\">\n</LABEL>\n  <BL x=\"1\" y=\"1\" w=\"1\" "
             "h=\"1\"/>\n</PAGE>",
             "error 4:3"},
        Case{"DL0103", "just some words", "error 1:1"},
        Case{"DL0104", in_label("  stray words"), "error 3:3"},
        Case{"DL0104", "<PAGE w=\"1\" l=\"1\"><LABEL id=\"1\"/></PAGE>\n  trailing", "error 2:3"},
        Case{"DL0104", "<?xml version=\"1.0\"?>\n<!-- c -->leading<PAGE w=\"1\" l=\"1\"/>",
             "error 2:11"},
        Case{"DL0105", "<PAGE w=\"100\" l=\"60\">\n<LABEL id=\"7\"/>\n<LABEL id=\"7\"/>\n</PAGE>",
             "error 3:12"},
        Case{"DL0106", "<PAGE w=\"100\" l=\"60\">\n</PAGE>", "warning 1:1"},
        Case{"DL0107", in_label("<TEXT x=\"1\" y=\"1\">ab\ncd</TEXT>"), "error 3:21"},
        Case{"DL0109", "<PAGE w=\"100000\" l=\"60\">\n<LABEL id=\"1\"/>\n</PAGE>", "error 1:1"},
        Case{"DL0110", in_label("<TEXT x=\"1\" y=\"1\"></TEXT>"), "warning 3:1"},
        Case{"DL0200", in_label("<SQ x=\"1\" y=\"1\" xe=\"5\" ey=\"5\"/>"), "error 3:24"},
        Case{"DL0201", in_label("<SQ x=\"1\" y=\"1\" xe=\"5\" ye=\"5\" x=\"2\"/>"), "error 3:31"},
        Case{"DL0202", in_label("  <SQ x=\"1\" y=\"1\" xe=\"5\"/>"), "error 3:3"},
        Case{"DL0203", in_label("<BL x=\"1\" y=\" 1\" w=\"1\" h=\"1\"/>"), "error 3:14"},
        Case{"DL0204", "<PAGE w=\"100\" l=\"60\">\n<LABEL id=\"1\" c=\"1.5\"/>\n</PAGE>",
             "error 2:18"},
        Case{"DL0205", in_label("<QRC x=\"1\" y=\"1\" s=\"11\">a</QRC>"), "error 3:21"},
        Case{"DL0206", in_label("<QRC x=\"1\" y=\"1\" e=\"l\">a</QRC>"), "error 3:21"},
        Case{"DL0207", "<PAGE w=\"100\" l=\"60\">\n<LABEL id=\"1\" os=\"-25.5\"/>\n</PAGE>",
             "warning 2:19"},
        Case{"DL0208", in_label("<TEXT x=\"1\" y=\"1\" f=\"0\">a</TEXT>"), "warning 3:22"},
        Case{"DL0210", in_label("<TEXT x=\"40\" y=\"1\" a=\"center\">a</TEXT>"), "warning 3:23"},
        Case{"DL0210", in_label("<BARC x=\"40\" y=\"1\">AB</BARC>"), "warning 3:1"},
        Case{"DL0300", in_label("<BARC x=\"50\" y=\"1\" ct=\"code93\">ab\xC3\xA9</BARC>"),
             "error 3:34"},
        Case{"DL0301", in_label("<BARC x=\"50\" y=\"1\" ct=\"jan8a\">123456</BARC>"), "error 3:31"},
        Case{"DL0302", in_label("<BARC x=\"50\" y=\"1\" ct=\"jan13b\">4006381333932</BARC>"),
             "error 3:44"},
        Case{"DL0303", in_label("<QRC x=\"1\" y=\"1\"/>"), "error 3:1"},
        Case{"DL0303", in_label("<BARC x=\"50\" y=\"1\"></BARC>"), "error 3:1"},
        Case{"DL0304",
             in_label("<QRC x=\"1\" y=\"1\" e=\"H\">" + std::string(1274, 'a') + "</QRC>"),
             "error 3:24"},
        Case{"DL0305", in_label("<BARC x=\"50\" y=\"1\" ct=\"code39a\" n=\"3\" w=\"3\">AB</BARC>"),
             "note 3:42"},
        Case{"DL0306", in_label("<BARC x=\"50\" y=\"1\" ct=\"code39b\" w=\"6\">Ab</BARC>"),
             "note 3:39"},
        Case{"DL0307", in_label("<BARC x=\"50\" y=\"1\" ct=\"bara\" w=\"6\">1234</BARC>"),
             "note 3:36"},
        Case{"DL0308",
             in_label("<TEXT x=\"1\" y=\"1\">\xE4\xBB\xB7\xE6\xA0\xBC \xE2\x98\x83</TEXT>"),
             "warning 3:22"},
        Case{"DL0309", in_label("<BMP x=\"1\" y=\"1\">not*base64</BMP>"), "error 3:18"},
        Case{"DL0310", in_label("<BMP x=\"1\" y=\"1\">aGVsbG8=</BMP>"), "error 3:18"},
        Case{"DL0313",
             in_label("<BMP x=\"1\" y=\"1\">data:image/png;base64,"
                      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQAAAAA3bvkkAAAACklEQVR4nGNgAAAAAgABSK+"
                      "kcQAAAABJRU5ErkJggg==</BMP>"),
             "warning 3:18"}));

// Centring works along the line (docs/markup.md, "Alignment and rotation"): x against half
// the label width at r=0/180, y against half the label length (60 mm: 30) at r=90/270.
TEST(CenterLint, FollowsTheLinesDirection) {
  for (std::string r : {"0", "180"}) {
    SCOPED_TRACE(r);
    const std::string turned = " r=\"" + r + "\"";
    EXPECT_TRUE(
        found(run(in_label("<BARC x=\"50\" y=\"1\"" + turned + ">AB</BARC>")), "DL0210").empty());
    EXPECT_EQ(found(run(in_label("<BARC x=\"10\" y=\"30\"" + turned + ">AB</BARC>")), "DL0210"),
              std::vector<std::string>{"warning 3:1"});
    EXPECT_EQ(found(run(in_label("<TEXT x=\"10\" y=\"30\" a=\"center\"" + turned + ">AB</TEXT>")),
                    "DL0210"),
              std::vector<std::string>{"warning 3:24"});
  }
  for (std::string r : {"90", "270"}) {
    SCOPED_TRACE(r);
    const std::string turned = " r=\"" + r + "\"";
    // x at the middle does not centre a turned code; y at the middle does.
    EXPECT_EQ(found(run(in_label("<BARC x=\"50\" y=\"1\"" + turned + ">AB</BARC>")), "DL0210"),
              std::vector<std::string>{"warning 3:1"});
    EXPECT_TRUE(
        found(run(in_label("<BARC x=\"10\" y=\"30\"" + turned + ">AB</BARC>")), "DL0210").empty());
    EXPECT_TRUE(found(run(in_label("<TEXT x=\"10\" y=\"30\" a=\"center\"" + turned + ">AB</TEXT>")),
                      "DL0210")
                    .empty());
    const CompileResult result = run(in_label("<BARC x=\"50\" y=\"10\"" + turned + ">AB</BARC>"));
    bool says_y = false;
    for (const Diagnostic& d : result.diagnostics)
      if (d.code == "DL0210")
        says_y = d.message.find("y=\"10\"") != std::string::npos &&
                 d.message.find("half the label length (30 mm)") != std::string::npos;
    EXPECT_TRUE(says_y);
  }
  // An odd label width (100.125 mm, 801 dots) has two middle dots.
  const std::string odd = "<PAGE w=\"100.125\" l=\"60\">\n<LABEL id=\"1\">\n";
  EXPECT_TRUE(
      found(run(odd + "<BARC x=\"50\" y=\"1\">AB</BARC></LABEL></PAGE>"), "DL0210").empty());
  EXPECT_TRUE(
      found(run(odd + "<BARC x=\"50.125\" y=\"1\">AB</BARC></LABEL></PAGE>"), "DL0210").empty());
  EXPECT_FALSE(
      found(run(odd + "<BARC x=\"50.25\" y=\"1\">AB</BARC></LABEL></PAGE>"), "DL0210").empty());
}

// The codes whose trigger is a limit: small limits keep the inputs small.
CompileResult run_limited(std::string_view markup, Limits limits) {
  CompileOptions options;
  options.limits = limits;
  return compile(markup, options);
}

TEST(DiagnosticLimits, InputTooLargeIsReportedForTheWholeFile) {
  Limits limits;
  limits.max_input_bytes = 64;
  CompileResult result = run_limited(in_label("<TEXT x=\"1\" y=\"1\">a</TEXT>"), limits);
  EXPECT_EQ(found(result, "DL0005"), std::vector<std::string>{"error 0:0"});
  EXPECT_FALSE(result.ok());
}

TEST(DiagnosticLimits, TooManyElements) {
  Limits limits;
  limits.max_elements = 3;
  CompileResult result =
      run_limited(in_label("<TEXT x=\"1\" y=\"1\">a</TEXT><TEXT x=\"1\" y=\"1\">b</TEXT>"), limits);
  EXPECT_EQ(found(result, "DL0006"), std::vector<std::string>{"error 1:1"});
  // Exactly at the limit is fine.
  EXPECT_TRUE(run_limited(in_label("<TEXT x=\"1\" y=\"1\">a</TEXT>"), limits).ok());
}

TEST(DiagnosticLimits, ContentTooLongCountsCharactersNotBytes) {
  Limits limits;
  limits.max_text_chars = 4;
  EXPECT_TRUE(
      run_limited(
          in_label("<TEXT x=\"1\" y=\"1\">\xE4\xBB\xB7\xE4\xBB\xB7\xE4\xBB\xB7\xE4\xBB\xB7</TEXT>"),
          limits)
          .ok());
  CompileResult result = run_limited(in_label("<TEXT x=\"1\" y=\"1\">abcde</TEXT>"), limits);
  EXPECT_EQ(found(result, "DL0108"), std::vector<std::string>{"error 3:19"});
}

TEST(DiagnosticLimits, Base64TooLarge) {
  Limits limits;
  limits.max_base64_bytes = 8;
  CompileResult result =
      run_limited(in_label("<BMP x=\"1\" y=\"1\">aGVsbG8gd29ybGQ=</BMP>"), limits);
  EXPECT_EQ(found(result, "DL0311"), std::vector<std::string>{"error 3:18"});
}

TEST(DiagnosticLimits, ImageTooLargeFromThePngHeader) {
  // A PNG signature and IHDR chunk claiming 5000 x 5000 pixels; no pixel data needed.
  std::vector<std::uint8_t> png{0x89, 'P', 'N',  'G',  0x0D, 0x0A, 0x1A, 0x0A, 0,    0,
                                0,    13,  'I',  'H',  'D',  'R',  0,    0,    0x13, 0x88,
                                0,    0,   0x13, 0x88, 1,    0,    0,    0,    0};
  std::string markup = in_label("<BMP x=\"1\" y=\"1\">" + base64_encode(png) + "</BMP>");
  Limits limits;
  limits.max_image_pixels = 24'999'999;
  EXPECT_EQ(found(run_limited(markup, limits), "DL0312"), std::vector<std::string>{"error 3:18"});
  limits.max_image_pixels = 25'000'000;
  EXPECT_TRUE(run_limited(markup, limits).ok());
}

TEST(DiagnosticIo, MissingFileIsDL0002AtZero) {
  CompileResult result = compile_file("/nonexistent/dir/label.xml");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].code, "DL0002");
  EXPECT_EQ(result.diagnostics[0].severity, Severity::error);
  EXPECT_EQ(result.diagnostics[0].pos, (SourcePos{0, 0}));
  EXPECT_EQ(result.diagnostics[0].file, "/nonexistent/dir/label.xml");
}

TEST(DiagnosticIo, CompileFileReadsAndNamesTheFile) {
  std::filesystem::path path = scratch_dir() / "compile_file_test.xml";
  std::ofstream(path) << in_label("<TEXT x=\"1\" y=\"1\" f=\"0\">a</TEXT>");
  CompileResult result = compile_file(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(result.ok()) << all_codes(result);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].file, path.string());
  EXPECT_EQ(result.document->file, path.string());
}

TEST(DiagnosticStructure, QuotedGreaterThanIsNotTheEndOfATag) {
  CompileResult result =
      run("<PAGE w=\"1\" l=\"1\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\" a=\"x>y\">a</TEXT>"
          "<CUTTER ct='>'/></LABEL></PAGE>");
  ASSERT_EQ(result.diagnostics.size(), 2u) << all_codes(result);
  EXPECT_EQ(result.diagnostics[0].code, "DL0206");
  EXPECT_EQ(result.diagnostics[1].code, "DL0206");
}

TEST(DiagnosticOrder, SortedByPosition) {
  // The missing `ye` is found after the unknown `ey` but sits at the element's '<', before it.
  CompileResult result = run(in_label("<SQ x=\"1\" y=\"1\" xe=\"5\" ey=\"5\"/>"));
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].code, "DL0202");
  EXPECT_EQ(result.diagnostics[1].code, "DL0200");
}

TEST(DiagnosticMessages, NameElementAttributeAndValue) {
  CompileResult result = run(in_label("<BL x=\"1\" y=\"1e9\" w=\"1\" h=\"1\"/>"));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  const std::string& message = result.diagnostics[0].message;
  EXPECT_NE(message.find("BL"), std::string::npos) << message;
  EXPECT_NE(message.find("y=\"1e9\""), std::string::npos) << message;
}

TEST(DiagnosticMessages, MissingGlyphNamesTheCharacter) {
  CompileResult result =
      run(in_label("<TEXT x=\"1\" y=\"1\">a\xF0\x9F\x98\x80\tb\xF0\x9F\x98\x80</TEXT>"));
  ASSERT_EQ(found(result, "DL0308"), (std::vector<std::string>{"warning 3:20", "warning 3:21"}));
  EXPECT_NE(result.diagnostics[0].message.find("'\xF0\x9F\x98\x80' (U+1F600)"), std::string::npos)
      << result.diagnostics[0].message;
  EXPECT_NE(result.diagnostics[1].message.find("U+0009"), std::string::npos);
}

TEST(DiagnosticHints, DidYouMean) {
  EXPECT_EQ(run(in_label("<SQ x=\"1\" y=\"1\" xe=\"5\" ey=\"5\"/>")).diagnostics.back().hint,
            "did you mean `ye`?");
  EXPECT_EQ(run(in_label("<TEXT x=\"1\" y=\"1\" w=\"1\">a</TEXT>")).diagnostics[0].hint,
            "did you mean `xw`?");
  EXPECT_EQ(run(in_label("<BARCODE x=\"1\" y=\"1\">1</BARCODE>")).diagnostics[0].hint,
            "did you mean <BARC>?");
  EXPECT_EQ(run(in_label("<text x=\"1\" y=\"1\">a</text>")).diagnostics[0].hint, "write <TEXT>");
  EXPECT_EQ(run(in_label("<TEXT x=\"1\" y=\"1\" a=\"Center\">a</TEXT>")).diagnostics[0].hint,
            "did you mean \"center\"?");
}

}  // namespace
}  // namespace dotlabel::test
