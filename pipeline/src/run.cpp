// The runs of include/dotlabel/pipeline.hpp. One driver does every command: it compiles the
// input (a document lazily, or a template), cuts the work into units (a label of a document, or
// a row of the data, bound to its own document), has a command's Maker turn each unit into
// diagnostics and encoded pieces on the pool's threads, and hands the results, in order, to the
// Reporter and to the command's output.
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <span>
#include <thread>

#include "diagnostic_cap.hpp"
#include "diagnostic_codes.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/pipeline.hpp"
#include "dotlabel/printer_language.hpp"
#include "dotlabel/render.hpp"
#include "dotlabel/template.hpp"
#include "encode_pdf.hpp"
#include "files.hpp"
#include "ordered_pool.hpp"

namespace dotlabel {
namespace pipeline {
namespace {

int available_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(CPU_COUNT(&set), 1);
  return static_cast<int>(std::max(std::thread::hardware_concurrency(), 1u));
}

bool fails(const Diagnostic& d, bool werror) {
  return d.severity == Severity::error || (werror && d.severity == Severity::warning);
}
bool fails(const Diagnostics& diagnostics, bool werror) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& d) { return fails(d, werror); });
}

Diagnostic error(std::string file, const codes::Code& code, std::string message,
                 std::string hint = {}) {
  return {std::move(file),    {0, 0},         Severity::error, std::string(code),
          std::move(message), std::move(hint)};
}

// Everything a run reports goes through here, in order: a printer-font problem once, in a
// template run a diagnostic identical to one already reported once (those that differ by row
// name their row), and at most kMaxDiagnostics (and the first failure, if none of those was
// one: DiagnosticCap), then one DL0010 summary. A compile's own DL0010 is counted into that
// summary, not listed: the run lists no more than a compile does.
class Reporter {
 public:
  Reporter(const DiagnosticSink& sink, bool werror, bool rows)
      : sink_(sink), werror_(werror), rows_(rows) {}

  void add(Diagnostics diagnostics) {
    Diagnostics out;
    for (Diagnostic& d : diagnostics) {
      if (fails(d, werror_)) failed_ = true;
      if (std::size_t count = not_shown_count(d)) {
        cap_.drop(count, d.severity);
        continue;
      }
      if (is_font_file_problem(d) && !font_problems_.insert(d.message).second) continue;
      std::string key;
      if (rows_) {
        key = d.file + '\n' + std::to_string(d.pos.line) + ':' + std::to_string(d.pos.column) +
              '\n' + d.code + '\n' + d.message + '\n' + d.hint;
        if (seen_.count(key)) continue;
      }
      if (!cap_.keep(d.severity, fails(d, werror_))) continue;
      if (rows_) seen_.insert(std::move(key));
      out.push_back(std::move(d));
    }
    if (!out.empty() && sink_) sink_(std::move(out));
  }

  // An error of the run itself (an output that cannot be written, no such label): one per run,
  // so it is always listed, even past the cap, where it would otherwise hide in the count.
  void add_run_error(Diagnostic d) {
    failed_ = true;
    if (sink_) sink_({std::move(d)});
  }

  void finish(const std::string& file) {
    if (std::optional<Diagnostic> summary = cap_.summary(file); summary && sink_)
      sink_({std::move(*summary)});
  }

  bool failed() const { return failed_; }
  bool werror() const { return werror_; }

 private:
  const DiagnosticSink& sink_;
  bool werror_, rows_;
  bool failed_ = false;
  std::set<std::string> font_problems_, seen_;
  DiagnosticCap cap_;
};

// One encoded output of a unit: a label's image or line, or a row's line.
struct Piece {
  std::size_t row = 0;  // 0 without data
  std::int64_t id = 0;
  std::size_t labels = 0;  // how many labels the row's (or the file's) run draws
  std::vector<std::uint8_t> bytes;
};

