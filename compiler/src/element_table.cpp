#include "element_table.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <string>
#include <vector>

#include "symbology.hpp"

namespace dotlabel {
namespace {

// Bounds that keep every dot count, and products of two of them, well inside int / int64.
// The spec gives no range for coordinates; 100 m is far beyond any label and the label area
// limit (Limits::max_label_dots) stops big labels first.
constexpr double kMaxMm = 100'000;
constexpr double kMaxDots = kMaxMm * 8;
constexpr double kMaxInt32 = std::numeric_limits<std::int32_t>::max();
constexpr double kMinInt32 = std::numeric_limits<std::int32_t>::min();

constexpr std::array<std::string_view, 3> kAlign{"left", "center", "right"};
constexpr std::array<std::string_view, 4> kRotation{"0", "90", "180", "270"};
constexpr std::array<std::string_view, 4> kQrEcc{"L", "M", "Q", "H"};
constexpr std::array<std::string_view, 3> kCutterModes{"OFF", "BARCH", "ON"};

constexpr AttributeRule mm(std::string_view name, bool required,
                           std::string_view default_value = {}, double min = -kMaxMm,
                           double max = kMaxMm, bool min_exclusive = false) {
  return {name, ValueKind::millimetres, required, default_value,  min,
          max,  min_exclusive,          {},       Severity::error};
}
constexpr AttributeRule dots(std::string_view name, std::string_view default_value) {
  return {name, ValueKind::dots, false, default_value, 1, kMaxDots, false, {}, Severity::error};
}
constexpr AttributeRule integer(std::string_view name, bool required,
                                std::string_view default_value, double min, double max) {
  return {name, ValueKind::integer, required, default_value, min, max, false, {}, Severity::error};
}
constexpr AttributeRule fraction(std::string_view name, std::string_view default_value) {
  return {name, ValueKind::fraction, false, default_value, 0, 1, false, {}, Severity::error};
}
constexpr AttributeRule one_of(std::string_view name, std::string_view default_value,
                               std::span<const std::string_view> values) {
  return {name, ValueKind::enumeration, false, default_value, 0, 0, false, values, Severity::error};
}

constexpr std::array kPageAttributes{
    mm("w", true, {}, 0, kMaxMm, true),
    mm("l", true, {}, 0, kMaxMm, true),
    mm("ld", false, "2", 0),
    integer("pt", false, "0", 0, 3),
    fraction("lod", "0"),
};
constexpr std::array kLabelAttributes{
    integer("id", true, {}, kMinInt32, kMaxInt32),
    integer("c", false, "1", 1, kMaxInt32),
    integer("d", false, "1", 0, 1),
    integer("m", false, "0", 0, 1),
    AttributeRule{
        "os", ValueKind::millimetres, false, "0", -25.4, 25.4, false, {}, Severity::warning},
};
// f="0" is outside the documented 1..8 but real templates use it: accepted here, warned
// about and lowered to 7 in elements/text.cpp.
constexpr std::array kTextAttributes{
    mm("x", true),
    mm("y", true),
    integer("xw", false, "1", 1, 10),
    integer("yh", false, "1", 1, 10),
    integer("f", false, "7", 0, 8),
    one_of("a", "left", kAlign),
    one_of("r", "0", kRotation),
};
constexpr std::array kBarcodeAttributes{
    mm("x", true),
    mm("y", true),
    one_of("ct", "code128", kBarcodeTypeNames),
    dots("n", "2"),
    dots("w", "2"),
    dots("h", "50"),
    integer("s", false, "2", 0, 3),
    one_of("a", "center", kAlign),
    one_of("r", "0", kRotation),
};
constexpr std::array kQrAttributes{
    mm("x", true),
    mm("y", true),
    integer("s", false, "2", 1, 10),
    one_of("e", "L", kQrEcc),
};
constexpr std::array kBoxAttributes{
    mm("x", true), mm("y", true), mm("xe", true), mm("ye", true), dots("lt", "2"),
};
constexpr std::array kRectangleAttributes{
    mm("x", true),
    mm("y", true),
    mm("w", true, {}, 0, kMaxMm, true),
    mm("h", true, {}, 0, kMaxMm, true),
};
constexpr std::array kImageAttributes{mm("x", true), mm("y", true), dots("w", {})};
constexpr std::array kCutterAttributes{
    integer("p", false, "-1", -1, kMaxInt32),
    one_of("ct", "ON", kCutterModes),
};

constexpr std::array<std::string_view, 0> kRoot{};
constexpr std::array<std::string_view, 1> kInPage{"PAGE"};
constexpr std::array<std::string_view, 1> kInLabel{"LABEL"};
constexpr std::array<std::string_view, 2> kInPageOrLabel{"PAGE", "LABEL"};

constexpr std::array kElements{
    ElementRule{"PAGE", ContentKind::none, kPageAttributes, kRoot},
    ElementRule{"LABEL", ContentKind::none, kLabelAttributes, kInPage},
    ElementRule{"TEXT", ContentKind::text, kTextAttributes, kInLabel},
    ElementRule{"BARC", ContentKind::text, kBarcodeAttributes, kInLabel},
    ElementRule{"QRC", ContentKind::text, kQrAttributes, kInLabel},
    ElementRule{"SQ", ContentKind::none, kBoxAttributes, kInLabel},
    ElementRule{"BL", ContentKind::none, kRectangleAttributes, kInLabel},
    ElementRule{"REV", ContentKind::none, kRectangleAttributes, kInLabel},
    ElementRule{"BMP", ContentKind::base64, kImageAttributes, kInLabel},
    ElementRule{"CUTTER", ContentKind::none, kCutterAttributes, kInPageOrLabel},
};

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

// Optimal string alignment distance (Levenshtein plus adjacent transposition, so "ey" is one
// edit from "ye"), ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::size_t length_difference(std::string_view a, std::string_view b) {
  return a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
}

}  // namespace

std::span<const ElementRule> element_table() {
  return kElements;
}

const ElementRule* find_element(std::string_view name) {
  for (const ElementRule& rule : kElements)
    if (rule.name == name) return &rule;
  return nullptr;
}

const AttributeRule* find_attribute(const ElementRule& element, std::string_view name) {
  for (const AttributeRule& rule : element.attributes)
    if (rule.name == name) return &rule;
  return nullptr;
}

std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates) {
  for (std::string_view candidate : candidates)
    if (equal_ignoring_case(name, candidate)) return candidate;
  if (name.size() > 64) return {};  // no sensible suggestion, and bounded work
  std::string_view best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    std::size_t distance = edit_distance(name, candidate);
    // Up to 2 edits, or a third of the longer name ("BARCODE" -> "BARC"); and a suggestion
    // must share something with what was written (not "x" for "q").
    std::size_t allowed =
        std::max<std::size_t>(2, (std::max(name.size(), candidate.size()) + 2) / 3);
    if (distance > allowed || distance >= std::max(name.size(), candidate.size())) continue;
    // Ties go to the candidate closest in length ("ey" -> "ye" rather than "y").
    if (best.empty() || distance < best_distance ||
        (distance == best_distance &&
         length_difference(name, candidate) < length_difference(name, best))) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace dotlabel
