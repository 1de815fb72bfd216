// `--data` on check, render, base64 and mstching: a template filled from each row, values that
// print literally whatever they hold, every row checked before anything is written, outputs
// named by row, and the same bytes on any number of threads.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_test.hpp"

namespace dotlabel {
namespace {

namespace fs = std::filesystem;
using test::CliRun;
using test::slurp;
using DataCli = test::CliTest;

// One label with a TEXT filled from {{name}} and a Code 128 from {{code}}.
constexpr char kTemplate[] =
    "<PAGE w=\"48\" l=\"20\"><LABEL id=\"1\">"
    "<TEXT x=\"1\" y=\"1\">{{name}}</TEXT>"
    "<BARC x=\"1\" y=\"8\" ct=\"code128\" n=\"2\" h=\"40\">{{code}}</BARC>"
    "</LABEL></PAGE>";

// The same label written literally with `name` and `code` (already escaped for XML).
std::string literal(const std::string& name, const std::string& code) {
  return "<PAGE w=\"48\" l=\"20\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">" + name +
         "</TEXT><BARC x=\"1\" y=\"8\" ct=\"code128\" n=\"2\" h=\"40\">" + code +
         "</BARC></LABEL></PAGE>";
}

int lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// `n` rows name,code: "name <i>", "C<i>".
std::string rows(int n) {
  std::string csv = "name,code\n";
  for (int i = 1; i <= n; ++i) csv += "name " + std::to_string(i) + ",C" + std::to_string(i) + "\n";
  return csv;
}

TEST_F(DataCli, EachRowIsTheLiteralLabel) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(3));
  CliRun filled = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(filled.exit, 0) << filled.err;
  std::string expected;
  for (int i = 1; i <= 3; ++i) {
    write("l.xml", literal("name " + std::to_string(i), "C" + std::to_string(i)));
    CliRun one = run("base64 l.xml");
    ASSERT_EQ(one.exit, 0) << one.err;
    expected += one.out;
  }
  EXPECT_EQ(filled.out, expected);
}

// Values go into the parsed document: markup in them prints as text and adds no element.
TEST_F(DataCli, InjectionPrintsLiterally) {
  write("t.xml", kTemplate);
  write("rows.csv",
        "name,code\n"
        "\"</TEXT><BL x=\"\"0\"\" y=\"\"0\"\" w=\"\"40\"\" h=\"\"20\"\"/><TEXT>\",A1\n"
        "]]> & <![CDATA[x,B&2\n");
  CliRun filled = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(filled.exit, 0) << filled.err;
  write("a.xml",
        literal("&lt;/TEXT&gt;&lt;BL x=\"0\" y=\"0\" w=\"40\" h=\"20\"/&gt;&lt;TEXT&gt;", "A1"));
  write("b.xml", literal("]]&gt; &amp; &lt;![CDATA[x", "B&amp;2"));
  CliRun a = run("base64 a.xml"), b = run("base64 b.xml");
  ASSERT_EQ(a.exit, 0) << a.err;
  ASSERT_EQ(b.exit, 0) << b.err;
  EXPECT_EQ(filled.out, a.out + b.out);
}

// Quoted fields with the delimiter, doubled quotes and a line break, CRLF, a BOM, an empty
// field, CJK text: the rows and values RFC 4180 says.
TEST_F(DataCli, CsvWithEveryRfc4180FeatureAndCjk) {
  write("t.xml", kTemplate);
  write("rows.csv",
        "\xEF\xBB\xBFname,code,memo\r\n"
        "\"Bob, Jr.\",X1,\"two\r\nlines\"\r\n"
        "\"say \"\"hi\"\"\",X2,\r\n"
        "\xE5\xBC\xA0\xE4\xB8\x89,X3,\"\"\r\n");
  CliRun filled = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(filled.exit, 0) << filled.err;
  EXPECT_NE(filled.err.find("no placeholder uses the columns: memo"), std::string::npos)
      << filled.err;
  std::string expected;
  for (const std::string& name : {std::string("Bob, Jr."), std::string("say \"hi\""),
                                  std::string("\xE5\xBC\xA0\xE4\xB8\x89")}) {
    write("l.xml", literal(name, "X" + std::to_string(lines(expected) + 1)));
    CliRun one = run("base64 l.xml");
    ASSERT_EQ(one.exit, 0) << one.err;
    expected += one.out;
  }
  EXPECT_EQ(filled.out, expected);
}

