// `dotlabel golden` (regression-test renders against expected images) and `dotlabel diff`
// (compare two renders). Both are thin: the work is in dotlabel/golden.hpp.
#include <exception>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/golden.hpp"

namespace dotlabel::cli {

namespace {

namespace fs = std::filesystem;

struct GoldenArgs {
  std::vector<std::string> paths;
  bool update = false;
  std::string junit;
  std::string out;
  std::string data;
  DiagnosticOptions diagnostics;
};

struct DiffArgs {
  std::string expected, actual, output;
};

int run_golden(const GoldenArgs& args) {
  std::vector<fs::path> roots(args.paths.begin(), args.paths.end());
  golden::CaseList cases = golden::find_cases(roots);
  if (!cases.ok()) return fail(cases.problem);
  if (cases.cases.empty()) return fail("no .xml cases found");
  // One data file fills one template: with several cases it would fill each of them.
  if (!args.data.empty() && cases.cases.size() != 1)
    return fail("--data fills one template case, but " + std::to_string(cases.cases.size()) +
                " cases were found: name the one .xml case");

  golden::Options options;
  options.werror = args.diagnostics.werror;
  options.data = args.data;
  std::optional<Renderer> renderer;
  try {
    renderer.emplace(options.renderer);
  } catch (const std::exception& e) {
    return fail(e.what());
  }

  DiagnosticPrinter printer(args.diagnostics);
  std::vector<golden::CaseResult> results;
  int passed = 0, failed = 0;
  bool io_failed = false;
  for (const golden::CaseFile& file : cases.cases) {
    golden::CaseResult result = golden::run_case(*renderer, file.path, options);
    printer.report(result.diagnostics);
    std::cout << golden::to_string(result.status) << ' ' << file.path.string() << '\n';
    bool ok = result.passed();
    if (args.update && result.status != golden::Status::error) {
      golden::UpdateResult updated = golden::update(result);
      for (const fs::path& p : updated.written) std::cout << "  updated " << p.string() << '\n';
      for (const fs::path& p : updated.removed) std::cout << "  removed " << p.string() << '\n';
      if (!updated.ok()) {
        io_failed = true;
        std::cerr << "dotlabel: " << updated.problem << '\n';
      } else {
        ok = true;
      }
    } else {
      for (const std::string& line : golden::details(result)) std::cout << "  " << line << '\n';
    }
    for (const golden::ImageResult& image : result.images) {
      fs::path diff = golden::diff_path(result, image, file.relative, args.out);
      std::error_code ec;
      if (ok || !image.expected || image.comparison.identical()) {
        // A diff image left from an earlier failure would describe a problem that is gone.
        fs::remove(diff, ec);
      } else if (golden::WriteResult written = golden::write_diff(image, diff); written.ok()) {
        std::cout << "  diff " << diff.string() << '\n';
      } else {
        io_failed = true;
        std::cerr << "dotlabel: " << written.problem << '\n';
      }
    }
    (ok ? passed : failed) += 1;
    results.push_back(std::move(result));
  }
  std::cout << passed << " passed, " << failed << " failed\n";

  if (!args.junit.empty()) {
    std::string error;
    std::string xml = golden::junit_xml(results, "dotlabel golden");
    if (!write_output(args.junit, {reinterpret_cast<const std::uint8_t*>(xml.data()), xml.size()},
                      {}, error))
      return fail(error);
  }
  if (io_failed) return kUsageError;
  return failed == 0 ? kOk : kInputError;
}

std::optional<Bitmap> read_png(const std::string& path, std::string& error) {
  std::string bytes;
  if (!read_input(path, std::size_t{256} << 20, bytes, error)) return std::nullopt;
  std::optional<Bitmap> bitmap =
      decode_png({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()},
                 Limits{}.max_label_dots);  // renders: as large as a label may be
  if (!bitmap) error = path + ": not a PNG image, or larger than a label may be";
  return bitmap;
}

int run_diff(const DiffArgs& args) {
  std::string error;
  std::optional<Bitmap> expected = read_png(args.expected, error);
  if (!expected) return fail(error);
  std::optional<Bitmap> actual = read_png(args.actual, error);
  if (!actual) return fail(error);
  golden::Comparison comparison = golden::compare(*expected, *actual);
  // The verdict comes after the diff image is written, and on standard error when the image
  // goes to standard output (-o -).
  if (!args.output.empty() && !write_output(args.output, golden::diff_png(*expected, *actual),
                                            {args.expected, args.actual}, error))
    return fail(error);
  (args.output == "-" ? std::cerr : std::cout) << golden::describe(comparison) << '\n';
  return comparison.identical() ? kOk : kInputError;
}

}  // namespace

void add_golden_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<GoldenArgs>();
  CLI::App* command = app.add_subcommand(
      "golden",
      "Render NAME.xml cases and compare them dot for dot with NAME.png / NAME-<id>.png "
      "(NAME-<row>.png per row of NAME.csv / NAME.json)");
  command->add_option("PATH", args->paths, "Case files and folders (searched recursively)")
      ->type_name("")
      ->required();
  command->add_flag("--update", args->update, "Write missing or changed expected images");
  command->add_option("--junit", args->junit, "Write a JUnit XML report to FILE")
      ->type_name("FILE");
  command
      ->add_option("--out", args->out,
                   "Write NAME.diff.png files under DIR (default: next to each case)")
      ->type_name("DIR");
  command
      ->add_option("--data", args->data,
                   "Rows (CSV, TSV, JSON, JSON Lines) for the one template case, instead of "
                   "NAME.csv/.json beside it; compared with NAME-<row>.png")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  add_diagnostic_options(*command, args->diagnostics);
  command->callback([&action, args] { action = [args] { return run_golden(*args); }; });
}

void add_diff_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* command = app.add_subcommand(
      "diff", "Compare two 1-bit renders; exit 0 when identical, 1 when they differ");
  command->add_option("EXPECTED", args->expected, "Expected PNG")->type_name("")->required();
  command->add_option("ACTUAL", args->actual, "Actual PNG")->type_name("")->required();
  command
      ->add_option("-o,--output", args->output, "Write expected | difference | actual to DIFF.png")
      ->type_name("DIFF.png");
  command->callback([&action, args] { action = [args] { return run_diff(*args); }; });
}

}  // namespace dotlabel::cli
