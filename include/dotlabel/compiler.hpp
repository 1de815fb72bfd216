// The compiler: markup text -> validated IR + diagnostics. Never draws, does no I/O beyond
// reading its input.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"

namespace dotlabel {

struct CompileOptions {
  std::string file_name = "<input>";  // used in diagnostics
  Limits limits;
};

struct CompileResult {
  std::optional<ir::Document> document;  // present when there is no error
  Diagnostics diagnostics;
  bool ok() const { return document.has_value(); }
};

CompileResult compile(std::string_view markup, const CompileOptions& options = {});

// Reads the file (bounded by limits.max_input_bytes); "-" reads standard input. An I/O
// failure is an error diagnostic with code DL0002 at 0:0.
CompileResult compile_file(const std::filesystem::path& path, CompileOptions options = {});

}  // namespace dotlabel
