// Data files for templates: CSV per RFC 4180 through libcsv, JSON arrays and JSON Lines, each
// row with its line, every malformed file a diagnostic at the data file's line.
#include <gtest/gtest.h>

#include <sstream>

#include "dotlabel/data.hpp"

namespace dotlabel::data {
namespace {

struct Read {
  std::vector<std::string> header;
  std::vector<Row> rows;
  Diagnostics diagnostics;
};

Read read(const std::string& text, Format format, char delimiter = ',') {
  std::istringstream in(text);
  Read out;
  ReadOptions options;
  options.format = format;
  options.delimiter = delimiter;
  options.file_name = "rows";
  out.diagnostics = read_rows(
      in, options,
      [&](Row& row) {
        out.rows.push_back(row);
        return true;
      },
      [&](const std::vector<std::string>& header) { out.header = header; });
  return out;
}

std::string value(const Row& row, std::string_view key) {
  const std::string* found = row.find(key);
  return found ? *found : "<none>";
}

TEST(CsvData, EveryRfc4180Feature) {
  // BOM, CRLF, a quoted delimiter, a doubled quote, a line break inside a quoted field,
  // an empty field, spaces kept, and a last line without a line end.
  Read r = read(
      "\xEF\xBB\xBFname,address,note\r\n"
      "\"Wang, Li\",\"Line 1\r\nLine 2\",\"say \"\"hi\"\"\"\r\n"
      " spaced ,,last\r\n"
      "张三,北京,\"\"",
      Format::csv);
  ASSERT_TRUE(r.diagnostics.empty()) << format_text(r.diagnostics.front());
  EXPECT_EQ(r.header, (std::vector<std::string>{"name", "address", "note"}));
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(value(r.rows[0], "name"), "Wang, Li");
  EXPECT_EQ(value(r.rows[0], "address"), "Line 1\r\nLine 2");
  EXPECT_EQ(value(r.rows[0], "note"), "say \"hi\"");
  EXPECT_EQ(value(r.rows[1], "name"), " spaced ");
  EXPECT_EQ(value(r.rows[1], "address"), "");
  EXPECT_EQ(value(r.rows[2], "name"), "张三");
  EXPECT_EQ(value(r.rows[2], "note"), "");
  // Lines: the header is line 1; row 1 spans lines 2-3.
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[1].line, 4);
  EXPECT_EQ(r.rows[2].line, 5);
  EXPECT_EQ(r.rows[2].number, 3u);
}

TEST(CsvData, BlankLinesAreSkippedButCounted) {
  Read r = read("a,b\n\n1,2\n\n\n3,4\n", Format::csv);
  ASSERT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].line, 3);
  EXPECT_EQ(r.rows[1].line, 6);
  EXPECT_EQ(r.rows[1].number, 2u);
}

TEST(CsvData, SemicolonAndTabDelimiters) {
  Read semicolon = read("a;b\n\"x;y\";2\n", Format::csv, ';');
  ASSERT_EQ(semicolon.rows.size(), 1u);
  EXPECT_EQ(value(semicolon.rows[0], "a"), "x;y");
  Read tab = read("a\tb\n x \t2\n", Format::csv, '\t');
  ASSERT_EQ(tab.rows.size(), 1u);
  EXPECT_EQ(value(tab.rows[0], "a"), " x ");  // a tab separates, spaces stay
  EXPECT_EQ(value(tab.rows[0], "b"), "2");
}

TEST(CsvData, MalformedFilesAreErrorsAtTheirLine) {
  struct Case {
    std::string text, code;
    int line;
  };
  for (const Case& c : std::vector<Case>{
           {"a,b\n1,2\n1,2,3\n", "DL0602", 3},
           {"a,b\n1\n", "DL0602", 2},
           {"a,b\n1,\"open\n\n", "DL0601", 2},
           {"a,b\nx\"y\",2\n", "DL0601", 2},
           {"a,a\n1,2\n", "DL0603", 1},
           {"a,,c\n1,2,3\n", "DL0603", 1},
           {"", "DL0607", 0},
           {"a,b\n", "DL0607", 0},
           {"a,b\n\xFF,2\n", "DL0608", 2},
       }) {
    Read r = read(c.text, Format::csv);
    ASSERT_EQ(r.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(r.diagnostics[0].code, c.code) << c.text;
    EXPECT_EQ(r.diagnostics[0].pos.line, c.line) << c.text;
    EXPECT_EQ(r.diagnostics[0].file, "rows");
  }
}

TEST(CsvData, AnOpenQuoteCannotEatMemory) {
  std::string text = "a\n\"" + std::string(3u << 20, 'x');
  Read r = read(text, Format::csv);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "DL0606");
}

TEST(CsvData, StopsWhenAsked) {
  std::istringstream in("a\n1\n2\n3\n");
  int seen = 0;
  Diagnostics d = read_rows(in, {}, [&](Row&) { return ++seen < 2; });
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(seen, 2);
}

