// A JSON array of objects, or JSON Lines (one object per line). The array is cut into its
// elements by a small scanner that knows strings and nesting, and each element is parsed on its
// own by nlohmann-json: rows stream in bounded memory and every row knows its line.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

#include "data_reader.hpp"
#include "diagnostic_codes.hpp"
#include "utf8.hpp"

namespace dotlabel::data {
namespace {

using json = nlohmann::json;

void flatten(const json& value, const std::string& path,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items())
      flatten(item, path.empty() ? key : path + "." + key, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      flatten(value[i], path + "." + std::to_string(i), out);
  } else if (value.is_string()) {
    out.emplace_back(path, value.get<std::string>());
  } else if (value.is_null()) {
    out.emplace_back(path, std::string());
  } else {
    out.emplace_back(path, value.dump());  // numbers as written in JSON, true and false
  }
}

// How deeply objects and arrays nest in one JSON value, strings skipped; it stops counting past
// `limit`. nlohmann-json parses any depth, but its values are freed and flattened by recursion,
// so 30,000 nested '[' would end the process on its stack.
std::size_t nesting(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) break;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

class JsonReader {
 public:
  JsonReader(const ReadOptions& options, const RowSink& on_row, const HeaderSink& on_header)
      : options_(options), report_(options), on_row_(on_row), on_header_(on_header) {}

  Diagnostics read(std::istream& in) {
    read_blocks(in, [&](std::string_view bytes) {
      for (char c : bytes) {
        options_.format == Format::json_lines ? line_char(c) : array_char(c);
        if (stopped_ || report_.failed()) return false;
        advance(c);
      }
      return true;
    });
    if (in.bad() && !report_.failed())
      report_.error(codes::kDataUnreadable, 0, 0, "cannot read the data file");
    if (stopped_ || report_.failed()) return report_.take();
    if (options_.format == Format::json_lines) {
      end_line();
    } else if (state_ != State::done) {
      report_.error(
          codes::kJsonSyntax, line_, column_,
          state_ == State::before ? "the data file is empty" : "the JSON array is not closed",
          "a JSON data file is one array of objects: [{...}, {...}]");
    }
    if (!report_.failed() && rows_ == 0)
      report_.error(codes::kNoRows, 0, 0, "the data file has no rows");
    return report_.take();
  }

 private:
  enum class State { before, expect_value, in_value, after_value, done };

  static bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void advance(char c) {
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (!utf8::is_continuation(static_cast<unsigned char>(c))) {
      ++column_;  // columns count characters, not bytes
    }
  }

  void unexpected(char c, const char* expected) {
    report_.error(codes::kJsonSyntax, line_, column_,
                  std::string("unexpected '") + c + "', expected " + expected,
                  "a JSON data file is one array of objects: [{...}, {...}]");
  }

  // The array form: [ value , value ... ].
  void array_char(char c) {
    switch (state_) {
      case State::before:
        if (space(c)) return;
        if (c != '[') return unexpected(c, "'['");
        state_ = State::expect_value;
        return;
      case State::expect_value:
        if (space(c)) return;
        if (c == ']' && rows_ == 0) {
          state_ = State::done;
          return;
        }
        start_value(c);
        return;
      case State::in_value:
        value_char(c);
        return;
      case State::after_value:
        if (space(c)) return;
        if (c == ',')
          state_ = State::expect_value;
        else if (c == ']')
          state_ = State::done;
        else
          unexpected(c, "',' or ']'");
        return;
      case State::done:
        if (!space(c)) unexpected(c, "nothing after the closing ']'");
        return;
    }
  }

  void start_value(char c) {
    if (c != '{') {
      report_.error(codes::kNotAnObject, line_, column_,
                    "row " + std::to_string(rows_ + 1) + " is not a JSON object",
                    "each row is an object of named values: {\"name\": \"value\"}");
      return;
    }
    state_ = State::in_value;
    value_line_ = line_;
    value_column_ = column_;
    value_.assign(1, c);
    depth_ = 1;
    in_string_ = escaped_ = false;
  }

