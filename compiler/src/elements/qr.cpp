// QRC: a QR code of the element's content.
#include <algorithm>
#include <array>

#include "diagnostic_codes.hpp"
#include "elements/elements.hpp"

namespace dotlabel {
namespace {

// Data capacity of a version 40 symbol per error correction level L, M, Q, H (ISO/IEC 18004
// table 7), for content in numeric, alphanumeric or byte mode.
constexpr std::array<std::size_t, 4> kNumericCapacity{7089, 5596, 3993, 3057};
constexpr std::array<std::size_t, 4> kAlphanumericCapacity{4296, 3391, 2420, 1852};
constexpr std::array<std::size_t, 4> kByteCapacity{2953, 2331, 1663, 1273};

constexpr std::string_view kAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

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
  const std::string& data = qr.content;
  bool numeric = std::all_of(data.begin(), data.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool alphanumeric = std::all_of(data.begin(), data.end(), [](char c) {
    return kAlphanumeric.find(c) != std::string_view::npos;
  });
  std::size_t capacity = numeric        ? kNumericCapacity[level]
                         : alphanumeric ? kAlphanumericCapacity[level]
                                        : kByteCapacity[level];
  if (data.size() > capacity) {
    std::string what = numeric ? " digits" : alphanumeric ? " characters" : " bytes of UTF-8";
    context.error(
        codes::kQrCapacity, input.content_at,
        "QRC e=\"" + std::string(ecc) + "\" content is " + std::to_string(data.size()) + what +
            ", more than the " + std::to_string(capacity) + " the largest QR code holds",
        level > 0 ? "shorten it, or use a lower error correction level (e=\"L\")" : "shorten it");
    return std::nullopt;
  }
  if (!a.ok()) return std::nullopt;
  return qr;
}

}  // namespace dotlabel
