// Shared helpers of the compiler tests.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"

namespace dotlabel::test {

// A 100 x 60 mm page with one label; `body` starts on line 3, column 1.
inline std::string in_label(std::string_view body) {
  return "<PAGE w=\"100\" l=\"60\">\n<LABEL id=\"1\">\n" + std::string(body) +
         "\n</LABEL>\n</PAGE>\n";
}

inline CompileResult run(std::string_view markup) {
  return compile(markup, {});
}

// The diagnostics with `code`, as "SEVERITY LINE:COL" strings, for compact assertions.
inline std::vector<std::string> found(const CompileResult& result, std::string_view code) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics)
    if (d.code == code)
      out.push_back(std::string(to_string(d.severity)) + " " + std::to_string(d.pos.line) + ":" +
                    std::to_string(d.pos.column));
  return out;
}

// A scratch directory of this test process: ctest runs tests in parallel processes.
// It is removed when the process exits.
inline std::filesystem::path scratch_dir() {
  struct Scratch {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("dotlabel_compiler_test_" + std::to_string(::getpid()));
    Scratch() { std::filesystem::create_directories(dir); }
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  };
  static const Scratch scratch;
  return scratch.dir;
}

// Whether `xmllint --schema schema/dotlabel.xsd` accepts the markup.
inline bool xmllint_accepts(const std::string& markup) {
  std::filesystem::path file = scratch_dir() / "xmllint_input.xml";
  std::ofstream(file, std::ios::binary) << markup;
  std::string command = "xmllint --noout --schema '" DOTLABEL_SOURCE_DIR "/schema/dotlabel.xsd' '" +
                        file.string() + "' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

inline std::string all_codes(const CompileResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += d.code + " " + d.message + "\n";
  return out;
}

}  // namespace dotlabel::test
