// dotlabel::run_* and the file helpers of include/dotlabel/pipeline.hpp, called as a library.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/pipeline.hpp"

namespace dotlabel {
namespace {

namespace fs = std::filesystem;

class Pipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dotlabel-pipeline-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  DiagnosticSink collect() {
    return [this](Diagnostics d) { seen_.insert(seen_.end(), d.begin(), d.end()); };
  }
  bool saw(std::string_view code) const {
    return std::any_of(seen_.begin(), seen_.end(),
                       [&](const Diagnostic& d) { return d.code == code; });
  }
  fs::path dir_;
  Diagnostics seen_;
};

// `count` labels, each a TEXT of its id; label `clipped` overflows its label (a warning).
std::string document(int count, int clipped = 0) {
  std::string markup = "<PAGE w=\"30\" l=\"10\">";
  for (int i = 1; i <= count; ++i)
    markup += "<LABEL id=\"" + std::to_string(i) + "\"><TEXT x=\"" + (i == clipped ? "29" : "1") +
              "\" y=\"1\">label " + std::to_string(i) + "</TEXT></LABEL>";
  return markup + "</PAGE>";
}

TEST_F(Pipeline, OutputIsInOrderAndTheSameOnAnyNumberOfThreads) {
  RunOptions options;
  options.input = write("a.xml", document(70));
  std::ostringstream one, three;
  options.jobs = 1;
  ASSERT_EQ(run_base64(options, one, collect()), RunStatus::ok);
  options.jobs = 3;
  ASSERT_EQ(run_base64(options, three, collect()), RunStatus::ok);
  std::string out = one.str();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 70);
  EXPECT_TRUE(out == three.str());
  EXPECT_TRUE(seen_.empty());
}