TEST_F(DataCli, SemicolonAndTabDelimiters) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(2));
  CliRun comma = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(comma.exit, 0) << comma.err;
  write("semi.csv", "name;code\nname 1;C1\nname 2;C2\n");
  write("tab.csv", "name\tcode\nname 1\tC1\nname 2\tC2\n");
  EXPECT_EQ(run("base64 t.xml --data semi.csv --delimiter ';'").out, comma.out);
  EXPECT_EQ(run("base64 t.xml --data tab.csv --delimiter '\\t'").out, comma.out);
  EXPECT_EQ(run("base64 t.xml --data tab.csv --delimiter tab").out, comma.out);
  EXPECT_EQ(run("base64 t.xml --data tab.csv --delimiter ab").exit, 2);
}

TEST_F(DataCli, JsonAndJsonLines) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(2));
  CliRun csv = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(csv.exit, 0) << csv.err;
  write("rows.json", R"([{"name": "name 1", "code": "C1"}, {"name": "name 2", "code": "C2"}])");
  write("rows.jsonl",
        "{\"name\": \"name 1\", \"code\": \"C1\"}\n{\"name\": \"name 2\", "
        "\"code\": \"C2\"}\n");
  write("rows.txt", slurp(dir_ / "rows.jsonl"));
  EXPECT_EQ(run("base64 t.xml --data rows.json").out, csv.out);
  EXPECT_EQ(run("base64 t.xml --data rows.jsonl").out, csv.out);
  EXPECT_EQ(run("base64 t.xml --data rows.txt --data-format jsonl").out, csv.out);
  CliRun unknown = run("base64 t.xml --data rows.txt");
  EXPECT_EQ(unknown.exit, 2);
  EXPECT_NE(unknown.err.find("[DL0617]"), std::string::npos) << unknown.err;
}

// A bad value on one row of many: the row's line in the data file names the column, a note
// points at the placeholder, and nothing is written by any command.
TEST_F(DataCli, BadValueOnOneRowWritesNothing) {
  write("t.xml",
        "<PAGE w=\"48\" l=\"20\"><LABEL id=\"1\">\n"
        "<TEXT x=\"{{x}}\" y=\"1\">{{name}}</TEXT></LABEL></PAGE>");
  std::string csv = "name,x\n";
  for (int i = 1; i <= 20; ++i)
    csv += "n" + std::to_string(i) + "," + (i == 7 ? "abc" : "1") + "\n";
  write("rows.csv", csv);
  for (const char* command :
       {"render t.xml -o out.png", "base64 t.xml", "mstching t.xml",
        "render t.xml -o out.png --jobs 2", "render t.xml -o out.png --strip"}) {
    CliRun r = run(std::string(command) + " --data rows.csv");
    EXPECT_EQ(r.exit, 1) << command;
    EXPECT_EQ(r.out, "") << command;
    EXPECT_NE(r.err.find("rows.csv:8: error: "), std::string::npos) << command << r.err;
    EXPECT_NE(r.err.find("(row 7, column x)"), std::string::npos) << command << r.err;
    EXPECT_NE(r.err.find("t.xml:2:10: note: "), std::string::npos) << command << r.err;
    EXPECT_EQ(files(), (std::vector<std::string>{"rows.csv", "t.xml"})) << command;
  }
  CliRun check = run("check t.xml --data rows.csv");
  EXPECT_EQ(check.exit, 1);
  EXPECT_NE(check.err.find("rows.csv:8: error: "), std::string::npos) << check.err;
  // On several threads, rows are made a few to a unit and row 7 is inside one: the report is
  // the one thread's, word for word.
  for (const char* command : {"base64 t.xml", "tspl t.xml", "mstching t.xml"}) {
    CliRun one = run(std::string(command) + " --data rows.csv --jobs 1");
    ASSERT_EQ(one.exit, 1) << command;
    for (const char* jobs : {"2", "3"}) {
      CliRun many = run(std::string(command) + " --data rows.csv --jobs " + jobs);
      EXPECT_EQ(many.exit, 1) << command << jobs;
      EXPECT_EQ(many.out, "") << command << jobs;
      EXPECT_EQ(many.err, one.err) << command << jobs;
    }
  }
}

