// The registry of diagnostic codes (compiler/src/diagnostic_codes.hpp) against
// docs/diagnostics.md and the sources: every code in both, with the same severity and in its
// stage's section, and no stage spelling a code as a literal instead of naming it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "diagnostic_codes.hpp"

namespace dotlabel {
namespace {

struct DocumentedCode {
  std::string severity;  // the table's severity column
  std::string section;   // the "## ..." heading above the table
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, DocumentedCode> documented_codes() {
  std::istringstream doc(
      read_file(std::filesystem::path(DOTLABEL_SOURCE_DIR) / "docs" / "diagnostics.md"));
  std::map<std::string, DocumentedCode> out;
  static const std::regex kRow(R"(^\| (DL\d{4}) \| ([^|]+?) \|)");
  std::string line, section;
  while (std::getline(doc, line)) {
    if (line.starts_with("## ")) section = line.substr(3);
    std::smatch m;
    if (std::regex_search(line, m, kRow)) {
      EXPECT_FALSE(out.contains(m[1])) << m[1] << " is listed twice";
      out[m[1]] = {m[2], section};
    }
  }
  return out;
}

std::string severity_name(const codes::Code& code) {
  return code.severity ? std::string(to_string(*code.severity)) : "as the worst one left out";
}

std::string section_prefix(codes::Stage stage) {
  switch (stage) {
    case codes::Stage::compile:
      return "Compiler";
    case codes::Stage::resolve:
    case codes::Stage::raster:
      return "Renderer";
    case codes::Stage::mstching:
      return "Mstching";
    case codes::Stage::printer:
      return "Printer";
    case codes::Stage::data:
    case codes::Stage::fill:
      return "Templates";
  }
  return {};
}

TEST(DiagnosticRegistry, EveryCodeIsDocumentedWithItsSeverityInItsStagesSection) {
  std::map<std::string, DocumentedCode> documented = documented_codes();
  ASSERT_GT(documented.size(), 50u);
  std::set<std::string> registered;
  for (const codes::Code& code : codes::kAll) {
    std::string name(code.code);
    EXPECT_TRUE(registered.insert(name).second) << name << " is registered twice";
    EXPECT_FALSE(code.summary.empty()) << name;
    auto it = documented.find(name);
    if (it == documented.end()) {
      ADD_FAILURE() << name << " is not in docs/diagnostics.md";
      continue;
    }
    EXPECT_EQ(it->second.severity, severity_name(code)) << name;
    EXPECT_TRUE(it->second.section.starts_with(section_prefix(code.stage)))
        << name << " is documented under \"" << it->second.section << "\"";
  }
  for (const auto& [name, doc] : documented)
    EXPECT_TRUE(registered.contains(name)) << name << " is documented but not registered";
}

TEST(DiagnosticRegistry, NoSourceSpellsACodeAsALiteral) {
  const std::filesystem::path root(DOTLABEL_SOURCE_DIR);
  const std::filesystem::path registry = root / "compiler" / "src" / "diagnostic_codes.hpp";
  static const std::regex kLiteral(R"("DL\d{4}")");
  int files = 0;
  for (const char* dir :
       {"compiler", "render", "backends", "data", "client", "tools", "include", "src"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      if (std::filesystem::equivalent(entry.path(), registry)) continue;
      ++files;
      std::string text = read_file(entry.path());
      std::smatch m;
      EXPECT_FALSE(std::regex_search(text, m, kLiteral))
          << entry.path() << " spells " << m.str() << "; name it from diagnostic_codes.hpp";
    }
  }
  EXPECT_GT(files, 50);
}

}  // namespace
}  // namespace dotlabel
