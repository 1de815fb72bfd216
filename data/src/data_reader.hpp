// What the CSV and JSON readers share: the stream in blocks, diagnostics at a data line.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/data.hpp"

namespace dotlabel::data {

inline constexpr std::size_t kBlockBytes = 64u << 10;

using RowSink = std::function<bool(Row&)>;
using HeaderSink = std::function<void(const std::vector<std::string>&)>;

class Reporter {
 public:
  explicit Reporter(const ReadOptions& options) : options_(options) {}
  void error(std::string_view code, int line, int column, std::string message,
             std::string hint = {}) {
    diagnostics_.push_back({options_.file_name,
                            {line, column},
                            Severity::error,
                            std::string(code),
                            std::move(message),
                            std::move(hint)});
  }
  Diagnostics take() { return std::move(diagnostics_); }
  bool failed() const { return !diagnostics_.empty(); }

 private:
  const ReadOptions& options_;
  Diagnostics diagnostics_;
};

// Hands `in` to `consume` in blocks of kBlockBytes, the first without a UTF-8 BOM, until the
// stream ends or `consume` returns false.
void read_blocks(std::istream& in, const std::function<bool(std::string_view)>& consume);

// The byte offset of the first invalid UTF-8 sequence in `text`, or npos.
std::size_t invalid_utf8_at(std::string_view text);

Diagnostics read_csv(std::istream& in, const ReadOptions& options, const RowSink& on_row,
                     const HeaderSink& on_header);
Diagnostics read_json(std::istream& in, const ReadOptions& options, const RowSink& on_row,
                      const HeaderSink& on_header);

}  // namespace dotlabel::data
