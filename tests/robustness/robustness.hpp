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

#include "cli_test.hpp"
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

using test::slurp;

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

using test::CliRun;
using test::CliTest;

}  // namespace dotlabel::robust
