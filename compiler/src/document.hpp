// The structure walk: PAGE > LABEL > elements, each element checked against the element
// table, lowered by its elements/*.cpp function, labels sorted by id.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <pugixml.hpp>

#include "context.hpp"
#include "dotlabel/ir.hpp"
#include "parse.hpp"

namespace dotlabel {

// `document` parsed without errors and has exactly one top-level element.
std::optional<ir::Document> lower_document(const pugi::xml_document& document, Context& context);

// A LABEL of a document lowered by lower_outline(): its id and which child of PAGE it is.
struct OutlineLabel {
  std::int64_t id = 0;
  std::size_t child = 0;
  // The LABEL as lower_outline() lowered it, while the kept ones' markup was within its budget:
  // LazyDocument hands it out once instead of lowering the child again.
  std::optional<ir::Label> lowered;
};

// lower_document() of a tree from parse_outline(), with the same diagnostics when it succeeds:
// each child is parsed and lowered alone, on `threads` threads. The document returned has no
// labels: `labels` gets each LABEL's id and child index, in ascending id, and the lowered
// LABELs whose markup adds up to at most `keep_bytes`. nullopt also when a child does not parse
// alone or two labels share an id (compile() then says why).
std::optional<ir::Document> lower_outline(const pugi::xml_document& outline,
                                          const std::vector<ChildSpan>& children, Context& context,
                                          std::vector<OutlineLabel>& labels, int threads,
                                          std::size_t keep_bytes);

// One LABEL found by lower_outline(), lowered again; nullopt when it no longer parses.
std::optional<ir::Label> lower_outline_label(ChildSpan child, const ir::Page& page,
                                             Context& context);

}  // namespace dotlabel