// What a unit of work gives back.
struct Unit {
  std::size_t row = 0;  // the data row being made, for the Maker; 0 without data
  Diagnostics diagnostics;
  std::vector<Piece> pieces;
  std::vector<RenderedLabel> rendered;  // --strip: kept for the strip
  std::optional<ir::Document> outline;  // --strip of rows: the first row's page
};

// `part`, made after `unit`, added to it: a unit of several rows gives what each gave alone, in
// row order.
void add(Unit& unit, Unit part) {
  unit.diagnostics.insert(unit.diagnostics.end(), std::make_move_iterator(part.diagnostics.begin()),
                          std::make_move_iterator(part.diagnostics.end()));
  unit.pieces.insert(unit.pieces.end(), std::make_move_iterator(part.pieces.begin()),
                     std::make_move_iterator(part.pieces.end()));
  unit.rendered.insert(unit.rendered.end(), std::make_move_iterator(part.rendered.begin()),
                       std::make_move_iterator(part.rendered.end()));
  if (!unit.outline) unit.outline = std::move(part.outline);
}

// What a command makes of `labels` (of `document`, whose page and file they use): fills the
// unit's diagnostics and, when `encode`, its pieces.
using Maker = std::function<void(const ir::Document& document, std::span<const ir::Label> labels,
                                 bool encode, Unit& unit)>;

// A template run's errors found after binding (resolving, drawing) are the row's: they move to
// the data file's row, naming the columns whose values went into the element (Template::at_row).
// Warnings stay at the template, reported once for all the rows they are found in.
void to_row(const Template& templ, const data::Row& row, const std::string& data_file,
            const std::string& template_file, Diagnostics& diagnostics) {
  Diagnostics out;
  for (Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error || d.file != template_file || is_font_file_problem(d)) {
      out.push_back(std::move(d));
      continue;
    }
    Diagnostics moved = templ.at_row(std::move(d), row, data_file);
    out.insert(out.end(), std::make_move_iterator(moved.begin()),
               std::make_move_iterator(moved.end()));
  }
  diagnostics = std::move(out);
}

std::vector<std::uint8_t> encode(ImageFormat format, const Bitmap& bitmap) {
  switch (format) {
    case ImageFormat::pbm:
      return encode_pbm(bitmap);
    case ImageFormat::pdf:
      return encode_pdf(bitmap);
    case ImageFormat::svg: {
      std::string svg = encode_svg(bitmap);
      return {svg.begin(), svg.end()};
    }
    case ImageFormat::png:
      break;
  }
  return encode_png(bitmap);
}

// Stops the pool's threads when it goes out of scope: the normal paths finish() it first, so
// this matters when an exception leaves, before the tasks' data is destroyed.
struct Finish {
  OrderedPool<Unit>& pool;
  ~Finish() { pool.cancel(); }
};

// What every command shares: the options, the loaded renderer and logo, the reporter.
struct Run {
  const RunOptions& options;
  Reporter reporter;
  std::optional<Renderer> renderer;
  RenderOptions render;
  std::string file_name;  // the input as diagnostics name it
  std::string data_name;  // the data file as diagnostics name it
  bool io_failed = false;
  std::atomic<bool> failed = false;     // once true, units are no longer encoded
  bool prepare_pages = false;           // Renderer::prepare() each page before its labels
  std::optional<ir::Document> outline;  // a document run's page, for --strip
  std::size_t first_row = 0;            // the first data row selected, once it is read

  Run(const RunOptions& o, const DiagnosticSink& sink)
      : options(o),
        reporter(sink, o.werror, !o.data.path.empty()),
        file_name(o.input == "-" ? "<stdin>" : o.input),
        data_name(o.data.path == "-" ? "<stdin>" : o.data.path) {}

  void report(Diagnostics diagnostics) {
    reporter.add(std::move(diagnostics));
    if (reporter.failed()) failed = true;
  }
  // The run's own errors (Reporter::add_run_error): an I/O error, or what was asked of the
  // document that it cannot give.
  void io_error(Diagnostic d) {
    io_failed = true;
    run_error(std::move(d));
  }
  void run_error(Diagnostic d) {
    reporter.add_run_error(std::move(d));
    failed = true;
  }
  RunStatus status() {
    reporter.finish(file_name);
    return io_failed           ? RunStatus::io_error
           : reporter.failed() ? RunStatus::input_error
                               : RunStatus::ok;
  }