TEST_F(Pipeline, AFailingRunWritesNothing) {
  RunOptions options;
  options.input = write("a.xml", document(40, 33));
  options.werror = true;
  options.jobs = 2;
  std::ostringstream out;
  EXPECT_EQ(run_base64(options, out, collect()), RunStatus::input_error);
  EXPECT_EQ(out.str(), "");
  RenderRun render = run_render(options, {(dir_ / "l.png").string(), ImageFormat::png}, collect());
  EXPECT_EQ(render.status, RunStatus::input_error);
  EXPECT_TRUE(render.written.empty());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(Pipeline, RenderNamesFilesByLabelAndByRow) {
  RunOptions options;
  options.input = write("a.xml", document(2));
  RenderRun labels = run_render(options, {(dir_ / "l.pbm").string(), ImageFormat::pbm}, collect());
  ASSERT_EQ(labels.status, RunStatus::ok);
  EXPECT_EQ(labels.written,
            (std::vector<std::string>{(dir_ / "l-1.pbm").string(), (dir_ / "l-2.pbm").string()}));
  options.input = write("t.xml",
                        "<PAGE w=\"30\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">"
                        "{{v}}</TEXT></LABEL></PAGE>");
  options.data.path = write("rows.csv", "v\nx\ny\nz\n");
  options.data.rows = {2, 3};
  RenderRun rows = run_render(options, {(dir_ / "r.png").string(), ImageFormat::png}, collect());
  ASSERT_EQ(rows.status, RunStatus::ok);
  EXPECT_EQ(rows.written,
            (std::vector<std::string>{(dir_ / "r-2.png").string(), (dir_ / "r-3.png").string()}));
}

TEST_F(Pipeline, FontProblemsAndTemplateDiagnosticsAreReportedOnce) {
  RunOptions options;
  options.input = write("t.xml",
                        "<PAGE w=\"30\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">"
                        "</TEXT><TEXT x=\"1\" y=\"5\">{{v}}</TEXT></LABEL></PAGE>");
  std::string csv = "v\n";
  for (int i = 0; i < 30; ++i) csv += "row" + std::to_string(i) + "\n";
  options.data.path = write("rows.csv", csv);
  options.jobs = 2;
  std::ostringstream out;
  ASSERT_EQ(run_base64(options, out, collect()), RunStatus::ok);
  EXPECT_EQ(std::count_if(seen_.begin(), seen_.end(),
                          [](const Diagnostic& d) { return d.code == "DL0110"; }),
            1);
}

TEST_F(Pipeline, DiagnosticsAreCappedPerRun) {
  RunOptions options;
  options.input = write("t.xml",
                        "<PAGE w=\"30\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"{{x}}\" "
                        "y=\"1\">a</TEXT></LABEL></PAGE>");
  std::string csv = "x\n";
  for (int i = 0; i < 1500; ++i) csv += "bad\n";
  options.data.path = write("rows.csv", csv);
  EXPECT_EQ(run_check(options, collect()), RunStatus::input_error);
  ASSERT_EQ(seen_.size(), 1001u);
  EXPECT_EQ(seen_.back().code, "DL0010");
  EXPECT_NE(seen_.back().message.find("2000 more"), std::string::npos) << seen_.back().message;
}

// A compile past the cap adds its own DL0010; the run counts it into its one summary at the
// end, so the run still lists 1000 and says how many more there are in all.
TEST_F(Pipeline, ACompilesSummaryJoinsTheRunsOne) {
  std::string markup = "<PAGE w=\"30\" l=\"10\">";
  for (int i = 1; i <= 1200; ++i)
    markup +=
        "<LABEL id=\"" + std::to_string(i) + "\"><TEXT x=\"1\" y=\"1\" f=\"9\">a</TEXT></LABEL>";
  RunOptions options;
  options.input = write("t.xml", markup + "</PAGE>");
  for (int jobs : {1, 2}) {
    seen_.clear();
    options.jobs = jobs;
    EXPECT_EQ(run_check(options, collect()), RunStatus::input_error);
    ASSERT_EQ(seen_.size(), 1001u);
    EXPECT_EQ(std::count_if(seen_.begin(), seen_.end(),
                            [](const Diagnostic& d) { return d.code == "DL0010"; }),
              1);
    EXPECT_EQ(seen_.back().code, "DL0010");
    EXPECT_EQ(seen_.back().severity, Severity::error);
    EXPECT_EQ(seen_.back().message, "200 more diagnostics not shown (at most 1000 are listed)");
    EXPECT_EQ(seen_.front().code, "DL0205");
  }
}

// 1,200 warnings, then the one error that fails the run: the cap lists it past the 1,000, so
// that the run's failure is never only "200 more diagnostics not shown".
TEST_F(Pipeline, TheErrorThatFailsARunIsListedPastTheCap) {
  std::string markup = "<PAGE w=\"30\" l=\"10\">";
  for (int i = 1; i <= 1200; ++i)
    markup += "<LABEL id=\"" + std::to_string(i) + "\"><TEXT x=\"1\" y=\"1\"/></LABEL>";
  markup += "<LABEL id=\"1201\"><TEXT x=\"1\" y=\"1\" f=\"9\">a</TEXT></LABEL>";
  RunOptions options;
  options.input = write("t.xml", markup + "</PAGE>");
  for (int jobs : {1, 2}) {
    seen_.clear();
    options.jobs = jobs;
    EXPECT_EQ(run_check(options, collect()), RunStatus::input_error);
    ASSERT_EQ(seen_.size(), 1002u);
    EXPECT_EQ(seen_[1000].code, "DL0205");
    EXPECT_EQ(seen_[1000].severity, Severity::error);
    EXPECT_EQ(seen_.back().code, "DL0010");
    EXPECT_EQ(seen_.back().severity, Severity::warning);
    EXPECT_EQ(seen_.back().message, "200 more diagnostics not shown (at most 1000 are listed)");
  }
  // A compile of its own lists it too.
  CompileResult compiled = compile(markup + "</PAGE>");
  ASSERT_EQ(compiled.diagnostics.size(), 1002u);
  EXPECT_EQ(std::count_if(compiled.diagnostics.begin(), compiled.diagnostics.end(),
                          [](const Diagnostic& d) { return d.code == "DL0205"; }),
            1);
}

// Each row's TSPL program is within max_job_bytes, the rows together are not: the job is
// refused whole, at the row that outgrew it, and no byte comes back.
TEST_F(Pipeline, APrinterJobOfRowsIsBoundedAsAWhole) {
  RunOptions options;
  options.input = write("t.xml",
                        "<PAGE w=\"20\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">{{a}}</TEXT>"
                        "</LABEL></PAGE>");
  options.data.path = write("rows.csv", "a\nx\ny\nz\n");
  PrinterJobOptions job;
  PrinterJobRun whole = run_printer_job(options, job, collect());
  ASSERT_EQ(whole.status, RunStatus::ok);
  ASSERT_TRUE(seen_.empty());
  options.data.rows = {3, 3};
  const std::size_t one_row = run_printer_job(options, job, collect()).bytes.size();
  ASSERT_GT(one_row, 0u);
  EXPECT_EQ(whole.bytes.size(), 3 * one_row);  // three rows, the same size each

  options.data.rows = {};
  options.jobs = 2;  // the three rows are then made as one unit: the error still names row 3
  job.tspl.max_job_bytes = 2 * one_row + 1;
  PrinterJobRun refused = run_printer_job(options, job, collect());
  EXPECT_EQ(refused.status, RunStatus::input_error);
  EXPECT_TRUE(refused.bytes.empty());
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].code, "DL0555");
  EXPECT_EQ(seen_[0].message, "the print job outgrows the limit of " +
                                  std::to_string(2 * one_row + 1) + " bytes at row 3");
}

