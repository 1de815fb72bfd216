// `dotlabel render FILE -o OUT` and `dotlabel base64 FILE`: the labels as the printer prints
// them, as image files or as base64 PNG lines for Xpyun printImage (docs/cli.md). The work is
// dotlabel::run_render and run_base64 (include/dotlabel/pipeline.hpp).
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"

namespace dotlabel::cli {
namespace {

struct RenderArgs {
  std::string file;
  std::string output;  // render only
  std::optional<std::int64_t> label;
  bool strip = false;
  bool as_fed = false;
  std::string logo;
  int jobs = 0;  // threads; 0 = every core this process may run on
  DataArgs data;
  DiagnosticOptions diagnostics;
};

RunOptions run_options(const RenderArgs& args) {
  RunOptions options;
  options.input = args.file;
  options.data = data_options(args.data);
  options.label = args.label;
  options.werror = args.diagnostics.werror;
  options.jobs = args.jobs;
  options.logo = args.logo;
  options.as_fed = args.as_fed;
  return options;
}

int run_render(const RenderArgs& args) {
  std::optional<ImageFormat> format = image_format_from_path(args.output);
  if (args.output != "-" && !format)
    return fail(args.output + ": unknown output format (use .png, .pbm, .svg or .pdf)");
  DiagnosticPrinter printer(args.diagnostics);
  ImageOutput output{args.output, format.value_or(ImageFormat::png), args.strip, &std::cout};
  RenderRun run = dotlabel::run_render(run_options(args), output, printer.sink());
  // Several files: say which were written.
  if (run.written.size() > 1)
    for (const std::string& path : run.written) std::cout << path << '\n';
  return exit_code(run.status);
}

int run_base64(const RenderArgs& args) {
  DiagnosticPrinter printer(args.diagnostics);
  return exit_code(dotlabel::run_base64(run_options(args), std::cout, printer.sink()));
}

void add_common_options(CLI::App* command, RenderArgs& args) {
  command->add_option("FILE", args.file, "Label markup; - reads standard input")->required();
  command->add_option("--label", args.label, "Only the LABEL with this id");
  command->add_flag("--strip", args.strip,
                    "Every label in id order, each c times, separated by the ld gap, in one image");
  command->add_flag("--as-fed", args.as_fed, "Apply LABEL d: d=0 turns the label 180 degrees");
  command->add_option("--logo", args.logo,
                      "Image (PNG/JPEG/BMP) printed for a <BMP/> without content");
  add_jobs_option(*command, args.jobs);
  add_data_options(*command, args.data);
  add_diagnostic_options(*command, args.diagnostics);
}

}  // namespace

void add_render_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command = app.add_subcommand("render", "Render FILE as the 203-dpi printer prints it");
  add_common_options(command, *args);
  command
      ->add_option("-o,--output", args->output,
                   "Output: .png (1-bit), .pbm, .svg or .pdf; - = PNG on stdout")
      ->required();
  command->callback([args, &action] { action = [args] { return run_render(*args); }; });
}

void add_base64_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command = app.add_subcommand(
      "base64", "Each label's 1-bit PNG in base64, one line per label (Xpyun printImage)");
  add_common_options(command, *args);
  command->callback([args, &action] { action = [args] { return run_base64(*args); }; });
}

}  // namespace dotlabel::cli