  // Loads the renderer (fonts lazily) and reads the logo. False on an I/O error.
  bool prepare(bool needs_renderer) {
    if (options.jobs < 0 || options.jobs > options.limits.max_jobs) {
      const std::string most = std::to_string(options.limits.max_jobs);
      io_error(error(
          file_name, codes::kTooManyJobs,
          "jobs " + std::to_string(options.jobs) + ": a run draws on 1 to " + most + " threads",
          "give at most " + most + ", or 0 for every core"));
      return false;
    }
    if (options.data.path == "-" && options.input == "-" && !options.markup) {
      io_error(error("<stdin>", codes::kStdinTwice,
                     "the markup and the data cannot both come from standard input",
                     "give one of them as a file"));
      return false;
    }
    if (!options.logo.empty()) {
      std::string logo;
      if (Diagnostics d = read_input(options.logo, options.limits.max_base64_bytes, logo);
          !d.empty()) {
        io_failed = true;
        report(std::move(d));
        return false;
      }
      render.logo.assign(logo.begin(), logo.end());
    }
    render.as_fed = options.as_fed;
    if (needs_renderer) {
      RendererOptions renderer_options;
      renderer_options.limits = options.limits;  // the strip is bounded by the same limits
      renderer.emplace(std::move(renderer_options));
    }
    prepare_pages = needs_renderer;
    return true;
  }

  int threads() const {
    return options.jobs > 0 ? options.jobs : std::min(available_cores(), options.limits.max_jobs);
  }
  // Labels of a document, or rows of the data, made as one unit of work, and units in flight:
  // 16 labels (rows) a thread either way, which bounds memory.
  std::size_t per_unit() const { return threads() > 1 ? 8 : 1; }
  std::size_t window() const { return static_cast<std::size_t>(threads()) * 16 / per_unit(); }

  // The whole run: every unit through `make`, each result to `consume` in order. `per_label`:
  // a document's labels are units of their own (else the document is one unit).
  void drive(const Maker& make, bool per_label, bool needs_labels,
             const std::function<void(Unit&)>& consume) {
    std::string markup;
    CompileOptions compile_options;
    compile_options.file_name = file_name;
    compile_options.limits = options.limits;
    if (options.markup) {
      markup = *options.markup;
    } else if (Diagnostics d =
                   dotlabel::read_markup(options.input, options.limits.max_input_bytes, markup);
               !d.empty()) {
      io_failed = true;
      report(std::move(d));
      return;
    }
    auto on_result = [&](Unit& unit) {
      report(std::move(unit.diagnostics));
      consume(unit);
    };
    OrderedPool<Unit> pool(threads(), window(), on_result);
    if (options.data.path.empty())
      drive_document(std::move(markup), compile_options, make, per_label, needs_labels, pool);
    else
      drive_rows(std::move(markup), compile_options, make, pool);
    pool.finish();
  }

