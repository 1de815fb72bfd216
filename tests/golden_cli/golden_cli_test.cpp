// `dotlabel golden` and `dotlabel diff` as a CI job uses them: output lines, diff images,
// --update, --junit, --werror and exit codes, on small cases in a temporary folder.
#include <gtest/gtest.h>
#include <png.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int code = -1;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A 10 x 10 mm label (80 x 80 dots) with one 1 x 1 mm block at (x, y) mm.
std::string block_label(int x, int y) {
  return "<PAGE w=\"10\" l=\"10\">\n  <LABEL id=\"1\">\n    <BL x=\"" + std::to_string(x) +
         "\" y=\"" + std::to_string(y) + "\" w=\"1\" h=\"1\"/>\n  </LABEL>\n</PAGE>\n";
}

class GoldenCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(DOTLABEL_BINARY_DIR) / "test-tmp" / "golden_cli" / info->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  Outcome run(const std::string& args) {
    fs::path out = dir_ / ".stdout", err = dir_ / ".stderr";
    std::string command = std::string("'") + DOTLABEL_CLI + "' " + args + " >'" + out.string() +
                          "' 2>'" + err.string() + "'";
    int status = std::system(command.c_str());
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
  }

  std::string path(const std::string& relative) const { return (dir_ / relative).string(); }

  fs::path dir_;
};

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

// Width and height of a PNG file, 0x0 when it is not one.
std::pair<int, int> png_size(const fs::path& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return {0, 0};
  png_image_free(&image);
  return {static_cast<int>(image.width), static_cast<int>(image.height)};
}

TEST_F(GoldenCli, NewCasesThenUpdateThenAllPass) {
  write(dir_ / "a.xml", block_label(2, 2));
  write(dir_ / "sub" / "b.xml", block_label(5, 5));

  Outcome first = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(first.code, 1);
  EXPECT_TRUE(has_line(first.out, "NEW " + path("a.xml"))) << first.out;
  EXPECT_TRUE(has_line(first.out, "NEW " + path("sub/b.xml"))) << first.out;
  EXPECT_TRUE(has_line(first.out, "  " + path("a.png") + ": no expected image")) << first.out;
  EXPECT_TRUE(has_line(first.out, "0 passed, 2 failed")) << first.out;
  EXPECT_FALSE(fs::exists(dir_ / "a.png"));

  Outcome update = run("golden --update '" + dir_.string() + "'");
  EXPECT_EQ(update.code, 0) << update.out << update.err;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("a.png"))) << update.out;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("sub/b.png"))) << update.out;
  EXPECT_TRUE(has_line(update.out, "2 passed, 0 failed")) << update.out;
  EXPECT_EQ(png_size(dir_ / "a.png"), std::make_pair(80, 80));

  Outcome again = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_TRUE(has_line(again.out, "ok " + path("a.xml"))) << again.out;
  EXPECT_TRUE(has_line(again.out, "ok " + path("sub/b.xml"))) << again.out;
  EXPECT_TRUE(has_line(again.out, "2 passed, 0 failed")) << again.out;

  // Nothing changed: --update rewrites nothing.
  Outcome idle = run("golden --update '" + dir_.string() + "'");
  EXPECT_EQ(idle.code, 0);
  EXPECT_EQ(idle.out.find("updated"), std::string::npos) << idle.out;
}

