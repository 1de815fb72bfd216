// From bytes to a pugixml tree, with the checks that must come before (or instead of) parsing:
// size, element count, UTF-8, forbidden characters, the older receipt-platform dialect, and
// after it: XML syntax, DOCTYPE, the single root.
#pragma once

#include <optional>
#include <string_view>

#include <pugixml.hpp>

#include "context.hpp"

namespace dotlabel {

// Reports what is wrong and returns false when the text cannot be validated further. `text`
// has no BOM.
bool parse_markup(std::string_view text, pugi::xml_document& document, Context& context);

}  // namespace dotlabel
