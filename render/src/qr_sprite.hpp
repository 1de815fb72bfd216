// The QR symbol resolve_qr (resolve/qr.cpp) gives, split out so it can be tested alone.
#pragma once

#include <cstdint>
#include <string>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"

namespace dotlabel::render {

struct QrSprite {
  Bitmap bitmap;           // modules x module dots square, no quiet zone
  int version = 0;         // 1..40
  int modules = 0;         // symbol width in modules
  std::string error;       // non-empty: cannot be encoded, bitmap is empty
  bool too_large = false;  // error: encoded, but `module` makes an absurdly large symbol
};

// Encodes qr.content as 8-bit bytes, smallest version, level qr.ecc. A symbol of more than
// `max_dots` (the renderer's Limits::max_label_dots: no label is larger) is `too_large`.
QrSprite qr_sprite(const ir::QrCode& qr, std::int64_t max_dots = Limits{}.max_label_dots);

}  // namespace dotlabel::render