  void drive_document(std::string markup, const CompileOptions& compile_options, const Maker& make,
                      bool per_label, bool needs_labels, OrderedPool<Unit>& pool) {
    Finish finish{pool};  // no task outlives `document`, even when an exception leaves
    LazyDocument document = compile_lazy(std::move(markup), compile_options, threads());
    report(document.diagnostics());
    if (!document.ok()) return;
    std::vector<std::size_t> labels;
    if (options.label) {
      std::optional<std::size_t> index = document.find(*options.label);
      if (!index) {
        io_error(error(file_name, codes::kNoSuchLabel,
                       file_name + " has no LABEL with id " + std::to_string(*options.label)));
        return;
      }
      labels.push_back(*index);
    } else {
      for (std::size_t i = 0; i < document.size(); ++i) labels.push_back(i);
    }
    if (labels.empty() && needs_labels) {
      run_error(error(file_name, codes::kNothingToRender, file_name + " has no LABEL to render"));
      return;
    }
    // An impossible page is one error and no label (as Renderer::render() reports it).
    outline = document.outline();
    if (prepare_pages && per_label) {
      Diagnostics page = renderer->prepare(document.outline());
      bool page_failed = has_errors(page);
      report(std::move(page));
      if (page_failed) return;
    }
    if (!per_label) {
      ir::Document whole = document.outline();
      for (std::size_t index : labels) whole.labels.push_back(document.label(index));
      pool.submit([&, whole = std::move(whole)] {
        Unit unit;
        make(whole, whole.labels, !failed, unit);
        return unit;
      });
      pool.finish();
      return;
    }
    // A few labels to a unit: handing each label to a thread and its result back cost two
    // wake-ups a label, a third of a small label's time on two cores (docs/performance.md).
    // Within a unit the labels are drawn in order, each encoded only while nothing failed.
    const std::size_t labels_a_unit = per_unit();
    for (std::size_t first = 0; first < labels.size(); first += labels_a_unit)
      pool.submit([&, first] {
        Unit unit;
        const std::size_t last = std::min(labels.size(), first + labels_a_unit);
        for (std::size_t i = first; i < last; ++i) {
          ir::Label label = document.label(labels[i]);
          make(document.outline(), std::span(&label, 1), !failed, unit);
          if (fails(unit.diagnostics, options.werror)) failed = true;
        }
        for (Piece& piece : unit.pieces) piece.labels = labels.size();
        return unit;
      });
    pool.finish();
  }

  std::optional<data::Format> data_format() {
    if (options.data.format) return options.data.format;
    if (options.data.path == "-") return data::Format::csv;
    std::optional<data::Format> format = data::format_from_extension(options.data.path);
    if (!format)
      io_error(error(data_name, codes::kUnknownDataFormat,
                     data_name + ": the data format cannot be told from the file name",
                     "give --data-format csv, json or jsonl"));
    return format;
  }

  void drive_rows(std::string markup, const CompileOptions& compile_options, const Maker& make,
                  OrderedPool<Unit>& pool) {
    Finish finish{pool};  // no task outlives `templ`, even when an exception leaves
    Template templ = compile_template(std::move(markup), compile_options);
    report(templ.diagnostics());
    if (!templ.ok()) return;
    std::optional<data::Format> format = data_format();
    if (!format) return;
    data::ReadOptions read;
    read.format = *format;
    read.file_name = data_name;
    if (options.data.delimiter)
      read.delimiter = *options.data.delimiter;
    else if (options.data.path.ends_with(".tsv") || options.data.path.ends_with(".TSV"))
      read.delimiter = '\t';
    std::ifstream file;
    std::istream* in = &std::cin;
    if (options.data.path != "-") {
      std::error_code ec;
      if (std::filesystem::is_directory(options.data.path, ec)) {
        io_error(error(data_name, codes::kDataUnreadable, data_name + ": is a folder"));
        return;
      }
      file.open(options.data.path, std::ios::binary);
      if (!file) {
        io_error(error(data_name, codes::kDataUnreadable, data_name + ": " + std::strerror(errno)));
        return;
      }
      in = &file;
    }
    const data::RowRange range = options.data.rows;
    bool columns_failed = false;
    std::size_t selected = 0, seen = 0;
    auto on_header = [&](const std::vector<std::string>& columns) {
      // JSON rows may differ in keys: a key missing from a row is that row's error (DL0612).
      if (*format != data::Format::csv) return;
      Diagnostics d = templ.check_columns(columns, data_name);
      columns_failed = has_errors(d);
      report(std::move(d));
    };
    // A few rows to a unit, as a document's labels (drive_document()): a row handed to a thread
    // alone, and its result back, cost two wake-ups a row, and two threads then spent a fifth
    // more CPU than one.
    std::vector<data::Row> rows;
    auto submit = [&] {
      pool.submit([&, rows = std::move(rows)] {
        Unit unit;
        for (const data::Row& row : rows) add(unit, make_row(templ, row, make));
        return unit;
      });
      rows.clear();
    };
    auto on_row = [&](data::Row& row) {
      if (columns_failed) return false;  // every row would say the same
      const std::size_t number = row.number;
      seen = number;
      if (!range.contains(number)) return number < range.first;
      if (++selected == 1) first_row = number;  // set before any row's task starts
      rows.push_back(std::move(row));
      if (rows.size() == per_unit()) submit();
      return number < range.last;
    };
    Diagnostics data_errors = data::read_rows(*in, read, on_row, on_header);
    if (!rows.empty()) submit();
    pool.finish();
    report(std::move(data_errors));
    if (selected == 0 && seen > 0 && !columns_failed)
      run_error(
          error(data_name, codes::kNoRowSelected,
                "--rows selects none of the " + std::to_string(seen) + " rows of " + data_name));
  }

