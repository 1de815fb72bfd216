// `dotlabel check FILE... [--data ROWS]`: compile and resolve each file (each row's document),
// without drawing, and report its diagnostics (docs/cli.md). The work is dotlabel::run_check.
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"

namespace dotlabel::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> files;
  int jobs = 0;
  DataArgs data;
  DiagnosticOptions diagnostics;
};

int run(const CheckArgs& args) {
  int code = kOk;
  DiagnosticPrinter printer(args.diagnostics);  // JSON is printed when it goes out of scope
  for (const std::string& file : args.files) {
    RunOptions options;
    options.input = file;
    options.data = data_options(args.data);
    options.werror = args.diagnostics.werror;
    options.jobs = args.jobs;
    code = std::max(code, exit_code(run_check(options, printer.sink())));
  }
  return code;
}

}  // namespace

void add_check_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* command = app.add_subcommand("check", "Validate label markup; diagnostics only");
  command->add_option("FILE", args->files, "Markup files (- for standard input)")->required();
  add_jobs_option(*command, args->jobs);
  add_data_options(*command, args->data);
  add_diagnostic_options(*command, args->diagnostics);
  command->callback([args, &action] { action = [args] { return run(*args); }; });
}

}  // namespace dotlabel::cli
