// Data formats, row ranges and the dispatch to the CSV and JSON readers.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

#include "data_reader.hpp"
#include "utf8.hpp"

namespace dotlabel::data {

std::optional<Format> format_from_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "csv" || lower == "tsv") return Format::csv;
  if (lower == "json") return Format::json;
  if (lower == "jsonl" || lower == "ndjson") return Format::json_lines;
  return std::nullopt;
}

std::optional<Format> format_from_extension(std::string_view path) {
  std::string extension = std::filesystem::path(path).extension().string();
  if (extension.empty()) return std::nullopt;
  return format_from_name(std::string_view(extension).substr(1));
}

void read_blocks(std::istream& in, const std::function<bool(std::string_view)>& consume) {
  std::string block(kBlockBytes, '\0');
  bool first = true;
  for (;;) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    std::size_t got = static_cast<std::size_t>(in.gcount());
    if (got == 0) return;
    std::string_view bytes(block.data(), got);
    if (first && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    first = false;
    if (!consume(bytes)) return;
  }
}

std::size_t invalid_utf8_at(std::string_view text) {
  return utf8::first_invalid(text).value_or(std::string_view::npos);
}

Diagnostics read_rows(std::istream& in, const ReadOptions& options,
                      const std::function<bool(Row&)>& on_row,
                      const std::function<void(const std::vector<std::string>&)>& on_header) {
  if (options.format == Format::csv) return read_csv(in, options, on_row, on_header);
  return read_json(in, options, on_row, on_header);
}

std::optional<RowRange> parse_row_range(std::string_view text) {
  auto number = [](std::string_view digits, std::size_t& out) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && end == digits.data() + digits.size() && out >= 1;
  };
  RowRange range;
  std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    if (!number(text, range.first)) return std::nullopt;
    range.last = range.first;
    return range;
  }
  if (!number(text.substr(0, dash), range.first)) return std::nullopt;
  std::string_view rest = text.substr(dash + 1);
  if (!rest.empty() && !number(rest, range.last)) return std::nullopt;
  if (range.last < range.first) return std::nullopt;
  return range;
}

}  // namespace dotlabel::data