  Unit make_row(const Template& templ, const data::Row& row, const Maker& make) {
    Unit unit;
    CompileResult bound = templ.bind(row, data_name);
    unit.diagnostics = std::move(bound.diagnostics);
    if (!bound.document) {
      failed = true;
      return unit;
    }
    ir::Document& document = *bound.document;
    if (options.label) {
      std::erase_if(document.labels, [&](const ir::Label& l) { return l.id != *options.label; });
      if (document.labels.empty())
        unit.diagnostics.push_back({data_name,
                                    {row.line, 0},
                                    Severity::error,
                                    std::string(codes::kNoSuchLabel),
                                    "row " + std::to_string(row.number) +
                                        "'s document has no LABEL with id " +
                                        std::to_string(*options.label),
                                    {}});
    }
    Diagnostics made;
    if (prepare_pages && !document.labels.empty()) {
      made = renderer->prepare(document);
      if (has_errors(made)) document.labels.clear();
    }
    Unit drawn;
    drawn.row = row.number;
    if (!document.labels.empty())
      make(document, document.labels, !failed && !fails(unit.diagnostics, options.werror), drawn);
    made.insert(made.end(), std::make_move_iterator(drawn.diagnostics.begin()),
                std::make_move_iterator(drawn.diagnostics.end()));
    to_row(templ, row, data_name, file_name, made);
    unit.diagnostics.insert(unit.diagnostics.end(), std::make_move_iterator(made.begin()),
                            std::make_move_iterator(made.end()));
    if (fails(unit.diagnostics, options.werror)) {
      failed = true;
      return unit;
    }
    unit.pieces = std::move(drawn.pieces);
    for (Piece& piece : unit.pieces) {
      piece.row = row.number;
      piece.labels = document.labels.size();
    }
    unit.rendered = std::move(drawn.rendered);
    if (!unit.rendered.empty()) {
      unit.outline = std::move(document);
      unit.outline->labels.clear();
    }
    return unit;
  }
};

// The maker of image, base64 and strip runs: each label drawn, then encoded by `encode` (or
// kept whole for the strip).
Maker draw_labels(Run& run, std::function<std::vector<std::uint8_t>(const Bitmap&)> encode_label,
                  bool keep) {
  return [&run, encode_label = std::move(encode_label), keep](const ir::Document& document,
                                                              std::span<const ir::Label> labels,
                                                              bool encode, Unit& unit) {
    for (const ir::Label& label : labels) {
      RenderResult result = run.renderer->render_label(document, label, run.render);
      bool label_fails = fails(result.diagnostics, run.options.werror);
      unit.diagnostics.insert(unit.diagnostics.end(),
                              std::make_move_iterator(result.diagnostics.begin()),
                              std::make_move_iterator(result.diagnostics.end()));
      encode = encode && !label_fails;
      if (!encode || result.labels.empty()) continue;
      if (keep)
        unit.rendered.push_back(std::move(result.labels[0]));
      else
        unit.pieces.push_back({0, result.labels[0].id, 0, encode_label(result.labels[0].bitmap)});
    }
  };
}