TEST(JsonData, ArrayOfObjectsFlattenedToDottedPaths) {
  Read r = read(
      "[\n"
      "  {\"order\": {\"id\": 17, \"items\": [{\"sku\": \"A-1\"}]}, \"paid\": true,\n"
      "   \"note\": null, \"price\": 12.50, \"name\": \"宫保鸡丁 \\\"hot\\\"\"},\n"
      "  {\"order\": {\"id\": 18}}\n"
      "]\n",
      Format::json);
  ASSERT_TRUE(r.diagnostics.empty()) << format_text(r.diagnostics.front());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(value(r.rows[0], "order.id"), "17");
  EXPECT_EQ(value(r.rows[0], "order.items.0.sku"), "A-1");
  EXPECT_EQ(value(r.rows[0], "paid"), "true");
  EXPECT_EQ(value(r.rows[0], "note"), "");
  EXPECT_EQ(value(r.rows[0], "price"), "12.5");
  EXPECT_EQ(value(r.rows[0], "name"), "宫保鸡丁 \"hot\"");
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[1].line, 4);
  EXPECT_EQ(value(r.rows[1], "paid"), "<none>");
  EXPECT_EQ(r.header.front(), "name");  // the first row's keys (nlohmann orders them)
}

TEST(JsonData, JsonLines) {
  Read r = read("{\"a\": 1}\r\n\n{\"a\": \"two\"}", Format::json_lines);
  ASSERT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(value(r.rows[1], "a"), "two");
  EXPECT_EQ(r.rows[1].line, 3);
}

TEST(JsonData, MalformedFilesAreErrorsAtTheirPosition) {
  struct Case {
    std::string text;
    Format format;
    std::string code;
    int line, column;
  };
  for (const Case& c : std::vector<Case>{
           {"{\"a\": 1}", Format::json, "DL0604", 1, 1},
           {"[\n  {\"a\": 1},\n  {\"a\": }\n]", Format::json, "DL0604", 3, 9},
           {"[{\"a\": 1} {\"a\": 2}]", Format::json, "DL0604", 1, 11},
           {"[{\"a\": 1},\n 5]", Format::json, "DL0605", 2, 2},
           {"[{\"a\": 1}", Format::json, "DL0604", 1, 10},
           {"[]", Format::json, "DL0607", 0, 0},
           {"{\"a\": 1}\n[1]\n", Format::json_lines, "DL0605", 2, 1},
           {"{\"a\": 1}\n{\"a\"\n", Format::json_lines, "DL0604", 2, 5},
           // Nested past max_json_depth (64): refused before nlohmann-json parses it, whose
           // recursive destruction would overflow the stack at 30,000.
           {"[{\"a\": 1},\n {\"a\": " + std::string(30'000, '[') + "]]", Format::json, "DL0604", 2,
            2},
           {"{\"a\": 1}\n{\"b\":" + std::string(30'000, '[') + "\n", Format::json_lines, "DL0604",
            2, 1},
           // A number past a double's range: nlohmann-json throws out_of_range, not parse_error.
           {"[{\"a\": 1e400}]", Format::json, "DL0604", 1, 2},
           {"{\"a\": -1e400}\n", Format::json_lines, "DL0604", 1, 1},
       }) {
    Read r = read(c.text, c.format);
    ASSERT_EQ(r.diagnostics.size(), 1u) << c.text;
    EXPECT_EQ(r.diagnostics[0].code, c.code) << c.text;
    EXPECT_EQ(r.diagnostics[0].pos.line, c.line) << c.text;
    EXPECT_EQ(r.diagnostics[0].pos.column, c.column) << c.text;
  }
}

TEST(JsonData, NestingUpToTheLimitIsRead) {
  // The row's object and 63 arrays: 64 deep, the limit.
  Read r = read("[{\"a\": " + std::string(63, '[') + "\"x\"" + std::string(63, ']') + "}]",
                Format::json);
  ASSERT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].message;
  std::string path = "a";
  for (int i = 0; i < 63; ++i) path += ".0";
  EXPECT_EQ(value(r.rows.at(0), path), "x");
  Read over = read("[{\"a\": " + std::string(64, '[') + "]}]", Format::json);
  ASSERT_EQ(over.diagnostics.size(), 1u);
  EXPECT_EQ(over.diagnostics[0].message, "row 1 nests objects and arrays more than 64 deep");
}

TEST(DataFormat, FromExtensionAndName) {
  EXPECT_EQ(format_from_extension("rows.csv"), Format::csv);
  EXPECT_EQ(format_from_extension("ROWS.TSV"), Format::csv);
  EXPECT_EQ(format_from_extension("a/b.json"), Format::json);
  EXPECT_EQ(format_from_extension("x.jsonl"), Format::json_lines);
  EXPECT_EQ(format_from_extension("x.ndjson"), Format::json_lines);
  EXPECT_EQ(format_from_extension("x.txt"), std::nullopt);
  EXPECT_EQ(format_from_extension("-"), std::nullopt);
  EXPECT_EQ(format_from_name("JSONL"), Format::json_lines);
}

TEST(RowRange, Parsing) {
  auto five = parse_row_range("5");
  ASSERT_TRUE(five);
  EXPECT_TRUE(five->contains(5));
  EXPECT_FALSE(five->contains(4));
  EXPECT_FALSE(five->contains(6));
  auto span = parse_row_range("2-10");
  ASSERT_TRUE(span);
  EXPECT_EQ(span->first, 2u);
  EXPECT_EQ(span->last, 10u);
  auto open = parse_row_range("3-");
  ASSERT_TRUE(open);
  EXPECT_TRUE(open->contains(1000000));
  for (const char* bad : {"", "0", "-3", "a", "5-2", "1-x", "2--3", " 1"})
    EXPECT_FALSE(parse_row_range(bad)) << bad;
}

}  // namespace
}  // namespace dotlabel::data
