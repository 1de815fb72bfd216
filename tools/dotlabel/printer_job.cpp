#include "printer_job.hpp"

#include "dotlabel/pipeline.hpp"
#include "dotlabel/printer_language.hpp"

namespace dotlabel::cli {

void add_printer_job_options(CLI::App& command, PrinterJobArgs& args, bool tspl, bool escpos) {
  command.add_option("FILE", args.file, "Label markup; - reads standard input")->required();
  if (tspl)
    command
        .add_option("--mode", args.mode,
                    "TSPL: raster sends each label as the exact dots of the preview; native "
                    "uses the printer's own text, barcode and QR commands")
        ->check(CLI::IsMember({"raster", "native"}))
        ->capture_default_str();
  if (escpos) {
    command
        .add_option("--width", args.width,
                    "ESC/POS paper width in dots (384 for 58 mm, 576 for 80 mm); 0 = no limit")
        ->check(CLI::Range(0, printer::kMaxPaperWidth))
        ->capture_default_str();
    command.add_flag("--scale", args.scale,
                     "ESC/POS: scale a label wider than the paper down to it instead of refusing");
  }
  command.add_option("--logo", args.logo, "Image printed for a <BMP/> without content");
  command.add_option("--label", args.label, "Only the LABEL with this id");
  add_jobs_option(command, args.jobs);
  add_data_options(command, args.data);
  add_diagnostic_options(command, args.diagnostics);
}

std::optional<int> build_printer_job(const PrinterJobArgs& args, DiagnosticPrinter& printer,
                                     std::vector<std::uint8_t>& bytes) {
  RunOptions options;
  options.input = args.file;
  options.data = data_options(args.data);
  options.label = args.label;
  options.werror = args.diagnostics.werror;
  options.logo = args.logo;
  options.jobs = args.jobs;
  PrinterJobOptions job;
  if (args.language == "escpos") {
    job.language = PrinterJobOptions::Language::escpos;
    job.escpos.paper_width = args.width;
    job.escpos.scale_to_paper = args.scale;
  } else {
    job.tspl.mode = args.mode == "native" ? printer::TsplMode::native : printer::TsplMode::raster;
  }
  PrinterJobRun run = run_printer_job(options, job, printer.sink());
  if (run.status != RunStatus::ok) return exit_code(run.status);
  bytes = std::move(run.bytes);
  return std::nullopt;
}

}  // namespace dotlabel::cli
