// The C API through the shared library: the same bytes and diagnostics as the CLI gives, the
// ownership and option-struct rules of dotlabel.h, every failure a status (no exception).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cli_test.hpp"
#include "dotlabel/dotlabel.h"
#include "dotlabel/encode.hpp"

extern "C" int dotlabel_c99_render_png(const char* markup, size_t size, dotlabel_result** result);

namespace {

using dotlabel::test::CliRun;
using dotlabel::test::slurp;

constexpr const char* kTwoLabels =
    "<PAGE w=\"40\" l=\"30\">\n"
    "  <LABEL id=\"2\"><TEXT x=\"2\" y=\"2\" f=\"3\">AB</TEXT></LABEL>\n"
    "  <LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"5\" h=\"5\"/></LABEL>\n"
    "</PAGE>\n";
// Two errors: no l on PAGE, and a QRC with an unknown e.
constexpr const char* kBroken =
    "<PAGE w=\"40\">\n  <LABEL id=\"1\">\n    <QRC x=\"1\" y=\"1\" e=\"Z\">A</QRC>\n  "
    "</LABEL>\n</PAGE>\n";
// TEXT 2 mm over the right edge: a warning, and the label still renders.
constexpr const char* kClipped =
    "<PAGE w=\"40\" l=\"30\">\n  <LABEL id=\"1\">\n    <TEXT x=\"38\" y=\"2\" f=\"3\">AB</TEXT>\n"
    "  </LABEL>\n</PAGE>\n";

struct ResultFree {
  void operator()(dotlabel_result* result) const { dotlabel_result_free(result); }
};
using Result = std::unique_ptr<dotlabel_result, ResultFree>;

std::string output(const dotlabel_result* result, std::size_t index) {
  std::size_t size = 0;
  const std::uint8_t* bytes = dotlabel_result_output(result, index, &size);
  return bytes ? std::string(reinterpret_cast<const char*>(bytes), size) : std::string();
}

Result render(const std::string& markup, dotlabel_format format = DOTLABEL_FORMAT_PNG,
              dotlabel_status expected = DOTLABEL_OK) {
  dotlabel_render_options options = {sizeof options, nullptr, format, 0, nullptr, 0};
  dotlabel_result* result = nullptr;
  EXPECT_EQ(dotlabel_render(nullptr, markup.data(), markup.size(), &options, &result), expected);
  EXPECT_NE(result, nullptr);
  if (result) {
    EXPECT_EQ(dotlabel_result_status(result), expected) << dotlabel_result_message(result);
  }
  return Result(result);
}

class CApi : public dotlabel::test::CliTest {};

TEST_F(CApi, VersionIsTheLibrarys) {
  CliRun r = run("--version");
  EXPECT_NE(r.out.find(dotlabel_version()), std::string::npos) << r.out;
  int major = 0, minor = 0, patch = 0;
  ASSERT_EQ(std::sscanf(dotlabel_version(), "%d.%d.%d", &major, &minor, &patch), 3);
  EXPECT_EQ(dotlabel_version_number(), major * 10000 + minor * 100 + patch);
}

TEST_F(CApi, ReferenceLabelPngIsTheGoldenOne) {
  std::string markup = slurp(DOTLABEL_SOURCE_DIR "/golden/bench/reference.xml");
  Result result = render(markup);
  ASSERT_EQ(dotlabel_result_output_count(result.get()), 1u);
  // The golden's dots, in a PNG no larger than the golden file (the encoder may choose other
  // deflate codes than the one that wrote it).
  const std::string png = output(result.get(), 0),
                    golden = slurp(DOTLABEL_SOURCE_DIR "/golden/bench/reference.png");
  auto dots = [](const std::string& bytes) {
    return dotlabel::decode_png(
        std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  };
  ASSERT_TRUE(dots(png));
  EXPECT_EQ(dots(png), dots(golden));
  EXPECT_LE(png.size(), golden.size());
  EXPECT_EQ(dotlabel_result_output_label_id(result.get(), 0), 1);
  // The reference label's frame (SQ lt=2 at 1 mm) is 1.75 mm from the Code 128's first bar,
  // inside its 2.5 mm quiet zone: the scan-safety warning and its note are all there is.
  const std::string json = dotlabel_result_diagnostics_json(result.get());
  EXPECT_NE(json.find("\"DL0421\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"DL0423\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"error\""), std::string::npos) << json;
  EXPECT_STREQ(dotlabel_result_message(result.get()), "");
}

TEST_F(CApi, EveryFormatIsWhatTheCliWrites) {
  write("a.xml", kTwoLabels);
  for (auto [format, ext] : {std::pair{DOTLABEL_FORMAT_PNG, "png"},
                             {DOTLABEL_FORMAT_PBM, "pbm"},
                             {DOTLABEL_FORMAT_SVG, "svg"}}) {
    CliRun r = run(std::string("render a.xml -o out.") + ext);
    ASSERT_EQ(r.exit, 0) << r.err;
    Result result = render(kTwoLabels, format);
    ASSERT_EQ(dotlabel_result_output_count(result.get()), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(dotlabel_result_output_label_id(result.get(), i), static_cast<int>(i) + 1);
      EXPECT_EQ(output(result.get(), i), slurp(path("out-" + std::to_string(i + 1) + "." + ext)))
          << ext;
    }
  }
  CliRun r = run("base64 a.xml");
  ASSERT_EQ(r.exit, 0) << r.err;
  Result result = render(kTwoLabels, DOTLABEL_FORMAT_PNG_BASE64);
  ASSERT_EQ(dotlabel_result_output_count(result.get()), 2u);
  EXPECT_EQ(output(result.get(), 0) + "\n" + output(result.get(), 1) + "\n", r.out);
  // Text outputs end in a NUL that the size does not count.
  std::size_t size = 0;
  const std::uint8_t* text = dotlabel_result_output(result.get(), 0, &size);
  EXPECT_EQ(text[size], 0);
  EXPECT_EQ(std::strlen(reinterpret_cast<const char*>(text)), size);
}

TEST_F(CApi, CheckGivesTheDiagnosticsOfTheCli) {
  write("bad.xml", kBroken);
  CliRun r = run("check --diagnostics json bad.xml");
  ASSERT_EQ(r.exit, 1) << r.err;
  nlohmann::json expected = nlohmann::json::parse(r.err);
  ASSERT_EQ(expected.size(), 2u) << r.err;

  dotlabel_check_options options = {sizeof options, "bad.xml"};
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_check(kBroken, std::strlen(kBroken), &options, &raw), DOTLABEL_INPUT_ERROR);
  Result result(raw);
  EXPECT_EQ(nlohmann::json::parse(dotlabel_result_diagnostics_json(raw)), expected);
  ASSERT_EQ(dotlabel_result_diagnostic_count(raw), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const dotlabel_diagnostic* d = dotlabel_result_diagnostic(raw, i);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->file, expected[i]["file"]);
    EXPECT_EQ(d->line, expected[i]["line"]);
    EXPECT_EQ(d->column, expected[i]["column"]);
    EXPECT_EQ(d->severity, DOTLABEL_SEVERITY_ERROR);
    EXPECT_EQ(d->code, expected[i]["code"]);
    EXPECT_EQ(d->message, expected[i]["message"]);
    EXPECT_EQ(d->hint, expected[i]["hint"]);
  }
  EXPECT_EQ(dotlabel_result_diagnostic(raw, expected.size()), nullptr);
  EXPECT_STREQ(dotlabel_result_message(raw), "the markup has 2 errors (see the diagnostics)");
  EXPECT_EQ(dotlabel_result_output_count(raw), 0u);
}

