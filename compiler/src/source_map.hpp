// Byte offsets -> 1-based line:column (columns count code points), and the positions pugixml
// does not give: attributes inside a start tag and each character of an element's content.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel {

class SourceMap {
 public:
  // `text` must outlive the map. Line breaks are LF, CRLF and a lone CR (as XML reads them).
  explicit SourceMap(std::string_view text);

  SourcePos position(std::size_t offset) const {
    std::size_t line = hint_.load(std::memory_order_relaxed);
    SourcePos pos = position(offset, line);
    hint_.store(line, std::memory_order_relaxed);
    return pos;
  }
  // With the caller's own guess at the line (0-based), updated to the answer's: a Context asks
  // in document order on one thread, where the shared guess would be another thread's line.
  SourcePos position(std::size_t offset, std::size_t& line_hint) const;
  std::string_view text() const { return text_; }

 private:
  // Columns are counted from a checkpoint every kBlock bytes, not from the line start, so a
  // position costs O(kBlock) even on a 16 MiB single-line file.
  static constexpr std::size_t kBlock = 64;

  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::vector<std::uint32_t> block_columns_;  // code points since the line start at k * kBlock
  // The line index of the last position() without a hint of its own: only a guess to try
  // first, so threads sharing the map need no more than atomic loads and stores.
  mutable std::atomic<std::size_t> hint_ = 0;
};

// One attribute as written in a start tag.
struct RawAttribute {
  std::string_view name;
  std::size_t name_offset = 0;
  std::size_t value_offset = 0;  // first character inside the quotes
};

// Attributes of the start tag whose element name begins at `name_offset` (just after '<'),
// in source order, duplicates included. The tag is known to be well-formed (pugixml parsed it).
std::vector<RawAttribute> scan_start_tag(std::string_view text, std::size_t name_offset);

// Element content decoded from the source, with the offset of each code point so that a
// diagnostic can point at the exact character.
struct DecodedContent {
  std::string text;                  // UTF-8, entities expanded, line ends normalised to LF
  std::vector<std::size_t> offsets;  // source offset of each code point of `text`
  std::size_t code_points = 0;
  std::string bad_entity;  // first undefined entity reference, if any
  std::size_t bad_entity_offset = 0;
};

// Appends the character data starting at `offset` (a pcdata node: up to the next '<'; a CDATA
// section when `cdata`: up to "]]>"). Offsets are only recorded while the content has at most
// `max_positions` code points, so a huge BMP payload costs no per-character memory.
void decode_content(std::string_view text, std::size_t offset, bool cdata,
                    std::size_t max_positions, DecodedContent& content);

}  // namespace dotlabel
