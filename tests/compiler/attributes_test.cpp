// Every attribute's default, and its range boundaries just in and just out (docs/markup.md).
#include <gtest/gtest.h>

#include <map>

#include "element_table.hpp"
#include "helpers.hpp"

namespace dotlabel::test {
namespace {

// A minimal valid element with `attribute` set to `value` (replacing a base attribute of the
// same name), inside a full document.
std::string document_with(const std::string& element, const std::string& attribute,
                          const std::string& value) {
  static const std::map<std::string, std::pair<std::string, std::string>> kBase{
      // element -> (base attributes, content)
      {"PAGE", {"w=100 l=60", ""}},    {"LABEL", {"id=1", ""}},
      {"TEXT", {"x=1 y=1", "a"}},      {"BARC", {"x=50 y=1", "12345"}},
      {"QRC", {"x=1 y=1", "a"}},       {"SQ", {"x=1 y=1 xe=5 ye=5", ""}},
      {"BL", {"x=1 y=1 w=1 h=1", ""}}, {"REV", {"x=1 y=1 w=1 h=1", ""}},
      {"BMP", {"x=1 y=1", ""}},        {"CUTTER", {"", ""}},
  };
  auto [base, content] = kBase.at(element);
  std::string attributes;
  bool replaced = false;
  std::size_t i = 0;
  while (i < base.size()) {
    std::size_t end = base.find(' ', i);
    if (end == std::string::npos) end = base.size();
    std::string pair = base.substr(i, end - i);
    std::string name = pair.substr(0, pair.find('='));
    std::string written =
        name == attribute ? (replaced = true, value) : pair.substr(pair.find('=') + 1);
    attributes += " " + name + "=\"" + written + "\"";
    i = end + 1;
  }
  if (!replaced) attributes += " " + attribute + "=\"" + value + "\"";
  std::string tag = "<" + element + attributes + ">" + content + "</" + element + ">";
  if (element == "PAGE") return "<PAGE" + attributes + "><LABEL id=\"1\"/></PAGE>";
  if (element == "LABEL") return "<PAGE w=\"100\" l=\"60\">" + tag + "</PAGE>";
  return "<PAGE w=\"100\" l=\"60\"><LABEL id=\"1\">" + tag + "</LABEL></PAGE>";
}

struct Boundary {
  std::string element, attribute;
  std::vector<std::string> inside, outside;
  std::string outside_code = "DL0205";
};

void PrintTo(const Boundary& b, std::ostream* os) {
  *os << b.element << " " << b.attribute;
}

class AttributeRange : public ::testing::TestWithParam<Boundary> {};

// An attribute's value is refused (not only warned about, as LABEL os is).
bool refuses_value(const CompileResult& result) {
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity == Severity::error &&
        (d.code == "DL0203" || d.code == "DL0204" || d.code == "DL0205" || d.code == "DL0206"))
      return true;
  return false;
}

bool has_value_error(const CompileResult& result) {
  for (const char* code : {"DL0203", "DL0204", "DL0205", "DL0206", "DL0207"})
    if (!found(result, code).empty()) return true;
  return false;
}

TEST_P(AttributeRange, InsideAcceptedOutsideRejected) {
  const Boundary& b = GetParam();
  for (const std::string& value : b.inside) {
    std::string markup = document_with(b.element, b.attribute, value);
    CompileResult result = run(markup);
    EXPECT_FALSE(has_value_error(result)) << b.attribute << "=" << value << "\n"
                                          << all_codes(result);
    // The schema for editors is not stricter than the compiler.
    EXPECT_TRUE(xmllint_accepts(markup)) << markup;
  }
  for (const std::string& value : b.outside) {
    std::string markup = document_with(b.element, b.attribute, value);
    CompileResult result = run(markup);
    EXPECT_EQ(found(result, b.outside_code).size(), 1u) << b.attribute << "=" << value << "\n"
                                                        << all_codes(result);
    // ... nor looser: what the compiler refuses, the schema refuses. Where the compiler only
    // warns and prints the default (LABEL os), the schema accepts.
    EXPECT_EQ(xmllint_accepts(markup), !refuses_value(result)) << markup;
  }
}

const std::vector<std::string> kRotations{"0", "90", "180", "270"};
const std::vector<std::string> kAligns{"left", "center", "right"};

INSTANTIATE_TEST_SUITE_P(
    Spec, AttributeRange,
    ::testing::Values(
        Boundary{"PAGE", "w", {"0.125", "99999"}, {"0", "-1", "100000.5"}},
        Boundary{"PAGE", "l", {"0.125", "1000"}, {"0", "-0.5", "100001"}},
        Boundary{"PAGE", "ld", {"0", "2.5"}, {"-0.1"}},
        Boundary{"PAGE", "pt", {"0", "3"}, {"-1", "4"}},
        Boundary{"PAGE", "lod", {"0", "0.5", "1", "0.125"}, {"-0.1", "1.01", "2"}},
        Boundary{"LABEL", "id", {"-2147483648", "0", "2147483647"}, {"2147483648", "-2147483649"}},
        Boundary{"LABEL", "c", {"1", "2.0", "2147483647"}, {"0", "-1"}},
        Boundary{"LABEL", "d", {"0", "1"}, {"-1", "2"}},
        Boundary{"LABEL", "m", {"0", "1"}, {"-1", "2"}},
        Boundary{"LABEL", "os", {"-25.4", "0", "25.4"}, {"-25.5", "25.41"}, "DL0207"},
        Boundary{"TEXT", "x", {"-100000", "100000"}, {"100000.5", "-100001"}},
        Boundary{"TEXT", "y", {"-100000", "100000"}, {"100000.5", "-100001"}},
        Boundary{"TEXT", "xw", {"1", "10"}, {"0", "11"}},
        Boundary{"TEXT", "yh", {"1", "10"}, {"0", "11"}},
        Boundary{"TEXT", "f", {"1", "7", "8"}, {"-1", "9"}},
        Boundary{"TEXT", "a", kAligns, {"middle", "LEFT", ""}, "DL0206"},
        Boundary{"TEXT", "r", kRotations, {"45", "360", "-90"}, "DL0206"},
        Boundary{"BARC", "n", {"1", "800000"}, {"0", "800001"}},
        Boundary{"BARC", "w", {"1", "5"}, {"0"}}, Boundary{"BARC", "h", {"1", "50"}, {"0", "-50"}},
        Boundary{"BARC", "s", {"0", "3"}, {"-1", "4"}},
        Boundary{"BARC", "a", kAligns, {"centre"}, "DL0206"},
        Boundary{"BARC", "r", kRotations, {"1"}, "DL0206"},
        Boundary{"BARC",
                 "ct",
                 {"code128", "code93", "bara", "barb", "itfa", "itfb", "code39a", "code39b"},
                 {"ean13", "CODE128", "qr"},
                 "DL0206"},
        Boundary{"QRC", "s", {"1", "10"}, {"0", "11"}},
        Boundary{"QRC", "e", {"L", "M", "Q", "H"}, {"X", "m"}, "DL0206"},
        Boundary{"BARC", "x", {"-100000", "100000"}, {"100000.125"}},
        Boundary{"BARC", "y", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"QRC", "x", {"-100000", "100000"}, {"100000.125"}},
        Boundary{"QRC", "y", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"SQ", "x", {"-100000", "100000"}, {"100000.125"}},
        Boundary{"SQ", "y", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"SQ", "xe", {"-5", "100000"}, {"100001"}},
        Boundary{"SQ", "ye", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"BL", "x", {"-100000", "100000"}, {"100000.125"}},
        Boundary{"BL", "y", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"REV", "x", {"-100000", "100000"}, {"100000.125"}},
        Boundary{"REV", "y", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"BMP", "x", {"-100000", "100000"}, {"100000.125"}},
        Boundary{"BMP", "y", {"-100000", "100000"}, {"-100000.125"}},
        Boundary{"SQ", "lt", {"1", "20"}, {"0"}},
        Boundary{"BL", "w", {"0.125", "100000"}, {"0", "-1"}},
        Boundary{"BL", "h", {"0.5", "100000"}, {"0", "-0.5"}},
        Boundary{"REV", "w", {"0.125"}, {"0"}}, Boundary{"REV", "h", {"0.125"}, {"0"}},
        Boundary{"BMP", "w", {"1", "384"}, {"0", "-8"}},
        Boundary{"CUTTER", "p", {"-1", "0", "5"}, {"-2"}},
        Boundary{"CUTTER", "ct", {"OFF", "BARCH", "ON"}, {"on", "BATCH"}, "DL0206"}));

// Every numeric range of the element table, probed at its ends and just past them: the
// schema accepts exactly what the compiler accepts (the list above names the interesting
// values; this makes sure no attribute of the table is left out).
TEST(AttributeRange, SchemaRangesAreTheTables) {
  for (const ElementRule& element : element_table()) {
    for (const AttributeRule& rule : element.attributes) {
      if (rule.kind == ValueKind::enumeration) continue;
      bool whole = rule.kind == ValueKind::dots || rule.kind == ValueKind::integer;
      double step = whole ? 1 : 0.125;
      std::vector<double> probes{rule.min, rule.max, rule.min - step, rule.max + step};
      for (double probe : probes) {
        std::string value = std::to_string(probe);
        value.erase(value.find_last_not_of('0') + 1);
        if (value.back() == '.') value.pop_back();
        std::string markup =
            document_with(std::string(element.name), std::string(rule.name), value);
        CompileResult result = run(markup);
        EXPECT_EQ(xmllint_accepts(markup), !refuses_value(result))
            << element.name << " " << rule.name << "=" << value << "\n"
            << all_codes(result);
      }
    }
  }
}

TEST(AttributeRange, FontZeroIsAWarningAndRendersAsSeven) {
  CompileResult result = run(document_with("TEXT", "f", "0"));
  ASSERT_TRUE(result.ok()) << all_codes(result);
  EXPECT_EQ(found(result, "DL0208").size(), 1u);
  EXPECT_EQ(std::get<ir::Text>(result.document->labels[0].elements[0]).font, 7);
}

TEST(AttributeRange, OsOutOfRangeBecomesZero) {
  CompileResult result = run(document_with("LABEL", "os", "30"));
  ASSERT_TRUE(result.ok()) << all_codes(result);
  EXPECT_EQ(result.document->labels[0].offset, 0);
  result = run(document_with("LABEL", "os", "-25.4"));
  EXPECT_EQ(result.document->labels[0].offset, -203);  // -203.2 dots, rounded
}

TEST(AttributeRange, StrictNumbers) {
  for (const char* bad :
       {"1e9", "nan", "inf", "", " 1", "1 ", "0x10", ".5", "1.", "+-1", "1,5", "١"}) {
    CompileResult result = run(document_with("TEXT", "x", bad));
    EXPECT_EQ(found(result, "DL0203").size(), 1u) << "x=\"" << bad << "\"\n" << all_codes(result);
  }
  for (const char* good : {"1", "+1.5", "-2.0", "007", "0.000"})
    EXPECT_TRUE(run(document_with("TEXT", "x", good)).ok()) << good;
}

TEST(AttributeDefaults, EveryDefaultReachesTheIr) {
  std::string markup =
      "<PAGE w=\"100\" l=\"60\"><CUTTER/><LABEL id=\"1\">"
      "<TEXT x=\"1\" y=\"2\">a</TEXT><BARC x=\"50\" y=\"1\">12</BARC><QRC x=\"1\" y=\"1\">q</QRC>"
      "<SQ x=\"1\" y=\"1\" xe=\"2\" ye=\"2\"/><BMP x=\"1\" y=\"1\"/><CUTTER/></LABEL></PAGE>";
  EXPECT_TRUE(xmllint_accepts(markup));
  CompileResult result = run(markup);
  ASSERT_TRUE(result.ok()) << all_codes(result);
  const ir::Document& doc = *result.document;
  EXPECT_EQ(doc.page.gap, 16);  // ld = 2 mm
  EXPECT_EQ(doc.page.paper_type, 0);
  EXPECT_EQ(doc.page.feed_offset, 0);
  ASSERT_EQ(doc.page.cutters.size(), 1u);
  EXPECT_EQ(doc.page.cutters[0].every, -1);
  EXPECT_EQ(doc.page.cutters[0].mode, ir::CutterMode::on);
  const ir::Label& label = doc.labels.at(0);
  EXPECT_EQ(label.copies, 1);
  EXPECT_EQ(label.direction, 1);
  EXPECT_FALSE(label.mirror);
  EXPECT_EQ(label.offset, 0);
  ASSERT_EQ(label.elements.size(), 6u);
  const auto& text = std::get<ir::Text>(label.elements[0]);
  EXPECT_EQ(text.xw, 1);
  EXPECT_EQ(text.yh, 1);
  EXPECT_EQ(text.font, 7);
  EXPECT_EQ(text.align, ir::Align::left);
  EXPECT_EQ(text.rotation, ir::Rotation::r0);
  const auto& barcode = std::get<ir::Barcode>(label.elements[1]);
  EXPECT_EQ(barcode.symbology, ir::Symbology::code128);
  EXPECT_EQ(barcode.type_name, "code128");
  EXPECT_EQ(barcode.narrow, 2);
  EXPECT_EQ(barcode.wide, 2);
  EXPECT_EQ(barcode.height, 50);
  EXPECT_EQ(barcode.human_readable, ir::HumanReadable::center);
  EXPECT_EQ(barcode.align, ir::Align::center);
  EXPECT_EQ(barcode.rotation, ir::Rotation::r0);
  const auto& qr = std::get<ir::QrCode>(label.elements[2]);
  EXPECT_EQ(qr.module, 2);
  EXPECT_EQ(qr.ecc, ir::QrEcc::L);
  EXPECT_EQ(std::get<ir::Box>(label.elements[3]).line, 2);
  const auto& image = std::get<ir::Image>(label.elements[4]);
  EXPECT_FALSE(image.width.has_value());
  EXPECT_TRUE(image.data.empty());  // the printer's logo
  EXPECT_EQ(std::get<ir::Cutter>(label.elements[5]).every, -1);
}

TEST(AttributeRequired, EachRequiredAttributeIsReportedWhenMissing) {
  // element, required attributes (docs/markup.md, R)
  const std::vector<std::pair<std::string, std::vector<std::string>>> required{
      {"PAGE", {"w", "l"}},         {"LABEL", {"id"}},
      {"TEXT", {"x", "y"}},         {"BARC", {"x", "y"}},
      {"QRC", {"x", "y"}},          {"SQ", {"x", "y", "xe", "ye"}},
      {"BL", {"x", "y", "w", "h"}}, {"REV", {"x", "y", "w", "h"}},
      {"BMP", {"x", "y"}}};
  for (const auto& [element, names] : required) {
    std::string markup = element == "PAGE"    ? "<PAGE><LABEL id=\"1\"/></PAGE>"
                         : element == "LABEL" ? "<PAGE w=\"1\" l=\"1\"><LABEL/></PAGE>"
                                              : in_label("<" + element + ">1</" + element + ">");
    CompileResult result = run(markup);
    std::size_t missing = 0;
    for (const Diagnostic& d : result.diagnostics)
      if (d.code == "DL0202") {
        ++missing;
        bool named = false;
        for (const std::string& name : names)
          named = named || d.message.find("`" + name + "`") != std::string::npos;
        EXPECT_TRUE(named) << d.message;
      }
    EXPECT_EQ(missing, names.size()) << element << "\n" << all_codes(result);
  }
}

}  // namespace
}  // namespace dotlabel::test
