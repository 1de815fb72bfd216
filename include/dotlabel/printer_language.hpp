// Local printing: a label document as the bytes a label printer (TSPL) or a receipt printer
// (ESC/POS) prints, to be sent over USB, a serial line or TCP port 9100 however the caller
// likes. `dotlabel tspl`, `dotlabel escpos` and `dotlabel print` use these (docs/printing.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::printer {

// A print job: the whole byte stream, or nothing (empty) when a diagnostic is an error.
struct Job {
  std::vector<std::uint8_t> bytes;
  Diagnostics diagnostics;  // includes the renderer's
  bool ok() const { return !has_errors(diagnostics); }
};

enum class TsplMode {
  raster,  // each label as BITMAP commands of exactly the dots the renderer draws
  native,  // TEXT, BARCODE, QRCODE, BOX, BAR, REVERSE: smaller and crisper, not dot-exact
};

// A tall label is sent as several BITMAP commands of at most this many bytes of image data
// each (whole rows), so that no single command outgrows a printer's receive buffer.
inline constexpr std::size_t kMaxBitmapBytes = 32 * 1024;

// A job is built in memory: one larger than this is refused (DL0555) rather than let a file of
// many large labels take all the memory. 256 MiB is some 10,000 labels of 100 x 150 mm.
inline constexpr std::size_t kMaxJobBytes = std::size_t{256} << 20;

struct TsplOptions {
  TsplMode mode = TsplMode::raster;
  std::size_t max_bitmap_bytes = kMaxBitmapBytes;  // at least one row is always sent
  std::size_t max_job_bytes = kMaxJobBytes;
  // The logo for an empty <BMP/>. `as_fed` is ignored: DIRECTION turns the label on the
  // printer itself.
  RenderOptions render;
};

// The TSPL program of every label in id order: SIZE, GAP or BLINE, then per label DIRECTION,
// REFERENCE, CLS, its content and PRINT 1,c, with SET CUTTER where a CUTTER says so. Lines end
// in CR LF. Errors: the renderer's (fonts, undrawable elements), DL0555 for a job over
// max_job_bytes; native mode also reports, as
// notes, what it prints as a bitmap instead and where the printer's own fonts differ.
// Thread safety: reentrant; a Renderer may be shared between threads.
DOTLABEL_API Job to_tspl(const ir::Document& document, const Renderer& renderer,
                         const TsplOptions& options = {});

// GS v 0 images are sent in bands of at most this many rows: cheap receipt printers buffer
// little, and a band this tall stays under 10 KB at 576 dots.
inline constexpr int kEscPosBandRows = 128;
inline constexpr int kMaxPaperWidth = 4096;  // dots: a sanity bound, wider than any paper

struct EscPosOptions {
  // The paper's printable width in dots (384 on 58 mm paper, 576 on 80 mm); 0 = unbounded.
  int paper_width = 0;
  // A label wider than the paper: scaled down to its width (a warning) rather than refused.
  bool scale_to_paper = false;
  std::size_t max_job_bytes = kMaxJobBytes;
  RenderOptions render;  // the logo for an empty <BMP/>; `as_fed` is ignored
  // The job goes on from an earlier one on the same paper (a template's next row,
  // run_printer_job): no ESC @, and the page gap fed before its first label as between labels.
  bool continues = false;
};

// The ESC/POS job of every label in id order, each `c` times: ESC @, the label as raster
// GS v 0 bands, ESC J feeds of the page gap between labels, and GS V cuts where a CUTTER says
// so. Errors: the renderer's; DL0550 for a paper width outside 0..kMaxPaperWidth; DL0551 for
// a label wider than the paper without scale_to_paper; DL0555 for a job over max_job_bytes.
// Thread safety: reentrant; a Renderer may be shared between threads.
DOTLABEL_API Job to_escpos(const ir::Document& document, const Renderer& renderer,
                           const EscPosOptions& options = {});

}  // namespace dotlabel::printer