// 1,200 warnings and then one error: the C API lists what the CLI lists, at most 1000 and the
// error past them, with one DL0010 last.
TEST_F(CApi, DiagnosticsAreCappedAsTheCliCapsThem) {
  std::string markup = "<PAGE w=\"30\" l=\"10\">\n";
  for (int i = 1; i <= 1200; ++i)
    markup += "<LABEL id=\"" + std::to_string(i) + "\"><TEXT x=\"1\" y=\"1\"/></LABEL>\n";
  markup += "<LABEL id=\"1201\"><TEXT x=\"1\" y=\"1\" f=\"9\">a</TEXT></LABEL>\n</PAGE>\n";
  write("many.xml", markup);
  CliRun r = run("check --diagnostics json many.xml");
  ASSERT_EQ(r.exit, 1) << r.err;
  nlohmann::json expected = nlohmann::json::parse(r.err);
  ASSERT_EQ(expected.size(), 1002u);
  EXPECT_EQ(expected[1000]["code"], "DL0205");
  EXPECT_EQ(expected[1001]["code"], "DL0010");

  dotlabel_check_options check = {sizeof check, "many.xml"};
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_check(markup.data(), markup.size(), &check, &raw), DOTLABEL_INPUT_ERROR);
  Result checked(raw);
  EXPECT_EQ(nlohmann::json::parse(dotlabel_result_diagnostics_json(raw)), expected);
  EXPECT_EQ(dotlabel_result_diagnostic_count(raw), 1002u);
  EXPECT_STREQ(dotlabel_result_message(raw), "the markup has 1 error (see the diagnostics)");

  dotlabel_render_options render = {sizeof render, "many.xml", DOTLABEL_FORMAT_PNG, 0, nullptr, 0};
  EXPECT_EQ(dotlabel_render(nullptr, markup.data(), markup.size(), &render, &raw),
            DOTLABEL_INPUT_ERROR);
  Result rendered(raw);
  EXPECT_EQ(nlohmann::json::parse(dotlabel_result_diagnostics_json(raw)), expected);
}

