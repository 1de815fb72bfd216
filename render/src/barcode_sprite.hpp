// Barcode building blocks: the bar pattern (resolve/barcode.cpp) and the sprite layout
// (draw_barcode.cpp), split out so they can be tested without fonts or a canvas.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"
#include "inferred_rules.hpp"

namespace dotlabel::render {

// A linear symbol as printed: bar/space run widths in dots, starting with a bar.
struct BarcodeBars {
  std::vector<int> runs;   // dots, alternating bar, space, bar, ...
  int width = 0;           // sum of runs
  int modules = 0;         // zint's width in modules (no quiet zone)
  std::string text;        // human-readable interpretation (zint's, e.g. EAN with check digit)
  std::string error;       // non-empty: the content cannot be encoded, nothing to draw
  bool too_large = false;  // error: encodable, but the bars at n/w/h are absurdly large
  std::string warning;     // zint encoded it but warned (non-compliant symbol, ...)
};

// Encodes `barcode.content` with zint and re-expands the module runs to dots: every module is
// `narrow` dots for single-width codes; for two-width codes a 1-module run is `narrow` dots
// and any longer run `wide` dots. Bars of more than `max_dots` (the renderer's
// Limits::max_label_dots: no label is larger) are `too_large`.
BarcodeBars encode_barcode(const ir::Barcode& barcode,
                           std::int64_t max_dots = Limits{}.max_label_dots);

// The bars of one row of zint modules (`modules` wide, bit x & 7 of byte x >> 3 set for a
// bar), expanded to dots as encode_barcode() says, into `out`. No modules is an error, never an
// empty run list: there is nothing to draw.
BarcodeBars bars_from_modules(const unsigned char* row, int modules, const ir::Barcode& barcode,
                              std::int64_t max_dots, BarcodeBars out = {});

// Gap in dots between the bottom of the bars and the top of the human-readable line: 2 dots
// (0.25 mm) keep the digits clear of the bars on the head without wasting label height
// (inferred; the vendor text does not say).
inline constexpr int kHriGap = 2;

// The printer font of the human-readable line under the bars (docs/rendering.md): its f=3-class
// font, whatever font the label's TEXTs use.
inline constexpr int kHriFont = 3;

// Where the parts of the unrotated barcode sprite lie: bars `height` dots high at the top (EAN/UPC
// guard bars too: the line of digits is one plain line under the bars, not split between guards),
// the human-readable line (`hri_width` x `hri_height`, none when either is 0) kHriGap dots below,
// placed left/center/right under the bars. The sprite grows to the left or right when the line is
// wider than the bars.
struct BarcodeLayout {
  int width = 0, height = 0;  // the whole sprite
  int bars_left = 0;          // x of the first bar in the sprite
  bool with_hri = false;
  int hri_x = 0, hri_y = 0;  // top-left of the human-readable line in the sprite
};
BarcodeLayout barcode_layout(int bars_width, int height, int hri_width, int hri_height,
                             ir::HumanReadable placement);

// The x in the sprite that goes to the BARC's x for `a`: the first bar, the middle or the end of
// the bars.
inline int barcode_anchor_x(const BarcodeLayout& layout, int bars_width, ir::Align align) {
  return layout.bars_left + static_cast<int>(inferred::anchor_along(align, bars_width));
}

// The unrotated barcode sprite as barcode_layout() places it, with `hri` (may be empty) as the
// human-readable line. `bars_left` receives the x of the first bar inside the sprite.
Bitmap barcode_sprite(const BarcodeBars& bars, int height, const Bitmap& hri,
                      ir::HumanReadable placement, int& bars_left);

}  // namespace dotlabel::render
