#include "utf8.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace dotlabel::utf8 {

// The RFC 3629 table of well-formed sequences.
std::size_t sequence_length(std::string_view text, std::size_t offset) {
  auto byte = [&](std::size_t i) -> unsigned {
    return offset + i < text.size() ? static_cast<unsigned char>(text[offset + i]) : 0x100u;
  };
  unsigned lead = byte(0);
  auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
  if (lead < 0x80) return 1;
  if (in(lead, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(lead, 0xE0, 0xEF)) {
    unsigned lo = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    unsigned hi = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(lead, 0xF0, 0xF4)) {
    unsigned lo = lead == 0xF0 ? 0x90 : 0x80;
    unsigned hi = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

std::optional<std::size_t> first_invalid(std::string_view text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    // Markup is mostly ASCII: eight bytes without a high bit are eight valid characters.
    for (std::uint64_t word; offset + 8 <= text.size(); offset += 8) {
      std::memcpy(&word, text.data() + offset, 8);
      if (word & 0x8080808080808080ull) break;
    }
    if (offset == text.size()) break;
    std::size_t length = sequence_length(text, offset);
    if (length == 0) return offset;
    offset += length;
  }
  return std::nullopt;
}

char32_t decode(std::string_view text, std::size_t& offset) {
  auto lead = static_cast<unsigned char>(text[offset]);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t value = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length && offset + i < text.size(); ++i)
    value = (value << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3F);
  offset += length;
  return value;
}

std::vector<char32_t> decode_all(std::string_view text, char32_t invalid) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (std::size_t offset = 0; offset < text.size();) {
    if (sequence_length(text, offset) == 0) {
      out.push_back(invalid);
      ++offset;
    } else {
      out.push_back(decode(text, offset));
    }
  }
  return out;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string code_point_name(char32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
  return buffer;
}

}  // namespace dotlabel::utf8