// RunOptions::jobs is bounded by Limits::max_jobs in the library (the CLI's check is only the
// first): a run asked for more threads, or fewer than none, draws nothing and says why.
TEST_F(Pipeline, JobsAreBoundedByTheLimits) {
  RunOptions options;
  options.input = write("t.xml",
                        "<PAGE w=\"30\" l=\"10\"><LABEL id=\"1\"><BL x=\"1\" y=\"1\" w=\"2\" "
                        "h=\"2\"/></LABEL><LABEL id=\"2\"><BL x=\"1\" y=\"1\" w=\"3\" "
                        "h=\"2\"/></LABEL></PAGE>");
  options.limits.max_jobs = 3;
  std::ostringstream one, three;
  options.jobs = 1;
  ASSERT_EQ(run_base64(options, one, collect()), RunStatus::ok);
  options.jobs = 3;
  ASSERT_EQ(run_base64(options, three, collect()), RunStatus::ok);
  EXPECT_EQ(three.str(), one.str());
  EXPECT_TRUE(seen_.empty());
  for (int jobs : {4, 100000, -1}) {
    seen_.clear();
    options.jobs = jobs;
    std::ostringstream out;
    EXPECT_EQ(run_base64(options, out, collect()), RunStatus::io_error);
    EXPECT_EQ(out.str(), "");
    ASSERT_EQ(seen_.size(), 1u);
    EXPECT_EQ(seen_[0].code, "DL0625");
    EXPECT_EQ(seen_[0].message, "jobs " + std::to_string(jobs) + ": a run draws on 1 to 3 threads");
    EXPECT_EQ(run_check(options, collect()), RunStatus::io_error);
  }
}

TEST_F(Pipeline, ReadInputIsBounded) {
  std::string path = write("big.txt", std::string(100, 'x')), contents;
  EXPECT_TRUE(read_input(path, 100, contents).empty());
  EXPECT_EQ(contents.size(), 100u);
  Diagnostics d = read_input(path, 99, contents);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "DL0002");
  EXPECT_TRUE(read_markup(path, 10, contents).empty());
  EXPECT_EQ(contents.size(), 11u);  // one past the bound: compile() says it is too large
  EXPECT_EQ(read_input((dir_ / "none").string(), 10, contents).at(0).code, "DL0002");
}