// OUT with "-<part>" before the extension: out.png -> out-1.png.
std::string suffixed(const std::string& output, const std::string& part) {
  std::filesystem::path path(output);
  std::filesystem::path name = path.stem().string() + "-" + part + path.extension().string();
  return (path.parent_path() / name).string();
}

// The file name of a piece of a render run (docs/cli.md, "Output names").
std::string piece_path(const std::string& output, const Piece& piece) {
  if (piece.row == 0) return piece.labels > 1 ? suffixed(output, std::to_string(piece.id)) : output;
  std::string row = std::to_string(piece.row);
  return suffixed(output, piece.labels > 1 ? row + "-" + std::to_string(piece.id) : row);
}

// Spools every piece, then (when the run succeeded) writes them to `out` in blocks of up to
// 2 MiB: few system calls, little memory.
class StreamOutput {
 public:
  StreamOutput(Run& run, std::ostream& out) : run_(run), out_(out) {}
  void add(Unit& unit) {
    if (run_.failed || run_.io_failed) return;
    for (const Piece& piece : unit.pieces) {
      std::string error;
      if (!spool_.add(piece.bytes, error)) {
        run_.io_error(output_error("<temporary file>", error));
        return;
      }
    }
  }
  std::size_t size() const { return spool_.count(); }
  void write() {
    if (run_.failed || run_.io_failed) return;
    std::string error;
    bool written = spool_.replay(
        [&](std::span<const std::uint8_t> bytes) {
          out_.write(reinterpret_cast<const char*>(bytes.data()),
                     static_cast<std::streamsize>(bytes.size()));
          return static_cast<bool>(out_);
        },
        error);
    if (!written || !out_.flush())
      run_.io_error(output_error("<stdout>", error.empty() ? "cannot write" : error));
  }

 private:
  Run& run_;
  std::ostream& out_;
  Spool spool_;
};

}  // namespace
}  // namespace pipeline

using pipeline::Run;
using pipeline::Unit;

std::optional<ImageFormat> image_format_from_path(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".png") return ImageFormat::png;
  if (ext == ".pbm") return ImageFormat::pbm;
  if (ext == ".svg") return ImageFormat::svg;
  if (ext == ".pdf") return ImageFormat::pdf;
  return std::nullopt;
}

namespace {

// The files a run reads, which its outputs must not replace.
std::vector<std::string> input_files(const RunOptions& options) {
  std::vector<std::string> files{options.data.path, options.logo};
  if (!options.markup) files.push_back(options.input);
  return files;
}

}  // namespace

RunStatus run_check(const RunOptions& options, const DiagnosticSink& sink) {
  Run run(options, sink);
  if (!run.prepare(false)) return run.status();
  pipeline::Maker check = [&](const ir::Document& document, std::span<const ir::Label> labels, bool,
                              Unit& unit) {
    for (const ir::Label& label : labels) {
      Diagnostics d = check_label(document, label, options.limits);
      unit.diagnostics.insert(unit.diagnostics.end(), std::make_move_iterator(d.begin()),
                              std::make_move_iterator(d.end()));
    }
  };
  run.drive(check, true, false, [](Unit&) {});
  return run.status();
}

