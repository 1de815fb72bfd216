// CSV per RFC 4180 through libcsv: a header row, quoted fields with delimiters, doubled quotes
// and line breaks, CRLF or LF, a UTF-8 BOM. libcsv is fed in blocks, so a file of any length
// is read in bounded memory.
#include <csv.h>

#include <set>

#include "data_reader.hpp"
#include "diagnostic_codes.hpp"

namespace dotlabel::data {
namespace {

class CsvReader {
 public:
  CsvReader(const ReadOptions& options, const RowSink& on_row, const HeaderSink& on_header)
      : options_(options), report_(options), on_row_(on_row), on_header_(on_header) {}

  Diagnostics read(std::istream& in) {
    csv_parser parser;
    // Strict: a stray quote or an unterminated quoted field is an error, not a guess. Every
    // line end is reported, so that blank lines still count as lines.
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
      report_.error(codes::kDataUnreadable, 0, 0, "out of memory reading the data");
      return report_.take();
    }
    csv_set_delim(&parser, static_cast<unsigned char>(options_.delimiter));
    // RFC 4180: spaces are part of a field (libcsv trims them by default).
    csv_set_space_func(&parser, [](unsigned char) { return 0; });
    read_blocks(in, [&](std::string_view bytes) {
      if (csv_parse(&parser, bytes.data(), bytes.size(), on_field, on_record, this) !=
              bytes.size() &&
          !stopped_ && !report_.failed())
        syntax_error();
      if (csv_get_buffer_size(&parser) > options_.max_record_bytes && !report_.failed())
        too_large();
      return !stopped_ && !report_.failed();
    });
    if (in.bad() && !report_.failed())
      report_.error(codes::kDataUnreadable, 0, 0, "cannot read the data file");
    if (!stopped_ && !report_.failed() && csv_fini(&parser, on_field, on_record, this) != 0)
      report_.error(codes::kCsvSyntax, record_line_, 0, "a quoted field is never closed",
                    "end the field with a double quote; write a quote inside it as \"\"");
    csv_free(&parser);
    if (!stopped_ && !report_.failed()) {
      if (!header_done_)
        report_.error(codes::kNoRows, 0, 0, "the data file is empty",
                      "the first line names the columns; each line after it is a row");
      else if (rows_ == 0)
        report_.error(codes::kNoRows, 0, 0, "the data file has a header but no rows");
    }
    return report_.take();
  }

 private:
  static void on_field(void* bytes, std::size_t size, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    if (reader->stopped_ || reader->report_.failed()) return;
    std::string field(static_cast<const char*>(bytes), size);
    for (char c : field) reader->newlines_ += c == '\n';
    reader->record_bytes_ += size;
    if (reader->record_bytes_ > reader->options_.max_record_bytes) return reader->too_large();
    reader->fields_.push_back(std::move(field));
  }

  static void on_record(int terminator, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    if (reader->stopped_ || reader->report_.failed()) return;
    if (!reader->fields_.empty()) reader->record();
    reader->fields_.clear();
    reader->record_bytes_ = 0;
    reader->line_ += reader->newlines_ + (terminator == '\n');
    reader->newlines_ = 0;
    reader->record_line_ = reader->line_;
  }

  void record() {
    for (const std::string& field : fields_) {
      if (invalid_utf8_at(field) != std::string_view::npos) {
        report_.error(codes::kDataNotUtf8, record_line_, 0, "the row is not valid UTF-8",
                      "save the data file as UTF-8");
        return;
      }
    }
    if (!header_done_) {
      header();
      return;
    }
    if (fields_.size() != columns_.size()) {
      report_.error(codes::kCsvFieldCount, record_line_, 0,
                    "row " + std::to_string(rows_ + 1) + " has " + std::to_string(fields_.size()) +
                        " fields, the header has " + std::to_string(columns_.size()),
                    "quote a field that contains the delimiter");
      return;
    }
    Row row;
    row.number = ++rows_;
    row.line = record_line_;
    row.fields.reserve(columns_.size());
    for (std::size_t i = 0; i < columns_.size(); ++i)
      row.fields.emplace_back(columns_[i], std::move(fields_[i]));
    if (!on_row_(row)) stopped_ = true;
  }

  void header() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].empty()) {
        report_.error(codes::kBadColumnName, record_line_, 0,
                      "column " + std::to_string(i + 1) + " of the header has no name",
                      "the first line names every column");
        return;
      }
      if (!seen.insert(fields_[i]).second) {
        report_.error(codes::kBadColumnName, record_line_, 0,
                      "the header names the column \"" + fields_[i] + "\" twice");
        return;
      }
    }
    columns_ = std::move(fields_);
    fields_ = {};
    header_done_ = true;
    if (on_header_) on_header_(columns_);
  }

  void syntax_error() {
    report_.error(codes::kCsvSyntax, record_line_ + newlines_, 0,
                  "a double quote inside an unquoted field, or text after a closing quote",
                  "enclose the field in double quotes and write a quote inside it as \"\"");
  }

  void too_large() {
    report_.error(codes::kRecordTooLarge, record_line_, 0,
                  "a row is larger than " + std::to_string(options_.max_record_bytes) + " bytes",
                  "is a quoted field left open?");
  }

  const ReadOptions& options_;
  Reporter report_;
  const RowSink& on_row_;
  const HeaderSink& on_header_;
  std::vector<std::string> columns_, fields_;
  std::size_t record_bytes_ = 0, rows_ = 0;
  int line_ = 1, record_line_ = 1, newlines_ = 0;
  bool header_done_ = false, stopped_ = false;
};

}  // namespace

Diagnostics read_csv(std::istream& in, const ReadOptions& options, const RowSink& on_row,
                     const HeaderSink& on_header) {
  return CsvReader(options, on_row, on_header).read(in);
}

}  // namespace dotlabel::data
