// The raster stage: one draw_* function per element kind, each in its own file (draw_text.cpp,
// draw_barcode.cpp, ...), placing what the resolve stage (resolve/resolve.hpp) computed onto a
// LabelCanvas. Nothing here decides content or reports about it; the canvas reports clipping.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic_codes.hpp"
#include "dotlabel/bitmap.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"
#include "dotlabel/render.hpp"
#include "resolve/resolve.hpp"

namespace dotlabel::render {

class FontSet;

// ORs the black dots of `src` into `dst` with src's top-left at (x, y), clipped to dst.
void or_into(Bitmap& dst, const Bitmap& src, int x, int y);

// "1.25 mm": dots as mm, exact (1 dot = 0.125 mm), without trailing zeros.
std::string dots_to_mm(long long dots);

// One label being drawn: its bitmap (label size, unmirrored), the diagnostics and element
// boxes collected while drawing. Everything outside the bitmap is clipped, as the printer
// clips it; stamp() reports the overflow.
class LabelCanvas {
 public:
  LabelCanvas(Bitmap& bitmap, Diagnostics& diagnostics, std::vector<ElementBox>& boxes,
              const std::string& file)
      : bitmap_(bitmap), diagnostics_(diagnostics), boxes_(boxes), file_(file) {}

  Bitmap& bitmap() { return bitmap_; }

  // ORs the black dots of `sprite` into the label, turned clockwise by `rotation`, the
  // turned sprite's top-left at (x, y) (where a TEXT or BARC goes: inferred::place). Records
  // the element's box and warns (with side and mm) when it leaves the label. `what` names the
  // element in messages.
  void stamp(SourcePos at, std::string_view what, const Bitmap& sprite, int x, int y,
             ir::Rotation rotation);

  // stamp() for `part`, a window of a longer sprite (same height, `whole_width` wide) that
  // starts `offset` dots into it; (x, y), box and lint are those of the whole sprite.
  void stamp_part(SourcePos at, std::string_view what, const Bitmap& part, long long offset,
                  long long whole_width, int x, int y, ir::Rotation rotation);

  // For elements drawn straight onto the bitmap (SQ, BL, REV): records the box and warns when
  // the rectangle leaves the label.
  void place(SourcePos at, std::string_view what, int x, int y, int width, int height);

  void report(SourcePos at, Severity severity, std::string_view code, std::string message,
              std::string hint = {});

 private:
  Bitmap& bitmap_;
  Diagnostics& diagnostics_;
  std::vector<ElementBox>& boxes_;
  const std::string& file_;
};

// The resolved element placed on the label; text and human-readable lines take their glyphs
// from `fonts`.
void draw(const ResolvedElement& element, const FontSet& fonts, LabelCanvas& canvas);
void draw_text(const ResolvedText& text, const FontSet& fonts, LabelCanvas& canvas);
void draw_barcode(const ResolvedBarcode& barcode, const FontSet& fonts, LabelCanvas& canvas);
void draw_qr(const ResolvedQr& qr, LabelCanvas& canvas);
void draw_image(const ResolvedImage& image, LabelCanvas& canvas);
void draw_rect(const ResolvedRect& rect, LabelCanvas& canvas);

}  // namespace dotlabel::render