TEST_F(CApi, CheckOfGoodMarkupIsOkWithoutFileName) {
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_check(kTwoLabels, std::strlen(kTwoLabels), nullptr, &raw), DOTLABEL_OK);
  Result result(raw);
  EXPECT_EQ(dotlabel_result_diagnostic_count(raw), 0u);
  EXPECT_STREQ(dotlabel_result_diagnostics_json(raw), "[]");
}

TEST_F(CApi, RenderOfBrokenMarkupGivesDiagnosticsAndNoOutput) {
  Result result = render(kBroken, DOTLABEL_FORMAT_PNG, DOTLABEL_INPUT_ERROR);
  EXPECT_EQ(dotlabel_result_diagnostic_count(result.get()), 2u);
  EXPECT_STREQ(dotlabel_result_diagnostic(result.get(), 0)->file, "<string>");
  EXPECT_EQ(dotlabel_result_output_count(result.get()), 0u);
  std::size_t size = 1;
  EXPECT_EQ(dotlabel_result_output(result.get(), 0, &size), nullptr);
  EXPECT_EQ(size, 0u);
}

TEST_F(CApi, RenderWarningsComeWithTheOutput) {
  Result result = render(kClipped);
  ASSERT_EQ(dotlabel_result_output_count(result.get()), 1u);
  ASSERT_EQ(dotlabel_result_diagnostic_count(result.get()), 1u);
  EXPECT_EQ(dotlabel_result_diagnostic(result.get(), 0)->severity, DOTLABEL_SEVERITY_WARNING);
}

TEST_F(CApi, MstchingIsWhatTheCliPrints) {
  write("a.xml", kTwoLabels);
  for (auto [mode, name] :
       {std::pair{DOTLABEL_MSTCHING_ITEMS, "items"}, {DOTLABEL_MSTCHING_IMAGE, "image"}}) {
    CliRun r = run(std::string("mstching --mode ") + name + " --width 200 a.xml");
    ASSERT_EQ(r.exit, 0) << r.err;
    dotlabel_mstching_options options = {sizeof options, nullptr, mode, 200, 0, nullptr, 0};
    dotlabel_result* raw = nullptr;
    EXPECT_EQ(dotlabel_mstching(nullptr, kTwoLabels, std::strlen(kTwoLabels), &options, &raw),
              DOTLABEL_OK);
    Result result(raw);
    ASSERT_EQ(dotlabel_result_output_count(raw), 1u);
    EXPECT_EQ(output(raw, 0) + "\n", r.out) << name;
  }
}

