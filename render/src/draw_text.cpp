// TEXT: one line in a printer font, y = top of the cells, a= relative to x, r= about (x, y).
#include "draw.hpp"
#include "fonts.hpp"

namespace dotlabel::render {

void draw_text(const ir::Text& text, const FontSet& fonts, LabelCanvas& canvas) {
  Bitmap sprite = fonts.text_line(text.content, text.font, text.xw, text.yh);
  int anchor_x = 0;
  switch (text.align) {
    case ir::Align::left:
      break;
    case ir::Align::center:
      anchor_x = sprite.width() / 2;
      canvas.check_center(text.at, "TEXT", text.x);
      break;
    case ir::Align::right:
      anchor_x = sprite.width();
      break;
  }
  canvas.stamp(text.at, "TEXT", sprite, anchor_x, 0, text.x, text.y, text.rotation);
}

}  // namespace dotlabel::render
