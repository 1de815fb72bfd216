// TEXT resolved: the line laid out in glyph cells of its printer font, and where it lands.
#include "resolve/resolve.hpp"

namespace dotlabel::render {

ResolvedElement resolve_text(const ir::Text& text, const ResolveContext& context) {
  ResolvedText out;
  out.text = &text;
  out.cells = context.fonts.layout(text.content, text.font, text.xw);
  if (!out.cells.empty()) out.width = out.cells.back().x + out.cells.back().width;
  // Off the middle, a=center is the compiler's lint (DL0210), by the same rule.
  out.placement = inferred::place(text.align, text.rotation, text.x, text.y, out.width,
                                  context.fonts.line_height(text.font, text.yh));
  return out;
}

}  // namespace dotlabel::render
