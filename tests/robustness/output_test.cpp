// Output files are written whole or not at all (a temporary file renamed into place): a
// failing run leaves nothing behind and never truncates an existing file.
#include "robustness.hpp"

namespace dotlabel::robust {
namespace {

const std::string kGood =
    "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\">\n<BL x=\"1\" y=\"1\" w=\"2\" h=\"2\"/>\n"
    "</LABEL>\n</PAGE>\n";
// Compiles, then fails in the renderer: label 2's PNG is cut in half.
std::string second_label_fails() {
  std::vector<std::uint8_t> png = golden_image("png");
  png.resize(png.size() / 2);
  return "<PAGE w=\"20\" l=\"10\">\n<LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"2\" h=\"2\"/></LABEL>\n"
         "<LABEL id=\"2\"><BMP x=\"1\" y=\"1\">" +
         base64_encode(png) + "</BMP></LABEL>\n</PAGE>\n";
}
const std::string kCompileError = "<PAGE w=\"10\">\n<LABEL id=\"1\"/>\n</PAGE>\n";  // no l

class Output : public CliTest {};

TEST_F(Output, RenderErrorsKeepTheExistingFile) {
  write("compile.xml", kCompileError);
  write("render.xml", second_label_fails());
  write("out.png", "precious");
  for (const char* args :
       {"render compile.xml -o out.png", "render render.xml --label 2 -o out.png",
        "render compile.xml --strip -o out.png", "render render.xml --strip -o out.png"}) {
    SCOPED_TRACE(args);
    EXPECT_EQ(run(args).exit, 1);
    EXPECT_EQ(slurp(dir_ / "out.png"), "precious");
    EXPECT_EQ(files(), (std::vector<std::string>{"compile.xml", "out.png", "render.xml"}));
  }
}

TEST_F(Output, MultiLabelRenderWritesNoLabelWhenOneFails) {
  write("multi.xml", second_label_fails());
  write("out-1.png", "precious");
  CliRun r = run("render multi.xml -o out.png");
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("multi.xml:3:15: error:"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir_ / "out-1.png"), "precious");
  EXPECT_EQ(files(), (std::vector<std::string>{"multi.xml", "out-1.png"}));
}

// Every label's file is written before any takes its place: when one cannot be written (a
// folder in the way), no label file changes.
TEST_F(Output, MultiLabelRenderIsAllOrNothingOnAWriteError) {
  write("two.xml",
        "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"2\" h=\"2\"/></LABEL>\n"
        "<LABEL id=\"2\"><BL x=\"1\" y=\"1\" w=\"2\" h=\"2\"/></LABEL>\n</PAGE>\n");
  write("out-1.png", "precious");
  fs::create_directory(dir_ / "out-2.png");
  CliRun r = run("render two.xml -o out.png");
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("out-2.png: "), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir_ / "out-1.png"), "precious");
  EXPECT_EQ(files(), (std::vector<std::string>{"out-1.png", "out-2.png", "two.xml"}));
  fs::remove(dir_ / "out-2.png");
  r = run("render two.xml -o out.png");
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, "out-1.png\nout-2.png\n");
  EXPECT_EQ(slurp(dir_ / "out-1.png").substr(1, 3), "PNG");
}

// Standard output closed by the caller: the run fails and says so. It once took the output
// spool's temporary file for standard output, wrote the images into it and succeeded; the spool
// goes to a file past 256 KB, so the labels here make ~500 KB.
TEST_F(Output, AClosedStandardOutputIsAWriteError) {
  std::string markup = "<PAGE w=\"40\" l=\"40\">\n";
  for (int i = 1; i <= 600; ++i)
    markup += "<LABEL id=\"" + std::to_string(i) + "\"><QRC x=\"1\" y=\"1\" s=\"3\">" +
              std::string(150, static_cast<char>('a' + i % 26)) + std::to_string(i) +
              "</QRC></LABEL>\n";
  write("many.xml", markup + "</PAGE>\n");
  CliRun whole = run("base64 many.xml");
  ASSERT_EQ(whole.exit, 0) << whole.err;
  ASSERT_GT(whole.out.size(), 384u << 10);
  auto closed = [&](const std::string& args) {
    std::string command =
        "cd '" + dir_.string() + "' && '" DOTLABEL_CLI "' " + args + " 2>'" + path(".stderr") + "'";
    int status = std::system(command.c_str());
    std::string err = slurp(dir_ / ".stderr");
    std::filesystem::remove(dir_ / ".stderr");
    return std::pair{WIFEXITED(status) ? WEXITSTATUS(status) : -1, err};
  };
  auto [exit, err] = closed("base64 many.xml >&-");
  EXPECT_EQ(exit, 2);
  EXPECT_NE(err.find("<stdout>: cannot write [DL0623]"), std::string::npos) << err;
  std::tie(exit, err) = closed("check - <&-");
  EXPECT_EQ(exit, 2);
  EXPECT_NE(err.find("<stdin>: read error [DL0002]"), std::string::npos) << err;
  EXPECT_EQ(files(), (std::vector<std::string>{"many.xml"}));
}

TEST_F(Output, AFailedRenameLeavesNoTemporary) {
  write("good.xml", kGood);
  fs::create_directory(dir_ / "out.png");  // rename(2) cannot replace a folder by a file
  CliRun r = run("render good.xml -o out.png");
  EXPECT_EQ(r.exit, 2);
  EXPECT_NE(r.err.find("out.png: "), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_directory(dir_ / "out.png"));
  EXPECT_EQ(files(), (std::vector<std::string>{"good.xml", "out.png"}));
  r = run("render good.xml -o missing/out.png");
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(files(), (std::vector<std::string>{"good.xml", "out.png"}));
}

TEST_F(Output, ASuccessfulRenderReplacesTheFileWhole) {
  write("good.xml", kGood);
  write("out.png", "precious");
  EXPECT_EQ(run("render good.xml -o out.png").exit, 0);
  EXPECT_EQ(slurp(dir_ / "out.png").substr(1, 3), "PNG");
  EXPECT_EQ(files(), (std::vector<std::string>{"good.xml", "out.png"}));
}

TEST_F(Output, GoldenAndDiffWriteNothingOnError) {
  fs::create_directories(dir_ / "cases");
  write("cases/broken.xml", kCompileError);
  CliRun r = run("golden cases --out diffs");
  EXPECT_EQ(r.exit, 1);
  EXPECT_FALSE(fs::exists(dir_ / "cases" / "broken.png"));
  EXPECT_FALSE(fs::exists(dir_ / "diffs" / "broken.diff.png"));

  write("d.png", "precious");
  write("not.png", "not a PNG");
  r = run("diff not.png not.png -o d.png");
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(slurp(dir_ / "d.png"), "precious");
}

}  // namespace
}  // namespace dotlabel::robust
