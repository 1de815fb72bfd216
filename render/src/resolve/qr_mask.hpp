// QR symbols as libqrencode 4.1.1's QRcode_encodeData makes them, without its mask search
// (resolve/qr_mask.cpp says how and why).
#pragma once

#include <qrencode.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dotlabel::render {

// A symbol's dark modules: `width` rows of words() 64-bit words, module x of a row being bit
// x % 64 of its word x / 64.
struct QrModules {
  int version = 0, width = 0;
  std::vector<std::uint64_t> rows;

  int words() const { return (width + 63) / 64; }
  bool dark(int x, int y) const {
    return rows[static_cast<std::size_t>(y) * words() + x / 64] >> (x % 64) & 1;
  }
};

// The symbol QRcode_encodeData(size, data, 0, level) gives (one 8-bit segment, the smallest
// version, the mask libqrencode 4.1.1 scores best). On failure returns false with errno set as
// QRcode_encodeData sets it (ERANGE: longer than a version 40 symbol holds).
bool encode_qr(const std::uint8_t* data, std::size_t size, QRecLevel level, QrModules& out);

// QRcode_encodeMask's mask for a symbol left unmasked, its format modules light.
constexpr int kUnmasked = -2;

// The penalty libqrencode 4.1.1's Mask_mask gives each of the eight masks for `unmasked`, the
// width x width bytes of a symbol as QRcode_encodeMask(input, kUnmasked) makes it.
std::array<int, 8> qr_mask_demerits(const std::uint8_t* unmasked, int width, QRecLevel level);

}  // namespace dotlabel::render
