// The markup's vocabulary: every element, where it may appear, its attributes with unit,
// default, range and required-ness (docs/markup.md). The validator is driven by this table
// and schema/dotlabel.xsd is checked against it by a test: change both together.
#pragma once

#include <span>
#include <string_view>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel {

enum class ValueKind {
  millimetres,  // decimal mm, lowered to dots
  dots,         // whole dots
  integer,      // whole number without unit
  fraction,     // decimal number without unit (PAGE lod: a part of the label length)
  enumeration,  // one of `values`, exactly as written
};

struct AttributeRule {
  std::string_view name;
  ValueKind kind = ValueKind::integer;
  bool required = false;
  std::string_view default_value;  // as it would be written; empty = none (required or absent)
  double min = 0, max = 0;         // inclusive range in source units (not for enumerations)
  bool min_exclusive = false;      // "> min" rather than ">= min"
  std::span<const std::string_view> values;  // enumerations
  // What a value out of range costs: an error, or (LABEL os, as the vendor text says) a
  // warning and the default is used.
  Severity out_of_range = Severity::error;
};

enum class ContentKind { none, text, base64 };

struct ElementRule {
  std::string_view name;
  ContentKind content = ContentKind::none;
  std::span<const AttributeRule> attributes;
  std::span<const std::string_view> parents;  // empty = document root
};

std::span<const ElementRule> element_table();
const ElementRule* find_element(std::string_view name);
const AttributeRule* find_attribute(const ElementRule& element, std::string_view name);

// The closest candidate to a misspelt name (case-insensitive equality first, then edit
// distance <= 2), or empty.
std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace dotlabel
