#include "numbers.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

namespace dotlabel {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t count_digits(std::string_view text, std::size_t from) {
  std::size_t i = from;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i - from;
}

}  // namespace

std::optional<double> parse_decimal(std::string_view text) {
  // Check the grammar ourselves: from_chars alone would also take "1e9", "inf" and "nan".
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::size_t integer_digits = count_digits(text, i);
  if (integer_digits == 0) return std::nullopt;
  std::size_t digits_start = i;
  i += integer_digits;
  if (i < text.size() && text[i] == '.') {
    std::size_t fraction_digits = count_digits(text, i + 1);
    if (fraction_digits == 0) return std::nullopt;
    i += 1 + fraction_digits;
  }
  if (i != text.size()) return std::nullopt;
  double value = 0;
  std::string_view unsigned_part = text.substr(digits_start);
  // Most values ("3", "0.25"): at most 15 digits, so the digits as an integer and the power of
  // ten are exact doubles and one division rounds correctly, to what from_chars gives (Clinger's
  // fast path), at a fraction of its cost.
  if (unsigned_part.size() <= 16) {
    std::uint64_t digits = 0;
    int decimals = 0, count = 0;
    bool fraction = false;
    for (char c : unsigned_part) {
      if (c == '.') {
        fraction = true;
        continue;
      }
      digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
      decimals += fraction;
      ++count;
    }
    if (count <= 15) {
      static constexpr double kPowers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
      value = static_cast<double>(digits) / kPowers[decimals];
      return negative ? -value : value;
    }
  }
  auto [end, error] =
      std::from_chars(unsigned_part.data(), unsigned_part.data() + unsigned_part.size(), value);
  // Too many digits for a double: still a number, just far outside every range.
  if (error == std::errc::result_out_of_range) value = std::numeric_limits<double>::max();
  return negative ? -value : value;
}

}  // namespace dotlabel