RenderRun run_render(const RunOptions& options, const ImageOutput& output,
                     const DiagnosticSink& sink) {
  Run run(options, sink);
  RenderRun result;
  if (!run.prepare(true)) {
    result.status = run.status();
    return result;
  }
  std::ostream& standard_output = output.standard_output ? *output.standard_output : std::cout;
  ImageFormat format = output.path == "-" ? ImageFormat::png : output.format;
  // Cairo is loaded for the first PDF (render/src/cairo_library.hpp): without it the run makes
  // nothing, rather than fail in the middle with some files written.
  if (std::string why; format == ImageFormat::pdf && !render::pdf_encoder_available(why)) {
    run.io_error(pipeline::output_error(output.path, why));
    result.status = run.status();
    return result;
  }
  if (output.strip) {
    std::vector<RenderedLabel> labels;
    std::optional<ir::Document> outline;
    std::int64_t area = 0;
    bool too_large = false;
    pipeline::Maker make = pipeline::draw_labels(run, {}, true);
    run.drive(make, true, true, [&](Unit& unit) {
      if (run.failed || too_large) return;
      if (!outline) outline = unit.outline;
      for (RenderedLabel& label : unit.rendered) {
        // Rows' labels keep row order in the strip, which is in id order.
        if (!options.data.path.empty()) label.id = static_cast<std::int64_t>(labels.size());
        area +=
            std::int64_t{label.bitmap.width()} * label.bitmap.height() * std::max(label.copies, 1);
        labels.push_back(std::move(label));
      }
      // Past the limit, the strip is refused (Renderer::strip says why) without holding more.
      // Rows are unbounded in number: past the limit, nothing more is held. A document's labels
      // are bounded by the document, and Renderer::strip() words its refusal.
      if (!options.data.path.empty() && area > options.limits.max_label_dots && !too_large) {
        too_large = true;
        labels.clear();
        run.run_error(pipeline::error(run.file_name, codes::kStripTooLarge,
                                      "the strip of every row's labels would be larger than the " +
                                          std::to_string(options.limits.max_label_dots) +
                                          " dots of area the limit allows",
                                      "select fewer rows (--rows) or render each row on its own"));
      }
    });
    if (!outline) outline = run.outline;  // a document run: the document's page
    if (!run.failed && !run.io_failed && outline) {
      Renderer::StripResult strip = run.renderer->strip(*outline, labels);
      run.report(std::move(strip.diagnostics));
      if (strip.bitmap && !run.failed) {
        std::vector<std::uint8_t> bytes = pipeline::encode(format, *strip.bitmap);
        if (output.path == "-") {
          standard_output.write(reinterpret_cast<const char*>(bytes.data()),
                                static_cast<std::streamsize>(bytes.size()));
          if (!standard_output.flush())
            run.io_error(pipeline::output_error("<stdout>", "cannot write"));
        } else if (Diagnostics d = write_file_atomically(
                       output.path, {reinterpret_cast<const char*>(bytes.data()), bytes.size()},
                       input_files(options));
                   !d.empty()) {
          run.io_error(std::move(d[0]));
        } else {
          result.written.push_back(output.path);
        }
      }
    }
    result.status = run.status();
    return result;
  }

  pipeline::Maker make = pipeline::draw_labels(
      run, [format](const Bitmap& bitmap) { return pipeline::encode(format, bitmap); }, false);
  if (output.path == "-") {
    pipeline::StreamOutput stream(run, standard_output);
    run.drive(make, true, true, [&](Unit& unit) { stream.add(unit); });
    if (stream.size() > 1 && !run.failed)
      run.io_error(pipeline::error("<stdout>", codes::kOneImageOnly,
                                   "the run makes " + std::to_string(stream.size()) +
                                       " images and standard output takes one",
                                   "use --label ID, --rows N or --strip, or write to a file"));
    stream.write();
    result.status = run.status();
    return result;
  }
  // Every file is written to a temporary beside it as it comes and renamed into place only
  // when the whole run has succeeded: all or nothing.
  pipeline::StagedOutputs staged(input_files(options));
  std::vector<std::string> paths;
  run.drive(make, true, true, [&](Unit& unit) {
    if (run.failed || run.io_failed) return;
    for (const pipeline::Piece& piece : unit.pieces) {
      paths.push_back(pipeline::piece_path(output.path, piece));
      Diagnostic error;
      if (!staged.add(paths.back(), piece.bytes, error)) {
        run.io_error(std::move(error));
        return;
      }
    }
  });
  if (!run.failed && !run.io_failed) {
    Diagnostic error;
    if (staged.commit(error))
      result.written = std::move(paths);
    else
      run.io_error(std::move(error));
  }
  result.status = run.status();
  return result;
}

