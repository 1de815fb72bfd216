#pragma once

#include <string_view>

#include "dotlabel/export.hpp"

namespace dotlabel {

// The library's version, "MAJOR.MINOR.PATCH", of the shared library actually loaded (not of
// the headers compiled against). Cannot fail; thread-safe.
DOTLABEL_API std::string_view version();

}  // namespace dotlabel
