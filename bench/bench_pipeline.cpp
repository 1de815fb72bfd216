// Each stage alone and end to end on three labels: the reference label
// (golden/bench/reference.xml), the vendor's full example (golden/vendor/, 3 labels) and an
// 80 x 200 mm receipt of 40 text lines; plus batch throughput of a 1,000-label file on 1 and 2
// threads, as `dotlabel base64 --jobs N` runs it. Figures and how to run: docs/performance.md.
//
// Stages: BM_Compile = parse + validate (markup -> IR), BM_Render = IR -> bitmaps (the fonts
// loaded and the glyph cache warm, as in a server or a batch), BM_EncodePng, BM_Base64.
// "Rendering" in the targets is Compile + Render, everything before PNG encoding.
// items_per_second is labels per second throughout.
#include <benchmark/benchmark.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>
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
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// 80 x 200 mm, 40 lines of text alternating ASCII (f=3) and Chinese (default font).
std::string receipt_markup() {
  std::string xml = R"(<PAGE w="80" l="200"><LABEL id="1">)";
  for (int i = 0; i < 40; ++i) {
    std::string y = std::to_string(2 + i * 9 / 2) + (i % 2 ? ".5" : "");
    xml += "<TEXT x=\"2\" y=\"" + y + "\"" + (i % 2 ? "" : " f=\"3\"") + ">" +
           (i % 2 ? "宫保鸡丁 x" + std::to_string(i) + "  ¥38.00"
                  : "Item " + std::to_string(i) + " Kung Pao  12.50") +
           "</TEXT>";
  }
  return xml + "</LABEL></PAGE>";
}

// `count` labels like the reference label, each with its own order number, barcode and QR
// content (bench/make_labels.py writes the same file for the CLI).
std::string batch_markup(int count) {
  std::string xml = R"(<PAGE w="100" l="60">)";
  for (int i = 1; i <= count; ++i) {
    char order[32];
    std::snprintf(order, sizeof order, "20261125-%05d", i);
    xml += "<LABEL id=\"" + std::to_string(i) +
           "\"><TEXT x=\"3\" y=\"3\">宫保鸡丁 Kung Pao Chicken</TEXT><TEXT x=\"3\" y=\"8\" "
           "f=\"3\">ORDER " +
           order +
           "</TEXT><BARC x=\"3\" y=\"16\" ct=\"code128\" n=\"2\" h=\"50\" s=\"2\" a=\"left\">" +
           std::to_string(1234500000 + i) +
           "</BARC><QRC x=\"70\" y=\"20\" s=\"4\" e=\"M\">https://www.xpyun.net/open/"
           "index.html?order=" +
           order +
           "</QRC><SQ x=\"1\" y=\"1\" xe=\"99\" ye=\"59\" lt=\"2\"/><BL x=\"1\" y=\"14\" "
           "w=\"98\" h=\"0.25\"/></LABEL>";
  }
  return xml + "</PAGE>";
}

const std::string& markup(int which) {
  static const std::string reference = read_file(DOTLABEL_SOURCE_DIR "/golden/bench/reference.xml");
  static const std::string vendor =
      read_file(DOTLABEL_SOURCE_DIR "/golden/vendor/xpyun-barcode-doc-v1.9.3-full-example.xml");
  static const std::string receipt = receipt_markup();
  return which == 0 ? reference : which == 1 ? vendor : receipt;
}

const char* label_name(int which) {
  return which == 0 ? "reference" : which == 1 ? "vendor" : "receipt";
}

const dotlabel::Renderer& renderer() {
  static const dotlabel::Renderer instance;
  return instance;
}

dotlabel::ir::Document compiled(const std::string& xml) {
  auto result = dotlabel::compile(xml);
  if (!result.ok()) throw std::runtime_error("benchmark markup does not compile");
  return *result.document;
}

std::int64_t label_count(int which) {
  static const std::int64_t counts[] = {
      static_cast<std::int64_t>(compiled(markup(0)).labels.size()),
      static_cast<std::int64_t>(compiled(markup(1)).labels.size()),
      static_cast<std::int64_t>(compiled(markup(2)).labels.size())};
  return counts[which];
}

