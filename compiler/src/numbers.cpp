#include "numbers.hpp"

#include <charconv>
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
  auto [end, error] =
      std::from_chars(unsigned_part.data(), unsigned_part.data() + unsigned_part.size(), value);
  // Too many digits for a double: still a number, just far outside every range.
  if (error == std::errc::result_out_of_range) value = std::numeric_limits<double>::max();
  return negative ? -value : value;
}

}  // namespace dotlabel
