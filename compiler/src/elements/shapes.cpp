// SQ (outline), BL (filled bar) and REV (inverted rectangle): geometry only.
#include "elements/elements.hpp"

namespace dotlabel {

std::optional<ir::Box> lower_box(const ElementInput& input, Context&) {
  const Attributes& a = input.attributes;
  if (!a.ok()) return std::nullopt;
  return ir::Box{input.at, a.dots("x"), a.dots("y"), a.dots("xe"), a.dots("ye"), a.dots("lt")};
}

std::optional<ir::Bar> lower_bar(const ElementInput& input, Context&) {
  const Attributes& a = input.attributes;
  if (!a.ok()) return std::nullopt;
  return ir::Bar{input.at, a.dots("x"), a.dots("y"), a.dots("w"), a.dots("h")};
}

std::optional<ir::Reverse> lower_reverse(const ElementInput& input, Context&) {
  const Attributes& a = input.attributes;
  if (!a.ok()) return std::nullopt;
  return ir::Reverse{input.at, a.dots("x"), a.dots("y"), a.dots("w"), a.dots("h")};
}

}  // namespace dotlabel
