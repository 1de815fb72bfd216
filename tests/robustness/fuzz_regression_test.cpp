// What the fuzzers (fuzz/) found, as regression tests: each reproducer in findings/ goes
// through every fuzzed entry point again, and the minimal form of each bug has its diagnostic.
#include "dotlabel/mstching.hpp"
#include "robustness.hpp"

namespace dotlabel::robust {
namespace {

// fuzz_compile, fuzz_render (the strip and the Mstching content too), fuzz_image (through the
// compiler's BMP) and fuzz_mstching.
void every_entry_point(const std::string& markup) {
  Diagnostics diagnostics = pipeline(markup);
  CompileResult compiled = compile(markup);
  if (!compiled.ok()) return;
  static const Renderer renderer;
  renderer.strip(*compiled.document, renderer.render(*compiled.document).labels);
  for (mstching::Mode mode : {mstching::Mode::items, mstching::Mode::image}) {
    mstching::Options options;
    options.mode = mode;
    mstching::to_json(mstching::convert(*compiled.document, renderer, options).items);
  }
}

TEST(FuzzFindings, EveryReproducerRunsCleanly) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(DOTLABEL_SOURCE_DIR) / "tests" /
                                                  "robustness" / "findings")) {
    SCOPED_TRACE(entry.path().filename().string());
    every_entry_point(slurp(entry.path()));
    ++count;
  }
  EXPECT_GE(count, 3);
}

// The element pre-scan stepped past the end of a start tag that the input cuts off (or whose
// quote never closes) and threw std::out_of_range out of compile().
TEST(FuzzFindings, StartTagCutOffByTheEndOfTheInput) {
  EXPECT_EQ(errors(pipeline("<PAGE")), std::vector<std::string>{"DL0001 1:5"});
  EXPECT_EQ(errors(pipeline("<PAGE w=\"10")), std::vector<std::string>{"DL0001 1:10"});
  EXPECT_EQ(errors(pipeline("<PAGE w=\"10\" l=\"10\">\n<LABEL id=\"1\"/>\n</PAGE>\n<PAGE l='")),
            std::vector<std::string>{"DL0001 4:9"});
}

}  // namespace
}  // namespace dotlabel::robust
