// `dotlabel tspl FILE [-o OUT] [--mode raster|native]`: the TSPL program of a label file, for
// TSC and compatible label printers (docs/printing.md).
#include <memory>

#include "commands.hpp"
#include "printer_job.hpp"

namespace dotlabel::cli {
namespace {

struct TsplArgs {
  PrinterJobArgs job;
  std::string output = "-";
};

int run_tspl(const TsplArgs& args) {
  DiagnosticPrinter printer(args.job.diagnostics);
  std::vector<std::uint8_t> bytes;
  if (std::optional<int> exit = build_printer_job(args.job, printer, bytes)) return *exit;
  std::string error;
  if (!write_output(args.output, bytes, job_inputs(args.job), error)) return fail(error);
  return kOk;
}

}  // namespace

void add_tspl_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<TsplArgs>();
  args->job.language = "tspl";
  CLI::App* command = app.add_subcommand("tspl", "Write the TSPL program of FILE (label printers)");
  add_printer_job_options(*command, args->job, true, false);
  command->add_option("-o,--output", args->output, "Output file; - is standard output")
      ->capture_default_str();
  command->callback([&action, args] { action = [args] { return run_tspl(*args); }; });
}

}  // namespace dotlabel::cli
