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

}  // namespace dotlabel
