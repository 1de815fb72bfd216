// Runs: the whole compile -> report -> resolve -> render -> encode sequence of a command, for a
// label document or for a template filled from every row of a data file (docs/templates.md).
//
// A run reads its input (a file, or "-" for standard input) within Limits::max_input_bytes,
// compiles it once (a document lazily, label by label; a template once, then each row bound),
// and draws the labels on RunOptions::jobs threads. Outputs come out in document order (labels
// in id order; rows in data order, each row's labels in id order) and are byte-identical for
// any number of threads. Memory stays bounded however many labels or rows there are: at most a
// window of a few labels per thread is held, the rows are read as a stream, and outputs for
// standard output are spooled to a temporary file past a few MiB.
//
// Errors: every problem, the input's or the system's (a file that cannot be read or written),
// is a Diagnostic handed to the run's DiagnosticSink; RunStatus says what kind of failure ended
// the run. A run that fails writes nothing: files are written to temporaries beside them and
// renamed into place only when every label succeeded; standard output gets nothing. Only
// std::bad_alloc escapes. Diagnostics are capped per run (1000, then one DL0010 summary); a
// printer-font problem is reported once per run, not once per label; in a template run, a
// diagnostic that is the same for every row (one about the template's own text) is reported
// once. Thread safety: each run_* function may run in several threads at once; the sink is
// called on the calling thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/data.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/limits.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/printer_language.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel {

// Where a template's rows come from. An empty path means no data: the input is a plain
// document, and `{{...}}` in it prints literally.
struct DataOptions {
  std::string path;                    // "-" = standard input
  std::optional<data::Format> format;  // empty: from the extension (CSV for standard input)
  std::optional<char> delimiter;       // CSV: ',' unless given (';' or '\t'); .tsv means '\t'
  data::RowRange rows;                 // only these rows (1-based, the header not counted)
};

struct RunOptions {
  std::string input = "-";  // label markup or template; "-" = standard input
  // The input's text when the caller has read it already (a client that sends it on): `input`
  // then only names it in diagnostics. Empty: `input` is read.
  std::optional<std::string> markup;
  Limits limits;
  DataOptions data;
  std::optional<std::int64_t> label;  // only the LABEL with this id (of each row's document)
  bool werror = false;                // a warning fails the run as an error does
  int jobs = 0;                       // threads drawing labels; 0 = every core this process has
  std::string logo;                   // image file printed for an empty <BMP/>; empty = none
  bool as_fed = false;                // apply LABEL d (d=0 turns the label 180 degrees)
};

enum class RunStatus {
  ok,
  input_error,  // the input or the data has an error (or a warning under werror)
  io_error,     // a file cannot be read or written, or the request cannot be met as asked
};

// Receives a run's diagnostics in order, on the thread that called run_*.
using DiagnosticSink = std::function<void(Diagnostics)>;

// The sequence `dotlabel check` runs: compile and resolve every label (every row's labels),
// without drawing; reports every problem.
DOTLABEL_API RunStatus run_check(const RunOptions& options, const DiagnosticSink& sink);

enum class ImageFormat { png, pbm, svg, pdf };
// .png .pbm .svg .pdf (any case), or nothing.
DOTLABEL_API std::optional<ImageFormat> image_format_from_path(std::string_view path);

struct ImageOutput {
  // "-" writes one PNG to `standard_output` (a run with more than one image is refused).
  // Otherwise one label is written to `path`; several labels of a document to PATH-<id>.EXT;
  // a template's rows to PATH-<row>.EXT (one label a row) or PATH-<row>-<id>.EXT.
  std::string path;
  ImageFormat format = ImageFormat::png;
  bool strip = false;  // every label (every row's), each c times, in one image at `path`
  std::ostream* standard_output = nullptr;  // for "-"; null = std::cout
};

struct RenderRun {
  RunStatus status = RunStatus::ok;
  std::vector<std::string> written;  // the files written, in output order ("-" not listed)
};

// The sequence `dotlabel render` runs: every label drawn and written as image files.
DOTLABEL_API RenderRun run_render(const RunOptions& options, const ImageOutput& output,
                                  const DiagnosticSink& sink);