RunStatus run_base64(const RunOptions& options, std::ostream& out, const DiagnosticSink& sink) {
  Run run(options, sink);
  if (!run.prepare(true)) return run.status();
  pipeline::Maker make = pipeline::draw_labels(
      run,
      [](const Bitmap& bitmap) {
        std::string line = base64_encode(encode_png(bitmap));
        std::vector<std::uint8_t> bytes(line.size() + 1, '\n');
        std::copy(line.begin(), line.end(), bytes.begin());
        return bytes;
      },
      false);
  pipeline::StreamOutput stream(run, out);
  run.drive(make, true, true, [&](Unit& unit) { stream.add(unit); });
  stream.write();
  return run.status();
}

PrinterJobRun run_printer_job(const RunOptions& options, const PrinterJobOptions& job,
                              const DiagnosticSink& sink) {
  Run run(options, sink);
  PrinterJobRun result;
  if (!run.prepare(true)) {
    result.status = run.status();
    return result;
  }
  const bool escpos = job.language == PrinterJobOptions::Language::escpos;
  const std::size_t max_bytes = escpos ? job.escpos.max_job_bytes : job.tspl.max_job_bytes;
  pipeline::Maker make = [&](const ir::Document& document, std::span<const ir::Label> labels,
                             bool encode, Unit& unit) {
    ir::Document whole = document;
    whole.labels.assign(labels.begin(), labels.end());
    printer::Job made;
    if (escpos) {
      printer::EscPosOptions o = job.escpos;
      o.render = run.render;
      // Rows after the first go on from it on the same paper.
      o.continues = unit.row > run.first_row;
      made = printer::to_escpos(whole, *run.renderer, o);
    } else {
      printer::TsplOptions o = job.tspl;
      o.render = run.render;
      made = printer::to_tspl(whole, *run.renderer, o);
    }
    bool ok = !pipeline::fails(made.diagnostics, options.werror);
    unit.diagnostics.insert(unit.diagnostics.end(),
                            std::make_move_iterator(made.diagnostics.begin()),
                            std::make_move_iterator(made.diagnostics.end()));
    if (encode && ok) unit.pieces.push_back({0, 0, 0, std::move(made.bytes)});
  };
  bool too_large = false;
  run.drive(make, false, true, [&](Unit& unit) {
    if (run.failed || too_large) return;
    for (const pipeline::Piece& piece : unit.pieces) {
      // Each row's part is within the limit: together they may not be.
      if (result.bytes.size() + piece.bytes.size() > max_bytes) {
        too_large = true;
        result.bytes = {};
        run.run_error(pipeline::error(
            piece.row ? run.data_name : run.file_name, codes::kJobTooLarge,
            "the print job outgrows the limit of " + std::to_string(max_bytes) + " bytes" +
                (piece.row ? " at row " + std::to_string(piece.row) : std::string()),
            "print the rows in several jobs (--rows)"));
        return;
      }
      result.bytes.insert(result.bytes.end(), piece.bytes.begin(), piece.bytes.end());
    }
  });
  result.status = run.status();
  if (result.status != RunStatus::ok) result.bytes = {};
  return result;
}

RunStatus run_mstching(const RunOptions& options, const mstching::Options& mstching_options,
                       std::ostream& out, const DiagnosticSink& sink) {
  Run run(options, sink);
  if (!run.prepare(true)) return run.status();
  mstching::Options converting = mstching_options;
  converting.render = run.render;
  converting.limits = options.limits;
  pipeline::Maker make = [&](const ir::Document& document, std::span<const ir::Label> labels,
                             bool encode, Unit& unit) {
    ir::Document whole = document;
    whole.labels.assign(labels.begin(), labels.end());
    mstching::Result result = mstching::convert(whole, *run.renderer, converting);
    bool converted = !pipeline::fails(result.diagnostics, options.werror);
    unit.diagnostics = std::move(result.diagnostics);
    if (!encode || !converted) return;
    std::string json = mstching::to_json(result.items) + '\n';
    unit.pieces.push_back({0, 0, 0, {json.begin(), json.end()}});
  };
  pipeline::StreamOutput stream(run, out);
  run.drive(make, false, false, [&](Unit& unit) { stream.add(unit); });
  stream.write();
  return run.status();
}

}  // namespace dotlabel
