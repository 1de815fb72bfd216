// BARC, resolved (resolve/barcode.cpp): the bars and the human-readable line in one sprite,
// turned by `r`, the bars placed where inferred::place() says.
#include <algorithm>
#include <cstring>

#include "barcode_sprite.hpp"
#include "draw.hpp"
#include "fonts.hpp"

namespace dotlabel::render {

Bitmap barcode_sprite(const BarcodeBars& bars, int height, const Bitmap& hri,
                      ir::HumanReadable placement, int& bars_left) {
  const bool with_hri = placement != ir::HumanReadable::none && hri.width() > 0;
  // Where the human-readable line starts relative to the first bar.
  int hri_x = 0;
  if (with_hri) {
    switch (placement) {
      case ir::HumanReadable::left:
        hri_x = 0;
        break;
      case ir::HumanReadable::center:
        hri_x = (bars.width - hri.width()) / 2;
        break;
      case ir::HumanReadable::right:
        hri_x = bars.width - hri.width();
        break;
      case ir::HumanReadable::none:
        break;
    }
  }
  const int left = with_hri ? std::min(0, hri_x) : 0;
  const int right = with_hri ? std::max(bars.width, hri_x + hri.width()) : bars.width;
  const int total_height = with_hri ? height + kHriGap + hri.height() : height;
  Bitmap sprite(right - left, total_height);
  bars_left = -left;

  // Every row of the bars is the same: draw the first, copy it down.
  int x = bars_left;
  bool bar = true;
  for (int run : bars.runs) {
    if (bar) sprite.fill(x, 0, run, std::min(height, 1));
    x += run;
    bar = !bar;
  }
  for (int y = 1; y < height; ++y)
    std::memcpy(sprite.row(y), sprite.row(0), static_cast<std::size_t>(sprite.stride()));
  if (with_hri) or_into(sprite, hri, hri_x - left, height + kHriGap);
  return sprite;
}

void draw_barcode(const ResolvedBarcode& resolved, const FontSet& fonts, LabelCanvas& canvas) {
  const ir::Barcode& barcode = *resolved.barcode;
  const BarcodeBars& bars = resolved.bars;
  Bitmap hri;
  if (barcode.human_readable != ir::HumanReadable::none && !bars.text.empty())
    hri = fonts.text_line(bars.text, 3, 1, 1);
  int bars_left = 0;
  Bitmap sprite = barcode_sprite(bars, barcode.height, hri, barcode.human_readable, bars_left);
  // `a` places the bars; a human-readable line wider than them overhangs on either side.
  inferred::Placement bars_at = inferred::place(barcode.align, barcode.rotation, barcode.x,
                                                barcode.y, bars.width, sprite.height());
  const long long before = bars_left, after = sprite.width() - bars_left - bars.width;
  long long x = bars_at.x, y = bars_at.y;
  switch (barcode.rotation) {
    case ir::Rotation::r0:
      x -= before;
      break;
    case ir::Rotation::r90:
      y -= before;
      break;
    case ir::Rotation::r180:
      x -= after;
      break;
    case ir::Rotation::r270:
      y -= after;
      break;
  }
  canvas.stamp(barcode.at, "BARC", sprite, static_cast<int>(x), static_cast<int>(y),
               barcode.rotation);
}

}  // namespace dotlabel::render
