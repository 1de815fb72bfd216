// Template placeholders: `{{name}}`, `{{ order.id }}`, `{{name | default}}`, `{{_row}}`, and
// `\{{` for a literal "{{" (docs/templates.md). The compiler reads every attribute value and
// every element content through a Placeholders object when it compiles a template: once to
// find and pre-split them (TemplateScan), then once per data row to fill them (RowFill). Values
// go into the parsed document, never into the XML text, so no value can add markup.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic_codes.hpp"
#include "dotlabel/data.hpp"
#include "dotlabel/diagnostics.hpp"
#include "source_map.hpp"

namespace dotlabel {

// The built-in placeholder: the 1-based number of the row.
inline constexpr std::string_view kRowNumber = "_row";

struct TemplatePart {
  std::string literal;  // text, when `name` is empty
  std::string name;     // a placeholder
  std::optional<std::string> fallback;
  std::size_t offset = 0;  // source offset of the placeholder's "{{"
  // Content only: the source offset of each code point of `literal`.
  std::vector<std::size_t> offsets;
};
using TemplateParts = std::vector<TemplatePart>;

// What `text` holds: nullopt when it has neither a placeholder nor an escaped "{{" (the text is
// then used as written). `offset_of(i)` is the source offset of byte i of `text`. Syntax
// errors (an unclosed "{{", an empty name) are added to `errors` at their source offset.
struct PlaceholderError {
  std::size_t offset;
  std::string message;
};
std::optional<TemplateParts> split_placeholders(
    std::string_view text, const std::function<std::size_t(std::size_t)>& offset_of,
    std::vector<PlaceholderError>& errors);

// The hook the compiler calls for each attribute value and element content, with the position
// of the element (its "<") they belong to.
class Placeholders {
 public:
  virtual ~Placeholders() = default;
  // The value to validate for the attribute whose value starts at `value_offset` (as written:
  // `written`); `storage` holds a filled-in value.
  virtual std::string_view attribute(SourcePos element_at, std::size_t value_offset,
                                     std::string_view written, std::string& storage) = 0;
  // An element's decoded content, whose first text node starts at `first_offset`: left as it
  // is, or filled in.
  virtual void content(SourcePos element_at, std::size_t first_offset, DecodedContent& content) = 0;
};

// What a template holds, found by compiling it once with a TemplateScan.
struct TemplateShape {
  std::map<std::size_t, TemplateParts> attributes;  // by value offset
  std::map<std::size_t, TemplateParts> contents;    // by first text node offset
  // Where each of those (by the same offset) starts, and where its element does.
  struct Place {
    SourcePos start;
    SourcePos element;
  };
  std::map<std::size_t, Place> places;
  std::vector<PlaceholderError> errors;
  // Every placeholder in source order (names repeat when used twice).
  std::vector<const TemplatePart*> placeholders() const;
  // The placeholders whose values make up what a diagnostic at `pos` is about, in source order:
  // the placeholder written at `pos` (a character of its value), else every placeholder of the
  // attribute value or content starting at `pos`, else, with `whole_element`, every one of the
  // element at `pos` (its attributes' and its content's). Empty when no value reaches there.
  std::vector<const TemplatePart*> origin(SourcePos pos, const SourceMap& map,
                                          bool whole_element) const;
};

class TemplateScan final : public Placeholders {
 public:
  TemplateScan(const SourceMap& map, TemplateShape& shape) : map_(map), shape_(shape) {}
  std::string_view attribute(SourcePos element_at, std::size_t value_offset,
                             std::string_view written, std::string& storage) override;
  void content(SourcePos element_at, std::size_t first_offset, DecodedContent& content) override;

 private:
  const SourceMap& map_;
  TemplateShape& shape_;
};

// Fills one row in.
class RowFill final : public Placeholders {
 public:
  RowFill(const TemplateShape& shape, const data::Row& row) : shape_(shape), row_(row) {}
  std::string_view attribute(SourcePos element_at, std::size_t value_offset,
                             std::string_view written, std::string& storage) override;
  void content(SourcePos element_at, std::size_t first_offset, DecodedContent& content) override;

  // A placeholder whose row has no value and no default: where it is, its name.
  struct Missing {
    std::size_t offset;
    std::string name;
  };
  const std::vector<Missing>& missing() const { return missing_; }

 private:
  std::string fill(const TemplateParts& parts);
  const TemplateShape& shape_;
  const data::Row& row_;
  std::vector<Missing> missing_;
};

}  // namespace dotlabel
