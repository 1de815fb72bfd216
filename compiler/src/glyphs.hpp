// Glyph coverage of the printer fonts, decided from the encoding alone (no font files):
// f=1..6 are ASCII-only TSPL fonts; f=7/8 are GB2312 fonts (which include Cyrillic and Greek).
#pragma once

#include <iconv.h>

#include <unordered_map>

namespace dotlabel {

class GlyphCoverage {
 public:
  GlyphCoverage();
  ~GlyphCoverage();
  GlyphCoverage(const GlyphCoverage&) = delete;
  GlyphCoverage& operator=(const GlyphCoverage&) = delete;

  // `font` is the resolved font 1..8 (f="0" already lowered).
  bool has_glyph(int font, char32_t code_point);

 private:
  bool in_gb2312(char32_t code_point);

  iconv_t to_gb2312_;
  std::unordered_map<char32_t, bool> gb2312_;  // memo: iconv per distinct character
};

}  // namespace dotlabel
