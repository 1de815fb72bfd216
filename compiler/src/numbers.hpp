// The markup's number syntax: decimal, optional sign, optional fraction ("1", "+1.5", "-2.0").
// Nothing else: no exponent, no hex, no nan/inf, no surrounding spaces, no ".5" or "1.".
#pragma once

#include <optional>
#include <string_view>

namespace dotlabel {

std::optional<double> parse_decimal(std::string_view text);

}  // namespace dotlabel
