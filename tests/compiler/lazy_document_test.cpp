// compile_lazy() against compile(): the same diagnostics, page and labels for every input, and
// for valid markup the text really is split into PAGE's children (not compiled whole).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "context.hpp"
#include "document.hpp"
#include "dotlabel/compiler.hpp"
#include "helpers.hpp"
#include "parse.hpp"
#include "source_map.hpp"

namespace dotlabel {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every markup file of the project and of the vendor corpus.
std::vector<std::filesystem::path> markup_files() {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {DOTLABEL_SOURCE_DIR "/golden", DOTLABEL_SOURCE_DIR "/examples",
                          DOTLABEL_SOURCE_DIR "/tests"})
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
      if (entry.path().extension() == ".xml") files.push_back(entry.path());
  return files;
}

// Whether compile_lazy() takes the split path for `markup` (not compile() of the whole text).
// Like compile_lazy(), it leaves the BOM out of the text.
bool splits(std::string_view markup) {
  if (markup.starts_with("\xEF\xBB\xBF")) markup.remove_prefix(3);
  SourceMap map(markup);
  Diagnostics diagnostics;
  Limits limits;
  Context context(map, limits, "f.xml", diagnostics);
  std::string buffer;
  pugi::xml_document tree;
  std::vector<ChildSpan> children;
  std::vector<OutlineLabel> labels;
  return parse_outline(markup, buffer, tree, children, context) &&
         lower_outline(tree, children, context, labels, 2, 0).has_value();
}

// compile_lazy() on 1 and on 3 threads gives what compile() gives.
void expect_same(const std::string& markup, const std::string& name) {
  CompileOptions options;
  options.file_name = "f.xml";
  CompileResult whole = compile(markup, options);
  for (int threads : {1, 3}) {
    SCOPED_TRACE(name + ", threads " + std::to_string(threads));
    LazyDocument lazy = compile_lazy(markup, options, threads);
    ASSERT_EQ(lazy.diagnostics().size(), whole.diagnostics.size());
    for (std::size_t i = 0; i < whole.diagnostics.size(); ++i)
      EXPECT_EQ(format_text(lazy.diagnostics()[i]), format_text(whole.diagnostics[i]));
    ASSERT_EQ(lazy.ok(), whole.ok());
    if (!whole.ok()) continue;
    const ir::Document& document = *whole.document;
    EXPECT_EQ(lazy.outline().file, document.file);
    EXPECT_EQ(lazy.outline().page, document.page);
    EXPECT_TRUE(lazy.outline().labels.empty());
    ASSERT_EQ(lazy.size(), document.labels.size());
    for (std::size_t i = 0; i < document.labels.size(); ++i) {
      EXPECT_EQ(lazy.id(i), document.labels[i].id);
      EXPECT_EQ(lazy.find(document.labels[i].id), i);
      EXPECT_TRUE(lazy.label(i) == document.labels[i]) << "label " << i;
      // The first time the label compile_lazy() kept, then lowered again.
      EXPECT_TRUE(lazy.label(i) == document.labels[i]) << "label " << i << ", asked again";
    }
  }
}

TEST(LazyDocument, SameAsCompileForEveryMarkupFile) {
  std::vector<std::filesystem::path> files = markup_files();
  ASSERT_GT(files.size(), 90u);
  int valid = 0;
  for (const std::filesystem::path& file : files) {
    std::string markup = read(file);
    expect_same(markup, file.string());
    if (compile(markup).ok()) {
      ++valid;
      EXPECT_TRUE(splits(markup)) << file;
    }
  }
  EXPECT_GT(valid, 90);
}

// More markup than compile_lazy() keeps lowered labels for (1 MiB): the first labels come from
// what it kept, the others are lowered again, and all are the labels compile() gives, in id
// order (written in reverse), on one thread and on three.
TEST(LazyDocument, KeptAndLoweredAgainLabelsAreTheSame) {
  std::string markup = "<PAGE w=\"60\" l=\"40\">";
  for (int id = 6000; id >= 1; --id)
    markup += "<LABEL id=\"" + std::to_string(id) + "\"><TEXT x=\"1\" y=\"1\">item " +
              std::to_string(id) + " " + std::string(static_cast<std::size_t>(id % 200), 'x') +
              "</TEXT><BARC x=\"1\" y=\"8\">" + std::to_string(id) + "</BARC></LABEL>";
  markup += "</PAGE>";
  ASSERT_GT(markup.size(), 1u << 20);
  CompileResult whole = compile(markup);
  ASSERT_TRUE(whole.ok());
  for (int threads : {1, 3}) {
    LazyDocument lazy = compile_lazy(markup, {}, threads);
    ASSERT_EQ(lazy.size(), whole.document->labels.size());
    for (std::size_t i = 0; i < lazy.size(); ++i)
      ASSERT_TRUE(lazy.label(i) == whole.document->labels[i]) << "label " << i;
  }
}

// 1,200 labels, each with an empty TEXT (a warning): past kMaxDiagnostics.
std::string many_warnings() {
  std::string markup = "<PAGE w=\"60\" l=\"40\">";
  for (int id = 1; id <= 1200; ++id)
    markup += "<LABEL id=\"" + std::to_string(id) + "\"><TEXT x=\"1\" y=\"1\"/></LABEL>";
  return markup + "</PAGE>";
}