  void value_char(char c) {
    value_ += c;
    if (value_.size() > options_.max_record_bytes) {
      report_.error(codes::kRecordTooLarge, value_line_, value_column_,
                    "row " + std::to_string(rows_ + 1) + " is larger than " +
                        std::to_string(options_.max_record_bytes) + " bytes");
      return;
    }
    if (in_string_) {
      if (escaped_)
        escaped_ = false;
      else if (c == '\\')
        escaped_ = true;
      else if (c == '"')
        in_string_ = false;
      return;
    }
    if (c == '"')
      in_string_ = true;
    else if ((c == '{' || c == '[') && ++depth_ > options_.max_json_depth)
      too_deep(value_line_, value_column_);
    else if ((c == '}' || c == ']') && --depth_ == 0) {
      state_ = State::after_value;
      row(value_, value_line_, value_column_);
    }
  }

  void too_deep(int line, int column) {
    report_.error(codes::kJsonSyntax, line, column,
                  "row " + std::to_string(rows_ + 1) + " nests objects and arrays more than " +
                      std::to_string(options_.max_json_depth) + " deep",
                  "a row is an object of named values; nest them only as deep as the "
                  "template's {{placeholders}} need");
  }

  // JSON Lines: every line that is not blank is one object.
  void line_char(char c) {
    if (c == '\n') return end_line();
    if (value_.empty()) {
      value_line_ = line_;
      value_column_ = column_;
    }
    value_ += c;
    if (value_.size() > options_.max_record_bytes)
      report_.error(codes::kRecordTooLarge, value_line_, 0,
                    "line " + std::to_string(value_line_) + " is longer than " +
                        std::to_string(options_.max_record_bytes) + " bytes");
  }

  void end_line() {
    std::string text = std::move(value_);
    value_.clear();
    if (text.find_first_not_of(" \t\r") == std::string::npos) return;
    // The array form counts its nesting as it reads (value_char); a line is counted here.
    if (nesting(text, options_.max_json_depth) > options_.max_json_depth)
      return too_deep(value_line_, value_column_);
    row(text, value_line_, value_column_);
  }

  void row(const std::string& text, int line, int column) {
    if (std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
      report_.error(codes::kDataNotUtf8, line, 0, "the row is not valid UTF-8",
                    "save the data file as UTF-8");
      return;
    }
    json value;
    try {
      value = json::parse(text);
    } catch (const json::out_of_range& e) {  // a number past double's range: 1e400
      std::string message = e.what();
      if (std::size_t bracket = message.find("] "); bracket != std::string::npos)
        message = message.substr(bracket + 2);
      report_.error(codes::kJsonSyntax, line, column,
                    "row " + std::to_string(rows_ + 1) + " has a number out of range: " + message,
                    "write the value as a string: \"1e400\"");
      return;
    } catch (const json::parse_error& e) {
      // e.byte is 1-based within this row's text: find its line and column in the file.
      int at_line = line, at_column = column;
      for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
          ++at_line;
          at_column = 1;
        } else if (!utf8::is_continuation(static_cast<unsigned char>(text[i]))) {
          ++at_column;
        }
      }
      std::string message = e.what();
      if (std::size_t colon = message.rfind(": "); colon != std::string::npos)
        message = message.substr(colon + 2);
      report_.error(codes::kJsonSyntax, at_line, at_column, "JSON syntax error: " + message);
      return;
    }
    if (!value.is_object()) {
      report_.error(codes::kNotAnObject, line, column,
                    "row " + std::to_string(rows_ + 1) + " is not a JSON object",
                    "each row is an object of named values: {\"name\": \"value\"}");
      return;
    }
    Row out;
    out.number = ++rows_;
    out.line = line;
    flatten(value, "", out.fields);
    if (rows_ == 1 && on_header_) {
      std::vector<std::string> keys;
      for (const auto& [key, ignored] : out.fields) keys.push_back(key);
      on_header_(keys);
    }
    if (!on_row_(out)) stopped_ = true;
  }

  const ReadOptions& options_;
  Reporter report_;
  const RowSink& on_row_;
  const HeaderSink& on_header_;
  State state_ = State::before;
  std::string value_;
  int line_ = 1, column_ = 1, value_line_ = 1, value_column_ = 1;
  std::size_t depth_ = 0;  // objects and arrays open in the row being read
  bool in_string_ = false, escaped_ = false, stopped_ = false;
  std::size_t rows_ = 0;
};

}  // namespace

Diagnostics read_json(std::istream& in, const ReadOptions& options, const RowSink& on_row,
                      const HeaderSink& on_header) {
  return JsonReader(options, on_row, on_header).read(in);
}

}  // namespace dotlabel::data