// The job's bytes are what `dotlabel tspl` and `dotlabel escpos` write, in every mode.
TEST_F(CApi, PrinterJobIsWhatTheCliWrites) {
  write("label.xml", kTwoLabels);
  struct Case {
    const char* args;
    dotlabel_printer_language language;
    dotlabel_tspl_mode mode;
    int width;
  };
  for (const Case& c :
       {Case{"tspl label.xml", DOTLABEL_PRINTER_TSPL, DOTLABEL_TSPL_RASTER, 0},
        Case{"tspl label.xml --mode native", DOTLABEL_PRINTER_TSPL, DOTLABEL_TSPL_NATIVE, 0},
        Case{"escpos label.xml --width 384", DOTLABEL_PRINTER_ESCPOS, DOTLABEL_TSPL_RASTER, 384}}) {
    SCOPED_TRACE(c.args);
    CliRun cli = run(c.args);
    ASSERT_EQ(cli.exit, 0) << cli.err;
    dotlabel_printer_options options = {sizeof options, "label.xml", c.language, c.mode,
                                        c.width,        0,           nullptr,    0};
    dotlabel_result* raw = nullptr;
    EXPECT_EQ(dotlabel_printer_job(nullptr, kTwoLabels, std::strlen(kTwoLabels), &options, &raw),
              DOTLABEL_OK);
    Result result(raw);
    ASSERT_EQ(dotlabel_result_output_count(raw), 1u);
    EXPECT_TRUE(output(raw, 0) == cli.out);
  }
  // A label wider than the paper: the CLI's error, no output.
  dotlabel_printer_options narrow = {sizeof narrow,
                                     "label.xml",
                                     DOTLABEL_PRINTER_ESCPOS,
                                     DOTLABEL_TSPL_RASTER,
                                     100,
                                     0,
                                     nullptr,
                                     0};
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_printer_job(nullptr, kTwoLabels, std::strlen(kTwoLabels), &narrow, &raw),
            DOTLABEL_INPUT_ERROR);
  Result refused(raw);
  EXPECT_EQ(dotlabel_result_output_count(raw), 0u);
  ASSERT_EQ(dotlabel_result_diagnostic_count(raw), 1u);
  EXPECT_STREQ(dotlabel_result_diagnostic(raw, 0)->code, "DL0551");
  // Caller mistakes.
  narrow.language = static_cast<dotlabel_printer_language>(7);
  EXPECT_EQ(dotlabel_printer_job(nullptr, kTwoLabels, std::strlen(kTwoLabels), &narrow, &raw),
            DOTLABEL_INVALID_ARGUMENT);
  dotlabel_result_free(raw);
  narrow.language = DOTLABEL_PRINTER_ESCPOS;
  narrow.paper_width = 5000;
  EXPECT_EQ(dotlabel_printer_job(nullptr, kTwoLabels, std::strlen(kTwoLabels), &narrow, &raw),
            DOTLABEL_INVALID_ARGUMENT);
  dotlabel_result_free(raw);
}

TEST_F(CApi, FieldsBeyondStructSizeAreNotRead) {
  // A caller built against a header whose struct ended before `format`: the garbage after it
  // is not read, so the format is the default PNG.
  dotlabel_render_options options;
  std::memset(&options, 0xff, sizeof options);
  options.struct_size = offsetof(dotlabel_render_options, format);
  options.file_name = "old.xml";
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_render(nullptr, kTwoLabels, std::strlen(kTwoLabels), &options, &raw),
            DOTLABEL_OK);
  Result result(raw);
  ASSERT_EQ(dotlabel_result_output_count(raw), 2u);
  EXPECT_EQ(output(raw, 0).substr(1, 3), "PNG");
}

TEST_F(CApi, CallerMistakesAreInvalidArguments) {
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_render(nullptr, kTwoLabels, 10, nullptr, nullptr), DOTLABEL_INVALID_ARGUMENT);
  EXPECT_EQ(dotlabel_check(nullptr, 5, nullptr, &raw), DOTLABEL_INVALID_ARGUMENT);
  Result result(raw);
  EXPECT_STREQ(dotlabel_result_message(raw), "markup is NULL with a non-zero size");

  dotlabel_render_options bad_format = {
      sizeof bad_format, nullptr, static_cast<dotlabel_format>(9), 0, nullptr, 0};
  EXPECT_EQ(dotlabel_render(nullptr, kTwoLabels, std::strlen(kTwoLabels), &bad_format, &raw),
            DOTLABEL_INVALID_ARGUMENT);
  result.reset(raw);
  EXPECT_EQ(dotlabel_result_output_count(raw), 0u);

  dotlabel_check_options tiny = {1, nullptr};
  EXPECT_EQ(dotlabel_check(kTwoLabels, std::strlen(kTwoLabels), &tiny, &raw),
            DOTLABEL_INVALID_ARGUMENT);
  result.reset(raw);

  dotlabel_mstching_options wide = {sizeof wide, nullptr, DOTLABEL_MSTCHING_IMAGE, 5000, 0,
                                    nullptr,     0};
  EXPECT_EQ(dotlabel_mstching(nullptr, kTwoLabels, std::strlen(kTwoLabels), &wide, &raw),
            DOTLABEL_INVALID_ARGUMENT);
  result.reset(raw);

  // Reading a NULL result is harmless, and freeing NULL does nothing.
  EXPECT_EQ(dotlabel_result_status(nullptr), DOTLABEL_INVALID_ARGUMENT);
  EXPECT_EQ(dotlabel_result_output_count(nullptr), 0u);
  dotlabel_result_free(nullptr);
  dotlabel_renderer_free(nullptr);
  EXPECT_STREQ(dotlabel_status_string(DOTLABEL_INPUT_ERROR), "input error");
}

