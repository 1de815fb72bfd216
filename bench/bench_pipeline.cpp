// Each stage alone (compile, render, PNG encode, base64) and end to end (XML text -> base64 PNG)
// on three labels: the reference label (golden/bench/reference.xml), the vendor's full example
// and an 80 x 200 mm receipt of 40 text lines; plus batch throughput on 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/render.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string receipt_markup() {
  std::string xml = R"(<PAGE w="80" l="200" ld="0"><LABEL id="1">)";
  for (int i = 0; i < 40; ++i) {
    xml += "<TEXT x=\"2\" y=\"" + std::to_string(2 + i * 4.5) + "\">" +
           (i % 2 ? "宫保鸡丁 x" + std::to_string(i) + "  ¥38.00" : "Item " + std::to_string(i) + " Kung Pao  12.50") +
           "</TEXT>";
  }
  return xml + "</LABEL></PAGE>";
}

const std::string& markup(int which) {
  static const std::string reference = read_file(DOTLABEL_SOURCE_DIR "/golden/bench/reference.xml");
  static const std::string vendor =
      read_file(DOTLABEL_SHARED_DIR "/corpus/vendor/xpyun-barcode-doc-v1.9.3-full-example.xml");
  static const std::string receipt = receipt_markup();
  return which == 0 ? reference : which == 1 ? vendor : receipt;
}

const char* label_name(int which) { return which == 0 ? "reference" : which == 1 ? "vendor" : "receipt"; }

const dotlabel::Renderer& renderer() {
  static const dotlabel::Renderer instance;
  return instance;
}

dotlabel::ir::Document compiled(int which) {
  auto result = dotlabel::compile(markup(which));
  if (!result.ok()) throw std::runtime_error("benchmark markup does not compile");
  return *result.document;
}

// Text -> base64 PNG of every label: what `dotlabel base64` does per file.
std::size_t end_to_end(const std::string& xml) {
  auto result = dotlabel::compile(xml);
  std::size_t bytes = 0;
  for (const auto& label : renderer().render(*result.document).labels)
    bytes += dotlabel::base64_encode(dotlabel::encode_png(label.bitmap)).size();
  return bytes;
}

void BM_Compile(benchmark::State& state) {
  const std::string& xml = markup(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(dotlabel::compile(xml));
  state.SetLabel(label_name(static_cast<int>(state.range(0))));
}

void BM_Render(benchmark::State& state) {
  auto document = compiled(static_cast<int>(state.range(0)));
  renderer().render(document);  // warm the glyph caches: steady state is what a server sees
  for (auto _ : state) benchmark::DoNotOptimize(renderer().render(document));
  state.SetLabel(label_name(static_cast<int>(state.range(0))));
}

void BM_EncodePng(benchmark::State& state) {
  auto labels = renderer().render(compiled(static_cast<int>(state.range(0)))).labels;
  for (auto _ : state)
    for (const auto& label : labels) benchmark::DoNotOptimize(dotlabel::encode_png(label.bitmap));
  state.SetLabel(label_name(static_cast<int>(state.range(0))));
}

void BM_Base64(benchmark::State& state) {
  std::vector<std::vector<std::uint8_t>> pngs;
  for (const auto& label : renderer().render(compiled(static_cast<int>(state.range(0)))).labels)
    pngs.push_back(dotlabel::encode_png(label.bitmap));
  for (auto _ : state)
    for (const auto& png : pngs) benchmark::DoNotOptimize(dotlabel::base64_encode(png));
  state.SetLabel(label_name(static_cast<int>(state.range(0))));
}

void BM_EndToEnd(benchmark::State& state) {
  const std::string& xml = markup(static_cast<int>(state.range(0)));
  end_to_end(xml);
  for (auto _ : state) benchmark::DoNotOptimize(end_to_end(xml));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(label_name(static_cast<int>(state.range(0))));
}

// N reference labels spread over `threads` threads sharing one Renderer.
void BM_Batch(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  constexpr int kLabels = 200;
  const std::string& xml = markup(0);
  end_to_end(xml);
  for (auto _ : state) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (int i = t; i < kLabels; i += threads) benchmark::DoNotOptimize(end_to_end(xml));
      });
    for (auto& thread : pool) thread.join();
  }
  state.SetItemsProcessed(state.iterations() * kLabels);
}

BENCHMARK(BM_Compile)->DenseRange(0, 2);
BENCHMARK(BM_Render)->DenseRange(0, 2);
BENCHMARK(BM_EncodePng)->DenseRange(0, 2);
BENCHMARK(BM_Base64)->DenseRange(0, 2);
BENCHMARK(BM_EndToEnd)->DenseRange(0, 2);
BENCHMARK(BM_Batch)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
