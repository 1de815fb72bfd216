#include "source_map.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "utf8.hpp"

namespace dotlabel {

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  block_columns_.reserve(text.size() / kBlock + 1);
  std::uint32_t column = 0;  // code points since the line start
  auto step = [&](std::size_t i) {
    if (!utf8::is_continuation(static_cast<unsigned char>(text[i]))) ++column;
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      line_starts_.push_back(i + 1);
      column = 0;
    }
  };
  // Eight bytes a step (kBlock is a multiple of 8): a word without CR or LF only adds its code
  // points to the column; one with a line break is read byte by byte.
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_byte = [](std::uint64_t word, std::uint64_t byte) {
    const std::uint64_t x = word ^ (byte * kOnes);
    return ((x - kOnes) & ~x & kHighs) != 0;
  };
  std::size_t i = 0;
  for (std::uint64_t word; i + 8 <= text.size(); i += 8) {
    if (i % kBlock == 0) block_columns_.push_back(column);
    std::memcpy(&word, text.data() + i, 8);
    if (has_byte(word, '\n') || has_byte(word, '\r')) {
      for (std::size_t k = i; k < i + 8; ++k) step(k);
      continue;
    }
    column += static_cast<std::uint32_t>(8 - utf8::continuations(word));
  }
  for (; i < text.size(); ++i) {
    if (i % kBlock == 0) block_columns_.push_back(column);
    step(i);
  }
}

SourcePos SourceMap::position(std::size_t offset, std::size_t& line_hint) const {
  offset = std::min(offset, text_.size());
  // The compiler asks in document order: try the line of the last answer and the one after,
  // then search ahead of it in doubling steps (a context that follows another on its thread
  // starts a few lines back), and only then among every line: a 10,000-label file has 80,000,
  // and a binary search among them misses the cache at every step.
  const auto first = line_starts_.begin();
  const std::size_t lines = line_starts_.size();
  auto starts_line = [&](std::size_t l) {
    return l < lines && line_starts_[l] <= offset &&
           (l + 1 == lines || offset < line_starts_[l + 1]);
  };
  auto search = [&](std::size_t hint) {
    std::size_t low = 0, high = lines;  // line_starts_[low] <= offset < line_starts_[high]
    if (hint < lines && line_starts_[hint] <= offset) {
      std::size_t step = 1;
      for (low = hint; low + step < lines && line_starts_[low + step] <= offset; step *= 2)
        low += step;
      high = std::min(lines, low + step);
    } else if (hint < lines) {
      high = hint;
    }
    auto above = std::upper_bound(first + static_cast<std::ptrdiff_t>(low),
                                  first + static_cast<std::ptrdiff_t>(high), offset);
    return static_cast<std::size_t>(above - first) - 1;
  };
  std::size_t line = line_hint;  // the answer's, 0-based
  if (!starts_line(line)) line = starts_line(line + 1) ? line + 1 : search(line);
  auto next = first + static_cast<std::ptrdiff_t>(line) + 1;
  line_hint = line;
  std::size_t line_start = *(next - 1);
  std::size_t block = offset / kBlock;
  std::size_t from = line_start;
  std::size_t column = 1;
  if (block < block_columns_.size() && block * kBlock >= line_start) {
    from = block * kBlock;
    column += block_columns_[block];
  }
  // Code points = bytes that are not UTF-8 continuations, eight bytes a step.
  std::size_t continuations = 0, i = from;
  for (; i + 8 <= offset; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text_.data() + i, 8);
    continuations += static_cast<std::size_t>(utf8::continuations(word));
  }
  for (; i < offset; ++i)
    continuations += utf8::is_continuation(static_cast<unsigned char>(text_[i]));
  column += offset - from - continuations;
  return {static_cast<int>(next - line_starts_.begin()), static_cast<int>(column)};
}

namespace {

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && is_xml_space(text[i])) ++i;
  return i;
}

// The character a reference like "amp" or "#x41" stands for; 0 when undefined.
char32_t resolve_entity(std::string_view name) {
  if (name == "lt") return '<';
  if (name == "gt") return '>';
  if (name == "amp") return '&';
  if (name == "quot") return '"';
  if (name == "apos") return '\'';
  if (name.size() < 2 || name[0] != '#') return 0;
  bool hex = name[1] == 'x';
  std::string_view digits = name.substr(hex ? 2 : 1);
  unsigned value = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
  if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty()) return 0;
  if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  return value;
}

}  // namespace

std::vector<RawAttribute> scan_start_tag(std::string_view text, std::size_t name_offset) {
  std::vector<RawAttribute> attributes;
  attributes.reserve(8);  // more than most elements have: one allocation, not four
  std::size_t i = name_offset;
  while (i < text.size() && !is_xml_space(text[i]) && text[i] != '/' && text[i] != '>') ++i;
  while (true) {
    i = skip_space(text, i);
    if (i >= text.size() || text[i] == '/' || text[i] == '>') break;
    RawAttribute attribute;
    attribute.name_offset = i;
    while (i < text.size() && !is_xml_space(text[i]) && text[i] != '=') ++i;
    attribute.name = text.substr(attribute.name_offset, i - attribute.name_offset);
    i = skip_space(text, i);
    if (i >= text.size() || text[i] != '=') break;
    i = skip_space(text, i + 1);
    if (i >= text.size()) break;
    char quote = text[i];
    attribute.value_offset = i + 1;
    std::size_t close = text.find(quote, i + 1);
    if (close == std::string_view::npos) break;
    attributes.push_back(attribute);
    i = close + 1;
  }
  return attributes;
}

void decode_content(std::string_view text, std::size_t offset, bool cdata,
                    std::size_t max_positions, DecodedContent& content) {
  std::size_t end = cdata ? text.find("]]>", offset) : text.find('<', offset);
  if (end == std::string_view::npos) end = text.size();
  content.text.reserve(content.text.size() + (end - offset));
  if (content.code_points < max_positions)
    content.offsets.reserve(content.offsets.size() +
                            std::min(end - offset, max_positions - content.code_points));
  std::size_t i = offset;
  while (i < end) {
    std::size_t start = i;
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && byte != '\r' && (byte != '&' || cdata)) {  // most content: as written
      content.text.push_back(static_cast<char>(byte));
      if (content.code_points < max_positions) content.offsets.push_back(start);
      ++content.code_points;
      ++i;
      continue;
    }
    char32_t cp;
    if (byte == '\r') {  // XML end-of-line handling: CRLF and lone CR read as LF
      cp = '\n';
      i += i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
    } else if (text[i] == '&' && !cdata) {
      std::size_t semicolon = text.find(';', i);
      std::string_view name = semicolon < end ? text.substr(i + 1, semicolon - i - 1) : "";
      cp = resolve_entity(name);
      if (cp == 0) {
        if (content.bad_entity.empty()) {
          content.bad_entity =
              semicolon < end ? std::string(text.substr(i, semicolon - i + 1)) : "&";
          content.bad_entity_offset = i;
        }
        cp = '&';
        i += 1;
      } else {
        i = semicolon + 1;
      }
    } else {
      cp = utf8::decode(text, i);
    }
    utf8::append(content.text, cp);
    if (content.code_points < max_positions) content.offsets.push_back(start);
    ++content.code_points;
  }
}

}  // namespace dotlabel
