// The cap on the diagnostics listed, and the DL0010 line that stands for those past it. A
// compile caps its own; a run (pipeline/src/run.cpp) caps everything it reports and folds a
// compile's DL0010 into its own count, so that a run lists at most kMaxDiagnostics (and its
// first error, when none of those was one) and ends with one DL0010 line (docs/cli.md). The line is
// written and read back here only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel {

inline constexpr std::size_t kMaxDiagnostics = 1000;

// The summary of `count` diagnostics of `file` left out, as severe as the worst of them, at 0:0
// (the file as a whole).
Diagnostic not_shown(std::string file, std::size_t count, Severity worst);

// How many diagnostics a not_shown() line stands for; 0 for any other diagnostic.
std::size_t not_shown_count(const Diagnostic& d);

// Which diagnostics are listed: the first kMaxDiagnostics, and past them the first one that
// fails the run when none listed did, so that a flood of warnings never hides the one error
// that made the run fail. The others are counted for the not_shown() line.
class DiagnosticCap {
 public:
  // Whether to list a diagnostic of `severity` that fails the run or not (`fails`); if not, it
  // is counted.
  bool keep(Severity severity, bool fails) {
    if (kept_ < kMaxDiagnostics || (fails && !failure_listed_)) {
      ++kept_;
      failure_listed_ = failure_listed_ || fails;
      return true;
    }
    drop(1, severity);
    return false;
  }
  // Counts `count` diagnostics left out elsewhere (a compile's DL0010), as severe as `worst`.
  void drop(std::size_t count, Severity worst) {
    dropped_ += count;
    if (worst > worst_) worst_ = worst;
  }
  bool dropped() const { return dropped_ > 0; }
  // The not_shown() line for what was left out, if anything was.
  std::optional<Diagnostic> summary(std::string file) const {
    if (dropped_ == 0) return std::nullopt;
    return not_shown(std::move(file), dropped_, worst_);
  }

 private:
  std::size_t kept_ = 0, dropped_ = 0;
  Severity worst_ = Severity::note;
  bool failure_listed_ = false;
};

}  // namespace dotlabel
