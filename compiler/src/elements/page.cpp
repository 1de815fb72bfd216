// PAGE, LABEL and CUTTER: the job and paper handling.
#include "diagnostic_codes.hpp"
#include "elements/elements.hpp"

namespace dotlabel {

std::optional<ir::Page> lower_page(const ElementInput& input, Context& context) {
  const Attributes& a = input.attributes;
  if (!a.ok()) return std::nullopt;
  ir::Page page;
  page.at = input.at;
  page.width = a.dots("w");
  page.length = a.dots("l");
  page.gap = a.dots("ld");
  page.paper_type = static_cast<int>(a.integer("pt"));
  page.feed_offset = a.number("lod");
  std::int64_t area = std::int64_t{page.width} * page.length;
  if (area > context.limits().max_label_dots) {
    context.error(codes::kLabelTooLarge, input.at,
                  "PAGE w=" + quote(a.text("w")) + " l=" + quote(a.text("l")) +
                      " makes a label of " + std::to_string(page.width) + " x " +
                      std::to_string(page.length) + " dots, more than the limit of " +
                      std::to_string(context.limits().max_label_dots) + " dots",
                  "label sizes are in mm (1 mm = 8 dots)");
    return std::nullopt;
  }
  return page;
}

std::optional<ir::Label> lower_label(const ElementInput& input, Context& context) {
  const Attributes& a = input.attributes;
  if (!a.ok()) return std::nullopt;
  std::int64_t max_copies = context.limits().max_copies;
  if (a.integer("c") > max_copies) {
    context.error(
        codes::kTooManyCopies, a.position("c"),
        "LABEL c=" + quote(a.text("c")) + " asks for more than the limit of " +
            std::to_string(max_copies) + " copies",
        "print the label in several jobs of at most " + std::to_string(max_copies) + " copies");
    return std::nullopt;
  }
  ir::Label label;
  label.at = input.at;
  label.id = a.integer("id");
  label.copies = static_cast<int>(a.integer("c"));
  label.direction = static_cast<int>(a.integer("d"));
  label.mirror = a.integer("m") == 1;
  label.offset = a.dots("os");  // an out-of-range os was already reported and left at 0
  return label;
}

std::optional<ir::Cutter> lower_cutter(const ElementInput& input, Context&) {
  const Attributes& a = input.attributes;
  if (!a.ok()) return std::nullopt;
  ir::Cutter cutter;
  cutter.at = input.at;
  cutter.every = static_cast<int>(a.integer("p"));
  std::string_view mode = a.text("ct");
  cutter.mode = mode == "OFF"     ? ir::CutterMode::off
                : mode == "BARCH" ? ir::CutterMode::batch
                                  : ir::CutterMode::on;
  return cutter;
}

}  // namespace dotlabel
