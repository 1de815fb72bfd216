// A template row against the same label written literally (issue #15: binding + rendering a
// row costs at most 10 % more than rendering the literal label). Both sides do what each label
// of a batch costs: BM_LiteralLabel compiles the label's markup and renders it; BM_TemplateRow
// binds one data row to a template compiled once (no XML parsing) and renders it. The label is
// the reference label's layout (golden/bench/reference.xml) with its order number, barcode and
// QR content as placeholders. Figures and how to run: docs/performance.md.
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "dotlabel/compiler.hpp"
#include "dotlabel/data.hpp"
#include "dotlabel/render.hpp"
#include "dotlabel/template.hpp"

namespace {

std::string label(const std::string& order, const std::string& barcode, const std::string& qr) {
  return R"(<PAGE w="100" l="60"><LABEL id="1"><TEXT x="3" y="3">宫保鸡丁 Kung Pao Chicken</TEXT>)"
         R"(<TEXT x="3" y="8" f="3">ORDER )" +
         order + R"(</TEXT><BARC x="3" y="16" ct="code128" n="2" h="50" s="2" a="left">)" +
         barcode + R"(</BARC><QRC x="70" y="20" s="4" e="M">)" + qr +
         R"(</QRC><SQ x="1" y="1" xe="99" ye="59" lt="2"/><BL x="1" y="14" w="98" h="0.25"/>)"
         R"(</LABEL></PAGE>)";
}

const char kOrder[] = "20261125-00042";
const char kBarcode[] = "1234500042";
const char kQr[] = "https://www.xpyun.net/open/index.html?order=42";

void BM_LiteralLabel(benchmark::State& state) {
  const std::string markup = label(kOrder, kBarcode, kQr);
  dotlabel::Renderer renderer;
  for (auto _ : state) {
    dotlabel::CompileResult compiled = dotlabel::compile(markup);
    if (!compiled.document) throw std::runtime_error("the literal label does not compile");
    benchmark::DoNotOptimize(renderer.render(*compiled.document));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TemplateRow(benchmark::State& state) {
  const dotlabel::Template templ =
      dotlabel::compile_template(label("{{order}}", "{{barcode}}", "{{qr}}"));
  dotlabel::data::Row row;
  row.number = 1;
  row.line = 2;
  row.fields = {{"order", kOrder}, {"barcode", kBarcode}, {"qr", kQr}};
  dotlabel::Renderer renderer;
  for (auto _ : state) {
    dotlabel::CompileResult bound = templ.bind(row, "rows.csv");
    if (!bound.document) throw std::runtime_error("the row does not bind");
    benchmark::DoNotOptimize(renderer.render(*bound.document));
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_LiteralLabel);
BENCHMARK(BM_TemplateRow);

BENCHMARK_MAIN();
