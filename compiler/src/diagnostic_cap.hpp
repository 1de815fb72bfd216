// The cap on the diagnostics listed, and the DL0010 line that stands for those past it. A
// compile caps its own; a run (pipeline/src/run.cpp) caps everything it reports and folds a
// compile's DL0010 into its own count, so that a run lists at most kMaxDiagnostics and ends
// with one DL0010 line (docs/cli.md). The line is written and read back here only.
#pragma once

#include <cstddef>
#include <string>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel {

inline constexpr std::size_t kMaxDiagnostics = 1000;

// The summary of `count` diagnostics of `file` left out, as severe as the worst of them, at 0:0
// (the file as a whole).
Diagnostic not_shown(std::string file, std::size_t count, Severity worst);

// How many diagnostics a not_shown() line stands for; 0 for any other diagnostic.
std::size_t not_shown_count(const Diagnostic& d);

}  // namespace dotlabel
