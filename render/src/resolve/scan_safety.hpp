// Scan-safety lint over one label's resolved layout (docs/diagnostics.md, DL0420-DL0424): a
// barcode's or QR code's quiet zone cut by the label edge or overlapped by another element's
// dots, and TEXT lines overlapping each other. It needs every element of the label, so it runs
// after the label is resolved, in `dotlabel check` (check.cpp) and in the Renderer alike, and
// keeps only rectangles, never sprites.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "resolve/placement.hpp"
#include "resolve/resolve.hpp"

namespace dotlabel::render {

// A linear symbology's minimum quiet zone in modules (the narrow element, X): before the first
// bar and after the last, in reading order. The sources are cited in scan_safety.cpp.
struct QuietZone {
  int before = 0, after = 0;
};
QuietZone quiet_zone(ir::Symbology symbology);

// ISO/IEC 18004:2015 section 9.1: 4 modules on every side of a QR symbol.
inline constexpr int kQrQuietModules = 4;

class ScanSafety {
 public:
  // `elements`: how many the label has, so that what is kept of them is sized once.
  ScanSafety(const ResolveContext& context, std::size_t elements) : context_(context) {
    footprints_.reserve(elements);
  }

  // Records where `element` (of this label, in drawing order) puts dots and, for a code, the
  // quiet zones it needs.
  void add(const ResolvedElement& element);

  // Reports every quiet zone cut short and every TEXT overlapping an earlier TEXT.
  void report() const;

 private:
  // What a quiet zone is measured from: the bars (or QR symbol) on the label, and the side.
  enum class Side { left, right, top, bottom };
  struct Zone {
    Side side;
    long long needed = 0;  // dots
    int modules = 0;
  };
  struct Footprint {
    SourcePos at;
    std::string what;            // "TEXT", "BARC ct=\"code128\"", ...
    std::vector<DotRect> rects;  // where it may print dots, on the label
    bool text = false;
    DotRect symbol;           // a code's bars or modules (zones empty: not a code)
    std::vector<Zone> zones;  // a code's quiet zones
  };

  void quiet_zone_lint(std::size_t code, Zone zone, long long& budget) const;

  const ResolveContext& context_;
  std::vector<Footprint> footprints_;
};

}  // namespace dotlabel::render
