// `dotlabel check` (docs/cli.md): exit codes, text and JSON diagnostics, stdin, several files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;

// Per process: ctest runs each test in a process of its own, in parallel.
fs::path scratch() {
  fs::path dir =
      fs::temp_directory_path() / ("dotlabel_check_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

struct CliRun {
  int exit_code;
  std::string err;
};

// Runs the tool with `arguments` (shell syntax); stderr is captured, stdout discarded.
CliRun check(const std::string& arguments, const std::string& stdin_text = {}) {
  fs::path err_file = scratch() / "check.err";
  fs::path in_file = scratch() / "check.in";
  std::ofstream(in_file, std::ios::binary) << stdin_text;
  std::string command = std::string(DOTLABEL_CLI) + " check " + arguments + " <'" +
                        in_file.string() + "' 2>'" + err_file.string() + "' >/dev/null";
  int status = std::system(command.c_str());
  std::ifstream in(err_file, std::ios::binary);
  std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, err};
}

class CheckCli : public ::testing::Test {
 protected:
  fs::path write(const std::string& name, const std::string& markup) {
    fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << markup;
    return path;
  }
  void SetUp() override { fs::create_directories(dir_); }
  void TearDown() override { fs::remove_all(scratch()); }
  fs::path dir_ = scratch() / "files";
};

const std::string kGood =
    "<PAGE w=\"50\" l=\"30\">\n<LABEL id=\"1\">\n<TEXT x=\"1\" "
    "y=\"1\">ok</TEXT>\n</LABEL>\n</PAGE>\n";
const std::string kWarning =
    "<PAGE w=\"50\" l=\"30\">\n<LABEL id=\"1\">\n<TEXT x=\"1\" y=\"1\" "
    "f=\"0\">ok</TEXT>\n</LABEL>\n</PAGE>\n";
const std::string kError =
    "<PAGE w=\"50\" l=\"30\">\n<LABEL id=\"1\">\n<TEXT x=\"1e9\" "
    "y=\"1\">ok</TEXT>\n</LABEL>\n</PAGE>\n";

TEST_F(CheckCli, ValidFileExitsZeroSilently) {
  CliRun run = check(write("good.xml", kGood).string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.err, "");
}

TEST_F(CheckCli, ErrorInTextFormat) {
  fs::path file = write("bad.xml", kError);
  CliRun run = check(file.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.substr(0, run.err.find('\n')),
            file.string() + ":3:10: error: TEXT attribute x=\"1e9\" is not a number [DL0203]");
  EXPECT_NE(run.err.find("\n  hint: "), std::string::npos);
}

TEST_F(CheckCli, WarningsPassUnlessWerror) {
  fs::path file = write("warn.xml", kWarning);
  CliRun run = check(file.string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.err.find(":3:22: warning: "), std::string::npos) << run.err;
  run = check("--werror " + file.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(":3:22: error: "), std::string::npos) << run.err;
}

TEST_F(CheckCli, JsonFormat) {
  fs::path file = write("bad.xml", kError);
  CliRun run = check("--diagnostics json " + file.string());
  EXPECT_EQ(run.exit_code, 1);
  nlohmann::json array = nlohmann::json::parse(run.err);
  ASSERT_TRUE(array.is_array());
  ASSERT_EQ(array.size(), 1u);
  EXPECT_EQ(array[0]["file"], file.string());
  EXPECT_EQ(array[0]["line"], 3);
  EXPECT_EQ(array[0]["column"], 10);
  EXPECT_EQ(array[0]["severity"], "error");
  EXPECT_EQ(array[0]["code"], "DL0203");
  EXPECT_TRUE(array[0].contains("message"));
  EXPECT_TRUE(array[0].contains("hint"));
  // No diagnostics: an empty array.
  run = check("--diagnostics json " + write("good.xml", kGood).string());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(run.err), nlohmann::json::array());
}

TEST_F(CheckCli, StandardInput) {
  CliRun run = check("-", kError);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err.rfind("<stdin>:3:10: error: ", 0), 0u) << run.err;
  EXPECT_EQ(check("-", kGood).exit_code, 0);
}

TEST_F(CheckCli, SeveralFilesAreAllChecked) {
  fs::path good = write("good.xml", kGood), bad = write("bad.xml", kError),
           warn = write("warn.xml", kWarning);
  CliRun run = check(bad.string() + " " + good.string() + " " + warn.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(bad.string() + ":3:10: error"), std::string::npos);
  EXPECT_NE(run.err.find(warn.string() + ":3:22: warning"), std::string::npos);
  EXPECT_EQ(check(good.string() + " " + warn.string()).exit_code, 0);
  run = check("--diagnostics json " + bad.string() + " " + warn.string());
  EXPECT_EQ(nlohmann::json::parse(run.err).size(), 2u);
}

TEST_F(CheckCli, CrlfInputGivesTheSameLineAndColumn) {
  std::string crlf;
  for (char c : kError) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CliRun run = check(write("crlf.xml", crlf).string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(":3:10: error: "), std::string::npos) << run.err;
}

TEST_F(CheckCli, MissingFileIsAnIoError) {
  fs::path good = write("good.xml", kGood);
  CliRun run = check((dir_ / "missing.xml").string() + " " + good.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("missing.xml"), std::string::npos);
  EXPECT_NE(run.err.find("[DL0002]"), std::string::npos);
  // An I/O error outranks input errors.
  EXPECT_EQ(
      check((dir_ / "missing.xml").string() + " " + write("bad.xml", kError).string()).exit_code,
      2);
}

TEST_F(CheckCli, UsageErrors) {
  EXPECT_EQ(check("").exit_code, 2);  // no FILE
  EXPECT_EQ(check("--diagnostics xml " + write("good.xml", kGood).string()).exit_code, 2);
  EXPECT_EQ(check("--no-such-option " + write("good.xml", kGood).string()).exit_code, 2);
}

TEST_F(CheckCli, ReceiptDialectIsOneError) {
  fs::path file =
      fs::path(DOTLABEL_SOURCE_DIR) / "tests/corpus/vendor/xpyun-open-demo-go-printLabel.xml";
  CliRun run = check(file.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '['), 1) << run.err;
  EXPECT_NE(run.err.find("[DL0008]"), std::string::npos);
}

}  // namespace
