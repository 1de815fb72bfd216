// One Renderer shared by several threads draws what it draws alone; render() in parts
// (prepare + render_labels) gives what render() gives. Build with -fsanitize=thread to check
// the sharing (docs/performance.md).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "batch_markup.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel {
namespace {

ir::Document compiled(int count) {
  CompileResult result = compile(test::batch_labels(count, [](int i) { return i % 7 == 0; }));
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
