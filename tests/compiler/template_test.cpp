// Templates: placeholders in attributes and content, filled from data rows into the parsed
// document (never into the XML text), each row validated as literal markup is.
#include <gtest/gtest.h>

#include "dotlabel/template.hpp"
#include "helpers.hpp"

namespace dotlabel::test {
namespace {

data::Row row(std::vector<std::pair<std::string, std::string>> fields, std::size_t number = 1,
              int line = 2) {
  data::Row r;
  r.number = number;
  r.line = line;
  r.fields = std::move(fields);
  return r;
}

Template make(const std::string& markup) {
  CompileOptions options;
  options.file_name = "label.xml";
  Template t = compile_template(markup, options);
  EXPECT_TRUE(t.ok()) << (t.diagnostics().empty() ? "" : format_text(t.diagnostics()[0]));
  return t;
}

const ir::Text& first_text(const CompileResult& r) {
  return std::get<ir::Text>(r.document->labels.at(0).elements.at(0));
}

std::string texts(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += format_text(d) + "\n";
  return out;
}

TEST(Template, FillsContentAndAttributes) {
  Template t = make(in_label(
      "<TEXT x=\"{{x}}\" y=\"2\" f=\"{{ font }}\">No. {{order.id}}: {{ name }} ({{_row}})</TEXT>"));
  EXPECT_TRUE(t.has_placeholders());
  EXPECT_EQ(t.names(), (std::vector<std::string>{"x", "font", "order.id", "name", "_row"}));
  CompileResult r =
      t.bind(row({{"x", "12.5"}, {"font", "8"}, {"order.id", "A-17"}, {"name", "宫保鸡丁"}}, 7),
             "rows.csv");
  ASSERT_TRUE(r.ok()) << texts(r.diagnostics);
  const ir::Text& text = first_text(r);
  EXPECT_EQ(text.x, 100);
  EXPECT_EQ(text.font, 8);
  EXPECT_EQ(text.content, "No. A-17: 宫保鸡丁 (7)");
}

TEST(Template, SameAsLiteralMarkup) {
  // Two labels: the second takes its copies from the row.
  std::string literal =
      "<PAGE w=\"100\" l=\"60\"><LABEL id=\"1\"><TEXT x=\"3\" y=\"4\">Tea</TEXT>"
      "<BARC x=\"50\" y=\"10\">12345</BARC><QRC x=\"1\" y=\"20\" s=\"3\">https://x/1</QRC>"
      "</LABEL><LABEL id=\"2\" c=\"2\"/></PAGE>";
  std::string templated =
      "<PAGE w=\"100\" l=\"60\"><LABEL id=\"1\"><TEXT x=\"{{x}}\" y=\"4\">{{drink}}</TEXT>"
      "<BARC x=\"50\" y=\"10\">{{code}}</BARC><QRC x=\"1\" y=\"20\" s=\"3\">https://x/{{_row}}"
      "</QRC></LABEL><LABEL id=\"2\" c=\"{{c}}\"/></PAGE>";
  CompileResult expected = compile(literal, {.file_name = "label.xml", .limits = {}});
  ASSERT_TRUE(expected.ok());
  CompileResult r =
      make(templated).bind(row({{"x", "3"}, {"drink", "Tea"}, {"code", "12345"}, {"c", "2"}}), "d");
  ASSERT_TRUE(r.ok()) << texts(r.diagnostics);
  // Positions differ (the template's text is longer); everything printed is the same.
  ASSERT_EQ(r.document->labels.size(), 2u);
  EXPECT_EQ(r.document->labels[1].copies, 2);
  const auto& got = r.document->labels[0].elements;
  const auto& want = expected.document->labels[0].elements;
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(std::get<ir::Text>(got[0]).content, std::get<ir::Text>(want[0]).content);
  EXPECT_EQ(std::get<ir::Barcode>(got[1]).content, std::get<ir::Barcode>(want[1]).content);
  EXPECT_EQ(std::get<ir::QrCode>(got[2]).content, std::get<ir::QrCode>(want[2]).content);
}

TEST(Template, ValuesCannotAddMarkup) {
  Template t = make(in_label("<TEXT x=\"1\" y=\"1\">{{v}}</TEXT>"));
  for (std::string value : {"</TEXT><BL x=\"1\" y=\"1\" w=\"50\" h=\"50\"/><TEXT x=\"1\" y=\"1\">",
                            "a < b & c > d", "]]>", "&amp; &lt;", "\"quoted\" 'single'"}) {
    CompileResult r = t.bind(row({{"v", value}}), "d");
    ASSERT_TRUE(r.ok()) << value << "\n" << texts(r.diagnostics);
    ASSERT_EQ(r.document->labels[0].elements.size(), 1u) << value;
    EXPECT_EQ(first_text(r).content, value);
  }
  // Nor can an attribute value leave its quotes.
  Template a = make(in_label("<TEXT x=\"{{x}}\" y=\"1\">a</TEXT>"));
  CompileResult r = a.bind(row({{"x", "1\" f=\"8"}}), "d");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(found(r, "DL0203").size(), 1u) << texts(r.diagnostics);
}

TEST(Template, DefaultsAndEscapes) {
  Template t =
      make(in_label("<TEXT x=\"1\" y=\"1\">{{ note | none }}/{{name|}}/\\{{literal}}</TEXT>"
                    "<TEXT x=\"{{ x | 5 }}\" y=\"1\">a</TEXT>"));
  EXPECT_EQ(t.names(), (std::vector<std::string>{"note", "name", "x"}));
  CompileResult missing = t.bind(row({}), "d");
  ASSERT_TRUE(missing.ok()) << texts(missing.diagnostics);
  EXPECT_EQ(first_text(missing).content, "none//{{literal}}");
  EXPECT_EQ(std::get<ir::Text>(missing.document->labels[0].elements[1]).x, 40);
  CompileResult empty = t.bind(row({{"note", ""}, {"name", "N"}, {"x", ""}}), "d");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(first_text(empty).content, "none/N/{{literal}}");
  CompileResult given = t.bind(row({{"note", "paid"}, {"x", "2"}}), "d");
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(first_text(given).content, "paid//{{literal}}");
  EXPECT_EQ(std::get<ir::Text>(given.document->labels[0].elements[1]).x, 16);
}

TEST(Template, WithoutPlaceholdersIsCompile) {
  std::string markup = in_label("<TEXT x=\"1\" y=\"1\" f=\"0\">plain { } }}</TEXT>");
  Template t = make(markup);
  EXPECT_FALSE(t.has_placeholders());
  CompileResult r = t.bind(row({{"a", "b"}}), "d");
  CompileResult expected = compile(markup, {.file_name = "label.xml", .limits = {}});
  EXPECT_EQ(r.diagnostics, expected.diagnostics);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r.document, *expected.document);
}

TEST(Template, BadValueIsReportedAtTheRowWithANoteAtThePlaceholder) {
  // line 3 of the template, x's value at column 10, the placeholder in content at column 22.
  Template t = make(in_label("<TEXT x=\"{{x}}\" y=\"1\">{{x}}</TEXT>"));
  CompileResult r = t.bind(row({{"x", "abc"}}, 6, 7), "rows.csv");
  EXPECT_FALSE(r.ok());
  ASSERT_GE(r.diagnostics.size(), 2u) << texts(r.diagnostics);
  EXPECT_EQ(format_text(r.diagnostics[0]),
            "rows.csv:7: error: TEXT attribute x=\"abc\" is not a number (row 6, column x) "
            "[DL0203]\n  hint: write a decimal number such as \"2\" or \"1.5\" (no exponent, no "
            "spaces)");
  EXPECT_EQ(format_text(r.diagnostics[1]),
            "label.xml:3:10: note: the value of {{x}} in row 6 goes here [DL0613]");
}

TEST(Template, ContentValuesAreCheckedAsLiteralContent) {
  Template t = make(in_label("<BARC x=\"50\" y=\"1\" ct=\"jan13a\">{{ean}}</BARC>"));
  EXPECT_TRUE(t.bind(row({{"ean", "400638133393"}}), "d").ok());
  CompileResult bad = t.bind(row({{"ean", "40063813339X"}}, 3, 4), "d.csv");
  EXPECT_FALSE(bad.ok());
  ASSERT_FALSE(bad.diagnostics.empty());
  EXPECT_EQ(bad.diagnostics[0].file, "d.csv");
  EXPECT_EQ(bad.diagnostics[0].pos.line, 4);
  EXPECT_NE(bad.diagnostics[0].message.find("(row 3, column ean)"), std::string::npos)
      << texts(bad.diagnostics);
}

// An error about a whole element (reported at its "<") is the row's when the markup does not
// give it with the placeholders unfilled: it names every column that went into the element.
TEST(Template, ErrorAboutAWholeElementNamesItsColumns) {
  Template t = make(in_label("<QRC x=\"{{x}}\" y=\"1\">{{a}}{{b}}</QRC>"));
  CompileResult r = t.bind(row({{"x", "1"}, {"a", ""}, {"b", ""}}, 4, 5), "d.csv");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(texts(r.diagnostics),
            "d.csv:5: error: QRC has no content to encode (row 4, columns x, a, b) [DL0303]\n"
            "  hint: write the data between <QRC ...> and </QRC>\n"
            "label.xml:3:9: note: the value of {{x}} in row 4 goes here [DL0613]\n"
            "label.xml:3:22: note: the value of {{a}} in row 4 goes here [DL0613]\n"
            "label.xml:3:27: note: the value of {{b}} in row 4 goes here [DL0613]\n");
  // A required attribute left out is the template's whatever the row holds: at the template.
  Template missing_x = make(in_label("<QRC y=\"1\">{{a}}</QRC>"));
  CompileResult m = missing_x.bind(row({{"a", "v"}}, 4, 5), "d.csv");
  ASSERT_FALSE(m.diagnostics.empty());
  EXPECT_EQ(m.diagnostics[0].file, "label.xml");
  EXPECT_EQ(m.diagnostics[0].pos, (SourcePos{3, 1}));
  EXPECT_EQ(m.diagnostics[0].message.find("row 4"), std::string::npos);
}

// Errors found in a bound row's document later (resolving, drawing, encoding) are moved to the
// row: one at a value's character names its column; one at the element names every column of
// the element; one at an element no value went into points at it (DL0615).
TEST(Template, ErrorsAfterBindingNameTheColumnsOfTheirElement) {
  Template t =
      make(in_label("<BARC x=\"50\" y=\"1\" h=\"{{h}}\">A{{sku}}-{{lot}}</BARC>\n"
                    "<TEXT x=\"1\" y=\"9\">fixed</TEXT>"));
  data::Row r = row({{"h", "10"}, {"sku", "S"}, {"lot", "7"}}, 2, 3);
  auto error_at = [](SourcePos pos) {
    return Diagnostic{"label.xml", pos, Severity::error, "DL0450", "cannot encode", "why"};
  };
  EXPECT_EQ(texts(t.at_row(error_at({3, 1}), r, "d.csv")),
            "d.csv:3: error: cannot encode (row 2, columns h, sku, lot) [DL0450]\n"
            "  hint: why\n"
            "label.xml:3:23: note: the value of {{h}} in row 2 goes here [DL0613]\n"
            "label.xml:3:31: note: the value of {{sku}} in row 2 goes here [DL0613]\n"
            "label.xml:3:39: note: the value of {{lot}} in row 2 goes here [DL0613]\n");
  EXPECT_EQ(texts(t.at_row(error_at({3, 39}), r, "d.csv")),
            "d.csv:3: error: cannot encode (row 2, column lot) [DL0450]\n"
            "  hint: why\n"
            "label.xml:3:39: note: the value of {{lot}} in row 2 goes here [DL0613]\n");
  EXPECT_EQ(texts(t.at_row(error_at({4, 1}), r, "d.csv")),
            "d.csv:3: error: cannot encode (row 2) [DL0450]\n"
            "  hint: why\n"
            "label.xml:4:1: note: the element of row 2's error [DL0615]\n");
}

TEST(Template, MissingValueIsAnErrorAtThePlaceholder) {
  Template t = make(in_label("<TEXT x=\"1\" y=\"1\">{{nme}}</TEXT>"));
  CompileResult r = t.bind(row({{"name", "x"}}, 2, 3), "rows.json");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(texts(r.diagnostics),
            "rows.json:3: error: row 2 has no value for {{nme}} [DL0612]\n"
            "  hint: add \"nme\" to the row, or give a default: {{nme | text}}\n"
            "label.xml:3:19: note: the value of {{nme}} in row 2 goes here [DL0613]\n");
}

TEST(Template, ColumnsAreCheckedOnceWithAHint) {
  Template t = make(in_label("<TEXT x=\"1\" y=\"1\">{{nmae}} {{_row}} {{opt|-}}</TEXT>"));
  Diagnostics d = t.check_columns({"name", "price"}, "rows.csv");
  EXPECT_EQ(texts(d),
            "label.xml:3:19: error: {{nmae}}: rows.csv has no column \"nmae\" [DL0611]\n"
            "  hint: did you mean {{name}}?\n"
            "rows.csv:1: note: no placeholder uses the columns: name, price [DL0614]\n");
}

TEST(Template, PlaceholderSyntaxErrors) {
  for (const char* body :
       {"<TEXT x=\"1\" y=\"1\">{{open</TEXT>", "<TEXT x=\"1\" y=\"1\">{{ }}</TEXT>",
        "<TEXT x=\"{{x\" y=\"1\">a</TEXT>"}) {
    Template t = compile_template(in_label(body), {});
    EXPECT_FALSE(t.ok()) << body;
    ASSERT_EQ(t.diagnostics().size(), 1u) << body;
    EXPECT_EQ(t.diagnostics()[0].code, "DL0610");
    EXPECT_EQ(t.diagnostics()[0].pos.line, 3);
  }
}

TEST(Template, CharacterOutsideTheFontNamesTheRow) {
  Template t = make(in_label("<TEXT x=\"1\" y=\"1\" f=\"1\">ab{{v}}</TEXT>"));
  CompileResult r = t.bind(row({{"v", "中"}}, 5, 9), "d.csv");
  bool attributed = false;
  for (const Diagnostic& d : r.diagnostics)
    attributed |=
        d.file == "d.csv" && d.pos.line == 9 && d.message.find("column v") != std::string::npos;
  EXPECT_TRUE(attributed) << texts(r.diagnostics);
}

}  // namespace
}  // namespace dotlabel::test
