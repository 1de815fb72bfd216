// Output files are written whole or not at all (a temporary file renamed into place): a
// failing run leaves nothing behind and never truncates an existing file.
#include <fcntl.h>
#include <sys/stat.h>

#include <iterator>
#include <thread>

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

// A symbolic link is written through: the file it names gets the image and the link stays,
// also when that file is not there yet.
TEST_F(Output, ALinkIsWrittenThrough) {
  write("good.xml", kGood);
  fs::create_directory(dir_ / "real");
  write("real/label.png", "old");
  fs::create_symlink("real/label.png", dir_ / "link.png");
  fs::create_symlink("real/new.png", dir_ / "dangling.png");
  for (const char* args : {"render good.xml -o link.png", "render good.xml -o dangling.png"}) {
    CliRun r = run(args);
    EXPECT_EQ(r.exit, 0) << args << r.err;
  }
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.png"));
  EXPECT_TRUE(fs::is_symlink(dir_ / "dangling.png"));
  EXPECT_EQ(slurp(dir_ / "real" / "label.png").substr(1, 3), "PNG");
  EXPECT_EQ(slurp(dir_ / "real" / "new.png").substr(1, 3), "PNG");
  EXPECT_EQ(files(), (std::vector<std::string>{"dangling.png", "good.xml", "link.png", "real"}));
}

// A FIFO cannot be replaced by a rename: it is opened and written, as the shell's `>` does, and
// stays a FIFO. It once was replaced by a regular file, and the reader got nothing.
TEST_F(Output, AFifoIsWrittenInPlace) {
  write("good.xml", kGood);
  const fs::path fifo = dir_ / "printer";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const char* args : {"tspl good.xml -o printer", "render good.xml -o printer.png"}) {
    SCOPED_TRACE(args);
    const fs::path path = std::string(args).ends_with(".png") ? dir_ / "printer.png" : fifo;
    if (path != fifo) {
      ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    }
    std::string got;
    std::thread reader([&] {
      std::ifstream in(path, std::ios::binary);  // opening waits for the writer
      got.assign(std::istreambuf_iterator<char>(in), {});
    });
    CliRun r = run(args);
    // A run that failed before opening the FIFO leaves the reader waiting: release it.
    if (int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK); fd >= 0) ::close(fd);
    reader.join();
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_TRUE(fs::is_fifo(path));
    EXPECT_EQ(got.substr(0, path == fifo ? 5 : 4), path == fifo ? "SIZE " : "\x89PNG");
  }
}

// A command's own input is never its output: not by name, a link or a second hard link.
TEST_F(Output, AnInputIsNeverTheOutput) {
  write("in.xml", kGood);
  fs::create_symlink("in.xml", dir_ / "link.xml");
  fs::create_hard_link(dir_ / "in.xml", dir_ / "hard.png");
  ASSERT_EQ(run("render in.xml -o a.png").exit, 0);
  ASSERT_EQ(run("render in.xml -o b.png").exit, 0);
  const std::string a = slurp(dir_ / "a.png");
  for (const char* args :
       {"tspl in.xml -o in.xml", "escpos in.xml -o link.xml", "print in.xml --to file:in.xml",
        "render in.xml -o hard.png", "render in.xml --strip -o hard.png",
        "render in.xml --logo a.png -o a.png", "diff a.png b.png -o a.png"}) {
    SCOPED_TRACE(args);
    CliRun r = run(args);
    // `print` fails as a printer that cannot be reached does (docs/printing.md).
    EXPECT_EQ(r.exit, std::string_view(args).starts_with("print") ? 1 : 2) << r.err;
    EXPECT_NE(r.err.find("is an input of this run"), std::string::npos) << r.err;
    EXPECT_EQ(slurp(dir_ / "in.xml"), kGood);
    EXPECT_EQ(slurp(dir_ / "a.png"), a);
  }
  EXPECT_EQ(files(),
            (std::vector<std::string>{"a.png", "b.png", "hard.png", "in.xml", "link.xml"}));
}

// What a command prints on standard output must reach it: the list of files `render` wrote,
// help, the version. They once exited 0 into a full disk.
TEST_F(Output, AFullStandardOutputFailsTheRun) {
  write("two.xml",
        "<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"2\" h=\"2\"/></LABEL>\n"
        "<LABEL id=\"2\"><BL x=\"1\" y=\"1\" w=\"2\" h=\"2\"/></LABEL>\n</PAGE>\n");
  for (const char* args : {"render two.xml -o out.png", "--help", "--version", "render --help"}) {
    SCOPED_TRACE(args);
    std::string command = "cd '" + dir_.string() + "' && '" DOTLABEL_CLI "' " + args +
                          " >/dev/full 2>'" + path("err") + "'";
    int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_NE(slurp(dir_ / "err").find("cannot write to standard output"), std::string::npos);
  }
}

}  // namespace
}  // namespace dotlabel::robust
