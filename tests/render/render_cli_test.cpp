// `dotlabel render` and `dotlabel base64`: exit codes, output naming, nothing written on error.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_test.hpp"
#include "diagnostic_codes.hpp"

#include "dotlabel/base64.hpp"
#include "dotlabel/encode.hpp"

namespace dotlabel {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTwoLabels =
    "<PAGE w=\"40\" l=\"30\" ld=\"2\">\n"
    "  <LABEL id=\"2\"><TEXT x=\"2\" y=\"2\" f=\"3\">AB</TEXT></LABEL>\n"
    "  <LABEL id=\"1\" c=\"2\"><BL x=\"1\" y=\"1\" w=\"5\" h=\"5\"/></LABEL>\n"
    "</PAGE>\n";
constexpr const char* kOneLabel =
    "<PAGE w=\"40\" l=\"30\">\n  <LABEL id=\"1\"><TEXT x=\"2\" y=\"2\" "
    "f=\"3\">AB</TEXT></LABEL>\n</PAGE>\n";
// TEXT at x=38 mm, 4 mm wide, on a 40 mm label: 2 mm over the right edge.
constexpr const char* kClipped =
    "<PAGE w=\"40\" l=\"30\">\n  <LABEL id=\"1\">\n    <TEXT x=\"38\" y=\"2\" f=\"3\">AB</TEXT>\n"
    "  </LABEL>\n</PAGE>\n";
constexpr const char* kBroken = "<PAGE w=\"40\">\n  <LABEL id=\"1\"/>\n</PAGE>\n";  // no l

using test::CliRun;
using test::slurp;

class Cli : public test::CliTest {
 protected:
  static Bitmap png_file(const fs::path& p) {
    std::string bytes = slurp(p);
    std::optional<Bitmap> b =
        decode_png(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    EXPECT_TRUE(b) << p;
    return b.value_or(Bitmap());
  }
};

TEST_F(Cli, RendersOneLabelToPng) {
  write("a.xml", kOneLabel);
  CliRun r = run("render a.xml -o out.png");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "");
  Bitmap b = png_file(path("out.png"));
  EXPECT_EQ(b.width(), 320);
  EXPECT_EQ(b.height(), 240);
}

TEST_F(Cli, SeveralLabelsGetTheirIdInTheName) {
  write("a.xml", kTwoLabels);
  CliRun r = run("render a.xml -o out.png");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "out-1.png\nout-2.png\n");
  EXPECT_TRUE(fs::exists(path("out-1.png")));
  EXPECT_TRUE(fs::exists(path("out-2.png")));
  EXPECT_FALSE(fs::exists(path("out.png")));

  r = run("render a.xml --label 2 -o two.png");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(png_file(path("two.png")), png_file(path("out-2.png")));
}

TEST_F(Cli, StripIsOneImageOfAllCopies) {
  write("a.xml", kTwoLabels);
  CliRun r = run("render a.xml --strip -o strip.png");
  EXPECT_EQ(r.exit, 0) << r.err;
  Bitmap b = png_file(path("strip.png"));
  EXPECT_EQ(b.width(), 320);
  EXPECT_EQ(b.height(), 3 * 240 + 2 * 16);  // label 1 twice, label 2, gaps of 2 mm
}

