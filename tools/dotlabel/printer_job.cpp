#include "printer_job.hpp"

#include <exception>

#include "dotlabel/compiler.hpp"
#include "dotlabel/printer_language.hpp"
#include "dotlabel/render.hpp"

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
  add_diagnostic_options(command, args.diagnostics);
}

std::optional<int> build_printer_job(const PrinterJobArgs& args, DiagnosticPrinter& printer,
                                     std::vector<std::uint8_t>& bytes) {
  CompileOptions compile_options;
  compile_options.file_name = args.file == "-" ? "<stdin>" : args.file;
  std::string markup, error;
  if (!read_markup(args.file, compile_options.limits.max_input_bytes, markup, error))
    return fail(error);
  RenderOptions render;
  if (!args.logo.empty()) {
    std::string logo;
    if (!read_input(args.logo, compile_options.limits.max_base64_bytes, logo, error))
      return fail(error);
    render.logo.assign(logo.begin(), logo.end());
  }

  CompileResult compiled = compile(markup, compile_options);
  if (printer.report(std::move(compiled.diagnostics)) || !compiled.document) return kInputError;
  if (compiled.document->labels.empty()) {
    fail(compile_options.file_name + " has no LABEL to print");
    return kInputError;
  }

  std::optional<Renderer> renderer;
  try {
    renderer.emplace();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  printer::Job job;
  if (args.language == "escpos") {
    printer::EscPosOptions options;
    options.paper_width = args.width;
    options.scale_to_paper = args.scale;
    options.render = std::move(render);
    job = printer::to_escpos(*compiled.document, *renderer, options);
  } else {
    printer::TsplOptions options;
    options.mode = args.mode == "native" ? printer::TsplMode::native : printer::TsplMode::raster;
    options.render = std::move(render);
    job = printer::to_tspl(*compiled.document, *renderer, options);
  }
  if (printer.report(std::move(job.diagnostics))) return kInputError;
  bytes = std::move(job.bytes);
  return std::nullopt;
}

}  // namespace dotlabel::cli
