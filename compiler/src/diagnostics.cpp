#include "dotlabel/diagnostics.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace dotlabel {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string format_text(const Diagnostic& d) {
  std::string out = d.file;
  // A line without a column (a row of a data file) is written FILE:LINE, as compilers do.
  out += ':' + std::to_string(d.pos.line);
  if (d.pos.column > 0 || d.pos.line == 0) out += ':' + std::to_string(d.pos.column);
  out += ": ";
  out += to_string(d.severity);
  out += ": " + d.message + " [" + d.code + "]";
  if (!d.hint.empty()) out += "\n  hint: " + d.hint;
  return out;
}

std::string format_json(const Diagnostics& diagnostics) {
  nlohmann::json array = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics) {
    array.push_back({{"file", d.file},
                     {"line", d.pos.line},
                     {"column", d.pos.column},
                     {"severity", to_string(d.severity)},
                     {"code", d.code},
                     {"message", d.message},
                     {"hint", d.hint}});
  }
  // Replace, not throw, on invalid UTF-8: a message may quote the user's broken bytes.
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace dotlabel
