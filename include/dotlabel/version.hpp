#pragma once

#include <string_view>

namespace dotlabel {

// The library's version, "MAJOR.MINOR.PATCH".
std::string_view version();

}  // namespace dotlabel