// Every row error names the data file's row and the columns whose values went into what it is
// about, with a note at each placeholder, whichever stage finds it: compiling the row
// (characters, capacity, an empty content), resolving it (zint's own limits) or encoding it
// (Mstching's GBK). Each row below is bad in one way only.
TEST_F(DataCli, RowErrorsOfEveryStageNameTheirColumns) {
  write("t.xml",
        "<PAGE w=\"60\" l=\"40\">\n"
        "<LABEL id=\"1\">\n"
        "<TEXT x=\"2\" y=\"2\">{{name}}</TEXT>\n"
        "<BARC x=\"30\" y=\"8\" ct=\"jan13a\" h=\"40\">{{ean}}</BARC>\n"
        "<BARC x=\"30\" y=\"20\" ct=\"code128\" h=\"40\">A{{sku}}-{{lot}}</BARC>\n"
        "<QRC x=\"2\" y=\"10\">{{url}}</QRC>\n"
        "</LABEL></PAGE>\n");
  write("rows.csv",
        "name,ean,sku,lot,url\n"
        "ok,400638133393,X,1,u\n"  // row 1: good
        "ok,40063813339A,X,1,u\n"  // row 2
        "ok,400638133393," +
            std::string(50, 'S') + "," +  // row 3
            std::string(60, '9') +
            ",u\n"  //
            "ok,400638133393,X,1," +
            std::string(3000, 'x') +
            "\n"                                     // row 4
            "\xF0\x9F\x98\x80,400638133393,X,1,u\n"  // row 5
            "ok,,X,1,u\n");                          // row 6
  auto has = [](const CliRun& r, const std::string& text) {
    return r.err.find(text) != std::string::npos;
  };
  for (const char* command : {"check t.xml", "render t.xml -o out.png"}) {
    CliRun r = run(std::string(command) + " --data rows.csv");
    EXPECT_EQ(r.exit, 1) << command;
    EXPECT_EQ(r.out, "") << command;
    EXPECT_EQ(files(), (std::vector<std::string>{"rows.csv", "t.xml"})) << command;
    // A barcode character (compile).
    EXPECT_TRUE(has(r,
                    "rows.csv:3: error: BARC ct=\"jan13a\" cannot encode 'A' (U+0041) "
                    "(row 2, column ean) [DL0300]"))
        << command << r.err;
    EXPECT_TRUE(has(r, "t.xml:4:39: note: the value of {{ean}} in row 2 goes here [DL0613]"))
        << command << r.err;
    // More than zint's Code 128 takes, from two columns (resolve).
    EXPECT_TRUE(has(r, "; nothing is drawn (row 3, columns sku, lot) [DL0450]")) << r.err;
    EXPECT_TRUE(has(r, "rows.csv:4: error: BARC ct=\"code128\" cannot encode")) << r.err;
    EXPECT_TRUE(has(r, "t.xml:5:42: note: the value of {{sku}} in row 3 goes here [DL0613]"))
        << command << r.err;
    EXPECT_TRUE(has(r, "t.xml:5:50: note: the value of {{lot}} in row 3 goes here [DL0613]"))
        << command << r.err;
    // More than a QR code holds (compile).
    EXPECT_TRUE(has(r,
                    "rows.csv:5: error: QRC e=\"L\" content is 3000 bytes of UTF-8, more "
                    "than the 2953 the largest QR code holds in 8-bit mode (row 4, column url) "
                    "[DL0304]"))
        << command << r.err;
    EXPECT_TRUE(has(r, "t.xml:6:19: note: the value of {{url}} in row 4 goes here [DL0613]"))
        << command << r.err;
    // A character outside GB2312 (compile): a warning, at the row all the same.
    EXPECT_TRUE(has(r,
                    "rows.csv:6: warning: TEXT character '\xF0\x9F\x98\x80' (U+1F600) is not "
                    "in font 7 (GB2312): the printer leaves it out (row 5, column name) "
                    "[DL0308]"))
        << command << r.err;
    EXPECT_TRUE(has(r, "t.xml:3:19: note: the value of {{name}} in row 5 goes here [DL0613]"))
        << command << r.err;
    // An empty value leaves the element without content: an error about the element (compile).
    EXPECT_TRUE(has(r,
                    "rows.csv:7: error: BARC has no content to encode (row 6, column ean) "
                    "[DL0303]"))
        << command << r.err;
    EXPECT_TRUE(has(r, "t.xml:4:39: note: the value of {{ean}} in row 6 goes here [DL0613]"))
        << command << r.err;
    EXPECT_FALSE(has(r, "t.xml:4:1: error:")) << command << r.err;
  }
  // The good row and the warning's row pass; --werror makes the warning the row's error.
  EXPECT_EQ(run("check t.xml --data rows.csv --rows 5").exit, 0);
  EXPECT_EQ(run("check t.xml --data rows.csv --rows 5 --werror").exit, 1);
  // Mstching items carry GBK text (encode).
  CliRun mstching = run("mstching t.xml --data rows.csv --rows 5");
  EXPECT_EQ(mstching.exit, 1);
  EXPECT_EQ(mstching.out, "");
  EXPECT_TRUE(has(mstching,
                  "rows.csv:6: error: TEXT: '\xF0\x9F\x98\x80' (U+1F600) has no GBK "
                  "encoding, which Mstching text, barcode and QR code items need (row 5, "
                  "column name) [DL0500]"))
      << mstching.err;
  EXPECT_TRUE(has(mstching, "t.xml:3:19: note: the value of {{name}} in row 5 goes here"))
      << mstching.err;
}

