// BARC, resolved (resolve/barcode.cpp): the bars and the human-readable line in one sprite,
// turned by `r`, the bars placed where inferred::place() says.
#include <algorithm>
#include <cstring>

#include "barcode_sprite.hpp"
#include "draw.hpp"
#include "fonts.hpp"
#include "resolve/placement.hpp"

namespace dotlabel::render {

BarcodeLayout barcode_layout(int bars_width, int height, int hri_width, int hri_height,
                             ir::HumanReadable placement) {
  BarcodeLayout layout;
  layout.with_hri = placement != ir::HumanReadable::none && hri_width > 0 && hri_height > 0;
  // Where the human-readable line starts relative to the first bar.
  int hri_x = 0;
  if (layout.with_hri) {
    switch (placement) {
      case ir::HumanReadable::left:
        hri_x = 0;
        break;
      case ir::HumanReadable::center:
        hri_x = (bars_width - hri_width) / 2;
        break;
      case ir::HumanReadable::right:
        hri_x = bars_width - hri_width;
        break;
      case ir::HumanReadable::none:
        break;
    }
  }
  const int left = layout.with_hri ? std::min(0, hri_x) : 0;
  const int right = layout.with_hri ? std::max(bars_width, hri_x + hri_width) : bars_width;
  layout.width = right - left;
  layout.height = layout.with_hri ? height + kHriGap + hri_height : height;
  layout.bars_left = -left;
  layout.hri_x = hri_x - left;
  layout.hri_y = height + kHriGap;
  return layout;
}

Bitmap barcode_sprite(const BarcodeBars& bars, int height, const Bitmap& hri,
                      ir::HumanReadable placement, int& bars_left) {
  const BarcodeLayout layout =
      barcode_layout(bars.width, height, hri.width(), hri.height(), placement);
  Bitmap sprite(layout.width, layout.height);
  bars_left = layout.bars_left;

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
  if (layout.with_hri) or_into(sprite, hri, layout.hri_x, layout.hri_y);
  return sprite;
}

void draw_barcode(const ResolvedBarcode& resolved, const FontSet& fonts, LabelCanvas& canvas) {
  const ir::Barcode& barcode = *resolved.barcode;
  const BarcodeBars& bars = resolved.bars;
  Bitmap hri;
  if (barcode.human_readable != ir::HumanReadable::none && !bars.text.empty())
    hri = fonts.text_line(bars.text, kHriFont, 1, 1);
  int bars_left = 0;
  Bitmap sprite = barcode_sprite(bars, barcode.height, hri, barcode.human_readable, bars_left);
  const BarcodeLayout layout =
      barcode_layout(bars.width, barcode.height, hri.width(), hri.height(), barcode.human_readable);
  // `a` places the bars (their start, middle or end at x, inferred::anchor_along); a
  // human-readable line wider than them overhangs on either side. The scan-safety lint places
  // the bars and the line the same way (resolve/placement.hpp).
  const DotRect box =
      landing(sprite.width(), sprite.height(), barcode_anchor_x(layout, bars.width, barcode.align),
              0, barcode.x, barcode.y, barcode.rotation);
  canvas.stamp(barcode.at, "BARC", sprite, static_cast<int>(box.x), static_cast<int>(box.y),
               barcode.rotation);
}

}  // namespace dotlabel::render
