// The resolve stage, between the IR and the raster: every element's printable form, computed
// once, and every content diagnostic (docs/rendering.md, "Stages"). Bar runs come from zint,
// the QR module matrix from libqrencode, images are decoded and scaled to 1 bit, text is laid
// out as glyph cells. No font file is opened here: cell widths come from the font manifest, the
// glyph bitmaps are looked up by the raster (draw_*.cpp), which only places what is resolved
// and reports clipping. dotlabel::check() runs this stage without the raster.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "barcode_sprite.hpp"
#include "dotlabel/bitmap.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"
#include "dotlabel/render.hpp"
#include "fonts.hpp"
#include "inferred_rules.hpp"

namespace dotlabel::render {

// What resolving one label needs and where its diagnostics go.
struct ResolveContext {
  const std::string& file;
  int label_width = 0, label_height = 0;  // dots
  const Limits& limits;
  const FontSet& fonts;  // metrics only (the manifest): resolving opens no font file
  const RenderOptions& options;
  Diagnostics& diagnostics;

  void report(SourcePos at, Severity severity, std::string_view code, std::string message,
              std::string hint = {}) const;
};

// A TEXT line laid out: its glyph cells (code point, x along the line, width, magnified), its
// length and where on the label the turned line lands.
struct ResolvedText {
  const ir::Text* text = nullptr;
  std::vector<GlyphCell> cells;
  long long width = 0;
  inferred::Placement placement;
};

struct ResolvedBarcode {
  const ir::Barcode* barcode = nullptr;
  BarcodeBars bars;
};

// The QR symbol as libqrencode encodes it, each module `s` x `s` dots (no quiet zone).
struct ResolvedQr {
  const ir::QrCode* qr = nullptr;
  Bitmap modules;
};

// BMP: the image decoded and scaled to `w`, in 1 bit, or the placeholder for an empty <BMP/>.
struct ResolvedImage {
  const ir::Image* image = nullptr;
  Bitmap sprite;
};

// SQ (outline of `line` dots), BL and REV: a rectangle with corners in order and an area.
struct ResolvedRect {
  enum class Kind { box, bar, reverse };
  Kind kind = Kind::bar;
  SourcePos at;
  int x = 0, y = 0, width = 0, height = 0;
  int line = 0;  // SQ only
};

// monostate: the element prints nothing (an error said why, or a CUTTER).
using ResolvedElement = std::variant<std::monostate, ResolvedText, ResolvedBarcode, ResolvedQr,
                                     ResolvedImage, ResolvedRect>;

// The page's size against the renderer's limits (DL0403); false: no label can be drawn.
bool resolve_page(const ir::Document& document, const Limits& limits, Diagnostics& diagnostics);

// One element; `element` must outlive the result, which points into it.
ResolvedElement resolve(const ir::Element& element, const ResolveContext& context);

// One file per element kind (resolve/text.cpp, barcode.cpp, qr.cpp, image.cpp, shapes.cpp).
ResolvedElement resolve_text(const ir::Text& text, const ResolveContext& context);
ResolvedElement resolve_barcode(const ir::Barcode& barcode, const ResolveContext& context);
ResolvedElement resolve_qr(const ir::QrCode& qr, const ResolveContext& context);
ResolvedElement resolve_image(const ir::Image& image, const ResolveContext& context);
ResolvedElement resolve_box(const ir::Box& box, const ResolveContext& context);
ResolvedElement resolve_bar(const ir::Bar& bar, const ResolveContext& context);
ResolvedElement resolve_reverse(const ir::Reverse& reverse, const ResolveContext& context);

}  // namespace dotlabel::render
