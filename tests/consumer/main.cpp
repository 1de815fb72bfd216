// Uses the installed library the way users do: at least one function of every public header,
// linked against the shared library alone. Exits 0 only when each call works; a missing
// export fails the link.
#include <cstdint>
#include <dotlabel/base64.hpp>
#include <dotlabel/bitmap.hpp>
#include <dotlabel/client/colorpark.hpp>
#include <dotlabel/client/lianke.hpp>
#include <dotlabel/client/mstching.hpp>
#include <dotlabel/client/result.hpp>
#include <dotlabel/client/transport.hpp>
#include <dotlabel/client/webprinter.hpp>
#include <dotlabel/client/xpyun.hpp>
#include <dotlabel/compiler.hpp>
#include <dotlabel/diagnostics.hpp>
#include <dotlabel/encode.hpp>
#include <dotlabel/golden.hpp>
#include <dotlabel/ir.hpp>
#include <dotlabel/mstching.hpp>
#include <dotlabel/render.hpp>
#include <dotlabel/version.hpp>
#include <iostream>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (ok) return;
  std::cerr << "consumer: " << what << " failed\n";
  ++failures;
}

const std::string kSha1OfAbc = "a9993e364706816aba3e25717850c26c9cd0d89d";

void compiler_and_ir() {
  const char* markup =
      R"(<PAGE w="40" l="30"><LABEL id="2"><TEXT x="1" y="1">OK</TEXT></LABEL><LABEL id="1"/></PAGE>)";
  dotlabel::CompileResult result = dotlabel::compile(markup);
  check(result.ok() && result.document->page.width == 320, "compile");
  if (!result.ok()) return;
  dotlabel::LazyDocument lazy = dotlabel::compile_lazy(markup);
  check(lazy.ok() && lazy.size() == 2 && lazy.label(1) == result.document->labels[1],
        "compile_lazy");
  check(result.document->find_label(2) == &result.document->labels[1], "ir::Document::find_label");
  check(dotlabel::ir::mm_to_dots(1.5) == 12, "ir::mm_to_dots");
}

void diagnostics() {
  dotlabel::CompileResult bad = dotlabel::compile("<PAGE>");
  check(!bad.ok() && dotlabel::has_errors(bad.diagnostics), "has_errors");
  check(!bad.diagnostics.empty() &&
            dotlabel::format_text(bad.diagnostics.front()).rfind("<input>:", 0) == 0,
        "format_text");
  check(dotlabel::format_json({}) == "[]", "format_json");
  check(dotlabel::to_string(dotlabel::Severity::warning) == "warning", "to_string(Severity)");
}

void render_encode_golden_mstching() {
  // Shapes only: no printer font is needed to draw them.
  const char* bar = R"(<PAGE w="4" l="2"><LABEL id="1">
                         <BL x="0" y="0" w="1" h="1"/></LABEL></PAGE>)";
  dotlabel::CompileResult compiled = dotlabel::compile(bar);
  check(compiled.ok(), "compile of a bar");
  if (!compiled.ok()) return;
  dotlabel::Renderer renderer;
  dotlabel::RenderResult rendered = renderer.render(*compiled.document);
  check(rendered.ok() && rendered.labels.size() == 1, "Renderer::render");
  if (rendered.labels.size() != 1) return;
  const dotlabel::Bitmap& bitmap = rendered.labels[0].bitmap;
  check(bitmap.width() == 32 && bitmap.get(0, 0) && !bitmap.get(31, 15), "Bitmap");

  dotlabel::Bitmap copy(32, 16);
  copy.fill(0, 0, 8, 8);
  check(copy == bitmap, "Bitmap::fill");
  check(dotlabel::decode_png(dotlabel::encode_png(bitmap)) == bitmap, "encode_png/decode_png");
  check(dotlabel::encode_pbm(bitmap).size() == 9 + 4 * 16, "encode_pbm");
  check(dotlabel::encode_svg(bitmap).find("<svg") != std::string::npos, "encode_svg");
  check(!dotlabel::encode_pdf(bitmap).empty(), "encode_pdf");
  check(dotlabel::golden::compare(bitmap, copy).identical(), "golden::compare");
  check(!dotlabel::golden::read_settings("<!-- golden: bogus -->").ok(), "golden::read_settings");

  dotlabel::mstching::Options picture;
  picture.mode = dotlabel::mstching::Mode::image;
  dotlabel::mstching::Result items =
      dotlabel::mstching::convert(*compiled.document, renderer, picture);
  check(items.ok() && items.items.size() == 1, "mstching::convert");
  check(dotlabel::mstching::to_json({}) == "[]", "mstching::to_json");
  check(!dotlabel::is_font_file_problem(dotlabel::Diagnostic{}), "is_font_file_problem");
}

void base64_and_version() {
  const std::uint8_t bytes[] = {'a', 'b', 'c'};
  check(dotlabel::base64_encode(bytes) == "YWJj", "base64_encode");
  check(dotlabel::base64_decode("YWJj") == std::vector<std::uint8_t>{'a', 'b', 'c'},
        "base64_decode");
  check(!dotlabel::version().empty(), "version");
}

void clients() {
  namespace client = dotlabel::client;
  check(client::xpyun_sign("a", "b", "c") == kSha1OfAbc, "xpyun_sign");
  check(client::xpyun_code_info(1003).has_value(), "xpyun_code_info");
  check(client::webprinter_signature("a", "b", "c", "") == kSha1OfAbc, "webprinter_signature");
  check(!client::webprinter_task_status_meaning("QUEUED").empty(), "webprinter status meaning");
  check(client::mstching_signature("c", "b", "a") == kSha1OfAbc, "mstching_signature");
  check(!client::mstching_code_meaning(200).empty(), "mstching_code_meaning");
  check(!client::lianke_task_state_meaning("SUCCESS").empty(), "lianke_task_state_meaning");
  check(client::colorpark_status_meaning(2) == "Completed", "colorpark_status_meaning");
  client::Result<std::string> sign =
      client::colorpark_sign({{"time"}, "md5", "", false}, {{"time", "abc"}}, "key");
  check(sign.ok() && sign.data == "900150983cd24fb0d6963f7d28e17f72", "colorpark_sign");

  // Without credentials a call fails before sending anything: a config error, not a throw.
  client::TransportOptions options;
  client::XpyunClient xpyun({}, "http://127.0.0.1:9/", options);
  client::Result<std::string> refused = xpyun.print_label("SN", "<PAGE/>");
  check(!refused.ok() && refused.error->kind == client::ErrorKind::config &&
            client::describe(*refused.error).rfind("xpyun printLabel: ", 0) == 0,
        "XpyunClient without credentials");
  check(!client::MstchingClient({}).get_device_state("U").ok(), "MstchingClient");
  check(!client::WebprinterClient({}).query_printers().ok(), "WebprinterClient");
  check(!client::LiankeClient({}).device_info("D").ok(), "LiankeClient");
  check(!client::ColorparkClient({}).get_task("P", "T").ok(), "ColorparkClient");
}

}  // namespace

int main() {
  compiler_and_ir();
  diagnostics();
  render_encode_golden_mstching();
  base64_and_version();
  clients();
  if (failures != 0) return 1;
  std::cout << "consumer: every public header works through libdotlabel " << dotlabel::version()
            << '\n';
  return 0;
}