TEST_F(GoldenCli, MovedCoordinateFailsWithCountBoundsAndDiffImage) {
  write(dir_ / "case.xml", block_label(2, 2));
  ASSERT_EQ(run("golden --update '" + path("case.xml") + "'").code, 0);
  write(dir_ / "case.xml", block_label(3, 2));  // the block moves 1 mm right

  Outcome moved = run("golden '" + path("case.xml") + "'");
  EXPECT_EQ(moved.code, 1);
  EXPECT_TRUE(has_line(moved.out, "FAIL " + path("case.xml"))) << moved.out;
  // Old block x 16..23, new 24..31, rows 16..23: 64 + 64 dots, x 2..4 mm, y 2..3 mm.
  EXPECT_TRUE(
      has_line(moved.out, "  " + path("case.png") + ": 128 dots differ in x 2..4 mm, y 2..3 mm"))
      << moved.out;
  EXPECT_TRUE(has_line(moved.out, "  diff " + path("case.diff.png"))) << moved.out;
  EXPECT_TRUE(has_line(moved.out, "0 passed, 1 failed")) << moved.out;
  EXPECT_EQ(png_size(dir_ / "case.diff.png"), std::make_pair(3 * 80 + 2 * 8, 80));

  Outcome out = run("golden --out '" + path("diffs") + "' '" + dir_.string() + "'");
  EXPECT_EQ(out.code, 1);
  EXPECT_TRUE(fs::exists(dir_ / "diffs" / "case.diff.png")) << out.out;

  Outcome update = run("golden --update '" + path("case.xml") + "'");
  EXPECT_EQ(update.code, 0);
  EXPECT_TRUE(has_line(update.out, "FAIL " + path("case.xml"))) << update.out;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("case.png"))) << update.out;
  EXPECT_TRUE(has_line(update.out, "1 passed, 0 failed")) << update.out;
  EXPECT_FALSE(fs::exists(dir_ / "case.diff.png"));  // the stale diff went with the failure

  Outcome pass = run("golden '" + path("case.xml") + "'");
  EXPECT_EQ(pass.code, 0) << pass.out;
  EXPECT_TRUE(has_line(pass.out, "ok " + path("case.xml"))) << pass.out;
}

TEST_F(GoldenCli, MultiLabelPagesHaveOneImagePerLabelId) {
  std::string two = R"(<PAGE w="10" l="10">
  <LABEL id="3"><BL x="1" y="1" w="1" h="1"/></LABEL>
  <LABEL id="1"><BL x="2" y="2" w="1" h="1"/></LABEL>
</PAGE>
)";
  write(dir_ / "multi.xml", two);
  Outcome update = run("golden --update '" + path("multi.xml") + "'");
  EXPECT_EQ(update.code, 0) << update.out << update.err;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("multi-1.png"))) << update.out;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("multi-3.png"))) << update.out;
  EXPECT_FALSE(fs::exists(dir_ / "multi.png"));
  EXPECT_EQ(run("golden '" + path("multi.xml") + "'").code, 0);

  // Label 3 goes: its image is stale, a failure until --update removes it.
  write(dir_ / "multi.xml", block_label(2, 2));
  Outcome stale = run("golden '" + path("multi.xml") + "'");
  EXPECT_EQ(stale.code, 1);
  EXPECT_TRUE(has_line(stale.out, "  " + path("multi-1.png") + ": expected image of no label"))
      << stale.out;
  EXPECT_TRUE(has_line(stale.out, "  " + path("multi-3.png") + ": expected image of no label"))
      << stale.out;
  EXPECT_TRUE(has_line(stale.out, "  " + path("multi.png") + ": no expected image")) << stale.out;
  Outcome update2 = run("golden --update '" + path("multi.xml") + "'");
  EXPECT_EQ(update2.code, 0);
  EXPECT_TRUE(has_line(update2.out, "  removed " + path("multi-3.png"))) << update2.out;
  EXPECT_TRUE(has_line(update2.out, "  updated " + path("multi.png"))) << update2.out;
  EXPECT_FALSE(fs::exists(dir_ / "multi-3.png"));
  EXPECT_EQ(run("golden '" + path("multi.xml") + "'").code, 0);
}

TEST_F(GoldenCli, CasesNamedLikeImagesOfOthersAreNotStale) {
  write(dir_ / "x.xml", block_label(1, 1));
  write(dir_ / "x-2.xml", block_label(2, 2));  // its image x-2.png is not x's label 2
  EXPECT_EQ(run("golden --update '" + dir_.string() + "'").code, 0);
  Outcome pass = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(pass.code, 0) << pass.out;
}

