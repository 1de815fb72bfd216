// TEXT, resolved (resolve/text.cpp): the line turned by r= and placed where
// inferred::place() says. The glyph bitmaps are looked up here, for the cells that reach the
// label.
#include "draw.hpp"
#include "fonts.hpp"

namespace dotlabel::render {

void draw_text(const ResolvedText& resolved, const FontSet& fonts, LabelCanvas& canvas) {
  const ir::Text& text = *resolved.text;
  const inferred::Placement& at = resolved.placement;
  // Only the cells that can reach the label are drawn: a long magnified line would otherwise
  // be a sprite of tens of MB of which the label shows a sliver. [from, to) is the part of
  // the line that lands on the label: along x (turned 0/180) or y (90/270), forwards or back.
  long long label_w = canvas.bitmap().width(), label_h = canvas.bitmap().height();
  long long from = 0, to = 0;
  switch (text.rotation) {
    case ir::Rotation::r0:
      from = -at.x, to = from + label_w;
      break;
    case ir::Rotation::r180:
      to = at.x + at.width, from = to - label_w;
      break;
    case ir::Rotation::r90:
      from = -at.y, to = from + label_h;
      break;
    case ir::Rotation::r270:
      to = at.y + at.height, from = to - label_h;
      break;
  }
  FontSet::Window window = fonts.window(resolved.cells, text.font, text.xw, text.yh, from, to);
  canvas.stamp_part(text.at, "TEXT", window.sprite, window.first, resolved.width,
                    static_cast<int>(at.x), static_cast<int>(at.y), text.rotation);
}

}  // namespace dotlabel::render