// check reads every row: two bad rows, two errors.
TEST_F(DataCli, CheckReportsEveryBadRow) {
  write("t.xml", kTemplate);
  write("rows.csv", "name,code\nok,A\nbad,\xE5\xBC\xA0\nok,B\nbad,\xE4\xB8\x89\n");
  CliRun r = run("check t.xml --data rows.csv");
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_NE(r.err.find("rows.csv:3: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rows.csv:5: error: "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("rows.csv:2: error: "), std::string::npos) << r.err;
  write("good.csv", rows(50));
  CliRun good = run("check t.xml --data good.csv");
  EXPECT_EQ(good.exit, 0) << good.err;
}

// check reads the data as a stream, each row checked as it comes: from a standard input that
// never ends, --rows 2-3 reports those rows and stops after the third (`timeout` only turns a
// run that would never end into a failure).
TEST_F(DataCli, CheckStreamsTheRows) {
  write("t.xml", kTemplate);
  std::string command =
      "cd '" + dir_.string() +
      "' && (printf 'name,code\\n'; yes 'bad,\xE5\xBC\xA0') | timeout 300 '" DOTLABEL_CLI
      "' check t.xml --data - --rows 2-3 2>'" +
      path(".stderr") + "'";
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  std::string err = slurp(dir_ / ".stderr");
  EXPECT_EQ(err.find("<stdin>:2: error: "), std::string::npos) << err;
  EXPECT_NE(err.find("<stdin>:3: error: "), std::string::npos) << err;
  EXPECT_NE(err.find("(row 2, column code)"), std::string::npos) << err;
  EXPECT_NE(err.find("<stdin>:4: error: "), std::string::npos) << err;
  EXPECT_EQ(err.find("<stdin>:5: error: "), std::string::npos) << err;
}

TEST_F(DataCli, MissingColumnHasADidYouMeanHint) {
  write("t.xml",
        "<PAGE w=\"48\" l=\"20\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">{{nmae}}</TEXT>"
        "</LABEL></PAGE>");
  write("rows.csv", "name\nx\n");
  for (const char* command : {"check t.xml", "render t.xml -o o.png", "base64 t.xml"}) {
    CliRun r = run(std::string(command) + " --data rows.csv");
    EXPECT_EQ(r.exit, 1) << command;
    EXPECT_NE(r.err.find("t.xml:1:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("has no column \"nmae\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean {{name}}?"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "o.png"));
}

TEST_F(DataCli, RowsSelectsRows) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(5));
  CliRun all = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(all.exit, 0) << all.err;
  std::vector<std::string> line;
  std::istringstream in(all.out);
  for (std::string l; std::getline(in, l);) line.push_back(l + "\n");
  ASSERT_EQ(line.size(), 5u);
  EXPECT_EQ(run("base64 t.xml --data rows.csv --rows 2-3").out, line[1] + line[2]);
  EXPECT_EQ(run("base64 t.xml --data rows.csv --rows 4").out, line[3]);
  EXPECT_EQ(run("base64 t.xml --data rows.csv --rows 4-").out, line[3] + line[4]);
  CliRun none = run("base64 t.xml --data rows.csv --rows 9");
  EXPECT_EQ(none.exit, 1);
  EXPECT_NE(none.err.find("[DL0616]"), std::string::npos) << none.err;
  EXPECT_EQ(run("base64 t.xml --data rows.csv --rows x").exit, 2);
  ASSERT_EQ(run("render t.xml --data rows.csv --rows 2 -o out.png").exit, 0);
  EXPECT_EQ(files(), (std::vector<std::string>{"out-2.png", "rows.csv", "t.xml"}));
}

