// Diagnostics: what every stage reports to the user, with a stable code and a source position.
// They are how the library reports bad input (docs/api.md). Every function here is pure,
// thread-safe and throws nothing but std::bad_alloc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/export.hpp"

namespace dotlabel {

enum class Severity { note, warning, error };

// "note", "warning", "error".
DOTLABEL_API std::string_view to_string(Severity severity);

// A position in the markup: 1-based line and column; the column counts characters (code
// points), not bytes. 0/0 means "the whole file" (e.g. an I/O error).
struct SourcePos {
  int line = 0;
  int column = 0;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

struct Diagnostic {
  std::string file;  // as the user named it; "-" or "<stdin>" for standard input
  SourcePos pos;
  Severity severity = Severity::error;
  std::string code;  // stable: "DL" + digits, see docs/diagnostics.md
  std::string message;
  std::string hint;  // may be empty
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = std::vector<Diagnostic>;

// Whether any diagnostic has Severity::error.
DOTLABEL_API bool has_errors(const Diagnostics& diagnostics);

// At most 1000 of `diagnostics` (the cap every run applies, docs/diagnostics.md DL0010), in
// order: past the 1000 only the first error is still listed, when none before it was one; the
// rest, and what an earlier cap left out (a compile's DL0010), are counted in one DL0010 line
// at the end, as severe as the worst of them.
DOTLABEL_API Diagnostics capped(Diagnostics diagnostics);

// "FILE:LINE:COL: error: MESSAGE [CODE]" (+ "\n  hint: ..." when there is a hint), the
// format editors parse.
DOTLABEL_API std::string format_text(const Diagnostic& diagnostic);

// A JSON array of {file, line, column, severity, code, message, hint}; invalid UTF-8 in a
// message is replaced, so the output is always valid JSON.
DOTLABEL_API std::string format_json(const Diagnostics& diagnostics);

}  // namespace dotlabel
