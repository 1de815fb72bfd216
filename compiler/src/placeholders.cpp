#include "placeholders.hpp"

#include <algorithm>

#include "utf8.hpp"

namespace dotlabel {
namespace {

std::string_view trim(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::optional<TemplateParts> split_placeholders(
    std::string_view text, const std::function<std::size_t(std::size_t)>& offset_of,
    std::vector<PlaceholderError>& errors) {
  if (text.find("{{") == std::string_view::npos) return std::nullopt;
  TemplateParts parts;
  // Appends byte i of the text to the literal part being built, with its source offset.
  auto literal = [&](std::size_t i) {
    if (parts.empty() || !parts.back().name.empty()) parts.emplace_back();
    parts.back().literal += text[i];
    if (!utf8::is_continuation(static_cast<unsigned char>(text[i])))
      parts.back().offsets.push_back(offset_of(i));
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "\\{{") == 0) {  // an escaped, literal "{{"
      literal(i + 1);
      literal(i + 2);
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "{{") != 0) {
      literal(i++);
      continue;
    }
    std::size_t close = text.find("}}", i + 2);
    if (close == std::string_view::npos) {
      errors.push_back({offset_of(i), "\"{{\" is not closed by \"}}\""});
      return parts;
    }
    std::string_view inside = text.substr(i + 2, close - i - 2);
    std::size_t bar = inside.find('|');
    TemplatePart part;
    part.name = trim(inside.substr(0, bar));
    if (bar != std::string_view::npos) part.fallback = std::string(trim(inside.substr(bar + 1)));
    part.offset = offset_of(i);
    if (part.name.empty() || part.name.find_first_of("{}") != std::string::npos) {
      errors.push_back({part.offset, "\"{{" + std::string(inside) + "}}\" names no column"});
      return parts;
    }
    parts.push_back(std::move(part));
    i = close + 2;
  }
  return parts;
}

std::vector<const TemplatePart*> TemplateShape::placeholders() const {
  std::vector<const TemplatePart*> out;
  auto add = [&](const TemplateParts& parts) {
    for (const TemplatePart& part : parts)
      if (!part.name.empty()) out.push_back(&part);
  };
  for (const auto& [offset, parts] : attributes) add(parts);
  for (const auto& [offset, parts] : contents) add(parts);
  std::stable_sort(out.begin(), out.end(), [](const TemplatePart* a, const TemplatePart* b) {
    return a->offset < b->offset;
  });
  return out;
}

std::vector<const TemplatePart*> TemplateShape::origin(SourcePos pos, const SourceMap& map,
                                                       bool whole_element) const {
  std::vector<const TemplatePart*> out;
  auto add = [&](const TemplateParts& parts, bool all) {
    for (const TemplatePart& part : parts)
      if (!part.name.empty() && (all || map.position(part.offset) == pos)) out.push_back(&part);
  };
  auto each = [&](auto&& visit) {
    for (const auto* entries : {&attributes, &contents})
      for (const auto& [offset, parts] : *entries) visit(places.at(offset), parts);
  };
  each([&](const Place& place, const TemplateParts& parts) { add(parts, place.start == pos); });
  if (out.empty() && whole_element)
    each([&](const Place& place, const TemplateParts& parts) {
      if (place.element == pos) add(parts, true);
    });
  std::sort(out.begin(), out.end(),
            [](const TemplatePart* a, const TemplatePart* b) { return a->offset < b->offset; });
  return out;
}

std::string_view TemplateScan::attribute(SourcePos element_at, std::size_t value_offset,
                                         std::string_view written, std::string&) {
  // Entities before a placeholder in an attribute are rare: a byte of the value is taken to be
  // where it is written.
  auto offset_of = [&](std::size_t i) { return value_offset + i; };
  if (auto parts = split_placeholders(written, offset_of, shape_.errors)) {
    shape_.attributes.emplace(value_offset, std::move(*parts));
    shape_.places.emplace(value_offset,
                          TemplateShape::Place{map_.position(value_offset), element_at});
  }
  return written;
}

void TemplateScan::content(SourcePos element_at, std::size_t first_offset,
                           DecodedContent& content) {
  // Code point offsets exist for text content (not for a BMP's base64): use them when there.
  std::vector<std::size_t> byte_offsets(content.text.size(), first_offset);
  if (!content.offsets.empty()) {
    std::size_t point = 0;
    for (std::size_t i = 0; i < content.text.size(); ++i) {
      if (i > 0 && !utf8::is_continuation(static_cast<unsigned char>(content.text[i]))) ++point;
      if (point < content.offsets.size()) byte_offsets[i] = content.offsets[point];
    }
  }
  auto offset_of = [&](std::size_t i) {
    return i < byte_offsets.size() ? byte_offsets[i] : first_offset;
  };
  std::optional<TemplateParts> parts = split_placeholders(content.text, offset_of, shape_.errors);
  if (!parts) return;
  shape_.contents.emplace(first_offset, std::move(*parts));
  shape_.places.emplace(first_offset,
                        TemplateShape::Place{map_.position(first_offset), element_at});
}

std::string RowFill::fill(const TemplateParts& parts) {
  std::string out;
  for (const TemplatePart& part : parts) {
    if (part.name.empty()) {
      out += part.literal;
      continue;
    }
    if (part.name == kRowNumber) {
      out += std::to_string(row_.number);
      continue;
    }
    const std::string* value = row_.find(part.name);
    if ((!value || value->empty()) && part.fallback)
      out += *part.fallback;
    else if (value)
      out += *value;
    else {
      // Printed as written, so that nothing else fails because of it (an empty TEXT, a
      // number); what does fail there is dropped (origin_missing).
      missing_.push_back({part.offset, part.name});
      out += "{{" + part.name + "}}";
    }
  }
  return out;
}

std::string_view RowFill::attribute(SourcePos, std::size_t value_offset, std::string_view written,
                                    std::string& storage) {
  auto found = shape_.attributes.find(value_offset);
  if (found == shape_.attributes.end()) return written;
  storage = fill(found->second);
  return storage;
}

void RowFill::content(SourcePos, std::size_t first_offset, DecodedContent& content) {
  auto found = shape_.contents.find(first_offset);
  if (found == shape_.contents.end()) return;
  bool positions = !content.offsets.empty();
  DecodedContent filled;
  filled.bad_entity = std::move(content.bad_entity);
  filled.bad_entity_offset = content.bad_entity_offset;
  for (const TemplatePart& part : found->second) {
    std::string text = part.name.empty() ? part.literal : fill({part});
    filled.text += text;
    std::size_t points = 0;
    for (char c : text) points += !utf8::is_continuation(static_cast<unsigned char>(c));
    filled.code_points += points;
    if (!positions) continue;
    if (part.name.empty())
      filled.offsets.insert(filled.offsets.end(), part.offsets.begin(), part.offsets.end());
    else
      filled.offsets.insert(filled.offsets.end(), points, part.offset);  // the value's characters
  }
  content = std::move(filled);
}

}  // namespace dotlabel
