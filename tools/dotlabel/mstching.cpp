// `dotlabel mstching FILE`: the Mstching (对对机) PrintContent JSON of a label file on stdout.
// Thin: the work is in dotlabel/mstching.hpp.
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::cli {

namespace {

struct MstchingArgs {
  std::string file;
  std::string mode = "items";
  std::string code_text_encoding = "gbk";
  int width = mstching::kDefaultPaperWidth;
  std::string logo;
  bool as_fed = false;
  DiagnosticOptions diagnostics;
};

int run_mstching(const MstchingArgs& args) {
  CompileOptions compile_options;
  compile_options.file_name = args.file == "-" ? "<stdin>" : args.file;
  std::string markup, error;
  if (!read_markup(args.file, compile_options.limits.max_input_bytes, markup, error))
    return fail(error);

  mstching::Options options;
  options.mode = args.mode == "image" ? mstching::Mode::image : mstching::Mode::items;
  options.paper_width = args.width;
  options.code_text_encoding = args.code_text_encoding == "utf8" ? mstching::CodeTextEncoding::utf8
                                                                 : mstching::CodeTextEncoding::gbk;
  options.render.as_fed = args.as_fed;
  if (!args.logo.empty()) {
    std::string logo;
    if (!read_input(args.logo, compile_options.limits.max_base64_bytes, logo, error))
      return fail(error);
    options.render.logo.assign(logo.begin(), logo.end());
  }

  DiagnosticPrinter printer(args.diagnostics);
  CompileResult compiled = compile(markup, compile_options);
  if (printer.report(std::move(compiled.diagnostics)) || !compiled.document) return kInputError;

  std::optional<Renderer> renderer;
  try {
    renderer.emplace();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  mstching::Result result = mstching::convert(*compiled.document, *renderer, options);
  if (printer.report(std::move(result.diagnostics))) return kInputError;

  std::string json = mstching::to_json(result.items) + '\n';
  if (!write_output("-", {reinterpret_cast<const std::uint8_t*>(json.data()), json.size()}, error))
    return fail(error);
  return kOk;
}

}  // namespace

void add_mstching_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<MstchingArgs>();
  CLI::App* command =
      app.add_subcommand("mstching", "Print the Mstching (对对机) PrintContent JSON of FILE");
  command->add_option("FILE", args->file, "Label markup; - reads standard input")->required();
  command
      ->add_option("--mode", args->mode,
                   "items: each element as a text/barcode/QR/image item; image: one picture "
                   "per printed label")
      ->check(CLI::IsMember({"items", "image"}))
      ->capture_default_str();
  command
      ->add_option("--code-text-encoding", args->code_text_encoding,
                   "Bytes under a barcode's or QR code's BaseText: gbk (as text items) or utf8; "
                   "the vendor's document does not say (docs/submit.md)")
      ->check(CLI::IsMember({"gbk", "utf8"}))
      ->capture_default_str();
  command->add_option("--width", args->width, "Paper width in dots; images never exceed it")
      ->check(CLI::Range(1, mstching::kMaxPaperWidth))
      ->capture_default_str();
  command->add_option("--logo", args->logo, "Image printed for a <BMP/> without content");
  command->add_flag("--as-fed", args->as_fed, "Image mode: apply LABEL d (d=0 turns 180 degrees)");
  add_diagnostic_options(*command, args->diagnostics);
  command->callback([&action, args] { action = [args] { return run_mstching(*args); }; });
}

}  // namespace dotlabel::cli