TEST_F(Pipeline, WritesAreAllOrNothing) {
  std::string path = write("out.txt", "old");
  EXPECT_TRUE(write_file_atomically(path, "new").empty());
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(text, "new");
  fs::create_directories(dir_ / "folder");
  Diagnostics d = write_file_atomically((dir_ / "folder").string(), "x");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "DL0623");
  RunOptions options;
  options.input = write("a.xml", document(1));
  RenderRun run =
      run_render(options, {(dir_ / "no" / "l.png").string(), ImageFormat::png}, collect());
  EXPECT_EQ(run.status, RunStatus::io_error);
  EXPECT_TRUE(saw("DL0623"));
}

// What the preview server, golden cases and submit draw of a document held in memory is what
// `dotlabel render --strip` writes, and a drawing that fails gives no strip.
TEST_F(Pipeline, DrawDocumentDrawsWhatRenderWrites) {
  std::string markup = document(3, 2);
  RunOptions options;
  options.input = write("a.xml", markup);
  ASSERT_EQ(
      run_render(options, {(dir_ / "s.png").string(), ImageFormat::png, true}, collect()).status,
      RunStatus::ok);
  std::string png;
  ASSERT_TRUE(read_input((dir_ / "s.png").string(), 1 << 20, png).empty());
  std::optional<Bitmap> written =
      decode_png({reinterpret_cast<const std::uint8_t*>(png.data()), png.size()});
  ASSERT_TRUE(written);

  CompileResult compiled = compile(markup);
  ASSERT_TRUE(compiled.ok());
  Renderer renderer;
  DrawOptions draw;
  draw.strip = true;
  Drawing drawn = draw_document(renderer, *compiled.document, draw);
  EXPECT_FALSE(drawn.failed());
  EXPECT_EQ(drawn.labels.size(), 3u);
  ASSERT_TRUE(drawn.strip);
  EXPECT_TRUE(*drawn.strip == *written);
  ASSERT_EQ(drawn.diagnostics.size(), 1u);  // label 2's clipped TEXT
  EXPECT_EQ(drawn.diagnostics[0].severity, Severity::warning);

  draw.werror = true;
  drawn = draw_document(renderer, *compiled.document, draw);
  EXPECT_TRUE(drawn.labels_failed);
  EXPECT_FALSE(drawn.strip);

  draw = {};
  draw.label = 3;
  drawn = draw_document(renderer, *compiled.document, draw);
  ASSERT_EQ(drawn.labels.size(), 1u);
  EXPECT_EQ(drawn.labels[0].id, 3);
  draw.label = 4;
  drawn = draw_document(renderer, *compiled.document, draw);
  EXPECT_TRUE(drawn.labels_failed);
  EXPECT_TRUE(drawn.labels.empty());
  ASSERT_EQ(drawn.diagnostics.size(), 1u);
  EXPECT_EQ(drawn.diagnostics[0].code, "DL0620");
}

// A client that sends the markup on has read it already: the run checks that text, and the
// input only names it.
TEST_F(Pipeline, ARunChecksMarkupTheCallerHasRead) {
  RunOptions options;
  options.input = (dir_ / "never-written.xml").string();
  options.markup =
      "<PAGE w=\"30\" l=\"10\"><LABEL id=\"1\"><TEXT x=\"1\">no y</TEXT></LABEL></PAGE>";
  EXPECT_EQ(run_check(options, collect()), RunStatus::input_error);
  ASSERT_FALSE(seen_.empty());
  EXPECT_EQ(seen_[0].file, options.input);
  EXPECT_NE(seen_[0].code, "DL0002") << "the file is not read";
  seen_.clear();
  options.markup = document(1);
  EXPECT_EQ(run_check(options, collect()), RunStatus::ok);
  EXPECT_TRUE(seen_.empty());
}

}  // namespace
}  // namespace dotlabel
