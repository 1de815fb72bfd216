// TEXT and BARC `a="center"`: the one centring lint both elements share.
#include "diagnostic_codes.hpp"
#include "elements/common.hpp"
#include "elements/elements.hpp"
#include "inferred_rules.hpp"

namespace dotlabel {

void lint_center(const ElementInput& input, Context& context, std::string_view element,
                 ir::Align align, ir::Rotation rotation, int x, int y) {
  const Attributes& a = input.attributes;
  if (!inferred::centred_off_middle(align, rotation, x, y, input.page.width, input.page.length))
    return;
  // At r=90/270 the line runs along the label's length: centring is along y (inferred::place).
  const bool along_y = rotation == ir::Rotation::r90 || rotation == ir::Rotation::r270;
  const char* axis = along_y ? "y" : "x";
  const char* size = along_y ? "length" : "width";
  const std::string middle = dots_as_mm((along_y ? input.page.length : input.page.width) / 2);
  context.warning(
      codes::kCenterNotMiddle, a.position("a"),
      std::string(element) + " a=\"center\" at " + axis + "=" + quote(a.text(axis)) +
          ": the printer centres only when " + axis + " is half the label " + size + " (" + middle +
          " mm)" + (along_y ? "; turned by r, the line runs along the label's length" : ""),
      std::string("use ") + axis + "=\"" + middle +
          "\" to centre it on the label, or a=\"left\"/a=\"right\" to place it at " + axis);
}

}  // namespace dotlabel
