#include "cli.hpp"

#include <iostream>
#include <optional>
#include <string>

namespace dotlabel::cli {

void add_diagnostic_options(CLI::App& command, DiagnosticOptions& options) {
  command.add_option("--diagnostics", options.format, "Diagnostics format on stderr")
      ->check(CLI::IsMember({"text", "json"}));
  command.add_flag("--werror", options.werror, "Treat warnings as errors");
}

DiagnosticPrinter::~DiagnosticPrinter() {
  if (options_.format == "json") std::cerr << format_json(pending_json_) << '\n';
}

bool DiagnosticPrinter::report(Diagnostics diagnostics) {
  bool failed = false;
  // The text of a batch goes out in one write: std::cerr writes every insertion at once, and a
  // run of thousands of labels with a warning each made that thousands of system calls.
  std::string text;
  for (Diagnostic& d : diagnostics) {
    if (options_.werror && d.severity == Severity::warning) d.severity = Severity::error;
    failed = failed || d.severity == Severity::error;
    if (options_.format == "json") {
      pending_json_.push_back(std::move(d));
    } else {
      text += format_text(d);
      text += '\n';
    }
  }
  if (!text.empty()) std::cerr.write(text.data(), static_cast<std::streamsize>(text.size()));
  return failed;
}

bool read_input(const std::string& path, std::size_t max_bytes, std::string& contents,
                std::string& error) {
  Diagnostics d = dotlabel::read_input(path, max_bytes, contents);
  if (!d.empty()) error = d.front().message;
  return d.empty();
}

bool read_markup(const std::string& path, std::size_t max_bytes, std::string& contents,
                 std::string& error) {
  Diagnostics d = dotlabel::read_markup(path, max_bytes, contents);
  if (!d.empty()) error = d.front().message;
  return d.empty();
}

bool write_output(const std::string& path, std::span<const std::uint8_t> bytes,
                  const std::vector<std::string>& inputs, std::string& error) {
  if (path == "-") {
    std::cout.write(reinterpret_cast<const char*>(bytes.data()),
                    static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) error = "cannot write to standard output";
    return static_cast<bool>(std::cout);
  }
  Diagnostics d = write_file_atomically(
      path, {reinterpret_cast<const char*>(bytes.data()), bytes.size()}, inputs);
  if (!d.empty()) error = d.front().message;
  return d.empty();
}

namespace {

// "\t" and "tab" for a tab (a shell passes a real tab badly), else one character.
std::optional<char> delimiter_of(const std::string& text) {
  if (text == "\\t" || text == "tab" || text == "\t") return '\t';
  if (text.size() == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r') return text[0];
  return std::nullopt;
}

}  // namespace

void add_data_options(CLI::App& command, DataArgs& args) {
  command.add_option("--data", args.file,
                     "Fill the template's {{placeholders}} from each row of this CSV, JSON or "
                     "JSON Lines file (- reads standard input)");
  command
      .add_option("--data-format", args.format,
                  "Data format when the extension does not say it (stdin: csv)")
      ->check(CLI::IsMember({"csv", "tsv", "json", "jsonl", "ndjson"}));
  command
      .add_option("--delimiter", args.delimiter,
                  "CSV field delimiter: ',' (default), ';', or a tab written \\t or tab")
      ->check(CLI::Validator(
          [](std::string& text) {
            return delimiter_of(text) ? std::string() : "one character, \\t or tab";
          },
          "CHAR"));
  command.add_option("--rows", args.rows, "Only these data rows: N, A-B or A- (1-based)")
      ->check(CLI::Validator(
          [](std::string& text) {
            return data::parse_row_range(text) ? std::string() : "N, A-B or A- (from 1)";
          },
          "RANGE"));
}

DataOptions data_options(const DataArgs& args) {
  DataOptions options;
  options.path = args.file;
  if (!args.format.empty()) options.format = data::format_from_name(args.format);
  if (args.format == "tsv") options.delimiter = '\t';
  if (!args.delimiter.empty()) options.delimiter = delimiter_of(args.delimiter);
  if (!args.rows.empty()) options.rows = *data::parse_row_range(args.rows);
  return options;
}

void add_jobs_option(CLI::App& command, int& jobs) {
  command
      .add_option("-j,--jobs", jobs,
                  "Threads working on labels and rows (default: every core); the output is the "
                  "same")
      ->check(CLI::Range(0, Limits{}.max_jobs));
}

int exit_code(RunStatus status) {
  switch (status) {
    case RunStatus::ok:
      return kOk;
    case RunStatus::input_error:
      return kInputError;
    case RunStatus::io_error:
      break;
  }
  return kUsageError;
}

int fail(const std::string& message) {
  std::cerr << "dotlabel: " << message << '\n';
  return kUsageError;
}

}  // namespace dotlabel::cli
