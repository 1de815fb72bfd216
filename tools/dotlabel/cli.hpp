// Shared pieces of the command-line tool: exit codes, diagnostics printing, output files.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel::cli {

// Exit status contract (docs/cli.md).
enum Exit : int { kOk = 0, kInputError = 1, kUsageError = 2 };

// Each command registers itself on the app and, when it is chosen, stores its action here.
using Action = std::function<int()>;

struct DiagnosticOptions {
  std::string format = "text";  // text | json
  bool werror = false;
};
void add_diagnostic_options(CLI::App& command, DiagnosticOptions& options);

// Collects diagnostics of a run. Text is printed to stderr as it comes; JSON is printed once,
// as one array, when the printer is destroyed.
class DiagnosticPrinter {
 public:
  explicit DiagnosticPrinter(const DiagnosticOptions& options) : options_(options) {}
  ~DiagnosticPrinter();
  DiagnosticPrinter(const DiagnosticPrinter&) = delete;
  DiagnosticPrinter& operator=(const DiagnosticPrinter&) = delete;

  // Prints (or queues) them; returns true when they fail the run: an error, or with --werror
  // a warning (which is then reported as an error).
  bool report(Diagnostics diagnostics);

 private:
  const DiagnosticOptions& options_;
  Diagnostics pending_json_;
};

// Reads a whole file or, for "-", standard input, refusing more than max_bytes.
// Returns false and sets `error` on failure.
bool read_input(const std::string& path, std::size_t max_bytes, std::string& contents,
                std::string& error);

// Reads label markup for compile(): at most max_bytes + 1 bytes, so that an oversized file is
// the compiler's input error (DL0005, exit 1) and not an I/O error. Fails only on I/O errors.
bool read_markup(const std::string& path, std::size_t max_bytes, std::string& contents,
                 std::string& error);

// Writes the whole file or nothing: a temporary file in the same folder, then rename. "-"
// writes to standard output. Returns false and sets `error` on failure.
bool write_output(const std::string& path, std::span<const std::uint8_t> bytes, std::string& error);

// Several files all or nothing: add() writes each to a temporary file next to it (nothing
// held in memory) and only commit() renames them into place, so a failure while writing any
// of them (disk full, a folder in the way) leaves every existing file as it was. Temporaries
// not committed are removed.
class StagedOutputs {
 public:
  StagedOutputs() = default;
  ~StagedOutputs();
  StagedOutputs(const StagedOutputs&) = delete;
  StagedOutputs& operator=(const StagedOutputs&) = delete;

  bool add(const std::string& path, std::span<const std::uint8_t> bytes, std::string& error);
  bool commit(std::string& error);

 private:
  std::vector<std::pair<std::string, std::string>> staged_;  // temporary, final path
};

// A usage/I-O failure: prints "dotlabel: MESSAGE" to stderr, returns kUsageError.
int fail(const std::string& message);

// The cores this process may run on (taskset, cgroup cpusets), at least 1.
int available_cores();

}  // namespace dotlabel::cli
