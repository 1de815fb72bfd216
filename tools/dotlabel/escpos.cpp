// `dotlabel escpos FILE [-o OUT] [--width DOTS]`: the ESC/POS job of a label file, for receipt
// printers (docs/printing.md).
#include <memory>

#include "commands.hpp"
#include "printer_job.hpp"

namespace dotlabel::cli {
namespace {

struct EscPosArgs {
  PrinterJobArgs job;
  std::string output = "-";
};

int run_escpos(const EscPosArgs& args) {
  DiagnosticPrinter printer(args.job.diagnostics);
  std::vector<std::uint8_t> bytes;
  if (std::optional<int> exit = build_printer_job(args.job, printer, bytes)) return *exit;
  std::string error;
  if (!write_output(args.output, bytes, job_inputs(args.job), error)) return fail(error);
  return kOk;
}

}  // namespace

void add_escpos_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<EscPosArgs>();
  args->job.language = "escpos";
  CLI::App* command =
      app.add_subcommand("escpos", "Write the ESC/POS job of FILE (receipt printers)");
  add_printer_job_options(*command, args->job, false, true);
  command->add_option("-o,--output", args->output, "Output file; - is standard output")
      ->capture_default_str();
  command->callback([&action, args] { action = [args] { return run_escpos(*args); }; });
}

}  // namespace dotlabel::cli
