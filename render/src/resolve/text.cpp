// TEXT resolved: the line laid out in glyph cells of its printer font, and its anchor.
#include "resolve/resolve.hpp"

namespace dotlabel::render {

ResolvedElement resolve_text(const ir::Text& text, const ResolveContext& context) {
  ResolvedText out;
  out.text = &text;
  out.cells = context.fonts.layout(text.content, text.font, text.xw);
  if (!out.cells.empty()) out.width = out.cells.back().x + out.cells.back().width;
  // Along the line; off the middle, a=center is the compiler's lint (DL0210).
  if (text.align == ir::Align::center) out.anchor = out.width / 2;
  if (text.align == ir::Align::right) out.anchor = out.width;
  return out;
}

}  // namespace dotlabel::render
