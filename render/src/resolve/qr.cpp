// QRC resolved: QR codes as libqrencode 4.1.1 makes them (docs/rendering.md). The UTF-8 bytes go in
// as one 8-bit segment without an ECI, the smallest version that fits, no quiet zone (the label
// is white); resolve/qr_mask.cpp chooses the mask as libqrencode would, faster. Every content
// diagnostic of a QR code is raised here.
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "diagnostic_codes.hpp"
#include "qr_sprite.hpp"
#include "recently_used.hpp"
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
  auto& kept = thread_scratch<RecentlyUsed<Symbol, kKeptSymbols>>();
  if (const Symbol* found =
          kept.find([&](const Symbol& s) { return s.level == ecc && s.content == content; }))
    return &found->code;
  Symbol& symbol = kept.add();
  symbol.content = content;
  symbol.level = ecc;
  // The encoder reports through errno; clear it so a stale value is never shown.
  errno = 0;
  if (!encode_qr(reinterpret_cast<const std::uint8_t*>(content.data()), content.size(), ecc,
                 symbol.code)) {
    kept.drop_front();
    return nullptr;
  }
  return &symbol.code;
}

// The dots of 8 modules of m dots each: m bytes, MSB first, for each pattern of 8 modules (bit
// i: module i), so that a row of dots is drawn a byte of modules at a time. Kept per thread for
// the last module size.
struct ModuleBytes {
  int module = 0;
  std::vector<std::uint8_t> bytes;  // pattern * module + i: byte i of the pattern's dots

  void make(int m) {
    module = m;
    bytes.assign(std::size_t{256} * m, 0);
    for (int pattern = 0; pattern < 256; ++pattern)
      for (int dot = 0; dot < 8 * m; ++dot)
        if (pattern >> (dot / m) & 1)
          bytes[static_cast<std::size_t>(pattern) * m + dot / 8] |=
              static_cast<std::uint8_t>(0x80 >> dot % 8);
  }
};

}  // namespace

QrSprite qr_sprite(const ir::QrCode& qr, std::int64_t max_dots) {
  QrSprite out;
  if (qr.content.empty()) {
    out.error = "the content is empty";
    return out;
  }
  const QrModules* code = encode(qr.content, level(qr.ecc));
  if (!code) {
    out.error = errno == ERANGE
                    ? "the content is longer than a version 40 symbol holds at this "
                      "error-correction level"
                    : std::string("the QR code cannot be encoded: ") + std::strerror(errno);
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
  // A module row is drawn once, 8 modules (m bytes of dots) at a time, and copied to the
  // module's other m - 1 rows, which follow it.
  ModuleBytes& module_bytes = thread_scratch<ModuleBytes>();
  if (module_bytes.module != m) module_bytes.make(m);
  const int stride = out.bitmap.stride();
  for (int y = 0; y < code->width; ++y) {
    std::uint8_t* dots = out.bitmap.row(y * m);
    for (int x = 0; x < code->width; x += 8) {
      const unsigned pattern =
          code->rows[static_cast<std::size_t>(y) * code->words() + x / 64] >> (x % 64) & 0xff;
      // The last byte of modules may reach past the row: its dots there are light.
      const int offset = x / 8 * m;
      if (pattern)
        std::memcpy(dots + offset, &module_bytes.bytes[std::size_t{pattern} * m],
                    static_cast<std::size_t>(std::min(m, stride - offset)));
    }
    // Doubling what is copied each time.
    for (int copied = 1; copied < m;) {
      const int rows = std::min(copied, m - copied);
      std::memcpy(out.bitmap.row(y * m + copied), dots, static_cast<std::size_t>(rows) * stride);
      copied += rows;
    }
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