// A 10 x 10 mm template: a block at x = {{x}} mm and a TEXT of the row's name.
const std::string kTemplate = R"(<PAGE w="10" l="10">
  <LABEL id="1">
    <BL x="{{x}}" y="1" w="1" h="1"/>
    <TEXT x="1" y="4" f="3">{{name}}</TEXT>
  </LABEL>
</PAGE>
)";

TEST_F(GoldenCli, DataCasesCompareOneImagePerRow) {
  write(dir_ / "t.xml", kTemplate);
  write(dir_ / "t.csv", "x,name\n1,A\n3,B\n5,C\n");
  Outcome first = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(first.code, 1);
  EXPECT_TRUE(has_line(first.out, "NEW " + path("t.xml"))) << first.out << first.err;
  for (const char* name : {"t-1.png", "t-2.png", "t-3.png"})
    EXPECT_TRUE(has_line(first.out, "  " + path(name) + ": no expected image")) << first.out;

  Outcome update = run("golden --update '" + dir_.string() + "'");
  EXPECT_EQ(update.code, 0) << update.out << update.err;
  for (const char* name : {"t-1.png", "t-2.png", "t-3.png"}) {
    EXPECT_TRUE(has_line(update.out, "  updated " + path(name))) << update.out;
    EXPECT_EQ(png_size(dir_ / name), std::make_pair(80, 80));
  }
  EXPECT_FALSE(fs::exists(dir_ / "t.png"));
  EXPECT_NE(slurp(dir_ / "t-1.png"), slurp(dir_ / "t-2.png"));  // each row its own picture
  EXPECT_EQ(run("golden '" + dir_.string() + "'").code, 0);

  // A row's value changes: that row's image differs, with its diff image.
  write(dir_ / "t.csv", "x,name\n1,A\n4,B\n5,C\n");
  Outcome moved = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(moved.code, 1);
  EXPECT_TRUE(has_line(moved.out, "FAIL " + path("t.xml"))) << moved.out;
  EXPECT_NE(moved.out.find("  " + path("t-2.png") + ": 128 dots differ"), std::string::npos)
      << moved.out;
  EXPECT_EQ(moved.out.find(path("t-1.png") + ":"), std::string::npos) << moved.out;
  EXPECT_TRUE(fs::exists(dir_ / "t-2.diff.png"));

  // A row goes: its image is extra; a row comes: its image is missing.
  write(dir_ / "t.csv", "x,name\n1,A\n3,B\n");
  Outcome fewer = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(fewer.code, 1);
  EXPECT_TRUE(has_line(fewer.out, "  " + path("t-3.png") + ": expected image of no label"))
      << fewer.out;
  write(dir_ / "t.csv", "x,name\n1,A\n3,B\n5,C\n7,D\n");
  Outcome more = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(more.code, 1);
  EXPECT_TRUE(has_line(more.out, "  " + path("t-4.png") + ": no expected image")) << more.out;
}

