// The hostile-input table of issue #7: each input costs exactly one error diagnostic (code and
// line:column), through the public API (compile, then render) and through `dotlabel render`
// (exit 1, that diagnostic's line on stderr, no output file). tests/compiler has the
// compiler-only table; this one runs the whole pipeline and the CLI.
#include <chrono>

#include "robustness.hpp"

namespace dotlabel::robust {
namespace {

struct Hostile {
  std::string name;
  std::string markup;
  std::string error;  // "CODE LINE:COLUMN", the only error
};

void PrintTo(const Hostile& h, std::ostream* os) {
  *os << h.name;
}

std::string page(std::string_view attributes) {
  return "<PAGE " + std::string(attributes) + ">\n<LABEL id=\"1\"/>\n</PAGE>\n";
}

std::string million_elements() {
  std::string out = "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\">";
  out.reserve(out.size() + 1'000'000 * 4 + 20);
  for (int i = 0; i < 1'000'000; ++i) out += "<a/>";
  return out + "</LABEL></PAGE>";
}

const std::string kBillionLaughs =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
    "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">&lol3;</TEXT></LABEL></PAGE>";

// A BMP element whose base64 content is `bytes` long (valid base64 of a BMP signature + zeros).
std::string base64_bmp(std::size_t bytes) {
  std::string content = "Qk0" + std::string(bytes - 3, 'A');
  return in_label("<BMP x=\"1\" y=\"1\">" + content + "</BMP>");
}

// The golden image cut to half its length: the header survives, the pixels do not.
std::string truncated(const std::string& golden_case) {
  std::vector<std::uint8_t> bytes = golden_image(golden_case);
  bytes.resize(bytes.size() / 2);
  return in_label("<BMP x=\"1\" y=\"1\">" + base64_encode(bytes) + "</BMP>");
}

std::vector<Hostile> table() {
  return {
      {"w_exponent", page("w=\"1e9\" l=\"10\""), "DL0203 1:10"},
      {"w_nan", page("w=\"nan\" l=\"10\""), "DL0203 1:10"},
      {"w_inf", page("w=\"inf\" l=\"10\""), "DL0203 1:10"},
      {"w_negative", page("w=\"-1\" l=\"10\""), "DL0205 1:10"},
      {"w_empty", page("w=\"\" l=\"10\""), "DL0203 1:10"},
      {"million_elements", million_elements(), "DL0006 1:1"},
      {"invalid_utf8_text", in_label("<TEXT x=\"1\" y=\"1\">ab\xFF</TEXT>"), "DL0003 3:21"},
      {"invalid_utf8_attribute", in_label("<TEXT x=\"1\" y=\"1\xC0\xAF\">a</TEXT>"), "DL0003 3:17"},
      {"billion_laughs", kBillionLaughs, "DL0004 2:1"},
      {"nested_page", "<PAGE w=\"10\" l=\"10\">\n  <PAGE w=\"10\" l=\"10\"/>\n</PAGE>\n",
       "DL0102 2:3"},
      {"label_outside_page", "<LABEL id=\"1\">\n<TEXT x=\"1\" y=\"1\">a</TEXT>\n</LABEL>\n",
       "DL0102 1:1"},
      {"base64_50_mb", base64_bmp(50u << 20), "DL0005 0:0"},
      {"base64_10_mb", base64_bmp(10u << 20), "DL0311 3:18"},
      {"truncated_png", truncated("png"), "DL0480 3:1"},
      {"truncated_jpeg", truncated("jpeg"), "DL0480 3:1"},
      {"truncated_bmp", truncated("bmp"), "DL0480 3:1"},
      {"qr_10000_bytes", in_label("<QRC x=\"1\" y=\"1\">" + std::string(10'000, 'x') + "</QRC>"),
       "DL0108 3:18"},
      {"qr_over_capacity",
       in_label("<QRC x=\"1\" y=\"1\" e=\"H\">" + std::string(1274, 'x') + "</QRC>"),
       "DL0304 3:24"},
      {"ean13_letters", in_label("<BARC x=\"50\" y=\"1\" ct=\"jan13a\">12345X789012</BARC>"),
       "DL0300 3:37"},
      {"nul_byte", in_label(std::string("<TEXT x=\"1\" y=\"1\">a\0b</TEXT>", 27)), "DL0007 3:20"},
      {"crlf_line_endings",
       "<PAGE w=\"100\" l=\"60\">\r\n<LABEL id=\"1\">\r\n<TEXT x=\"1\" y=\"nan\">a</TEXT>\r\n"
       "</LABEL>\r\n</PAGE>\r\n",
       "DL0203 3:16"},
      {"not_xml", "Dear printer,\nplease print a label for order 1234.\n", "DL0103 1:1"},
      {"copies_billion", "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\" c=\"1000000000\"/>\n</PAGE>\n",
       "DL0111 2:18"},
  };
}

class HostilePipeline : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostilePipeline, OneExactErrorQuickly) {
  const Hostile& h = GetParam();
  auto start = std::chrono::steady_clock::now();
  Diagnostics diagnostics = pipeline(h.markup);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));  // loaded CI
  EXPECT_EQ(errors(diagnostics), std::vector<std::string>{h.error});
}

INSTANTIATE_TEST_SUITE_P(Table, HostilePipeline, ::testing::ValuesIn(table()),
                         [](const auto& info) { return info.param.name; });

class HostileCli : public CliTest {};

// The same table through `dotlabel render FILE -o OUT.png`: exit 1, the error's own line on
// stderr exactly as the library words it, and no OUT.png (nor a temporary) left behind.
TEST_F(HostileCli, EveryCaseExitsOneWithItsDiagnosticAndWritesNothing) {
  for (const Hostile& h : table()) {
    SCOPED_TRACE(h.name);
    std::string file = write(h.name + ".xml", h.markup);
    std::vector<std::string> expected;
    for (const Diagnostic& d : pipeline(h.markup, h.name + ".xml"))
      if (d.severity == Severity::error) expected.push_back(format_text(d));
    ASSERT_EQ(expected.size(), 1u);
    std::string line = expected[0].substr(0, expected[0].find('\n'));

    CliRun r = run("render '" + h.name + ".xml' -o out.png");
    EXPECT_EQ(r.exit, 1) << r.err.substr(0, 2000);
    EXPECT_NE(r.err.find(line + "\n"), std::string::npos)
        << "expected: " << line << "\nstderr: " << r.err.substr(0, 2000);
    EXPECT_EQ(files(), std::vector<std::string>{h.name + ".xml"});
    std::filesystem::remove(file);
  }
}

// Copies multiply what is made per label. The strip whose height wrapped around an int
// (536870913 copies of 8 rows) and the 100,000,000 Mstching items that ran out of memory are
// refused by the library with a diagnostic; so is a strip of fewer copies that is still too
// large (10,000 copies of an 800 x 800-dot label): exit 1, nothing written.
TEST_F(HostileCli, CopyBombsAreRefusedByTheLibrary) {
  write("wrap.xml",
        "<PAGE w=\"10\" l=\"1\" ld=\"0\">\n<LABEL id=\"1\" c=\"536870913\"/>\n</PAGE>\n");
  CliRun wrap = run("render wrap.xml --strip -o out.png");
  EXPECT_EQ(wrap.exit, 1);
  EXPECT_NE(wrap.err.find("wrap.xml:2:18: error: "), std::string::npos) << wrap.err;
  EXPECT_NE(wrap.err.find("[DL0111]"), std::string::npos) << wrap.err;

  write("area.xml",
        "<PAGE w=\"100\" l=\"100\" ld=\"0\">\n<LABEL id=\"1\" c=\"10000\"/>\n</PAGE>\n");
  CliRun area = run("render area.xml --strip -o out.png");
  EXPECT_EQ(area.exit, 1);
  EXPECT_NE(area.err.find("area.xml:1:1: error: "), std::string::npos) << area.err;
  EXPECT_NE(area.err.find("[DL0404]"), std::string::npos) << area.err;

  write("items.xml",
        "<PAGE w=\"50\" l=\"30\">\n<LABEL id=\"1\" c=\"100000000\">\n"
        "<TEXT x=\"1\" y=\"1\">a</TEXT>\n</LABEL>\n</PAGE>\n");
  CliRun items = run("mstching items.xml");
  EXPECT_EQ(items.exit, 1);
  EXPECT_EQ(items.out, "");
  EXPECT_NE(items.err.find("items.xml:2:18: error: "), std::string::npos) << items.err;
  EXPECT_NE(items.err.find("[DL0111]"), std::string::npos) << items.err;
  EXPECT_EQ(files(), (std::vector<std::string>{"area.xml", "items.xml", "wrap.xml"}));
}

// A thread count from a script's arithmetic gone wrong: refused before anything is drawn. It
// once started threads until the system refused one, and that ended in std::terminate.
TEST_F(HostileCli, ThreadBombsAreRefused) {
  write("one.xml", "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\"/>\n</PAGE>\n");
  for (const char* jobs : {"100000", "257", "-1"}) {
    SCOPED_TRACE(jobs);
    CliRun r = run(std::string("base64 --jobs ") + jobs + " one.xml");
    EXPECT_EQ(r.exit, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find(std::string("--jobs: Value ") + jobs + " not in range 0 to 256"),
              std::string::npos)
        << r.err;
  }
  CliRun most = run("base64 --jobs 256 one.xml");
  EXPECT_EQ(most.exit, 0) << most.err;
  EXPECT_EQ(most.out, run("base64 --jobs 1 one.xml").out);
  EXPECT_EQ(files(), (std::vector<std::string>{"one.xml"}));
}

}  // namespace
}  // namespace dotlabel::robust
