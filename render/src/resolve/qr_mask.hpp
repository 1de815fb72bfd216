// QR symbols as libqrencode 4.1.1's QRcode_encodeData makes them, without its mask search
// (resolve/qr_mask.cpp says how and why).
#pragma once

#include <qrencode.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dotlabel::render {

// A symbol in libqrencode's layout: width x width bytes, row by row; bit 0 is set on dark modules,
// bit 7 on modules that are not data (function patterns, format and version information).
struct QrModules {
  int version = 0, width = 0;
  std::vector<std::uint8_t> modules;
};

// Byte for byte the symbol QRcode_encodeData(size, data, 0, level) gives (one 8-bit segment, the
// smallest version, the mask libqrencode 4.1.1 scores best). On failure returns false with errno
// set as QRcode_encodeData sets it (ERANGE: longer than a version 40 symbol holds).
bool encode_qr(const std::uint8_t* data, std::size_t size, QRecLevel level, QrModules& out);

// The penalty libqrencode 4.1.1's Mask_mask gives each of the eight masks for `symbol`'s data,
// `symbol` being masked with `applied` (0..7) and carrying that mask's format information.
std::array<int, 8> qr_mask_demerits(const QrModules& symbol, int applied, QRecLevel level);

}  // namespace dotlabel::render
