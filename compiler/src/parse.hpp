// From bytes to a pugixml tree, with the checks that must come before (or instead of) parsing:
// size, element count, UTF-8, forbidden characters, the older receipt-platform dialect, and
// after it: XML syntax, DOCTYPE, the single root.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "context.hpp"

namespace dotlabel {

// Reports what is wrong and returns false when the text cannot be validated further. `text`
// has no BOM.
bool parse_markup(std::string_view text, pugi::xml_document& document, Context& context);

// Where one element that is a child of the root lies in the text: [begin, end), from its '<'
// to just past its end tag (or its "/>"); and where parse_outline() put its placeholder.
struct ChildSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t placeholder = 0;  // offset of its "<_/>" in the outline's buffer
};

// parse_markup() for compiling one child of the root at a time (LazyDocument): the tree built
// (from `buffer`, which must outlive it) holds the root with each child element replaced by an
// empty placeholder element, and `children` gets where each child lies. Offsets in the tree
// are offsets in `text` up to the first child only: enough for the root's start tag, and the
// tree is used only when nothing in it is wrong. Returns false when the text is refused or is
// not split this way with certainty: compile() then says why.
bool parse_outline(std::string_view text, std::string& buffer, pugi::xml_document& document,
                   std::vector<ChildSpan>& children, Context& context);

// One child found by parse_outline(), parsed alone: node offsets in `document` are relative to
// child.begin. False when it is not one well-formed element.
bool parse_child(std::string_view text, ChildSpan child, pugi::xml_document& document);

}  // namespace dotlabel
