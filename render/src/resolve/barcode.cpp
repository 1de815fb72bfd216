// BARC resolved: 1D barcodes through zint 2.11 (docs/rendering.md). zint only supplies the
// module pattern; the bars are rebuilt here in whole dots so that a two-width code gets exactly
// `narrow`/`wide` dots per element, as the printer's firmware draws them, instead of a scaled
// symbol. Every content diagnostic of a barcode is raised here.
#include <zint.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "barcode_sprite.hpp"
#include "diagnostic_codes.hpp"
#include "resolve/resolve.hpp"
#include "symbology.hpp"

namespace dotlabel::render {

namespace {

using ir::Symbology;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Code 39's own character set; anything else needs the full-ASCII variant. zint's plain
// CODE39 would upper-case lowercase letters, a silently different code.
bool plain_code39(std::string_view s) {
  constexpr std::string_view kSet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";
  return std::all_of(s.begin(), s.end(), [&](char c) { return kSet.find(c) != kSet.npos; });
}

struct ZintChoice {
  int symbology = 0;
  std::string error;  // content the symbology cannot take, found before calling zint
};

// zint pads short EAN/UPC input (EANX even turns 2-5 digits into an add-on symbol), so the
// lengths are checked here: a wrong length is an error, never a different code.
ZintChoice choose_zint(const ir::Barcode& b) {
  const std::string& c = b.content;
  auto digits = [&](std::initializer_list<std::size_t> lengths, std::string_view what) {
    if (all_digits(c) && std::find(lengths.begin(), lengths.end(), c.size()) != lengths.end())
      return std::string{};
    return std::string(what);
  };
  switch (b.symbology) {
    case Symbology::code128:
      return {BARCODE_CODE128, {}};
    case Symbology::code93:
      return {BARCODE_CODE93, {}};
    case Symbology::codabar:
      return {BARCODE_CODABAR, {}};
    case Symbology::itf:
      return {BARCODE_C25INTER, {}};
    case Symbology::code39:
      return {plain_code39(c) ? BARCODE_CODE39 : BARCODE_EXCODE39, {}};
    case Symbology::ean8:
      return {c.size() == 8 ? BARCODE_EANX_CHK : BARCODE_EANX,
              digits({7, 8}, "EAN-8 takes 7 digits, or 8 with the check digit")};
    case Symbology::ean13:
      return {c.size() == 13 ? BARCODE_EANX_CHK : BARCODE_EANX,
              digits({12, 13}, "EAN-13 takes 12 digits, or 13 with the check digit")};
    case Symbology::upca:
      return {BARCODE_UPCA, digits({11, 12}, "UPC-A takes 11 digits, or 12 with the check digit")};
    case Symbology::upce: {
      // zint would silently turn number system 2-9 into 0: only 0 and 1 exist for UPC-E.
      std::string error = digits({6, 7, 8},
                                 "UPC-E takes 6 digits, 7 with the number system (0 or 1), or 8 "
                                 "with the check digit");
      if (error.empty() && c.size() >= 7 && c[0] != '0' && c[0] != '1')
        error = "UPC-E number system must be 0 or 1, not " + c.substr(0, 1);
      return {BARCODE_UPCE, std::move(error)};
    }
  }
  return {BARCODE_CODE128, {}};
}

struct ZintDeleter {
  void operator()(zint_symbol* s) const { ZBarcode_Delete(s); }
};

}  // namespace

BarcodeBars bars_from_modules(const unsigned char* row, int modules, const ir::Barcode& barcode,
                              std::int64_t max_dots, BarcodeBars out) {
  const bool wide_runs = is_two_width(barcode.symbology);
  // Module x is set when bit (x & 7) of byte x >> 3 is: zint stores rows LSB first.
  auto module = [row](int x) { return ((row[x >> 3] >> (x & 7)) & 1) != 0; };
  bool colour = true;  // runs start with a bar
  int x = 0;
  std::int64_t width = 0;
  out.runs.reserve(out.runs.size() + static_cast<std::size_t>(std::max(modules, 0)));
  while (x < modules) {
    int run = 0;
    while (x < modules && module(x) == colour) ++x, ++run;
    // n and w may be up to 800000 dots (100 m): widths are summed in 64 bits.
    std::int64_t dots = !wide_runs ? std::int64_t{run} * barcode.narrow
                        : run == 1 ? barcode.narrow
                                   : barcode.wide;
    if (run == 0) dots = 0;  // only possible for a symbol starting with a space
    out.runs.push_back(static_cast<int>(std::min<std::int64_t>(dots, max_dots)));
    width += dots;
    colour = !colour;
  }
  // zint's Codabar ends with the 1-module gap it puts after every character. Without a quiet
  // zone a trailing space is not part of the symbol: it would only shift a=center/right.
  if (!out.runs.empty() && out.runs.size() % 2 == 0) {
    width -= out.runs.back();
    out.runs.pop_back();
  }
  if (out.runs.empty()) {
    out.error = "zint produced no bars";
    return out;
  }
  if (width * std::max(barcode.height, 1) > max_dots) {
    out.runs.clear();
    out.too_large = true;
    out.error = "the bars would be " + std::to_string(width) + "x" +
                std::to_string(barcode.height) + " dots, more than any label (" +
                std::to_string(max_dots) + " dots)";
    return out;
  }
  out.width = static_cast<int>(width);
  return out;
}

// The bars' area is bounded by the largest label there can be (`max_dots`): a bigger sprite
// is mostly clipped anyway and could exhaust memory.
BarcodeBars encode_barcode(const ir::Barcode& barcode, std::int64_t max_dots) {
  BarcodeBars out;
  ZintChoice choice = choose_zint(barcode);
  if (!choice.error.empty()) {
    out.error = std::move(choice.error);
    return out;
  }
  // Each call owns its zint_symbol, which is all zint needs to be used from several threads.
  std::unique_ptr<zint_symbol, ZintDeleter> symbol(ZBarcode_Create());
  if (!symbol) {
    out.error = "zint could not allocate a symbol";
    return out;
  }
  symbol->symbology = choice.symbology;
  symbol->input_mode = UNICODE_MODE;  // content is UTF-8; Code 128 takes its Latin-1 subset
  int status =
      ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char*>(barcode.content.data()),
                      static_cast<int>(barcode.content.size()));
  if (status >= ZINT_ERROR) {
    out.error = symbol->errtxt;
    return out;
  }
  if (status != 0) out.warning = symbol->errtxt;
  out.text = reinterpret_cast<const char*>(symbol->text);
  out.modules = symbol->width;