// The sequence `dotlabel base64` runs: one line per label (per row, rows in order), the label's
// 1-bit PNG in base64, written to `out` only when the whole run succeeded.
DOTLABEL_API RunStatus run_base64(const RunOptions& options, std::ostream& out,
                                  const DiagnosticSink& sink);

// The sequence `dotlabel mstching` runs: the document's PrintContent JSON array and a newline;
// for a template, JSON Lines: one array per row. `mstching.render` is taken from `options`
// (as_fed, logo) and `mstching.limits` from options.limits.
DOTLABEL_API RunStatus run_mstching(const RunOptions& options, const mstching::Options& mstching,
                                    std::ostream& out, const DiagnosticSink& sink);

// A printer language and its options for run_printer_job(). Their `render` (the logo) is
// taken from RunOptions::logo.
struct PrinterJobOptions {
  enum class Language { tspl, escpos } language = Language::tspl;
  printer::TsplOptions tspl;
  printer::EscPosOptions escpos;
};

struct PrinterJobRun {
  RunStatus status = RunStatus::ok;
  std::vector<std::uint8_t> bytes;  // the whole job; empty unless the run succeeded
};

// The sequence `dotlabel tspl`, `escpos` and `print` run: the document's labels (only
// RunOptions::label, if given) as one TSPL or ESC/POS job (printer::to_tspl, to_escpos). For a
// template, every selected row's labels, rows in order: a TSPL program per row, one after the
// other; ESC/POS as one job on one paper (the page gap between rows as between labels, a
// CUTTER counted within each row). The job is built whole in memory and refused past the
// language's max_job_bytes (DL0555).
DOTLABEL_API PrinterJobRun run_printer_job(const RunOptions& options, const PrinterJobOptions& job,
                                           const DiagnosticSink& sink);

// What draw_document() draws of a document.
struct DrawOptions {
  RenderOptions render;
  std::optional<std::int64_t> label;  // only the LABEL with this id; none = every label
  bool strip = false;                 // the drawn labels also stacked in one picture
  bool werror = false;                // a warning fails the drawing as an error does
};

struct Drawing {
  Diagnostics diagnostics;            // the labels' (as Renderer::render() gives them), the strip's
  std::vector<RenderedLabel> labels;  // id order, as Renderer::render() gives them
  std::optional<Bitmap> strip;        // with DrawOptions::strip, when no label failed
  bool labels_failed = false;  // an error (under werror, a warning) in the labels' diagnostics
  bool strip_failed = false;   // the strip asked for is too large to draw (DL0404)
  bool failed() const { return labels_failed || strip_failed; }
};

// The render -> strip part of every run, for one compiled document held in memory (the preview
// server, golden cases, a label sent to a print cloud): the labels drawn as Renderer::render()
// draws them and, with `strip`, stacked as Renderer::strip() stacks them, which is drawn only
// when no label failed. A `label` the document does not have is an error (DL0620). Thread
// safety: as Renderer::render(); `renderer` may be shared by several threads.
DOTLABEL_API Drawing draw_document(const Renderer& renderer, const ir::Document& document,
                                   const DrawOptions& options);

// Reads a whole file, or standard input for "-". More than max_bytes, or an I/O error, is an
// error diagnostic (DL0002) at `path`, and `contents` is then unspecified. Thread-safe for
// distinct paths (standard input is one stream).
DOTLABEL_API Diagnostics read_input(const std::string& path, std::size_t max_bytes,
                                    std::string& contents);

// Reads label markup for compile(): like read_input(), but at most max_bytes + 1 bytes are read
// and more is no error here, so that compile() reports an oversized input itself (DL0005).
DOTLABEL_API Diagnostics read_markup(const std::string& path, std::size_t max_bytes,
                                     std::string& contents);

// Writes `bytes` to `path` whole or not at all: a temporary file beside it, synced, then renamed
// over it. A symbolic link is written through: the file it names is replaced, the link stays.
// A device or a FIFO (/dev/usb/lp0, /dev/null) cannot be replaced and is written in place. A
// `path` that names the same file as one of `inputs` is refused: the command's own input is
// never overwritten. A failure is an error diagnostic (DL0623) and leaves any existing file as
// it was. Thread-safe.
DOTLABEL_API Diagnostics write_file_atomically(const std::string& path, std::string_view bytes,
                                               const std::vector<std::string>& inputs = {});

}  // namespace dotlabel
