#include "glyphs.hpp"

#include <string>

#include "utf8.hpp"

namespace dotlabel {
namespace {
const iconv_t kNoConverter = reinterpret_cast<iconv_t>(-1);
}

GlyphCoverage::GlyphCoverage() : to_gb2312_(iconv_open("GB2312", "UTF-8")) {}

GlyphCoverage::~GlyphCoverage() {
  if (to_gb2312_ != kNoConverter) iconv_close(to_gb2312_);
}

bool GlyphCoverage::has_glyph(int font, char32_t cp) {
  bool printable_ascii = cp >= 0x20 && cp < 0x7F;
  if (printable_ascii) return true;
  if (cp < 0x80) return false;  // control characters print nothing in any font
  if (font >= 1 && font <= 6) return false;
  return in_gb2312(cp);
}

bool GlyphCoverage::in_gb2312(char32_t cp) {
  // Without the converter the lint cannot decide: stay silent rather than guess.
  if (to_gb2312_ == kNoConverter) return true;
  if (auto known = gb2312_.find(cp); known != gb2312_.end()) return known->second;
  std::string input;
  utf8::append(input, cp);
  char output[8];
  char* in = input.data();
  std::size_t in_left = input.size();
  char* out = output;
  std::size_t out_left = sizeof output;
  iconv(to_gb2312_, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
  bool converted =
      iconv(to_gb2312_, &in, &in_left, &out, &out_left) != static_cast<std::size_t>(-1);
  gb2312_.emplace(cp, converted);
  return converted;
}

}  // namespace dotlabel
