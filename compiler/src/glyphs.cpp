#include "glyphs.hpp"

#include <iconv.h>

namespace dotlabel {
namespace {

bool printable_ascii(char32_t cp) {
  return cp >= 0x20 && cp < 0x7F;
}

// One converter per thread: iconv_t keeps state and is not thread-safe, and opening one per
// character would cost more than the conversion.
class Gb2312 {
 public:
  Gb2312() : to_gb2312_(iconv_open("GB2312", "UTF-32LE")) {}
  ~Gb2312() {
    if (to_gb2312_ != kNoConverter) iconv_close(to_gb2312_);
  }
  Gb2312(const Gb2312&) = delete;
  Gb2312& operator=(const Gb2312&) = delete;

  bool contains(char32_t cp) {
    if (to_gb2312_ == kNoConverter) return true;
    char in[4] = {static_cast<char>(cp & 0xFF), static_cast<char>(cp >> 8 & 0xFF),
                  static_cast<char>(cp >> 16 & 0xFF), static_cast<char>(cp >> 24)};
    char out[8];
    char* in_at = in;
    char* out_at = out;
    std::size_t in_left = sizeof in, out_left = sizeof out;
    iconv(to_gb2312_, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
    return iconv(to_gb2312_, &in_at, &in_left, &out_at, &out_left) != static_cast<std::size_t>(-1);
  }

 private:
  static inline const iconv_t kNoConverter = reinterpret_cast<iconv_t>(-1);
  iconv_t to_gb2312_;
};

bool in_gb2312(char32_t cp) {
  thread_local Gb2312 converter;
  return converter.contains(cp);
}

bool wide_font(int font) {
  return font == 7 || font == 8;
}

}  // namespace

bool font_prints(int font, char32_t cp) {
  if (cp < 0x80) return printable_ascii(cp);  // control characters print nothing in any font
  return wide_font(font) && cp <= 0x10FFFF && in_gb2312(cp);
}

bool GlyphCoverage::has_glyph(int font, char32_t cp) {
  if (cp < 0x80 || !wide_font(font)) return font_prints(font, cp);
  if (auto known = gb2312_.find(cp); known != gb2312_.end()) return known->second;
  bool printed = font_prints(font, cp);
  gb2312_.emplace(cp, printed);
  return printed;
}

}  // namespace dotlabel