TEST_F(CApi, EmptyMarkupIsADiagnosticNotACrash) {
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_render(nullptr, nullptr, 0, nullptr, &raw), DOTLABEL_INPUT_ERROR);
  Result result(raw);
  EXPECT_GE(dotlabel_result_diagnostic_count(raw), 1u);
}

TEST_F(CApi, OneRendererSharedByThreadsGivesTheSameBytes) {
  char message[128] = "unchanged";
  dotlabel_renderer* renderer = nullptr;
  ASSERT_EQ(dotlabel_renderer_new(nullptr, &renderer, message, sizeof message), DOTLABEL_OK);
  EXPECT_STREQ(message, "");
  std::string markup = slurp(DOTLABEL_SOURCE_DIR "/golden/bench/reference.xml");
  // What one render on this thread gives; ReferenceLabelPngIsTheGoldenOne holds it to the golden.
  const std::string alone = output(render(markup).get(), 0);
  ASSERT_FALSE(alone.empty());
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::string& out : outputs)
    threads.emplace_back([&] {
      dotlabel_result* raw = nullptr;
      if (dotlabel_render(renderer, markup.data(), markup.size(), nullptr, &raw) == DOTLABEL_OK)
        out = output(raw, 0);
      dotlabel_result_free(raw);
    });
  for (std::thread& thread : threads) thread.join();
  dotlabel_renderer_free(renderer);
  for (const std::string& out : outputs) EXPECT_TRUE(out == alone);
}

TEST_F(CApi, RendererReadsFontsFromItsFontDir) {
  dotlabel_renderer_options options = {sizeof options, "/nonexistent/dotlabel-fonts"};
  dotlabel_renderer* renderer = nullptr;
  ASSERT_EQ(dotlabel_renderer_new(&options, &renderer, nullptr, 0), DOTLABEL_OK);
  dotlabel_result* raw = nullptr;
  // kTwoLabels has a TEXT: its font file is not in that folder, which is an error.
  EXPECT_EQ(dotlabel_render(renderer, kTwoLabels, std::strlen(kTwoLabels), nullptr, &raw),
            DOTLABEL_INPUT_ERROR);
  Result result(raw);
  dotlabel_renderer_free(renderer);
  ASSERT_GE(dotlabel_result_diagnostic_count(raw), 1u);
  EXPECT_NE(std::string(dotlabel_result_diagnostic(raw, 0)->message).find("/nonexistent/"),
            std::string::npos)
      << dotlabel_result_diagnostic(raw, 0)->message;
  EXPECT_EQ(dotlabel_result_output_count(raw), 0u);

  char message[8];
  EXPECT_EQ(dotlabel_renderer_new(nullptr, nullptr, message, sizeof message),
            DOTLABEL_INVALID_ARGUMENT);
  EXPECT_STREQ(message, "rendere");  // cut to the buffer, NUL-terminated
}

TEST_F(CApi, HeaderWorksFromC99) {
  dotlabel_result* raw = nullptr;
  EXPECT_EQ(dotlabel_c99_render_png(kTwoLabels, std::strlen(kTwoLabels), &raw), DOTLABEL_OK);
  Result result(raw);
  EXPECT_EQ(dotlabel_result_output_count(raw), 2u);
}

}  // namespace
