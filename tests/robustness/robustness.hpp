// Shared helpers of the robustness tests: markup builders, the public pipeline, the CLI.
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
#include <string_view>
#include <vector>

#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::robust {

namespace fs = std::filesystem;

// A 100 x 60 mm page with one label; `body` starts on line 3, column 1.
inline std::string in_label(std::string_view body) {
  return "<PAGE w=\"100\" l=\"60\">\n<LABEL id=\"1\">\n" + std::string(body) +
         "\n</LABEL>\n</PAGE>\n";
}

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The image inside golden/bmp/NAME.xml, decoded.
inline std::vector<std::uint8_t> golden_image(const std::string& name) {
  std::string xml = slurp(fs::path(DOTLABEL_SOURCE_DIR) / "golden" / "bmp" / (name + ".xml"));
  std::size_t open = xml.find('>', xml.find("<BMP")) + 1;
  std::size_t close = xml.find("</BMP>", open);
  return base64_decode(xml.substr(open, close - open)).value_or(std::vector<std::uint8_t>{});
}

// Markup through the public API as the CLI's render runs it: compile, then (when the IR is
// produced) render with the default limits. Every diagnostic of both stages.
inline Diagnostics pipeline(const std::string& markup, const std::string& file_name = "<input>") {
  CompileOptions options;
  options.file_name = file_name;
  CompileResult compiled = compile(markup, options);
  if (!compiled.ok()) return compiled.diagnostics;
  static const Renderer renderer;
  RenderResult rendered = renderer.render(*compiled.document);
  Diagnostics all = std::move(compiled.diagnostics);
  for (Diagnostic& d : rendered.diagnostics) all.push_back(std::move(d));
  return all;
}

// "CODE LINE:COLUMN" of every error, for exact assertions.
inline std::vector<std::string> errors(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::error)
      out.push_back(d.code + " " + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column));
  return out;
}

struct CliRun {
  int exit = -1;
  std::string out, err;
};

// A scratch folder per test, and the CLI run inside it.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "-" + info->name();
    for (char& c : name)
      if (c == '/') c = '-';
    dir_ =
        fs::temp_directory_path() / ("dotlabel-robust-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& contents) const {
    std::ofstream(dir_ / name, std::ios::binary) << contents;
    return path(name);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  CliRun run(const std::string& args) const {
    std::string command = "cd '" + dir_.string() + "' && '" DOTLABEL_CLI "' " + args + " >'" +
                          path(".stdout") + "' 2>'" + path(".stderr") + "'";
    int status = std::system(command.c_str());
    CliRun r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir_ / ".stdout");
    r.err = slurp(dir_ / ".stderr");
    fs::remove(dir_ / ".stdout");
    fs::remove(dir_ / ".stderr");
    return r;
  }

  // Every file name in the folder, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
};

}  // namespace dotlabel::robust
