// QRC: a QR code of the element's content.
#include <array>

#include "diagnostic_codes.hpp"
#include "elements/elements.hpp"

namespace dotlabel {
namespace {

// Data capacity of a version 40 symbol in byte mode per error correction level L, M, Q, H
// (ISO/IEC 18004 table 7). The printer's QR codes are one 8-bit segment whatever the content
// (docs/rendering.md, "QRC"), so digits take a byte each too.
constexpr std::array<std::size_t, 4> kByteCapacity{2953, 2331, 1663, 1273};

}  // namespace

std::optional<ir::QrCode> lower_qr(const ElementInput& input, Context& context) {
  const Attributes& a = input.attributes;
  ir::QrCode qr;
  qr.at = input.at;
  qr.content_at = input.content_at;
  qr.content_runs = input.content_runs(context);
  qr.x = a.dots("x");
  qr.y = a.dots("y");
  qr.module = static_cast<int>(a.integer("s"));
  std::string_view ecc = a.text("e");
  qr.ecc = ecc == "M"   ? ir::QrEcc::M
           : ecc == "Q" ? ir::QrEcc::Q
           : ecc == "H" ? ir::QrEcc::H
                        : ir::QrEcc::L;
  qr.content = input.content.text;

  if (qr.content.empty()) {
    context.error(codes::kEmptyContent, input.at, "QRC has no content to encode",
                  "write the data between <QRC ...> and </QRC>");
    return std::nullopt;
  }
  auto level = static_cast<std::size_t>(qr.ecc);
  const std::size_t capacity = kByteCapacity[level];
  if (qr.content.size() > capacity) {
    context.error(
        codes::kQrCapacity, input.content_at,
        "QRC e=\"" + std::string(ecc) + "\" content is " + std::to_string(qr.content.size()) +
            " bytes of UTF-8, more than the " + std::to_string(capacity) +
            " the largest QR code holds in 8-bit mode",
        level > 0 ? "shorten it, or use a lower error correction level (e=\"L\")" : "shorten it");
    return std::nullopt;
  }
  if (!a.ok()) return std::nullopt;
  return qr;
}

}  // namespace dotlabel
