// Scan-safety lint (resolve/scan_safety.hpp). Everything is measured on the resolved layout with
// the raster's own placement (placement.hpp, barcode_layout()), so a warning speaks of the dots
// that print. Sides are named as the markup places things, before LABEL m=1 mirrors the label
// (as DL0410 names them): a mirrored label is made to be read from behind, where it reads as
// written. Mirroring and the as-fed turn move no element relative to another or to the edges.
#include "resolve/scan_safety.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "barcode_sprite.hpp"
#include "diagnostic_codes.hpp"
#include "draw.hpp"

namespace dotlabel::render {

namespace {

// Rectangle comparisons allowed per label: every pair of some 5,800 elements (tens of ms); a
// label of 100,000 elements would take billions, so the lint stops there and says so.
constexpr long long kComparisonBudget = 1LL << 24;

bool empty(const DotRect& r) {
  return r.w <= 0 || r.h <= 0;
}

bool overlap(const DotRect& a, const DotRect& b) {
  return !empty(a) && !empty(b) && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

DotRect clip(const DotRect& r, long long width, long long height) {
  const long long x0 = std::max(r.x, 0LL), y0 = std::max(r.y, 0LL);
  const long long x1 = std::min(r.x + r.w, width), y1 = std::min(r.y + r.h, height);
  return {x0, y0, std::max(x1 - x0, 0LL), std::max(y1 - y0, 0LL)};
}

std::string position(SourcePos at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

// The smallest rectangle holding the black dots of `sprite`; empty when it has none.
DotRect black_extent(const Bitmap& sprite) {
  long long x0 = sprite.width(), y0 = sprite.height(), x1 = -1, y1 = -1;
  for (int y = 0; y < sprite.height(); ++y) {
    const std::uint8_t* row = sprite.row(y);
    for (int x = 0; x < sprite.width(); ++x) {
      if (!row[x >> 3]) {  // a white byte at once
        x |= 7;
        continue;
      }
      if (!((row[x >> 3] >> (7 - (x & 7))) & 1)) continue;
      x0 = std::min<long long>(x0, x), x1 = std::max<long long>(x1, x);
      y0 = std::min<long long>(y0, y), y1 = std::max<long long>(y1, y);
    }
  }
  if (x1 < 0) return {};
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

bool blank_character(char32_t c) {
  return c == U' ' || c == U'\u3000' || c > 0x10FFFF;  // spaces, and invalid UTF-8's blank cell
}

}  // namespace

// The symbology's own minimum, in X (narrow element) on each side. zint's output.c
// (out_quiet_zones) cites the same sources.
QuietZone quiet_zone(ir::Symbology symbology) {
  switch (symbology) {
    case ir::Symbology::code128:  // ISO/IEC 15417:2007, 4.4.2
    case ir::Symbology::code93:   // ANSI/AIM BC5-1995, 2.4
    case ir::Symbology::codabar:  // BS EN 798:1995, 4.4.1 (d)
    case ir::Symbology::itf:      // ISO/IEC 16390:2007, 4.4
    case ir::Symbology::code39:   // ISO/IEC 16388:2007, 4.4 (d)
      return {10, 10};
    // GS1 General Specifications, 5.2.3.4 (the EAN/UPC quiet zone table): 11X left and 7X
    // right of EAN-13, 7X either side of EAN-8, 9X either side of UPC-A, 9X left and 7X right
    // of UPC-E.
    case ir::Symbology::ean13:
      return {11, 7};
    case ir::Symbology::ean8:
      return {7, 7};
    case ir::Symbology::upca:
      return {9, 9};
    case ir::Symbology::upce:
      return {9, 7};
  }
  return {10, 10};
}

void ScanSafety::add(const ResolvedElement& element) {
  const long long label_w = context_.label_width, label_h = context_.label_height;
  Footprint f;
  auto keep = [&](const DotRect& r) {
    DotRect on_label = clip(r, label_w, label_h);  // what is off the label does not print
    if (!empty(on_label)) f.rects.push_back(on_label);
  };
  if (const auto* text = std::get_if<ResolvedText>(&element)) {
    const ir::Text& t = *text->text;
    f.at = t.at, f.what = "TEXT", f.text = true;
    // Blank cells at either end print nothing: a line padded with spaces overlaps nothing.
    auto first = std::find_if(text->cells.begin(), text->cells.end(),
                              [](const GlyphCell& c) { return !blank_character(c.code_point); });
    auto last = std::find_if(text->cells.rbegin(), text->cells.rend(),
                             [](const GlyphCell& c) { return !blank_character(c.code_point); });
    if (first != text->cells.end()) {
      const long long height =
          static_cast<long long>(context_.fonts.cell_height(t.font)) * std::max(t.yh, 1);
      DotRect cells{first->x, 0, last->x + last->width - first->x, height};
      keep(landing(cells, inferred::anchor_along(t.align, text->width), 0, t.x, t.y, t.rotation));
    }
  } else if (const auto* code = std::get_if<ResolvedBarcode>(&element)) {
    const ir::Barcode& b = *code->barcode;
    const BarcodeBars& bars = code->bars;
    f.at = b.at, f.what = "BARC ct=\"" + b.type_name + "\"";
    int hri_width = 0, hri_height = 0;
    if (b.human_readable != ir::HumanReadable::none && !bars.text.empty()) {
      for (const GlyphCell& cell : context_.fonts.layout(bars.text, kHriFont, 1))
        hri_width += static_cast<int>(cell.width);
      hri_height = context_.fonts.cell_height(kHriFont);
    }
    const BarcodeLayout layout =
        barcode_layout(bars.width, b.height, hri_width, hri_height, b.human_readable);
    const int anchor_x = barcode_anchor_x(layout, bars.width, b.align);
    f.symbol =
        landing({layout.bars_left, 0, bars.width, b.height}, anchor_x, 0, b.x, b.y, b.rotation);
    keep(f.symbol);
    if (layout.with_hri)
      keep(landing({layout.hri_x, layout.hri_y, hri_width, hri_height}, anchor_x, 0, b.x, b.y,
                   b.rotation));
    // Where the start of the code (the first bar) ends up once turned clockwise by r.
    Side before = Side::left, after = Side::right;
    switch (b.rotation) {
      case ir::Rotation::r0:
        break;
      case ir::Rotation::r90:
        before = Side::top, after = Side::bottom;
        break;
      case ir::Rotation::r180:
        before = Side::right, after = Side::left;
        break;
      case ir::Rotation::r270:
        before = Side::bottom, after = Side::top;
        break;
    }
    const QuietZone zone = quiet_zone(b.symbology);
    if (!empty(f.symbol)) {
      f.zones.push_back({before, static_cast<long long>(zone.before) * b.narrow, zone.before});
      f.zones.push_back({after, static_cast<long long>(zone.after) * b.narrow, zone.after});
    }
  } else if (const auto* qr = std::get_if<ResolvedQr>(&element)) {
    const ir::QrCode& q = *qr->qr;
    f.at = q.at, f.what = "QRC";
    f.symbol = {q.x, q.y, qr->modules.width(), qr->modules.height()};
    keep(f.symbol);
    if (!empty(f.symbol))
      for (Side side : {Side::left, Side::right, Side::top, Side::bottom})
        f.zones.push_back(
            {side, static_cast<long long>(kQrQuietModules) * q.module, kQrQuietModules});
  } else if (const auto* image = std::get_if<ResolvedImage>(&element)) {
    f.at = image->image->at, f.what = "BMP";
    DotRect dots = black_extent(image->sprite);  // a logo's white margin is no obstacle
    keep({image->image->x + dots.x, image->image->y + dots.y, dots.w, dots.h});
  } else if (const auto* rect = std::get_if<ResolvedRect>(&element)) {
    f.at = rect->at;
    const long long x = rect->x, y = rect->y, w = rect->width, h = rect->height;
    switch (rect->kind) {
      case ResolvedRect::Kind::box: {
        f.what = "SQ";
        // The four strokes as draw_rect draws them: the inside of a frame stays white.
        const long long tx = std::min<long long>(rect->line, w),
                        ty = std::min<long long>(rect->line, h);
        if (w > 0 && h > 0 && rect->line > 0) {
          keep({x, y, w, ty});
          keep({x, y + h - ty, w, ty});
          keep({x, y, tx, h});
          keep({x + w - tx, y, tx, h});
        }
        break;
      }
      case ResolvedRect::Kind::bar:
        f.what = "BL";
        keep({x, y, w, h});
        break;
      case ResolvedRect::Kind::reverse:
        // A REV prints black wherever nothing was drawn before it, and a quiet zone is such a
        // place; after a code it also inverts the zone (and the bars) to black. Either way its
        // rectangle is dots in the way.
        f.what = "REV";
        keep({x, y, w, h});
        break;
    }
  } else {
    return;  // prints nothing
  }
  if (f.rects.empty() && f.zones.empty()) return;
  footprints_.push_back(std::move(f));
}

void ScanSafety::quiet_zone_lint(std::size_t code, Zone zone, long long& budget) const {
  const Footprint& c = footprints_[code];
  const DotRect& s = c.symbol;
  const long long label_w = context_.label_width, label_h = context_.label_height;
  const long long q = zone.needed;
  DotRect area;    // the zone: q dots deep along the side of the symbol
  long long edge;  // dots between the symbol and the label edge on that side
  const char* where;
  switch (zone.side) {
    case Side::left:
      area = {s.x - q, s.y, q, s.h}, edge = s.x, where = "on the left";
      break;
    case Side::right:
      area = {s.x + s.w, s.y, q, s.h}, edge = label_w - (s.x + s.w), where = "on the right";
      break;
    case Side::top:
      area = {s.x, s.y - q, s.w, q}, edge = s.y, where = "at the top";
      break;
    default:
      area = {s.x, s.y + s.h, s.w, q}, edge = label_h - (s.y + s.h), where = "at the bottom";
      break;
  }
  // The nearest element with dots in the zone, and how far they are from the symbol.
  const Footprint* in_way = nullptr;
  long long gap = q;
  for (std::size_t i = 0; i < footprints_.size() && budget > 0; ++i) {
    if (i == code) continue;
    for (const DotRect& r : footprints_[i].rects) {
      --budget;
      if (!overlap(area, r)) continue;
      long long g = 0;
      switch (zone.side) {
        case Side::left:
          g = s.x - (r.x + r.w);
          break;
        case Side::right:
          g = r.x - (s.x + s.w);
          break;
        case Side::top:
          g = s.y - (r.y + r.h);
          break;
        case Side::bottom:
          g = r.y - (s.y + s.h);
          break;
      }
      g = std::max(g, 0LL);  // over the symbol itself: no zone left at all
      if (g < gap) gap = g, in_way = &footprints_[i];
    }
  }
  const long long left = std::max(std::min(edge, gap), 0LL);
  if (left >= q) return;
  const std::string missing = dots_to_mm(q - left);
  const std::string needs = " (" + std::to_string(zone.modules) + " modules = " + dots_to_mm(q) +
                            " are needed, " + dots_to_mm(left) + " are left)";
  const std::string head = c.what + ": the quiet zone " + where + " is " + missing + " short";
  if (in_way && gap < edge) {
    context_.report(
        c.at, Severity::warning, codes::kQuietZoneOverlapped,
        head + ", " + in_way->what + " at " + position(in_way->at) + " is in it" + needs,
        "a scanner needs the margin white to find the code: move one of them " + missing +
            " apart");
    context_.report(in_way->at, Severity::note, codes::kScanSafetyOther,
                    in_way->what + " is in the quiet zone " + where + " of the " + c.what + " at " +
                        position(c.at));
    return;
  }
  context_.report(c.at, Severity::warning, codes::kQuietZoneCutByEdge,
                  head + ", cut by the label edge" + needs,
                  "a scanner needs the margin white to find the code: move it " + missing +
                      " away from the edge");
}

void ScanSafety::report() const {
  long long budget = kComparisonBudget;
  for (std::size_t i = 0; i < footprints_.size() && budget > 0; ++i)
    for (const Zone& zone : footprints_[i].zones) quiet_zone_lint(i, zone, budget);

  // A TEXT drawn over an earlier one: one warning per TEXT, naming the first it overlaps.
  for (std::size_t j = 0; j < footprints_.size() && budget > 0; ++j) {
    const Footprint& later = footprints_[j];
    if (!later.text || later.rects.empty()) continue;
    for (std::size_t i = 0; i < j && budget > 0; ++i) {
      const Footprint& earlier = footprints_[i];
      --budget;
      if (!earlier.text || earlier.rects.empty()) continue;
      const DotRect &a = later.rects[0], &b = earlier.rects[0];
      if (!overlap(a, b)) continue;
      const long long w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
      const long long h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
      context_.report(later.at, Severity::warning, codes::kTextOverlapsText,
                      "TEXT overlaps the TEXT at " + position(earlier.at) + " by " + dots_to_mm(w) +
                          " x " + dots_to_mm(h) + ": their characters print over each other",
                      "move one of them, or make them shorter or smaller (f, xw, yh)");
      context_.report(earlier.at, Severity::note, codes::kScanSafetyOther,
                      "the TEXT overlapped by the TEXT at " + position(later.at));
      break;
    }
  }
  if (budget <= 0 && !footprints_.empty())
    context_.report(footprints_.front().at, Severity::note, codes::kScanSafetyStopped,
                    "the scan-safety lint (quiet zones, overlapping TEXT) stopped after " +
                        std::to_string(kComparisonBudget) + " comparisons on this label of " +
                        std::to_string(footprints_.size()) + " elements",
                    "quiet zones and overlaps further on are not checked");
}

}  // namespace dotlabel::render
