// `dotlabel mstching FILE`: the Mstching (对对机) PrintContent JSON of a label file on stdout.
// With --data, JSON Lines: one PrintContent per row. The work is dotlabel::run_mstching.
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "dotlabel/mstching.hpp"

namespace dotlabel::cli {

namespace {

struct MstchingArgs {
  std::string file;
  std::string mode = "items";
  std::string code_text_encoding = "gbk";
  int width = mstching::kDefaultPaperWidth;
  std::string logo;
  bool as_fed = false;
  int jobs = 0;
  DataArgs data;
  DiagnosticOptions diagnostics;
};

int run_mstching(const MstchingArgs& args) {
  RunOptions options;
  options.input = args.file;
  options.data = data_options(args.data);
  options.werror = args.diagnostics.werror;
  options.logo = args.logo;
  options.as_fed = args.as_fed;
  options.jobs = args.jobs;
  mstching::Options mstching;
  mstching.mode = args.mode == "image" ? mstching::Mode::image : mstching::Mode::items;
  mstching.paper_width = args.width;
  mstching.code_text_encoding = args.code_text_encoding == "utf8" ? mstching::CodeTextEncoding::utf8
                                                                  : mstching::CodeTextEncoding::gbk;
  DiagnosticPrinter printer(args.diagnostics);
  return exit_code(dotlabel::run_mstching(options, mstching, std::cout, printer.sink()));
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
  add_jobs_option(*command, args->jobs);
  add_data_options(*command, args->data);
  add_diagnostic_options(*command, args->diagnostics);
  command->callback([&action, args] { action = [args] { return run_mstching(*args); }; });
}

}  // namespace dotlabel::cli