TEST_F(DataCli, StandardInputData) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(3));
  CliRun file = run("base64 t.xml --data rows.csv");
  CliRun in = run("base64 t.xml --data - < rows.csv");
  ASSERT_EQ(in.exit, 0) << in.err;
  EXPECT_EQ(in.out, file.out);
  CliRun twice = run("base64 - --data - < rows.csv");
  EXPECT_EQ(twice.exit, 2);
  EXPECT_NE(twice.err.find("[DL0624]"), std::string::npos) << twice.err;
}

TEST_F(DataCli, JobsGiveTheSameBytes) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(60));
  CliRun one = run("base64 t.xml --data rows.csv --jobs 1");
  CliRun two = run("base64 t.xml --data rows.csv --jobs 2");
  ASSERT_EQ(one.exit, 0) << one.err;
  EXPECT_EQ(lines(one.out), 60);
  EXPECT_TRUE(one.out == two.out);
  for (const char* command : {"mstching", "tspl", "escpos"}) {
    CliRun single = run(std::string(command) + " t.xml --data rows.csv -j 1");
    ASSERT_EQ(single.exit, 0) << command << single.err;
    EXPECT_FALSE(single.out.empty()) << command;
    EXPECT_TRUE(single.out == run(std::string(command) + " t.xml --data rows.csv -j 2").out)
        << command;
  }
  EXPECT_EQ(run("check t.xml --data rows.csv -j 2").exit, 0);
  fs::create_directories(dir_ / "a");
  fs::create_directories(dir_ / "b");
  CliRun ra = run("render t.xml --data rows.csv --jobs 1 -o a/l.png");
  CliRun rb = run("render t.xml --data rows.csv --jobs 2 -o b/l.png");
  ASSERT_EQ(ra.exit, 0) << ra.err;
  ASSERT_EQ(rb.exit, 0) << rb.err;
  for (int i = 1; i <= 60; ++i) {
    std::string name = "l-" + std::to_string(i) + ".png";
    EXPECT_FALSE(slurp(dir_ / "a" / name).empty()) << name;
    EXPECT_TRUE(slurp(dir_ / "a" / name) == slurp(dir_ / "b" / name)) << name;
  }
}

