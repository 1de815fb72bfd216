// TEXT and BARC `a="center"`: the one centring lint both elements share.
#include "diagnostic_codes.hpp"
#include "elements/common.hpp"
#include "elements/elements.hpp"
#include "inferred_rules.hpp"

namespace dotlabel {

void lint_center(const ElementInput& input, Context& context, std::string_view element,
                 ir::Align align, int x) {
  const Attributes& a = input.attributes;
  if (!inferred::centred_off_middle(align, x, input.page.width)) return;
  const std::string middle = dots_as_mm(input.page.width / 2);
  context.warning(codes::kCenterNotMiddle, a.position("a"),
                  std::string(element) + " a=\"center\" at x=" + quote(a.text("x")) +
                      ": the printer centres only when x is half the label width (" + middle +
                      " mm), whatever r is",
                  "use x=\"" + middle +
                      "\" to centre it on the label, or a=\"left\"/a=\"right\" to "
                      "place it at x");
}

}  // namespace dotlabel