  return bars_from_modules(symbol->encoded_data[0], symbol->width, barcode, max_dots,
                           std::move(out));
}

ResolvedElement resolve_barcode(const ir::Barcode& barcode, const ResolveContext& context) {
  BarcodeBars bars = encode_barcode(barcode, context.limits.max_label_dots);
  if (!bars.error.empty()) {
    const std::string what = "BARC ct=\"" + barcode.type_name + "\" ";
    if (bars.too_large)
      context.report(barcode.at, Severity::error, codes::kBarcodeTooLarge,
                     what + "is too large; nothing is drawn",
                     bars.error + "; check n, w and h (dots)");
    else
      context.report(barcode.at, Severity::error, codes::kBarcodeUnencodable,
                     what + "cannot encode \"" + barcode.content + "\"; nothing is drawn",
                     bars.error);
    return {};
  }
  if (!bars.warning.empty())
    context.report(barcode.at, Severity::warning, codes::kBarcodeZintWarning,
                   "zint encoded BARC ct=\"" + barcode.type_name + "\" with a warning",
                   bars.warning);
  if (barcode.narrow <= 1)
    context.report(barcode.at, Severity::warning, codes::kBarcodeNarrowOneDot,
                   "BARC narrow bars of 1 dot (n=1) are unreliable on a 203-dpi head",
                   "use n=2 or more so scanners read the printed code");

  // The extent along the bars' direction: the label's width, or its length when turned.
  const bool turned =
      barcode.rotation == ir::Rotation::r90 || barcode.rotation == ir::Rotation::r270;
  const int room = turned ? context.label_height : context.label_width;
  if (bars.width > room)
    context.report(barcode.at, Severity::warning, codes::kBarcodeLongerThanLabel,
                   "BARC is " + std::to_string(bars.width) + " dots long but the label is only " +
                       std::to_string(room) + " dots " + (turned ? "long" : "wide") +
                       "; it cannot fit",
                   "shorten the content or lower n (and w)");
  return ResolvedBarcode{&barcode, std::move(bars)};
}

}  // namespace dotlabel::render
