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
    case ir::Align::center:  // off the middle: the compiler warns (DL0210), `check` sees it too
      anchor_x = sprite.width() / 2;
      break;
    case ir::Align::right:
      anchor_x = sprite.width();
      break;
  }
  canvas.stamp(text.at, "TEXT", sprite, anchor_x, 0, text.x, text.y, text.rotation);
}

}  // namespace dotlabel::render
