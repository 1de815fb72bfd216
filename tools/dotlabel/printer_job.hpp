// What `dotlabel tspl`, `dotlabel escpos` and `dotlabel print` share: their options and the
// job's bytes, made by dotlabel::run_printer_job (include/dotlabel/pipeline.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"

namespace dotlabel::cli {

struct PrinterJobArgs {
  std::string file;
  std::string language = "tspl";  // tspl | escpos
  std::string mode = "raster";    // TSPL: raster | native
  int width = 0;                  // ESC/POS paper width in dots, 0 = the label's
  bool scale = false;             // ESC/POS: scale a label wider than the paper down to it
  std::string logo;
  std::optional<std::int64_t> label;  // only this LABEL
  DataArgs data;                      // a template's rows
  int jobs = 0;                       // threads binding rows
  DiagnosticOptions diagnostics;
};

// The options of the languages in `languages` ("tspl", "escpos", or both) on `command`.
void add_printer_job_options(CLI::App& command, PrinterJobArgs& args, bool tspl, bool escpos);

// The files the job reads, which its output must not replace.
inline std::vector<std::string> job_inputs(const PrinterJobArgs& args) {
  return {args.file, args.logo, args.data.file};
}

// The job's bytes, or the exit code the run ends with (diagnostics already printed to
// `printer`).
std::optional<int> build_printer_job(const PrinterJobArgs& args, DiagnosticPrinter& printer,
                                     std::vector<std::uint8_t>& bytes);

}  // namespace dotlabel::cli
