// The REV lint: DL0472 (a REV over nothing drawn before it) and DL0473 (a TEXT drawn over an
// earlier REV). Areas are the elements' boxes (a TEXT's cells, a BARC's bars and their line,
// an SQ's four strokes), not their single dots.
#include "resolve/reverse_lint.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "barcode_sprite.hpp"
#include "diagnostic_codes.hpp"

namespace dotlabel::render {

namespace {

std::string where(SourcePos at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

}  // namespace

bool ReverseLint::overlap(const Area& a, const Area& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

void ReverseLint::add(const ResolvedElement& element) {
  auto drawn = [this](SourcePos at, const inferred::Placement& p) {
    if (p.width > 0 && p.height > 0) drawn_.push_back({at, p.x, p.y, p.width, p.height});
  };
  if (const auto* text = std::get_if<ResolvedText>(&element)) {
    const Area area{text->text->at, text->placement.x, text->placement.y, text->placement.width,
                    text->placement.height};
    if (area.width > 0 && area.height > 0) add_text(area);
    drawn(text->text->at, text->placement);
  } else if (const auto* barcode = std::get_if<ResolvedBarcode>(&element)) {
    const ir::Barcode& b = *barcode->barcode;
    long long depth = b.height;
    if (b.human_readable != ir::HumanReadable::none && !barcode->bars.text.empty())
      depth += kHriGap + context_.fonts.line_height(kHriFont, 1);
    drawn(b.at, inferred::place(b.align, b.rotation, b.x, b.y, barcode->bars.width, depth));
  } else if (const auto* qr = std::get_if<ResolvedQr>(&element)) {
    drawn(qr->qr->at, {qr->qr->x, qr->qr->y, qr->modules.width(), qr->modules.height()});
  } else if (const auto* image = std::get_if<ResolvedImage>(&element)) {
    drawn(image->image->at,
          {image->image->x, image->image->y, image->sprite.width(), image->sprite.height()});
  } else if (const auto* rect = std::get_if<ResolvedRect>(&element)) {
    const Area area{rect->at, rect->x, rect->y, rect->width, rect->height};
    if (rect->kind == ResolvedRect::Kind::reverse) return add_reverse(area);
    if (rect->kind == ResolvedRect::Kind::bar ||
        2LL * rect->line >= std::min(area.width, area.height))
      return drawn_.push_back(area);
    // An SQ outline: its four strokes, not the white inside.
    const long long line = rect->line;
    drawn_.push_back({area.at, area.x, area.y, area.width, line});
    drawn_.push_back({area.at, area.x, area.y + area.height - line, area.width, line});
    drawn_.push_back({area.at, area.x, area.y, line, area.height});
    drawn_.push_back({area.at, area.x + area.width - line, area.y, line, area.height});
  }
}

void ReverseLint::add_reverse(const Area& reverse) {
  const bool covers =
      std::any_of(drawn_.begin(), drawn_.end(), [&](const Area& a) { return overlap(a, reverse); });
  if (!covers)
    context_.report(reverse.at, Severity::warning, codes::kReverseOverNothing,
                    "REV covers nothing drawn before it: it inverts only what is already there, "
                    "so it prints a plain black rectangle",
                    "put the REV after the TEXT it should show white on black, or use BL for a "
                    "black bar");
  reverses_.push_back(reverse);
  drawn_.push_back(reverse);  // its area is black now, for a later REV to invert back
}

void ReverseLint::add_text(const Area& text) {
  for (const Area& reverse : reverses_) {
    if (!overlap(reverse, text)) continue;
    const bool inside = reverse.x <= text.x && reverse.y <= text.y &&
                        text.x + text.width <= reverse.x + reverse.width &&
                        text.y + text.height <= reverse.y + reverse.height;
    context_.report(text.at, Severity::warning, codes::kTextOverReverse,
                    std::string("TEXT is drawn ") + (inside ? "inside" : "partly over") +
                        " the REV at " + where(reverse.at) +
                        ", which inverts only what is drawn before it: the text prints black on "
                        "black" +
                        (inside ? "" : " where they overlap"),
                    "put the REV after this TEXT to print it white on black");
    return;  // one warning per TEXT
  }
}

}  // namespace dotlabel::render
