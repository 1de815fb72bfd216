// UTF-8 decoding and validation, the one copy: the compiler accepts UTF-8 only and counts
// columns in code points; the renderer lays out text by code point (glyph_cache.cpp); data
// files are checked with it (data/src/data.cpp); the GBK encoder cuts its input into characters
// with it (backends/gbk).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dotlabel::utf8 {

// Length of the well-formed sequence at text[offset] (1..4), 0 when it is ill-formed (RFC 3629:
// overlong forms, surrogates, values above U+10FFFF, truncated sequences).
std::size_t sequence_length(std::string_view text, std::size_t offset);

// Offset of the first byte that does not start a well-formed sequence (overlong forms,
// surrogates and values above U+10FFFF are ill-formed), or nullopt when all is valid.
std::optional<std::size_t> first_invalid(std::string_view text);

// Decodes the (valid) sequence at text[offset] and advances offset past it.
char32_t decode(std::string_view text, std::size_t& offset);

// Every code point of `text`, which may be ill-formed: each byte that does not start a
// well-formed sequence becomes `invalid`.
std::vector<char32_t> decode_all(std::string_view text, char32_t invalid);

void append(std::string& out, char32_t code_point);

// "U+00E9"
std::string code_point_name(char32_t code_point);

inline bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// How many of the 8 bytes of `word` are continuations, all lanes at once: bit 7 set and bit 6
// clear (the word shifted left by one puts each byte's bit 6 under its bit 7). The lanes, 0 or
// 1 each once shifted down, are summed into the top byte by one multiplication. std::popcount
// is a call to libgcc's __popcountdi2 on the x86-64 baseline: a fifth of the instructions of
// building the source map (which a parallel run does on one thread, before the others start)
// and of finding a position in it.
inline int continuations(std::uint64_t word) {
  const std::uint64_t lanes = (word & ~(word << 1) & 0x8080808080808080ull) >> 7;
  return static_cast<int>((lanes * 0x0101010101010101ull) >> 56);
}

}  // namespace dotlabel::utf8
