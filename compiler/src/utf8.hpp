// UTF-8 decoding and validation: the compiler accepts UTF-8 only and counts columns in code
// points.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dotlabel::utf8 {

// Offset of the first byte that does not start a well-formed sequence (overlong forms,
// surrogates and values above U+10FFFF are ill-formed), or nullopt when all is valid.
std::optional<std::size_t> first_invalid(std::string_view text);

// Decodes the (valid) sequence at text[offset] and advances offset past it.
char32_t decode(std::string_view text, std::size_t& offset);

void append(std::string& out, char32_t code_point);

// "U+00E9"
std::string code_point_name(char32_t code_point);

inline bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

}  // namespace dotlabel::utf8