// OUT-<row>.EXT for one label, OUT-<row>-<id>.EXT for several, one file with --strip.
TEST_F(DataCli, OutputNames) {
  write("one.xml", kTemplate);
  write("two.xml",
        "<PAGE w=\"48\" l=\"20\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">{{name}}</TEXT></LABEL>"
        "<LABEL id=\"2\"><TEXT x=\"1\" y=\"1\">{{code}}</TEXT></LABEL></PAGE>");
  write("rows.csv", rows(2));
  fs::create_directories(dir_ / "o");
  ASSERT_EQ(run("render one.xml --data rows.csv -o o/a.pbm").exit, 0);
  CliRun two = run("render two.xml --data rows.csv -o o/b.svg");
  ASSERT_EQ(two.exit, 0) << two.err;
  EXPECT_EQ(two.out, "o/b-1-1.svg\no/b-1-2.svg\no/b-2-1.svg\no/b-2-2.svg\n");
  CliRun strip = run("render two.xml --data rows.csv --strip -o o/s.png");
  ASSERT_EQ(strip.exit, 0) << strip.err;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_ / "o"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a-1.pbm", "a-2.pbm", "b-1-1.svg", "b-1-2.svg",
                                             "b-2-1.svg", "b-2-2.svg", "s.png"}));
  // The strip holds every row's labels: four 20 mm labels (160 dots) and three gaps of the
  // default 2 mm (16 dots) between them, 48 mm (384 dots) wide.
  ASSERT_EQ(run("render two.xml --data rows.csv --strip -o o/s.pbm").exit, 0);
  EXPECT_EQ(slurp(dir_ / "o" / "s.pbm").substr(0, 11), "P4\n384 688\n");
  CliRun several = run("render two.xml --data rows.csv -o -");
  EXPECT_EQ(several.exit, 2);
  EXPECT_NE(several.err.find("[DL0622]"), std::string::npos) << several.err;
}

TEST_F(DataCli, MstchingPrintsOneJsonLinePerRow) {
  write("t.xml", kTemplate);
  write("rows.csv", rows(3));
  CliRun r = run("mstching t.xml --data rows.csv");
  ASSERT_EQ(r.exit, 0) << r.err;
  std::istringstream in(r.out);
  int count = 0;
  for (std::string line; std::getline(in, line); ++count) {
    nlohmann::json items = nlohmann::json::parse(line);
    ASSERT_TRUE(items.is_array());
    write("l.xml", literal("name " + std::to_string(count + 1), "C" + std::to_string(count + 1)));
    EXPECT_EQ(run("mstching l.xml").out, line + "\n");
  }
  EXPECT_EQ(count, 3);
}

// A diagnostic about the template's own text is the same for every row: reported once.
TEST_F(DataCli, TemplateWarningsAreReportedOnce) {
  write("t.xml",
        "<PAGE w=\"48\" l=\"20\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\"></TEXT>"
        "<TEXT x=\"1\" y=\"8\">{{name}}</TEXT></LABEL></PAGE>");
  write("rows.csv", rows(5));
  CliRun r = run("base64 t.xml --data rows.csv");
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(lines(r.out), 5);
  EXPECT_EQ(lines(r.err), 2) << r.err;  // DL0110 once, and the unused column note
  EXPECT_NE(r.err.find("[DL0110]"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dotlabel
