// What every validation step shares for one compile: the source map, the limits and the
// diagnostics being collected. One per compile() call: the compiler has no global state.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "diagnostic_cap.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/limits.hpp"
#include "source_map.hpp"

namespace dotlabel {

class Placeholders;

class Context {
 public:
  Context(const SourceMap& map, const Limits& limits, std::string file, Diagnostics& diagnostics)
      : map_(map), limits_(limits), file_(std::move(file)), diagnostics_(diagnostics) {}

  const SourceMap& map() const { return map_; }
  const Limits& limits() const { return limits_; }
  const std::string& file() const { return file_; }
  bool dropped() const { return cap_.dropped(); }  // past kMaxDiagnostics
  // With this context's own guess at the line: contexts lowering labels on several threads
  // would otherwise overwrite one shared guess and each search 80,000 lines for a big batch.
  SourcePos position(std::size_t offset) const { return map_.position(offset, line_hint_); }
  // The line (0-based) position() tries first, and the line of its last answer: a context
  // that follows another through the text starts where that one ended.
  void start_at_line(std::size_t line) { line_hint_ = line; }
  std::size_t line_hint() const { return line_hint_; }
  // Set while a template is scanned or filled in (placeholders.hpp); null otherwise.
  Placeholders* placeholders() const { return placeholders_; }
  void set_placeholders(Placeholders* placeholders) { placeholders_ = placeholders; }

  // Past kMaxDiagnostics, diagnostics are counted but not kept (see finish()): a hostile file
  // with a problem in each of 100,000 elements costs bounded memory and output.
  void report(Severity severity, std::string_view code, SourcePos pos, std::string message,
              std::string hint = {}) {
    if (!cap_.keep(severity, severity == Severity::error)) return;
    diagnostics_.push_back(
        {file_, pos, severity, std::string(code), std::move(message), std::move(hint)});
  }
  void error(std::string_view code, SourcePos pos, std::string message, std::string hint = {}) {
    report(Severity::error, code, pos, std::move(message), std::move(hint));
  }
  void warning(std::string_view code, SourcePos pos, std::string message, std::string hint = {}) {
    report(Severity::warning, code, pos, std::move(message), std::move(hint));
  }
  void note(std::string_view code, SourcePos pos, std::string message, std::string hint = {}) {
    report(Severity::note, code, pos, std::move(message), std::move(hint));
  }

  // Adds the summary of what report() left out, as severe as the worst of it.
  void finish() {
    if (std::optional<Diagnostic> summary = cap_.summary(file_))
      diagnostics_.push_back(std::move(*summary));
  }

 private:
  DiagnosticCap cap_;
  const SourceMap& map_;
  const Limits& limits_;
  std::string file_;
  Diagnostics& diagnostics_;
  Placeholders* placeholders_ = nullptr;
  mutable std::size_t line_hint_ = 0;  // position()'s last answer's line
};

// A user's name or value cut to a few dozen characters, so that a megabyte attribute cannot
// flood the terminal; quote() also puts it in double quotes.
std::string shorten(std::string_view text);
std::string quote(std::string_view value);

// The BOM is not part of the text: columns on line 1 count from after it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Diagnostics in source order (line, then column), as compile() returns them.
inline void sort_by_position(Diagnostics& diagnostics) {
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
      });
}

}  // namespace dotlabel