TEST_F(GoldenCli, ABadValueIsReportedAtItsRowAndColumn) {
  write(dir_ / "t.xml", kTemplate);
  write(dir_ / "t.csv", "x,name\n1,A\nabc,B\n");
  Outcome bad = run("golden --update '" + dir_.string() + "'");
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(has_line(bad.out, "FAIL " + path("t.xml"))) << bad.out;
  // The data file's line 3 is row 2; the note points at the placeholder, line 3 column 12.
  EXPECT_NE(bad.err.find(path("t.csv") + ":3: error:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("column x"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find(path("t.xml") + ":3:12: note:"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir_ / "t-1.png")) << "nothing is written for a case in error";

  // A placeholder with no column: at the placeholder, with the columns' hint.
  write(dir_ / "t.csv", "x,nmae\n1,A\n");
  Outcome missing = run("golden '" + dir_.string() + "'");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find(path("t.xml") + ":4:29: error:"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("nmae"), std::string::npos) << missing.err;
}

TEST_F(GoldenCli, DataOptionFillsTheOneCaseNamed) {
  write(dir_ / "t.xml", kTemplate);
  write(dir_ / "rows" / "orders.json", R"([{"x": 2, "name": "J"}, {"x": 6, "name": "K"}])");
  std::string data = " --data '" + path("rows/orders.json") + "' ";
  Outcome update = run("golden --update" + data + "'" + path("t.xml") + "'");
  EXPECT_EQ(update.code, 0) << update.out << update.err;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("t-1.png"))) << update.out;
  EXPECT_TRUE(has_line(update.out, "  updated " + path("t-2.png"))) << update.out;
  EXPECT_EQ(run("golden" + data + "'" + path("t.xml") + "'").code, 0);

  // One data file fills one template: a folder of two cases is a usage error.
  write(dir_ / "u.xml", block_label(1, 1));
  Outcome two = run("golden" + data + "'" + dir_.string() + "'");
  EXPECT_EQ(two.code, 2);
  EXPECT_NE(two.err.find("--data fills one template case"), std::string::npos) << two.err;

  // Two data files beside one case: which one is meant is not guessed.
  write(dir_ / "t.csv", "x,name\n1,A\n");
  write(dir_ / "t.json", R"([{"x": 1, "name": "A"}])");
  Outcome both = run("golden '" + path("t.xml") + "'");
  EXPECT_EQ(both.code, 1);
  EXPECT_NE(both.out.find("a case has one data file"), std::string::npos) << both.out;
}

TEST_F(GoldenCli, JunitReportCountsCases) {
  write(dir_ / "pass.xml", block_label(1, 1));
  write(dir_ / "fail.xml", block_label(1, 1));
  ASSERT_EQ(run("golden --update '" + dir_.string() + "'").code, 0);
  write(dir_ / "fail.xml", block_label(2, 1));
  write(dir_ / "new.xml", block_label(3, 3));
  write(dir_ / "broken.xml",
        "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"1\"/></LABEL></PAGE>\n");

  Outcome r = run("golden --junit '" + path("report.xml") + "' '" + dir_.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has_line(r.out, "1 passed, 3 failed")) << r.out;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_file((dir_ / "report.xml").c_str()));
  pugi::xml_node suite = doc.child("testsuites").child("testsuite");
  EXPECT_EQ(suite.attribute("tests").as_int(), 4);
  EXPECT_EQ(suite.attribute("failures").as_int(), 2);
  EXPECT_EQ(suite.attribute("errors").as_int(), 1);
  int cases = 0, failures = 0, errors = 0;
  for (pugi::xml_node test : suite.children("testcase")) {
    ++cases;
    failures += !test.child("failure").empty();
    errors += !test.child("error").empty();
  }
  EXPECT_EQ(cases, 4);
  EXPECT_EQ(failures, 2);
  EXPECT_EQ(errors, 1);
  pugi::xml_node fail = suite.find_child_by_attribute("testcase", "name", "fail.xml");
  EXPECT_NE(
      std::string(fail.child("failure").attribute("message").as_string()).find("128 dots differ"),
      std::string::npos);
}

TEST_F(GoldenCli, UpdateNeverTouchesACaseWithErrors) {
  write(dir_ / "broken.xml",
        "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"1\"/></LABEL></PAGE>\n");
  Outcome r = run("golden --update '" + dir_.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has_line(r.out, "FAIL " + path("broken.xml"))) << r.out;
  EXPECT_NE(r.err.find(path("broken.xml") + ":2:"), std::string::npos) << r.err;  // FILE:LINE:COL
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
  EXPECT_TRUE(has_line(r.out, "0 passed, 1 failed")) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "broken.png"));
}

