// Barcode content rules per symbology (character set, length, check digit), so that content
// the printer cannot encode is an error at compile time, never a silently different code.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/ir.hpp"

namespace dotlabel {

// The symbology a BARC `ct` value names (ESC/POS GS k families: suffix a/b is the same code).
std::optional<ir::Symbology> symbology_for(std::string_view type_name);

// Whether narrow and wide elements have separate widths (`n` and `w`).
bool is_two_width(ir::Symbology symbology);

struct BarcodeProblem {
  Severity severity;
  std::string_view code;
  std::size_t byte_index;  // into the content; where the problem is
  std::string message;
  std::string hint;
};

struct CheckedBarcode {
  std::string encoded;             // what is encoded: check digit, start/stop or padding added
  std::size_t added_in_front = 0;  // characters of `encoded` before the written content
  std::vector<BarcodeProblem> problems;
  bool ok() const;
};

// `content` is not empty (the caller reports that). `type_name` is used in messages.
CheckedBarcode check_barcode_content(ir::Symbology symbology, std::string_view type_name,
                                     std::string_view content);

}  // namespace dotlabel
