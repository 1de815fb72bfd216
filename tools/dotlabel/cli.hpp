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
#include "dotlabel/pipeline.hpp"

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
  // report() for a run's diagnostics.
  DiagnosticSink sink() {
    return [this](Diagnostics diagnostics) { report(std::move(diagnostics)); };
  }

 private:
  const DiagnosticOptions& options_;
  Diagnostics pending_json_;
};

// Reads a whole file or, for "-", standard input, refusing more than max_bytes
// (dotlabel::read_input). Returns false and sets `error` on failure.
bool read_input(const std::string& path, std::size_t max_bytes, std::string& contents,
                std::string& error);

// Reads label markup for compile() (dotlabel::read_markup): an oversized file is the
// compiler's input error (DL0005, exit 1). Fails only on I/O errors.
bool read_markup(const std::string& path, std::size_t max_bytes, std::string& contents,
                 std::string& error);

// Writes the whole file or nothing (dotlabel::write_file_atomically), never one of the command's
// `inputs`; "-" writes to standard output. Returns false and sets `error` on failure.
bool write_output(const std::string& path, std::span<const std::uint8_t> bytes,
                  const std::vector<std::string>& inputs, std::string& error);

// The template data options of check, render, base64 and mstching (docs/cli.md): --data,
// --data-format, --delimiter, --rows, validated by CLI11 as they are parsed.
struct DataArgs {
  std::string file;
  std::string format;
  std::string delimiter;
  std::string rows;
};
void add_data_options(CLI::App& command, DataArgs& args);
DataOptions data_options(const DataArgs& args);

// -j/--jobs N: the threads a run draws on (RunOptions::jobs), at most Limits::max_jobs.
void add_jobs_option(CLI::App& command, int& jobs);

// The exit status of a run (docs/cli.md).
int exit_code(RunStatus status);

// A usage/I-O failure: prints "dotlabel: MESSAGE" to stderr, returns kUsageError.
int fail(const std::string& message);

}  // namespace dotlabel::cli