// Text -> base64 PNG of every label: what `dotlabel base64` does per file.
std::size_t end_to_end(const std::string& xml) {
  auto result = dotlabel::compile(xml);
  if (!result.ok()) throw std::runtime_error("benchmark markup does not compile");
  std::size_t bytes = 0;
  for (const auto& label : renderer().render(*result.document).labels)
    bytes += dotlabel::base64_encode(dotlabel::encode_png(label.bitmap)).size();
  return bytes;
}

void finish(benchmark::State& state, int which) {
  state.SetItemsProcessed(state.iterations() * label_count(which));
  state.SetLabel(label_name(which));
}

void BM_Compile(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const std::string& xml = markup(which);
  for (auto _ : state) benchmark::DoNotOptimize(dotlabel::compile(xml));
  finish(state, which);
}

void BM_Render(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  auto document = compiled(markup(which));
  renderer().render(document);  // fonts loaded, glyph cache warm: the steady state
  for (auto _ : state) benchmark::DoNotOptimize(renderer().render(document));
  finish(state, which);
}

void BM_EncodePng(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  auto labels = renderer().render(compiled(markup(which))).labels;
  for (auto _ : state)
    for (const auto& label : labels) benchmark::DoNotOptimize(dotlabel::encode_png(label.bitmap));
  finish(state, which);
}

void BM_Base64(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  std::vector<std::vector<std::uint8_t>> pngs;
  for (const auto& label : renderer().render(compiled(markup(which))).labels)
    pngs.push_back(dotlabel::encode_png(label.bitmap));
  std::size_t bytes = 0;
  for (const auto& png : pngs) bytes += png.size();
  for (auto _ : state)
    for (const auto& png : pngs) benchmark::DoNotOptimize(dotlabel::base64_encode(png));
  finish(state, which);
  state.counters["png_bytes"] = static_cast<double>(bytes) / static_cast<double>(pngs.size());
}

void BM_EndToEnd(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  const std::string& xml = markup(which);
  end_to_end(xml);
  for (auto _ : state) benchmark::DoNotOptimize(end_to_end(xml));
  finish(state, which);
}

// A file of kBatch labels, text -> base64 lines, as `dotlabel base64 --jobs` does it: compiled
// lazily, then each label lowered and rendered, on `threads` threads sharing one
// Renderer. Wall-clock time.
void BM_Batch(benchmark::State& state) {
  constexpr int kBatch = 1000;
  const int threads = static_cast<int>(state.range(0));
  static const std::string xml = batch_markup(kBatch);
  end_to_end(markup(0));
  for (auto _ : state) {
    dotlabel::LazyDocument document = dotlabel::compile_lazy(xml, {}, threads);
    std::atomic<std::size_t> next = 0;
    std::vector<std::size_t> bytes(static_cast<std::size_t>(threads));
    auto work = [&](int t) {
      for (std::size_t i; (i = next++) < document.size();) {
        auto rendered = renderer().render_label(document.outline(), document.label(i));
        bytes[t] += dotlabel::base64_encode(dotlabel::encode_png(rendered.labels[0].bitmap)).size();
      }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& thread : pool) thread.join();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetLabel(std::to_string(kBatch) + " labels");
}

// The validation a batch run starts with, alone: compile_lazy() of 10,000 batch labels (4 MB)
// on `threads` threads, every label lowered once. Wall-clock time.
void BM_CompileBatch(benchmark::State& state) {
  constexpr int kLabels = 10000;
  const int threads = static_cast<int>(state.range(0));
  static const std::string xml = batch_markup(kLabels);
  for (auto _ : state) {
    dotlabel::LazyDocument document = dotlabel::compile_lazy(xml, {}, threads);
    benchmark::DoNotOptimize(document.size());
  }
  state.SetItemsProcessed(state.iterations() * kLabels);
}

BENCHMARK(BM_Compile)->DenseRange(0, 2);
BENCHMARK(BM_Render)->DenseRange(0, 2);
BENCHMARK(BM_EncodePng)->DenseRange(0, 2);
BENCHMARK(BM_Base64)->DenseRange(0, 2);
BENCHMARK(BM_EndToEnd)->DenseRange(0, 2);
BENCHMARK(BM_Batch)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileBatch)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
