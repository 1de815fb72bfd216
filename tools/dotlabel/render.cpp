// `dotlabel render FILE -o OUT` and `dotlabel base64 FILE`: the labels as the printer prints
// them, as image files or as base64 PNG lines for Xpyun printImage (spec/cli.md).
#include <algorithm>
#include <cctype>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::cli {
namespace {

struct RenderArgs {
  std::string file;
  std::string output;  // render only
  std::optional<std::int64_t> label;
  bool strip = false;
  bool as_fed = false;
  std::string logo;
  DiagnosticOptions diagnostics;
};

// One image to write: the label's id (none for a strip) and its dots.
struct Picture {
  std::optional<std::int64_t> id;
  Bitmap bitmap;
};

// Compiles and renders FILE per the options. Returns an exit code when the run ends here
// (input errors, usage or I/O errors), else fills `pictures`.
std::optional<int> render_pictures(const RenderArgs& args, DiagnosticPrinter& printer,
                                   std::vector<Picture>& pictures) {
  CompileOptions compile_options;
  compile_options.file_name = args.file == "-" ? "<stdin>" : args.file;
  std::string markup, error;
  if (!read_markup(args.file, compile_options.limits.max_input_bytes, markup, error))
    return fail(error);
  RenderOptions render_options;
  render_options.as_fed = args.as_fed;
  if (!args.logo.empty()) {
    std::string logo;
    if (!read_input(args.logo, compile_options.limits.max_base64_bytes, logo, error))
      return fail(error);
    render_options.logo.assign(logo.begin(), logo.end());
  }

  CompileResult compiled = compile(markup, compile_options);
  if (printer.report(std::move(compiled.diagnostics)) || !compiled.document) return kInputError;
  const ir::Document& document = *compiled.document;
  if (args.label && !document.find_label(*args.label))
    return fail(compile_options.file_name + " has no LABEL with id " + std::to_string(*args.label));
  if (document.labels.empty()) {  // the input's fault, not the command line's
    fail(compile_options.file_name + " has no LABEL to render");
    return kInputError;
  }
  if (args.strip) {
    // The strip is one bitmap: bound it as one label is bounded.
    std::int64_t rows = 0;
    for (const ir::Label& label : document.labels)
      if (!args.label || label.id == *args.label)
        rows +=
            static_cast<std::int64_t>(label.copies) * (document.page.length + document.page.gap);
    if (rows > compile_options.limits.max_label_dots / std::max(document.page.width, 1) ||
        rows > (1 << 30))
      return fail("the strip would be " + std::to_string(rows) +
                  " dots long: more than the limit of " +
                  std::to_string(compile_options.limits.max_label_dots) + " dots of area");
  }

  std::optional<Renderer> renderer;
  try {
    renderer.emplace();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  RenderResult rendered = renderer->render(document, render_options, args.label);
  if (printer.report(std::move(rendered.diagnostics))) return kInputError;

  if (args.strip) {
    pictures.push_back({std::nullopt, Renderer::strip(document, rendered.labels)});
  } else {
    for (RenderedLabel& label : rendered.labels)
      pictures.push_back({label.id, std::move(label.bitmap)});
  }
  return std::nullopt;
}

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::vector<std::uint8_t> encode(const std::string& ext, const Bitmap& bitmap) {
  if (ext == ".pbm") return encode_pbm(bitmap);
  if (ext == ".pdf") return encode_pdf(bitmap);
  if (ext == ".svg") {
    std::string svg = encode_svg(bitmap);
    return {svg.begin(), svg.end()};
  }
  return encode_png(bitmap);
}

// OUT with "-<id>" before the extension: out.png -> out-1.png.
std::string per_label_path(const std::string& output, std::int64_t id) {
  std::filesystem::path path(output);
  std::filesystem::path name =
      path.stem().string() + "-" + std::to_string(id) + path.extension().string();
  return (path.parent_path() / name).string();
}

int run_render(const RenderArgs& args) {
  std::string ext = args.output == "-" ? ".png" : lower_extension(args.output);
  if (ext != ".png" && ext != ".pbm" && ext != ".svg" && ext != ".pdf")
    return fail(args.output + ": unknown output format '" + ext +
                "' (use .png, .pbm, .svg or .pdf)");
  DiagnosticPrinter printer(args.diagnostics);
  std::vector<Picture> pictures;
  if (std::optional<int> code = render_pictures(args, printer, pictures)) return *code;
  bool several = pictures.size() > 1;
  if (several && args.output == "-")
    return fail("the file has " + std::to_string(pictures.size()) +
                " labels and standard output takes one image: use --label ID or --strip");
  for (const Picture& picture : pictures) {
    std::string path = several ? per_label_path(args.output, *picture.id) : args.output;
    std::string error;
    if (!write_output(path, encode(ext, picture.bitmap), error)) return fail(error);
    if (several) std::cout << path << '\n';
  }
  return kOk;
}

int run_base64(const RenderArgs& args) {
  DiagnosticPrinter printer(args.diagnostics);
  std::vector<Picture> pictures;
  if (std::optional<int> code = render_pictures(args, printer, pictures)) return *code;
  std::string lines;
  for (const Picture& picture : pictures) lines += base64_encode(encode_png(picture.bitmap)) + '\n';
  std::string error;
  if (!write_output("-", {reinterpret_cast<const std::uint8_t*>(lines.data()), lines.size()},
                    error))
    return fail(error);
  return kOk;
}

void add_common_options(CLI::App* command, RenderArgs& args) {
  command->add_option("FILE", args.file, "Label markup; - reads standard input")->required();
  command->add_option("--label", args.label, "Only the LABEL with this id");
  command->add_flag("--strip", args.strip,
                    "Every label in id order, each c times, separated by the ld gap, in one image");
  command->add_flag("--as-fed", args.as_fed, "Apply LABEL d: d=0 turns the label 180 degrees");
  command->add_option("--logo", args.logo,
                      "Image (PNG/JPEG/BMP) printed for a <BMP/> without content");
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
