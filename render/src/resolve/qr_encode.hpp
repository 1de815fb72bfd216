// QR symbols encoded as libqrencode 4.1.1 encodes one 8-bit segment, before masking: the
// version it chooses, its bit stream and padding, its Reed-Solomon blocks and its module
// placement (resolve/qr_encode.cpp says why it is done here).
#pragma once

#include <qrencode.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dotlabel::render {

// A symbol before masking, one byte a module as libqrencode's frames hold them: bit 0 dark,
// bit 7 set on the function patterns (finders, separators, timing, alignment, version and the
// reserved format modules, left light). Data modules have bit 7 clear.
struct QrFrame {
  int version = 0, width = 0;
  std::vector<std::uint8_t> modules;  // width * width, row by row
};

// The unmasked symbol QRcode_encodeMask(input, -2) gives for QRinput_new2(0, level) holding
// one 8-bit segment of `data`. On failure returns false with errno set as libqrencode sets it:
// EINVAL for no data, ERANGE for more than a version 40 symbol holds at `level`.
bool encode_qr_frame(const std::uint8_t* data, std::size_t size, QRecLevel level, QrFrame& out);

}  // namespace dotlabel::render
