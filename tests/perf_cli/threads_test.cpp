// One Renderer shared by several threads draws what it draws alone; render() in parts
// (prepare + render_labels) gives what render() gives. Build with -fsanitize=thread to check
// the sharing (docs/performance.md).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel {
namespace {

// Labels that use every kind of element the reference label has, in two fonts and with
// different contents, one of them clipped (a warning).
std::string labels(int count) {
  std::string xml = "<PAGE w=\"100\" l=\"60\">\n";
  for (int i = 1; i <= count; ++i) {
    std::string n = std::to_string(i);
    xml += "<LABEL id=\"" + n + "\"><TEXT x=\"3\" y=\"3\">宫保鸡丁 " + n +
           "</TEXT><TEXT x=\"3\" y=\"8\" f=\"3\">ORDER " + n +
           "</TEXT><BARC x=\"3\" y=\"16\" h=\"50\">" + std::to_string(1000 + i) +
           "</BARC><QRC x=\"70\" y=\"20\" s=\"4\">https://example.com/" + n +
           "</QRC><SQ x=\"1\" y=\"1\" xe=\"99\" ye=\"59\" lt=\"2\"/>" +
           (i % 7 == 0 ? "<TEXT x=\"95\" y=\"50\" f=\"3\">CLIPPED</TEXT>" : "") + "</LABEL>\n";
  }
  return xml + "</PAGE>\n";
}

ir::Document compiled(int count) {
  CompileResult result = compile(labels(count));
  EXPECT_TRUE(result.ok());
  return result.document.value_or(ir::Document{});
}

std::string text_of(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics)
    out += std::to_string(d.pos.line) + ":" + d.code + " " + d.message + "\n";
  return out;
}

TEST(Threads, RenderInPartsIsRender) {
  ir::Document document = compiled(15);
  Renderer renderer;
  RenderResult whole = renderer.render(document);
  Diagnostics parts = renderer.prepare(document);
  ASSERT_EQ(whole.labels.size(), document.labels.size());
  for (std::size_t i = 0; i < document.labels.size(); ++i) {
    RenderResult one = renderer.render_labels(document, i, 1);
    ASSERT_EQ(one.labels.size(), 1u);
    EXPECT_EQ(one.labels[0].id, whole.labels[i].id);
    EXPECT_EQ(one.labels[0].bitmap, whole.labels[i].bitmap) << "label " << i + 1;
    parts.insert(parts.end(), one.diagnostics.begin(), one.diagnostics.end());
  }
  EXPECT_EQ(text_of(parts), text_of(whole.diagnostics));
  EXPECT_NE(text_of(parts).find("DL0410"), std::string::npos);          // the clipped labels warn
  EXPECT_TRUE(renderer.render_labels(document, 15, 1).labels.empty());  // past the end
}

TEST(Threads, SharedRendererDrawsWhatItDrawsAlone) {
  ir::Document document = compiled(24);
  std::vector<std::string> alone;
  {
    Renderer renderer;
    for (const RenderedLabel& label : renderer.render(document).labels)
      alone.push_back(base64_encode(encode_png(label.bitmap)));
  }
  // A fresh renderer, so that the threads race to load the fonts and fill the glyph cache.
  Renderer shared;
  std::vector<std::string> together(document.labels.size());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < document.labels.size(); i += 4) {
        RenderResult one = shared.render_labels(document, i, 1);
        if (one.labels.size() == 1) together[i] = base64_encode(encode_png(one.labels[0].bitmap));
      }
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(together, alone);
}

}  // namespace
}  // namespace dotlabel
