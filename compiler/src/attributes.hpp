// An element's attributes checked against its ElementRule: unknown names, duplicates,
// missing required ones, number syntax, whole numbers, ranges and enumerations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "context.hpp"
#include "element_table.hpp"

namespace dotlabel {

class Attributes {
 public:
  // `name_offset` is where the element's name starts (just after '<').
  Attributes(pugi::xml_node node, std::size_t name_offset, const ElementRule& rule,
             Context& context);

  bool ok() const { return ok_; }
  // Written in the markup with a valid value (defaults do not count).
  bool present(std::string_view name) const;
  double number(std::string_view name) const;  // the value, or the default
  // mm are converted with ir::mm_to_dots, dots are returned as written.
  int dots(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  std::string_view text(std::string_view name) const;
  // Where the value is written; the element's position for defaults.
  SourcePos position(std::string_view name) const;

 private:
  struct Value {
    const AttributeRule* rule;
    std::string text;
    double number = 0;
    bool present = false;  // written and valid
    bool written = false;  // written, valid or not
    // Where the value is written, kNoOffset for a default (the element's position):
    // turned into line:column only when asked, since most values are never reported.
    std::size_t offset = kNoOffset;
  };
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);
  const Value& value(std::string_view name) const;

  // Positions through the context: its guess at the line, unlike the map's shared one, is not
  // written by the contexts of other threads.
  const Context* context_;
  SourcePos element_pos_;
  std::vector<Value> values_;  // one per rule of the element, in table order
  bool ok_ = true;
};

}  // namespace dotlabel