// A strip over a million dots long (two 1 x 100,000 mm labels) is a PNG, not the empty file
// written while libpng refused more than a million rows.
TEST_F(Cli, StripLongerThanAMillionDotsIsAPng) {
  write("long.xml",
        "<PAGE w=\"1\" l=\"100000\" ld=\"2\"><LABEL id=\"1\"><BL x=\"0\" y=\"0\" w=\"1\" "
        "h=\"1\"/></LABEL><LABEL id=\"2\"/></PAGE>");
  CliRun r = run("render long.xml --strip -o strip.png");
  EXPECT_EQ(r.exit, 0) << r.err;
  Bitmap b = png_file(path("strip.png"));
  EXPECT_EQ(b.width(), 8);
  EXPECT_EQ(b.height(), 2 * 800'000 + 16);
  EXPECT_TRUE(b.get(7, 7));
  EXPECT_FALSE(b.get(7, 8));
}

TEST_F(Cli, FormatFollowsTheExtension) {
  write("a.xml", kOneLabel);
  ASSERT_EQ(run("render a.xml -o out.pbm").exit, 0);
  EXPECT_EQ(slurp(path("out.pbm")).substr(0, 11), "P4\n320 240\n");
  ASSERT_EQ(run("render a.xml -o out.svg").exit, 0);
  EXPECT_NE(slurp(path("out.svg")).find("width=\"40mm\" height=\"30mm\""), std::string::npos);
  ASSERT_EQ(run("render a.xml -o out.PDF").exit, 0);
  EXPECT_EQ(slurp(path("out.PDF")).substr(0, 5), "%PDF-");
  CliRun r = run("render a.xml -o out.gif");
  EXPECT_EQ(r.exit, 2);
  EXPECT_FALSE(fs::exists(path("out.gif")));
}

// Cairo is loaded for the first PDF: without it, a PDF run is one DL0623 that names the package,
// and nothing is written.
TEST_F(Cli, PdfWithoutCairoSaysWhatToInstallAndWritesNothing) {
  write("a.xml", kTwoLabels);
  fs::create_directories(path("lib"));
  write("lib/libcairo.so.2", "not a shared object");  // found first, refused by the loader
  const char* inherited = std::getenv("LD_LIBRARY_PATH");
  const std::string saved = inherited ? inherited : "";
  ::setenv("LD_LIBRARY_PATH", path("lib").c_str(), 1);
  CliRun r = run("render a.xml -o out.pdf");
  if (inherited)
    ::setenv("LD_LIBRARY_PATH", saved.c_str(), 1);
  else
    ::unsetenv("LD_LIBRARY_PATH");
  EXPECT_EQ(r.exit, 2) << r.err;
  EXPECT_NE(r.err.find("out.pdf: cannot load libcairo.so.2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("install libcairo2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[" + std::string(codes::kOutputUnwritable) + "]"), std::string::npos)
      << r.err;
  EXPECT_EQ(files(), (std::vector<std::string>{"a.xml", "lib"}));
}

TEST_F(Cli, DashWritesPngToStdout) {
  write("a.xml", kOneLabel);
  CliRun r = run("render a.xml -o -");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out.substr(1, 3), "PNG");
  write("b.xml", kTwoLabels);
  EXPECT_EQ(run("render b.xml -o -").exit, 2);  // two images cannot share stdout
  EXPECT_EQ(run("render - -o - < a.xml").exit, 0);
}

TEST_F(Cli, ErrorsWriteNothingAndKeepExistingFiles) {
  write("bad.xml", kBroken);
  write("out.png", "precious");
  CliRun r = run("render bad.xml -o out.png");
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("bad.xml:"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(path("out.png")), "precious");
  r = run("render bad.xml -o new.png");
  EXPECT_EQ(r.exit, 1);
  EXPECT_FALSE(fs::exists(path("new.png")));
  for (const auto& entry : fs::directory_iterator(dir_))  // no temporary left behind
    EXPECT_EQ(entry.path().filename().string().find(".new.png"), std::string::npos);
}

TEST_F(Cli, WarningsPassUnlessWerror) {
  write("clip.xml", kClipped);
  CliRun r = run("render clip.xml -o out.png");
  EXPECT_EQ(r.exit, 0);
  EXPECT_NE(r.err.find("clip.xml:3:5: warning:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 mm on the right"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[DL0410]"), std::string::npos) << r.err;
  fs::remove(path("out.png"));
  r = run("render clip.xml -o out.png --werror");
  EXPECT_EQ(r.exit, 1);
  EXPECT_FALSE(fs::exists(path("out.png")));

  r = run("render clip.xml -o out.png --diagnostics json");
  EXPECT_EQ(r.exit, 0);
  nlohmann::json json = nlohmann::json::parse(r.err);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["code"], "DL0410");
  EXPECT_EQ(json[0]["line"], 3);
  EXPECT_EQ(json[0]["severity"], "warning");
}

TEST_F(Cli, NoLabelIsNothingToRender) {
  write("empty.xml", "<PAGE w=\"40\" l=\"30\"/>\n");
  CliRun r = run("render empty.xml -o out.png");
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("no LABEL"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("out.png")));
  EXPECT_EQ(run("base64 empty.xml").exit, 1);
}

TEST_F(Cli, UsageAndIoErrorsExitTwo) {
  write("a.xml", kTwoLabels);
  EXPECT_EQ(run("render missing.xml -o out.png").exit, 2);
  EXPECT_EQ(run("render a.xml --label 9 -o out.png").exit, 2);
  CliRun usage = run("render a.xml");  // -o is required
  EXPECT_EQ(usage.exit, 2);
  EXPECT_TRUE(usage.err.starts_with("dotlabel: --output is required\n")) << usage.err;
  EXPECT_EQ(run("render a.xml -o out.png --logo missing.png").exit, 2);
  EXPECT_EQ(run("render a.xml -o no/such/dir/out.png --label 1").exit, 2);
  EXPECT_EQ(run("base64 missing.xml").exit, 2);
}

TEST_F(Cli, Base64IsOneLinePerLabelInIdOrder) {
  write("a.xml", kTwoLabels);
  ASSERT_EQ(run("render a.xml -o out.png").exit, 0);
  CliRun r = run("base64 a.xml");
  EXPECT_EQ(r.exit, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<Bitmap> images;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.find("data:"), std::string::npos);
    std::optional<std::vector<std::uint8_t>> png = base64_decode(line);
    ASSERT_TRUE(png);
    std::optional<Bitmap> b = decode_png(*png);
    ASSERT_TRUE(b);
    images.push_back(*b);
  }
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0], png_file(path("out-1.png")));
  EXPECT_EQ(images[1], png_file(path("out-2.png")));

  r = run("base64 a.xml --label 2");
  EXPECT_EQ(r.exit, 0);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);

  write("bad.xml", kBroken);
  r = run("base64 bad.xml");
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace dotlabel
