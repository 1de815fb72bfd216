#include "diagnostic_cap.hpp"

#include <charconv>

#include "diagnostic_codes.hpp"

namespace dotlabel {

Diagnostic not_shown(std::string file, std::size_t count, Severity worst) {
  return {std::move(file),
          {0, 0},
          worst,
          std::string(codes::kTooManyDiagnostics),
          std::to_string(count) + " more diagnostics not shown (at most " +
              std::to_string(kMaxDiagnostics) + " are listed)",
          "fix the first ones and check again"};
}

std::size_t not_shown_count(const Diagnostic& d) {
  if (d.code != std::string_view(codes::kTooManyDiagnostics)) return 0;
  std::size_t count = 0;
  const char* end = d.message.data() + d.message.size();
  if (std::from_chars(d.message.data(), end, count).ec != std::errc{}) return 0;
  return count;
}

Diagnostics capped(Diagnostics diagnostics) {
  DiagnosticCap cap;
  Diagnostics listed;
  std::string file;
  for (Diagnostic& d : diagnostics) {
    if (file.empty()) file = d.file;
    if (std::size_t count = not_shown_count(d))
      cap.drop(count, d.severity);
    else if (cap.keep(d.severity, d.severity == Severity::error))
      listed.push_back(std::move(d));
  }
  if (std::optional<Diagnostic> summary = cap.summary(std::move(file)))
    listed.push_back(std::move(*summary));
  return listed;
}

}  // namespace dotlabel
