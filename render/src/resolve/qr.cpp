// QRC resolved: QR codes through libqrencode 4.1.1 (docs/rendering.md). The UTF-8 bytes go in
// as one 8-bit segment without an ECI, the smallest version that fits, no quiet zone (the label
// is white); resolve/qr_mask.cpp chooses the mask as libqrencode would, faster. Every content
// diagnostic of a QR code is raised here.
#include <qrencode.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "diagnostic_codes.hpp"
#include "qr_sprite.hpp"
#include "resolve/qr_mask.hpp"
#include "resolve/resolve.hpp"
#include "thread_scratch.hpp"

namespace dotlabel::render {

namespace {

QRecLevel level(ir::QrEcc ecc) {
  switch (ecc) {
    case ir::QrEcc::L:
      return QR_ECLEVEL_L;
    case ir::QrEcc::M:
      return QR_ECLEVEL_M;
    case ir::QrEcc::Q:
      return QR_ECLEVEL_Q;
    case ir::QrEcc::H:
      return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_L;
}

}  // namespace

namespace {

// A symbol as libqrencode chooses it (resolve/qr_mask.cpp).
struct Symbol {
  std::string content;
  QRecLevel level = QR_ECLEVEL_L;
  QrModules code;
};

// Encoding is still most of a QR's cost; the labels of a batch
// and a preview's keystrokes often carry the same QR (a shop's link on every order). The last few
// symbols are kept per thread (no lock), the most recent first.
constexpr std::size_t kKeptSymbols = 8;

const QrModules* encode(const std::string& content, QRecLevel ecc) {
  std::vector<Symbol>& kept = thread_scratch<std::vector<Symbol>>();
  for (std::size_t i = 0; i < kept.size(); ++i)
    if (kept[i].level == ecc && kept[i].content == content) {
      std::rotate(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(i),
                  kept.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      return &kept.front().code;
    }
  // libqrencode reports through errno; clear it so a stale value is never shown.
  errno = 0;
  Symbol symbol{content, ecc, {}};
  if (!encode_qr(reinterpret_cast<const std::uint8_t*>(content.data()), content.size(), ecc,
                 symbol.code))
    return nullptr;
  if (kept.size() == kKeptSymbols) kept.pop_back();
  kept.insert(kept.begin(), std::move(symbol));
  return &kept.front().code;
}

// Sets dots [from, to) of a bitmap row, to > from: Bitmap::fill without its clipping and per-row
// calls, which cost more than the rest of the sprite (a symbol has hundreds of dark runs).
void set_dots(std::uint8_t* row, unsigned from, unsigned to) {
  const unsigned first = from / 8, last = (to - 1) / 8;
  const auto head = static_cast<std::uint8_t>(0xff >> from % 8);
  const auto tail = static_cast<std::uint8_t>(0xff << (7 - (to - 1) % 8));
  if (first == last) {
    row[first] |= head & tail;
    return;
  }
  row[first] |= head;
  for (unsigned i = first + 1; i < last; ++i) row[i] = 0xff;
  row[last] |= tail;
}

}  // namespace

QrSprite qr_sprite(const ir::QrCode& qr, std::int64_t max_dots) {
  QrSprite out;
  if (qr.content.empty()) {
    out.error = "the content is empty";
    return out;
  }
  const QrModules* code = encode(qr.content, level(qr.ecc));
  if (!code) {
    out.error = errno == ERANGE ? "the content is longer than a version 40 symbol holds at this "
                                  "error-correction level"
                                : std::string("libqrencode failed: ") + std::strerror(errno);
    return out;
  }
  out.version = code->version;
  out.modules = code->width;
  // The symbol is bounded by the largest label there can be (`max_dots`); the library API
  // does not stop a module of thousands of dots.
  const std::int64_t side = std::int64_t{code->width} * qr.module;
  if (qr.module < 1 || side * side > max_dots) {
    out.too_large = true;
    out.error = "modules of " + std::to_string(qr.module) + " dots make a " + std::to_string(side) +
                "-dot symbol";
    return out;
  }
  const int m = qr.module;
  out.bitmap = Bitmap(code->width * m, code->width * m);
  // A module row is drawn once, each run of dark modules as one run of dots (found a word of
  // modules at a time), and copied to the module's other m - 1 rows.
  for (int y = 0; y < code->width; ++y) {
    std::uint8_t* dots = out.bitmap.row(y * m);
    for (int i = 0; i < code->words(); ++i) {
      std::uint64_t dark = code->rows[static_cast<std::size_t>(y) * code->words() + i];
      while (dark) {
        const int start = std::countr_zero(dark), end = start + std::countr_one(dark >> start);
        set_dots(dots, (64 * i + start) * m, (64 * i + end) * m);
        dark = end < 64 ? dark & ~std::uint64_t{0} << end : 0;
      }
    }
    for (int k = 1; k < m; ++k)
      std::memcpy(out.bitmap.row(y * m + k), dots, static_cast<std::size_t>(out.bitmap.stride()));
  }
  return out;
}

ResolvedElement resolve_qr(const ir::QrCode& qr, const ResolveContext& context) {
  QrSprite sprite = qr_sprite(qr, context.limits.max_label_dots);
  if (sprite.too_large) {
    context.report(qr.at, Severity::error, codes::kQrTooLarge, "QRC is too large; nothing is drawn",
                   sprite.error);
    return {};
  }
  if (!sprite.error.empty()) {
    const bool lower = !qr.content.empty() && qr.ecc != ir::QrEcc::L;
    context.report(qr.at, Severity::error, codes::kQrUnencodable,
                   "QRC content (" + std::to_string(qr.content.size()) +
                       " bytes) cannot be encoded; nothing is drawn",
                   sprite.error + (lower ? "; a lower level (e=L) holds more" : ""));
    return {};
  }
  if (qr.module <= 1)
    context.report(qr.at, Severity::warning, codes::kQrModuleOneDot,
                   "QRC modules of 1 dot (s=1) are unreliable on a 203-dpi head",
                   "use s=2 or more so scanners read the printed code");
  return ResolvedQr{&qr, std::move(sprite.bitmap)};
}

}  // namespace dotlabel::render