TEST_F(GoldenCli, WerrorMakesAWarningFailTheCase) {
  // The block runs 2 mm past the right edge: a clipping warning.
  write(dir_ / "warn.xml",
        "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\"><BL x=\"8\" y=\"1\" w=\"4\" "
        "h=\"1\"/></LABEL></PAGE>\n");
  Outcome plain = run("golden --update '" + dir_.string() + "'");
  EXPECT_EQ(plain.code, 0) << plain.out << plain.err;
  EXPECT_NE(plain.err.find(path("warn.xml") + ":2:"), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find(": warning: "), std::string::npos) << plain.err;

  fs::remove(dir_ / "warn.png");
  Outcome werror = run("golden --werror --update '" + dir_.string() + "'");
  EXPECT_EQ(werror.code, 1);
  EXPECT_TRUE(has_line(werror.out, "FAIL " + path("warn.xml"))) << werror.out;
  EXPECT_NE(werror.err.find(": error: "), std::string::npos) << werror.err;
  EXPECT_FALSE(fs::exists(dir_ / "warn.png"));
}

TEST_F(GoldenCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("golden '" + path("missing") + "'").code, 2);
  EXPECT_EQ(run("golden '" + dir_.string() + "'").code, 2);  // no cases in it
  EXPECT_EQ(run("golden").code, 2);
  write(dir_ / "notes.txt", "");
  EXPECT_EQ(run("golden '" + path("notes.txt") + "'").code, 2);
}

// A label of 600 x 600 mm is 23 Mpx: more than an embedded image may be (16 Mpx), but a label's
// render, which golden and diff compare. They once refused it as "not a PNG image".
TEST_F(GoldenCli, RendersLargerThanAnImageMayBeCompare) {
  write(dir_ / "big.xml",
        "<PAGE w=\"600\" l=\"600\"><LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"5\" h=\"5\"/>"
        "</LABEL></PAGE>");
  ASSERT_EQ(run("golden --update '" + path("big.xml") + "'").code, 0);
  Outcome checked = run("golden '" + path("big.xml") + "'");
  EXPECT_EQ(checked.code, 0) << checked.out << checked.err;
  Outcome same = run("diff '" + path("big.png") + "' '" + path("big.png") + "'");
  EXPECT_EQ(same.code, 0) << same.err;
  EXPECT_EQ(same.out, "identical\n");
}

TEST_F(GoldenCli, DiffComparesTwoRenders) {
  write(dir_ / "a.xml", block_label(2, 2));
  write(dir_ / "b.xml", block_label(2, 2));
  ASSERT_EQ(run("golden --update '" + dir_.string() + "'").code, 0);

  Outcome same = run("diff '" + path("a.png") + "' '" + path("b.png") + "'");
  EXPECT_EQ(same.code, 0);
  EXPECT_EQ(same.out, "identical\n");

  write(dir_ / "b.xml", block_label(2, 3));
  ASSERT_EQ(run("golden --update '" + path("b.xml") + "'").code, 0);
  Outcome differ =
      run("diff '" + path("a.png") + "' '" + path("b.png") + "' -o '" + path("d.png") + "'");
  EXPECT_EQ(differ.code, 1);
  EXPECT_EQ(differ.out, "128 dots differ in x 2..3 mm, y 2..4 mm\n");
  EXPECT_EQ(png_size(dir_ / "d.png"), std::make_pair(3 * 80 + 2 * 8, 80));
  // The diff image on standard output, the verdict then on standard error.
  Outcome piped = run("diff '" + path("a.png") + "' '" + path("b.png") + "' -o -");
  EXPECT_EQ(piped.code, 1);
  EXPECT_EQ(piped.out, slurp(dir_ / "d.png"));
  EXPECT_EQ(piped.err, "128 dots differ in x 2..3 mm, y 2..4 mm\n");

  EXPECT_EQ(run("diff '" + path("a.xml") + "' '" + path("b.png") + "'").code, 2);  // not a PNG
  EXPECT_EQ(run("diff '" + path("a.png") + "'").code, 2);
}

}  // namespace
