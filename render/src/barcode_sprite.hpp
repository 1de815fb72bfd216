// Barcode building blocks: the bar pattern (resolve/barcode.cpp) and the sprite layout
// (draw_barcode.cpp), split out so they can be tested without fonts or a canvas.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"

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

// The unrotated barcode sprite: bars `height` dots high at the top (EAN/UPC guard bars too:
// the line of digits is one plain line under the bars, not split between guards), the
// human-readable sprite `hri` (may be empty) kHriGap dots below, placed left/center/right under the
// bars. The sprite grows to the left or right when the line is wider than the bars. `bars_left`
// receives the x of the first bar inside the sprite.
Bitmap barcode_sprite(const BarcodeBars& bars, int height, const Bitmap& hri,
                      ir::HumanReadable placement, int& bars_left);

}  // namespace dotlabel::render
