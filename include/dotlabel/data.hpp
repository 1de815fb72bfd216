// Data rows for templates: CSV (RFC 4180), a JSON array of objects, or JSON Lines, read as a
// stream so that memory does not grow with the number of rows.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::data {

enum class Format { csv, json, json_lines };

// The format a file name stands for: .csv and .tsv (tab-separated) are CSV, .json is JSON,
// .jsonl and .ndjson are JSON Lines; any other extension gives nothing.
DOTLABEL_API std::optional<Format> format_from_extension(std::string_view path);
// "csv", "tsv" (CSV with tabs), "json", "jsonl"/"ndjson"; anything else gives nothing.
DOTLABEL_API std::optional<Format> format_from_name(std::string_view name);

struct ReadOptions {
  Format format = Format::csv;
  char delimiter = ',';                     // CSV only: ',' ';' or '\t'
  std::string file_name = "<data>";         // used in diagnostics
  std::size_t max_record_bytes = 1u << 20;  // one CSV record or JSON row: bounds memory
  std::size_t max_json_depth = 64;          // objects and arrays nested in one JSON row
};

// One row. CSV fields are named by the header row; JSON objects are flattened into dotted
// paths ("order.id", "items.0.sku"). JSON numbers keep their JSON text, true/false are words,
// null is an empty value.
struct Row {
  std::size_t number = 0;  // 1-based, the header not counted
  int line = 0;            // where the row starts in the data file (1-based)
  std::vector<std::pair<std::string, std::string>> fields;  // in file order
  // The value of `key`, or null when the row has no such field.
  const std::string* find(std::string_view key) const {
    for (const auto& [name, value] : fields)
      if (name == key) return &value;
    return nullptr;
  }
};

// Reads rows from `in` in order and hands each to `on_row`, which returns false to stop early.
// `on_header` (may be empty) gets the column names once they are known: the CSV header, or the
// first JSON row's keys. Returns the data's errors (DL06xx, at FILE:LINE:COL of the data file);
// rows before the first error have been handed on. Not thread-safe per stream; any number of
// streams may be read at once.
DOTLABEL_API Diagnostics
read_rows(std::istream& in, const ReadOptions& options, const std::function<bool(Row&)>& on_row,
          const std::function<void(const std::vector<std::string>&)>& on_header = {});

// `--rows`: "5" (that row), "2-10" (inclusive), "3-" (3 to the end). Rows are 1-based.
struct RowRange {
  std::size_t first = 1;
  std::size_t last = static_cast<std::size_t>(-1);
  bool contains(std::size_t row) const { return row >= first && row <= last; }
};
DOTLABEL_API std::optional<RowRange> parse_row_range(std::string_view text);

}  // namespace dotlabel::data
