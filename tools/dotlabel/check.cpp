// `dotlabel check FILE...`: compile and resolve each file (dotlabel::check, without drawing)
// and report its diagnostics (docs/cli.md).
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "diagnostic_codes.hpp"
#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"

namespace dotlabel::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> files;
  DiagnosticOptions diagnostics;
};

int run_check(const CheckArgs& args) {
  bool input_errors = false;
  bool io_errors = false;
  {
    DiagnosticPrinter printer(args.diagnostics);  // JSON is printed when it goes out of scope
    for (const std::string& file : args.files) {
      CompileOptions options;
      options.file_name = file == "-" ? "<stdin>" : file;
      std::string markup, error;
      if (!read_markup(file, options.limits.max_input_bytes, markup, error)) {
        // Reported as a diagnostic too, so that a JSON consumer sees it in the array.
        printer.report({{options.file_name,
                         {0, 0},
                         Severity::error,
                         std::string(codes::kIoError),
                         error,
                         {}}});
        io_errors = true;
        continue;
      }
      // Lazily, label by label: a file of thousands of labels is checked in the memory of its
      // text.
      LazyDocument result = compile_lazy(std::move(markup), options, available_cores());
      if (printer.report(result.diagnostics()) || !result.ok()) {
        input_errors = true;
        continue;
      }
      for (std::size_t i = 0; i < result.size(); ++i)
        if (printer.report(check_label(result.outline(), result.label(i), options.limits)))
          input_errors = true;
    }
  }
  return io_errors ? kUsageError : input_errors ? kInputError : kOk;
}

}  // namespace

void add_check_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* command = app.add_subcommand("check", "Validate label markup; diagnostics only");
  command->add_option("FILE", args->files, "Markup files (- for standard input)")->required();
  add_diagnostic_options(*command, args->diagnostics);
  command->callback([args, &action] { action = [args] { return run_check(*args); }; });
}

}  // namespace dotlabel::cli
