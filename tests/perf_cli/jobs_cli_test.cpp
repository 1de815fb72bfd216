// `dotlabel base64` and `dotlabel render` with --jobs: the same bytes on any number of threads,
// in label order, and still nothing written when a label fails the run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "batch_markup.hpp"
#include "cli_test.hpp"

namespace dotlabel {
namespace {

namespace fs = std::filesystem;

// `count` labels; label `clipped` (if any) overflows a TEXT (a warning).
std::string labels(int count, int clipped = 0) {
  return test::batch_labels(count, [clipped](int i) { return i == clipped; });
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

using test::CliRun;
using test::slurp;
using Jobs = test::CliTest;

TEST_F(Jobs, Base64IsTheSameOnAnyNumberOfThreads) {
  write("a.xml", labels(40, 9));
  CliRun one = run("base64 --jobs 1 a.xml");
  ASSERT_EQ(one.exit, 0) << one.err;
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 40);
  for (const char* jobs : {"--jobs 2", "--jobs 3", "-j 8", ""}) {
    CliRun many = run(std::string("base64 ") + jobs + " a.xml");
    EXPECT_EQ(many.exit, 0) << jobs;
    EXPECT_TRUE(many.out == one.out) << jobs << ": output differs from --jobs 1";
    EXPECT_EQ(many.err, one.err) << jobs;  // the warning of label 9, once
  }
  EXPECT_NE(one.err.find("[DL0410]"), std::string::npos) << one.err;
}

TEST_F(Jobs, RenderWritesTheSameFilesOnAnyNumberOfThreads) {
  write("a.xml", labels(12));
  ASSERT_EQ(fs::create_directories(dir_ / "one") && fs::create_directories(dir_ / "two"), true);
  CliRun one = run("render --jobs 1 a.xml -o one/l.png");
  CliRun two = run("render --jobs 2 a.xml -o two/l.png");
  ASSERT_EQ(one.exit, 0) << one.err;
  ASSERT_EQ(two.exit, 0) << two.err;
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 12);
  for (int i = 1; i <= 12; ++i) {
    std::string name = "l-" + std::to_string(i) + ".png";
    std::string a = slurp(dir_ / "one" / name), b = slurp(dir_ / "two" / name);
    EXPECT_FALSE(a.empty()) << name;
    EXPECT_TRUE(a == b) << name;
  }
  // Paths are printed in label order as with one thread.
  std::string expected;
  for (int i = 1; i <= 12; ++i) expected += "two/l-" + std::to_string(i) + ".png\n";
  EXPECT_EQ(two.out, expected);
}

// More output than the spool keeps in memory (it goes to a temporary file and is read back
// through the memory part): still in order, and each line is what its label alone gives.
TEST_F(Jobs, LongRunsSpillInOrder) {
  const std::string xml = labels(2500);
  write("a.xml", xml);
  CliRun one = run("base64 -j 1 a.xml");
  CliRun two = run("base64 -j 2 a.xml");
  ASSERT_EQ(one.exit, 0) << one.err;
  EXPECT_GT(one.out.size(), 2u << 20);
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 2500);
  EXPECT_TRUE(one.out == two.out);
  const std::vector<std::string> xml_lines = lines(xml), out_lines = lines(one.out);
  ASSERT_EQ(out_lines.size(), 2500u);
  // Line 1 + k of the markup is label k; the first from memory, the others from the file.
  for (int k : {1, 1300, 2500}) {
    write("alone.xml", xml_lines.front() + "\n" + xml_lines[k] + "\n" + xml_lines.back() + "\n");
    CliRun alone = run("base64 -j 1 alone.xml");
    ASSERT_EQ(alone.exit, 0) << alone.err;
    EXPECT_EQ(alone.out, out_lines[k - 1] + "\n") << "label " << k;
  }
}

// A late label that fails the run (--werror) still means nothing is written, whatever the
// threads had encoded before.
TEST_F(Jobs, AFailingLabelWritesNothing) {
  write("a.xml", labels(30, 28));
  for (const char* jobs : {"-j 1", "-j 2"}) {
    CliRun r = run(std::string("base64 --werror ") + jobs + " a.xml");
    EXPECT_EQ(r.exit, 1) << jobs;
    EXPECT_EQ(r.out, "") << jobs;
    EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
    r = run(std::string("render --werror ") + jobs + " a.xml -o out.png");
    EXPECT_EQ(r.exit, 1) << jobs;
    EXPECT_FALSE(fs::exists(dir_ / "out-1.png")) << jobs;
  }
  EXPECT_EQ(run("base64 -j -1 a.xml").exit, 2);  // a usage error
}

// Labels are drawn one at a time, each loading the fonts it needs: a missing font file is
// still reported once, at the first element that needs it, as for a single label.
TEST_F(Jobs, AMissingFontFileIsReportedOnce) {
  write("one.xml", labels(1));
  write("many.xml", labels(40));
  ::setenv("DOTLABEL_FONT_DIR", "/nonexistent/dotlabel-fonts", 1);
  CliRun one = run("base64 one.xml");
  CliRun many = run("base64 -j 2 many.xml");
  ::unsetenv("DOTLABEL_FONT_DIR");
  EXPECT_EQ(one.exit, 1);
  EXPECT_EQ(many.exit, 1);
  EXPECT_EQ(many.out, "");
  auto font_lines = [](const std::string& err, const std::string& file) {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);)
      if (line.find("[DL0400]") != std::string::npos) lines.push_back(line.substr(file.size()));
    return lines;
  };
  std::vector<std::string> expected = font_lines(one.err, "one.xml");
  EXPECT_GE(expected.size(), 2u) << one.err;  // the CJK and the f=3 font files
  EXPECT_EQ(font_lines(many.err, "many.xml"), expected) << many.err;
}

}  // namespace
}  // namespace dotlabel
