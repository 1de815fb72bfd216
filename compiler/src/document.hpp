// The structure walk: PAGE > LABEL > elements, each element checked against the element
// table, lowered by its elements/*.cpp function, labels sorted by id.
#pragma once

#include <optional>

#include <pugixml.hpp>

#include "context.hpp"
#include "dotlabel/ir.hpp"

namespace dotlabel {

// `document` parsed without errors and has exactly one top-level element.
std::optional<ir::Document> lower_document(const pugi::xml_document& document, Context& context);

}  // namespace dotlabel
