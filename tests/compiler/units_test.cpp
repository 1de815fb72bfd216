// The compiler's building blocks: number syntax, source positions, UTF-8, name suggestions.
#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "diagnostic_codes.hpp"
#include "dotlabel/compiler.hpp"
#include "element_table.hpp"
#include "numbers.hpp"
#include "source_map.hpp"
#include "utf8.hpp"

namespace dotlabel {
namespace {

TEST(Numbers, StrictDecimal) {
  EXPECT_EQ(parse_decimal("1"), 1.0);
  EXPECT_EQ(parse_decimal("+1.5"), 1.5);
  EXPECT_EQ(parse_decimal("-2.0"), -2.0);
  EXPECT_EQ(parse_decimal("-0"), -0.0);
  for (const char* bad : {"", "+", "-", "1e9", "1E9", "nan", "NaN", "inf", "-inf", " 1", "1 ",
                          "0x10", ".5", "1.", "1..2", "--1", "1,5", "\xEF\xBC\x91"})
    EXPECT_FALSE(parse_decimal(bad).has_value()) << '"' << bad << '"';
}

// Short values take a fast path (digits / power of ten); it must round exactly as from_chars.
TEST(Numbers, ShortDecimalsRoundAsFromChars) {
  std::uint64_t state = 88172645463325252ull;  // xorshift: the same values every run
  auto next = [&] { return state ^= state << 13, state ^= state >> 7, state ^= state << 17; };
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(next() % 17), point = static_cast<int>(next() % 17);
    std::string text;
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>('0' + next() % 10);
    }
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    ASSERT_EQ(parse_decimal(text), expected) << text;
    ASSERT_EQ(parse_decimal("-" + text), -expected) << text;
  }
}

// The scans of the raw text skip eight ASCII bytes at a time: a bad byte is found at every
// offset within and across those words, after plain text, tabs and line breaks.
TEST(Utf8, InvalidBytesFoundAtEveryOffset) {
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\x80", "\xFF", "\xE4\xBB"})
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text = std::string(at, 'a') + bad + "bbbbbbbbbbbbbbbb";
      for (std::size_t k = 3; k < at; k += 7) text[k] = k % 2 ? '\n' : '\t';
      EXPECT_EQ(utf8::first_invalid(text), at) << at;
      EXPECT_FALSE(utf8::first_invalid(std::string(at, 'a') + "\xE4\xBB\xB7" + std::string(at, 'b'))
                       .has_value());
    }
}

TEST(ParseText, ForbiddenCharacterFoundAtEveryOffset) {
  for (char bad : {'\x00', '\x01', '\x08', '\x1F'})
    for (std::size_t at = 10; at < 50; ++at) {
      std::string text = "<PAGE w=\"60\" l=\"40\">" + std::string(at, ' ');
      const std::size_t offset = text.size();
      for (std::size_t k = 23; k < offset; k += 5) text[k] = k % 2 ? '\n' : '\t';
      text += bad;
      text += "<LABEL id=\"1\"/></PAGE>";
      CompileResult result = compile(text);
      ASSERT_EQ(result.diagnostics.size(), 1u) << at;
      EXPECT_EQ(result.diagnostics[0].code, codes::kForbiddenCharacter.code);
      SourceMap map(text);
      EXPECT_EQ(result.diagnostics[0].pos, map.position(offset)) << at;
    }
}

TEST(SourceMapTest, LinesAndCodePointColumns) {
  std::string text = "ab\n\xE4\xBB\xB7x\r\ny\rz";
  SourceMap map(text);
  EXPECT_EQ(map.position(0), (SourcePos{1, 1}));
  EXPECT_EQ(map.position(2), (SourcePos{1, 3}));  // the LF itself
  EXPECT_EQ(map.position(3), (SourcePos{2, 1}));
  EXPECT_EQ(map.position(6), (SourcePos{2, 2}));  // after a 3-byte character
  EXPECT_EQ(map.position(7), (SourcePos{2, 3}));  // the CR of CRLF
  EXPECT_EQ(map.position(9), (SourcePos{3, 1}));
  EXPECT_EQ(map.position(11), (SourcePos{4, 1}));  // after a lone CR
}

TEST(SourceMapTest, CheckpointsAgreeWithCountingFromTheLineStart) {
  // Long lines of mixed 1-4 byte characters and all three line ends, so that block
  // checkpoints fall inside characters, lines and line breaks.
  std::string text;
  const char* pieces[] = {"a", "\xC3\xA9", "\xE4\xBB\xB7", "\xF0\x9F\x98\x80", "\n", "\r\n", "\r"};
  for (int i = 0; i < 3000; ++i) text += pieces[(i * 7 + i / 13) % (i % 50 == 0 ? 7 : 4)];
  SourceMap map(text);
  int line = 1, column = 1;
  for (std::size_t offset = 0; offset < text.size(); ++offset) {
    auto byte = static_cast<unsigned char>(text[offset]);
    if (!utf8::is_continuation(byte)) {
      ASSERT_EQ(map.position(offset), (SourcePos{line, column})) << offset;
    }
    bool line_break =
        byte == '\n' || (byte == '\r' && (offset + 1 == text.size() || text[offset + 1] != '\n'));
    if (line_break) {
      ++line;
      column = 1;
    } else if (!utf8::is_continuation(byte)) {
      ++column;
    }
  }
}

