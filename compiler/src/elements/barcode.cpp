// BARC: a 1D barcode of the element's content.
#include "diagnostic_codes.hpp"
#include "elements/common.hpp"
#include "elements/elements.hpp"
#include "inferred_rules.hpp"
#include "symbology.hpp"

namespace dotlabel {

std::optional<ir::Barcode> lower_barcode(const ElementInput& input, Context& context) {
  const Attributes& a = input.attributes;
  bool ok = a.ok();

  ir::Barcode barcode;
  barcode.at = input.at;
  barcode.content_at = input.content_at;
  barcode.x = a.dots("x");
  barcode.y = a.dots("y");
  barcode.type_name = a.text("ct");
  barcode.symbology = symbology_for(barcode.type_name).value_or(ir::Symbology::code128);
  barcode.narrow = a.dots("n");
  barcode.wide = a.dots("w");
  barcode.height = a.dots("h");
  barcode.human_readable = static_cast<ir::HumanReadable>(a.integer("s"));
  barcode.align = to_align(a.text("a"));
  barcode.rotation = to_rotation(a.text("r"));

  if (ok && is_two_width(barcode.symbology) && barcode.wide <= barcode.narrow) {
    int wide = inferred::wide_bar_dots(barcode.narrow);
    context.note(codes::kWideInferred, a.position("w"),
                 "BARC ct=\"" + barcode.type_name + "\" has w=" + std::to_string(barcode.wide) +
                     " <= n=" + std::to_string(barcode.narrow) + ": wide bars are drawn " +
                     std::to_string(wide) + " dots (2.5 x n)",
                 "set w greater than n to choose the wide bar width");
    barcode.wide = wide;
  }

  if (ok)
    lint_center(input, context, "BARC", barcode.align, barcode.rotation, barcode.x, barcode.y);

  const std::string& content = input.content.text;
  if (content.empty()) {
    context.error(codes::kEmptyContent, input.at, "BARC has no content to encode",
                  "write the data between <BARC ...> and </BARC>");
    return std::nullopt;
  }
  CheckedBarcode checked = check_barcode_content(barcode.symbology, barcode.type_name, content);
  for (BarcodeProblem& problem : checked.problems)
    context.report(problem.severity, problem.code,
                   input.content_position(problem.byte_index, context), std::move(problem.message),
                   std::move(problem.hint));
  if (!ok || !checked.ok()) return std::nullopt;
  barcode.content = std::move(checked.encoded);
  barcode.content_runs = input.content_runs(context);
  if (checked.added_in_front > 0) {
    // The added character (one at most) is shown at the first written one, whose run and the
    // others' move one code point on.
    if (barcode.content_runs.empty()) barcode.content_runs.push_back({0, input.content_at});
    for (ir::ContentRun& run : barcode.content_runs) run.first += checked.added_in_front;
    barcode.content_runs.insert(barcode.content_runs.begin(), {0, input.content_at});
  }
  return barcode;
}

}  // namespace dotlabel
