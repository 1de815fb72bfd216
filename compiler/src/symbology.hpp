// Barcode content rules per symbology (character set, length, check digit), so that content
// the printer cannot encode is an error at compile time, never a silently different code.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/ir.hpp"

namespace dotlabel {

// Every BARC `ct` value and the symbology it names (ESC/POS GS k families: suffix a/b is the
// same code), in the order docs/markup.md lists them. The one table of barcode types: the
// attribute rules take their names from it (kBarcodeTypeNames).
struct BarcodeType {
  std::string_view name;
  ir::Symbology symbology;
};
inline constexpr std::array<BarcodeType, 16> kBarcodeTypes{{
    {"code128", ir::Symbology::code128},
    {"code93", ir::Symbology::code93},
    {"bara", ir::Symbology::codabar},
    {"barb", ir::Symbology::codabar},
    {"itfa", ir::Symbology::itf},
    {"itfb", ir::Symbology::itf},
    {"code39a", ir::Symbology::code39},
    {"code39b", ir::Symbology::code39},
    {"jan8a", ir::Symbology::ean8},
    {"jan8b", ir::Symbology::ean8},
    {"jan13a", ir::Symbology::ean13},
    {"jan13b", ir::Symbology::ean13},
    {"upcea", ir::Symbology::upce},
    {"upceb", ir::Symbology::upce},
    {"upca", ir::Symbology::upca},
    {"upcab", ir::Symbology::upca},
}};

// The `ct` values alone, for the attribute's list of allowed values.
inline constexpr std::array<std::string_view, kBarcodeTypes.size()> kBarcodeTypeNames = [] {
  std::array<std::string_view, kBarcodeTypes.size()> names{};
  for (std::size_t i = 0; i < kBarcodeTypes.size(); ++i) names[i] = kBarcodeTypes[i].name;
  return names;
}();

// The symbology a BARC `ct` value names.
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