// Constructs where a text scanner and an XML parser could disagree on where PAGE's children
// begin and end, and documents refused for what lies between or around them.
TEST(LazyDocument, SameAsCompileWhereSplittingIsDelicate) {
  const std::string label = "<LABEL id=\"2\"><TEXT x=\"1\" y=\"1\">b</TEXT></LABEL>";
  struct Case {
    const char* name;
    std::string markup;
    bool valid;
  };
  std::vector<Case> cases = {
      {"comment holding tags",
       "<PAGE w=\"60\" l=\"40\"><!-- <LABEL id=\"9\"> --><LABEL id=\"3\"><!-- </LABEL> -->"
       "<TEXT x=\"1\" y=\"1\">a</TEXT></LABEL>" +
           label + "</PAGE>",
       true},
      {"CDATA holding an end tag",
       "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\"><![CDATA[</LABEL><b>]]>"
       "</TEXT></LABEL>" +
           label + "</PAGE>",
       true},
      {"attribute values holding > and />",
       "<PAGE w=\"60\" l=\"40\"><LABEL id='1'><TEXT x=\"1\" y=\"1\" a=\"left\">x &gt; y</TEXT>"
       "<BL x='1' y='1' w='2' h='0.5'/></LABEL>" +
           label + "</PAGE>",
       true},
      {"processing instruction and BOM, CRLF",
       "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<PAGE w=\"60\" l=\"40\">\r\n"
       "<?note a > b?><LABEL id=\"1\"/>\r\n" +
           label + "\r\n</PAGE>\r\n",
       true},
      {"labels out of id order, CUTTER under PAGE",
       "<PAGE w=\"60\" l=\"40\">" + label +
           "<CUTTER p=\"1\"/><LABEL id=\"1\"><QRC x=\"1\" y=\"1\">q</QRC></LABEL></PAGE>",
       true},
      {"lint warnings in several labels",
       "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\"><TEXT x=\"59\" y=\"1\">clipped</TEXT></LABEL>"
       "<LABEL id=\"2\"><TEXT x=\"1\" y=\"39\">low</TEXT></LABEL></PAGE>",
       true},
      {"tag mismatch inside a label",
       "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">a</TEXTX></LABEL>" + label +
           "</PAGE>",
       false},
      {"label closed by the wrong tag",
       "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">a</LABEL>" + label +
           "</PAGE>",
       false},
      {"unclosed label", "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\">" + label, false},
      {"stray end tag in PAGE", "<PAGE w=\"60\" l=\"40\"></LABEL>" + label + "</PAGE>", false},
      {"duplicate ids", "<PAGE w=\"60\" l=\"40\">" + label + label + "</PAGE>", false},
      {"text in PAGE", "<PAGE w=\"60\" l=\"40\">oops" + label + "more</PAGE>", false},
      {"DOCTYPE inside a label",
       "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\"><!DOCTYPE x></LABEL></PAGE>", false},
      {"two pages", "<PAGE w=\"60\" l=\"40\">" + label + "</PAGE><PAGE w=\"60\" l=\"40\"/>", false},
      {"element in PAGE's place", "<LABEL id=\"1\"/>", false},
      {"no PAGE attributes", "<PAGE>" + label + "</PAGE>", false},
      {"unknown element in PAGE", "<PAGE w=\"60\" l=\"40\"><TEXT x=\"1\" y=\"1\">a</TEXT></PAGE>",
       false},
      {"empty PAGE", "<PAGE w=\"60\" l=\"40\"/>", true},
      {"more warnings than are kept", many_warnings(), true},
      {"cut off in a start tag", "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1", false},
      {"undefined entity",
       "<PAGE w=\"60\" l=\"40\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">&x;"
       "</TEXT></LABEL></PAGE>",
       false},
  };
  for (const Case& c : cases) {
    expect_same(c.markup, c.name);
    EXPECT_EQ(compile(c.markup).ok(), c.valid) << c.name;
    if (c.valid) {
      EXPECT_TRUE(splits(c.markup)) << c.name;
    }
  }
}

TEST(LazyDocument, LabelsReadFromSeveralThreadsAreThoseOfCompile) {
  std::string markup = "<PAGE w=\"60\" l=\"40\">\n";
  for (int id = 300; id > 0; --id)
    markup += "<LABEL id=\"" + std::to_string(id) + "\"><TEXT x=\"1\" y=\"1\">宫保 " +
              std::to_string(id) + "</TEXT><BARC x=\"1\" y=\"8\" ct=\"code128\">" +
              std::to_string(id * 7) + "</BARC></LABEL>\n";
  markup += "</PAGE>\n";
  CompileResult whole = compile(markup);
  ASSERT_TRUE(whole.ok());
  LazyDocument lazy = compile_lazy(markup);
  ASSERT_EQ(lazy.size(), 300u);
  std::vector<int> mismatches(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < lazy.size(); ++i)
        if (!(lazy.label(i) == whole.document->labels[i])) ++mismatches[t];
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(2, 0));
  EXPECT_EQ(lazy.id(0), 1);
  EXPECT_EQ(lazy.find(301), std::nullopt);
}

TEST(LazyDocument, RefusedInputHasNoOutline) {
  CompileOptions options;
  options.limits.max_input_bytes = 10;
  LazyDocument lazy = compile_lazy(test::in_label(""), options);
  EXPECT_FALSE(lazy.ok());
  ASSERT_EQ(lazy.diagnostics().size(), 1u);
  EXPECT_EQ(lazy.diagnostics()[0].code, "DL0005");
  EXPECT_EQ(lazy.size(), 0u);
}

}  // namespace
}  // namespace dotlabel
