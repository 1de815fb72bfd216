// schema/dotlabel.xsd agrees with the element table the validator is driven by, and xmllint
// with it accepts the valid markup and refuses invalid markup.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>

#include "element_table.hpp"
#include "helpers.hpp"

namespace dotlabel::test {
namespace {

namespace fs = std::filesystem;
const fs::path kSchema = fs::path(DOTLABEL_SOURCE_DIR) / "schema" / "dotlabel.xsd";
const fs::path kVendor = fs::path(DOTLABEL_SOURCE_DIR) / "tests" / "corpus" / "vendor";

struct SchemaAttribute {
  bool required = false;
  std::set<std::string> values;  // enumeration, empty if none
  std::string default_value;
};
using SchemaElements = std::map<std::string, std::map<std::string, SchemaAttribute>>;

// Elements of the schema with their attributes (through named complex and simple types).
SchemaElements read_schema(const pugi::xml_document& xsd) {
  pugi::xml_node schema = xsd.child("xs:schema");
  auto named = [&](const char* kind, std::string_view name) {
    return schema.find_child_by_attribute(kind, "name", std::string(name).c_str());
  };
  SchemaElements elements;
  for (pugi::xpath_node found : xsd.select_nodes("//xs:element[@name]")) {
    pugi::xml_node element = found.node();
    pugi::xml_node type = named("xs:complexType", element.attribute("type").value());
    EXPECT_TRUE(type) << element.attribute("name").value();
    auto& attributes = elements[element.attribute("name").value()];
    for (pugi::xpath_node a : type.select_nodes(".//xs:attribute")) {
      pugi::xml_node attribute = a.node();
      SchemaAttribute& out = attributes[attribute.attribute("name").value()];
      out.required = std::string_view(attribute.attribute("use").value()) == "required";
      out.default_value = attribute.attribute("default").value();
      pugi::xml_node simple = named("xs:simpleType", attribute.attribute("type").value());
      EXPECT_TRUE(simple) << attribute.attribute("type").value();
      for (pugi::xpath_node e : simple.select_nodes(".//xs:enumeration"))
        out.values.insert(e.node().attribute("value").value());
    }
  }
  return elements;
}

TEST(Schema, AgreesWithTheElementTable) {
  pugi::xml_document xsd;
  ASSERT_TRUE(xsd.load_file(kSchema.c_str()));
  SchemaElements schema = read_schema(xsd);
  std::set<std::string> table_names;
  for (const ElementRule& rule : element_table()) {
    std::string name(rule.name);
    table_names.insert(name);
    ASSERT_TRUE(schema.count(name)) << name << " is not in the schema";
    const auto& attributes = schema.at(name);
    EXPECT_EQ(attributes.size(), rule.attributes.size()) << name;
    for (const AttributeRule& attribute : rule.attributes) {
      std::string attribute_name(attribute.name);
      ASSERT_TRUE(attributes.count(attribute_name)) << name << "@" << attribute_name;
      const SchemaAttribute& s = attributes.at(attribute_name);
      EXPECT_EQ(s.required, attribute.required) << name << "@" << attribute_name;
      EXPECT_EQ(s.default_value, attribute.default_value) << name << "@" << attribute_name;
      std::set<std::string> values(attribute.values.begin(), attribute.values.end());
      EXPECT_EQ(s.values, values) << name << "@" << attribute_name;
    }
  }
  std::set<std::string> schema_names;
  for (const auto& [name, attributes] : schema) schema_names.insert(name);
  EXPECT_EQ(schema_names, table_names);
}

// Where each element may appear: the schema's content models against the table's parents.
TEST(Schema, ParentsAgreeWithTheElementTable) {
  pugi::xml_document xsd;
  ASSERT_TRUE(xsd.load_file(kSchema.c_str()));
  std::map<std::string, std::set<std::string>> parents;  // element -> complex types holding it
  for (pugi::xpath_node found : xsd.select_nodes("//xs:element[@name]")) {
    pugi::xml_node holder = found.node().parent();
    while (holder && std::string_view(holder.name()) != "xs:complexType") holder = holder.parent();
    std::string type = holder ? holder.attribute("name").value() : "";
    parents[found.node().attribute("name").value()].insert(type);
  }
  // The complex type of each holder element: PAGE is "page", LABEL is "label".
  const std::map<std::string, std::string> holder_type{{"PAGE", "page"}, {"LABEL", "label"}};
  for (const ElementRule& rule : element_table()) {
    std::set<std::string> expected;
    for (std::string_view parent : rule.parents)
      expected.insert(holder_type.at(std::string(parent)));
    if (rule.parents.empty()) expected.insert("");  // global: the root
    EXPECT_EQ(parents[std::string(rule.name)], expected) << rule.name;
  }
}

int xmllint(const fs::path& file) {
  std::string command =
      "xmllint --noout --schema '" + kSchema.string() + "' '" + file.string() + "' >/dev/null 2>&1";
  return std::system(command.c_str());
}

fs::path write_temp(const std::string& name, const std::string& markup) {
  fs::path path = scratch_dir() / ("schema_" + name + ".xml");
  std::ofstream(path, std::ios::binary) << markup;
  return path;
}

TEST(Schema, XmllintAcceptsValidMarkup) {
  std::vector<fs::path> files{kVendor / "xpyun-barcode-doc-v1.9.3-full-example.xml",
                              kVendor / "xpyun-barcode-doc-v1.9.3-printLabel-request-content.xml",
                              kVendor / "thirdparty" / "php-package-printer-label-100x100.xml",
                              kVendor / "thirdparty" / "php-package-printer-ticket-80x100.xml",
                              fs::path(DOTLABEL_SOURCE_DIR) / "examples" / "demo.xml"};
  files.push_back(write_temp(
      "every_element",
      "<PAGE w=\"100\" l=\"60\" ld=\"0\" pt=\"1\" lod=\"1\"><CUTTER p=\"2\" ct=\"BARCH\"/>"
      "<LABEL id=\"2\" c=\"2\" d=\"0\" m=\"1\" os=\"-1.5\">"
      "<TEXT x=\"50\" y=\"1\" xw=\"2\" yh=\"10\" f=\"8\" a=\"center\" r=\"270\">a</TEXT>"
      "<BARC x=\"1\" y=\"1\" ct=\"jan13a\" n=\"2\" w=\"3\" h=\"60\" s=\"0\" a=\"left\" "
      "r=\"90\">400638133393</BARC>"
      "<QRC x=\"1\" y=\"1\" s=\"10\" e=\"H\">q</QRC><SQ x=\"1\" y=\"1\" xe=\"9\" ye=\"9\" "
      "lt=\"3\"/>"
      "<BL x=\"1\" y=\"1\" w=\"0.5\" h=\"9\"/><REV x=\"1\" y=\"1\" w=\"2\" h=\"2\"/>"
      "<BMP x=\"1\" y=\"1\" w=\"8\">Qk0AAA==</BMP><BMP x=\"1\" y=\"1\"/><CUTTER/></LABEL>"
      "<LABEL id=\"1\"/></PAGE>"));
  // How an editor is pointed at the schema; the compiler ignores these attributes.
  files.push_back(write_temp("schema_location",
                             "<PAGE xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                             "xsi:noNamespaceSchemaLocation=\"dotlabel.xsd\" w=\"50\" l=\"30\">"
                             "<LABEL id=\"1\"/></PAGE>"));
  EXPECT_TRUE(compile_file(files.back()).diagnostics.empty());
  for (const fs::path& file : files) {
    EXPECT_TRUE(compile_file(file).ok()) << file;
    EXPECT_EQ(xmllint(file), 0) << file;
  }
}

TEST(Schema, XmllintRefusesInvalidMarkup) {
  const std::vector<std::pair<std::string, std::string>> invalid{
      {"missing_required", "<PAGE w=\"1\"><LABEL id=\"1\"/></PAGE>"},
      {"bad_number", "<PAGE w=\"1e9\" l=\"1\"><LABEL id=\"1\"/></PAGE>"},
      {"bad_enum", in_label("<QRC x=\"1\" y=\"1\" e=\"X\">a</QRC>")},
      {"unknown_attribute", in_label("<SQ x=\"1\" y=\"1\" xe=\"1\" ey=\"1\"/>")},
      {"lowercase", in_label("<text x=\"1\" y=\"1\">a</text>")},
      {"text_under_page", "<PAGE w=\"1\" l=\"1\"><TEXT x=\"1\" y=\"1\">a</TEXT></PAGE>"},
      {"label_root", "<LABEL id=\"1\"/>"},
      {"duplicate_id", "<PAGE w=\"1\" l=\"1\"><LABEL id=\"1\"/><LABEL id=\"1\"/></PAGE>"},
      {"out_of_range", in_label("<TEXT x=\"1\" y=\"1\" xw=\"11\">a</TEXT>")}};
  for (const auto& [name, markup] : invalid) {
    fs::path file = write_temp(name, markup);
    EXPECT_FALSE(compile(markup).ok()) << name;
    EXPECT_NE(xmllint(file), 0) << name;
  }
  for (const char* receipt :
       {"xpyun-open-demo-go-printLabel.xml", "xpyun-opensdk-go-printLabel_example.xml"})
    EXPECT_NE(xmllint(kVendor / receipt), 0) << receipt;
}

}  // namespace
}  // namespace dotlabel::test
