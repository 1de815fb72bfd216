// The fixture of the suites that run build/bin/dotlabel (test targets built with the CLI
// flag): a scratch folder per test, files written into it, the tool run inside it with its
// exit status, stdout and stderr captured.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dotlabel::test {

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CliRun {
  int exit = -1;
  std::string out, err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    for (char& c : name)
      if (c == '/') c = '-';
    // The pid keeps parallel ctest runs of the same test binary apart.
    dir_ = std::filesystem::temp_directory_path() /
           ("dotlabel-cli-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& contents) const {
    std::ofstream(dir_ / name, std::ios::binary) << contents;
    return path(name);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // `dotlabel ARGS` run by the shell inside the scratch folder (`binary`: a copy of it).
  CliRun run(const std::string& args, const std::string& binary = DOTLABEL_CLI) const {
    std::string command = "cd '" + dir_.string() + "' && '" + binary + "' " + args + " >'" +
                          path(".stdout") + "' 2>'" + path(".stderr") + "'";
    int status = std::system(command.c_str());
    CliRun r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir_ / ".stdout");
    r.err = slurp(dir_ / ".stderr");
    std::filesystem::remove(dir_ / ".stdout");
    std::filesystem::remove(dir_ / ".stderr");
    return r;
  }

  // Every file name in the scratch folder, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  std::filesystem::path dir_;
};

}  // namespace dotlabel::test