TEST(SourceMapTest, AnyGuessAtTheLineGivesThePosition) {
  // The guess is only where the search starts: behind, at, just before or far ahead of the
  // answer's line, or past the last line, the position is the same and the guess becomes the
  // answer's line.
  std::string text;
  for (int line = 0; line < 700; ++line)
    text += std::string(static_cast<std::size_t>(line * 37 % 11), 'x') + (line % 9 ? "\n" : "\r\n");
  SourceMap map(text);
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  for (std::size_t offset = 0; offset <= text.size(); offset += 3) {
    const std::size_t line =
        static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                 starts.begin()) -
        1;
    const SourcePos expected{static_cast<int>(line + 1),
                             static_cast<int>(offset - starts[line] + 1)};
    for (std::size_t guess :
         {std::size_t{0}, line / 2, line - std::min<std::size_t>(line, 1), line, line + 1, line + 2,
          line + 37, starts.size() - 1, starts.size(), starts.size() + 100, SIZE_MAX}) {
      std::size_t hint = guess;
      ASSERT_EQ(map.position(offset, hint), expected) << offset << " from line " << guess;
      EXPECT_EQ(hint, line) << offset << " from line " << guess;
    }
  }
}

TEST(SourceMapTest, AttributesFoundInTheStartTag) {
  std::string text = "<SQ  x = '1'\n\ty=\"2\" x=\"3\"/>";
  std::vector<RawAttribute> attributes = scan_start_tag(text, 1);
  ASSERT_EQ(attributes.size(), 3u);
  EXPECT_EQ(attributes[0].name, "x");
  EXPECT_EQ(attributes[0].name_offset, 5u);
  EXPECT_EQ(attributes[0].value_offset, 10u);
  EXPECT_EQ(attributes[1].name, "y");
  EXPECT_EQ(attributes[1].name_offset, 14u);
  EXPECT_EQ(attributes[2].name, "x");
  EXPECT_EQ(attributes[2].value_offset, 23u);
}

TEST(SourceMapTest, ContentDecodedWithOffsets) {
  std::string text = "a&lt;\xC3\xA9\r\nb&#65;<";
  DecodedContent content;
  decode_content(text, 0, false, 100, content);
  EXPECT_EQ(content.text, "a<\xC3\xA9\nbA");
  EXPECT_EQ(content.offsets, (std::vector<std::size_t>{0, 1, 5, 7, 9, 10}));
  EXPECT_TRUE(content.bad_entity.empty());

  DecodedContent limited;
  decode_content(text, 0, false, 2, limited);
  EXPECT_EQ(limited.code_points, 6u);
  EXPECT_EQ(limited.offsets.size(), 2u);

  DecodedContent bad;
  decode_content("x&bogus;y", 0, false, 100, bad);
  EXPECT_EQ(bad.bad_entity, "&bogus;");
  EXPECT_EQ(bad.bad_entity_offset, 1u);
}

TEST(Utf8, RejectsIllFormedSequences) {
  EXPECT_FALSE(utf8::first_invalid("plain \xE4\xBB\xB7 \xF0\x9F\x98\x80").has_value());
  EXPECT_EQ(utf8::first_invalid("ab\xC0\xAF"), 2u);        // overlong
  EXPECT_EQ(utf8::first_invalid("a\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(utf8::first_invalid("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(utf8::first_invalid("abc\xE4\xBB"), 3u);       // truncated
  EXPECT_EQ(utf8::first_invalid("\x80"), 0u);              // lone continuation
  std::size_t offset = 0;
  EXPECT_EQ(utf8::decode("\xF0\x9F\x98\x80", offset), U'\U0001F600');
  EXPECT_EQ(offset, 4u);
  EXPECT_EQ(utf8::code_point_name(0x41), "U+0041");
  EXPECT_EQ(utf8::code_point_name(0x1F600), "U+1F600");
}

TEST(ClosestName, CaseThenEditDistance) {
  std::vector<std::string_view> names{"x", "y", "xe", "ye", "lt"};
  EXPECT_EQ(closest_name("ey", names), "ye");
  EXPECT_EQ(closest_name("X", names), "x");
  EXPECT_EQ(closest_name("lw", names), "lt");
  EXPECT_EQ(closest_name("color", names), "");
  std::vector<std::string_view> elements{"PAGE", "LABEL", "TEXT", "BARC", "QRC"};
  EXPECT_EQ(closest_name("LABLE", elements), "LABEL");
  EXPECT_EQ(closest_name("QR", elements), "QRC");
}

}  // namespace
}  // namespace dotlabel
