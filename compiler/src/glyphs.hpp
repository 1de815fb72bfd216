// Glyph coverage of the printer fonts, decided from the encoding alone (no font files): f=1..6
// are ASCII-only TSPL fonts; f=7/8 are GB2312 fonts (which include Cyrillic and Greek). The one
// home of this fact: the compiler lints with it (DL0308) and the renderer draws a blank cell for
// what it rules out (render/src/glyph_cache.cpp).
#pragma once

#include <unordered_map>

namespace dotlabel {

// Whether printer font `font` (1..8, f="0" already lowered) prints a glyph for `code_point`:
// printable ASCII in every font, GB2312 in f=7/8, nothing else. When iconv has no GB2312
// converter it cannot tell and says yes (the lint stays silent, the glyph is drawn).
// Thread-safe.
bool font_prints(int font, char32_t code_point);

// font_prints() remembered per character, for one compile (not thread-safe).
class GlyphCoverage {
 public:
  bool has_glyph(int font, char32_t code_point);

 private:
  std::unordered_map<char32_t, bool> gb2312_;  // a character's GB2312 answer, found once
};

}  // namespace dotlabel
