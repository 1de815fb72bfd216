// Every golden case (each data row of a template case) printed in raster mode, read back by the
// test reader, is its golden image dot for dot: TSPL label by label (as fed where the case says
// so), ESC/POS as the paper strip of all labels with the page gap fed between them.
#include <gtest/gtest.h>

#include <algorithm>

#include "dotlabel/golden.hpp"
#include "dotlabel/printer_language.hpp"
#include "printer_reader.hpp"

namespace fs = std::filesystem;
using namespace dotlabel;

namespace dotlabel::golden {
void PrintTo(const CaseFile& file, std::ostream* out) {
  *out << file.relative.generic_string();
}
}  // namespace dotlabel::golden

namespace {

std::vector<golden::CaseFile> all_cases() {
  std::vector<fs::path> roots{fs::path(DOTLABEL_SOURCE_DIR) / "golden"};
  golden::CaseList list = golden::find_cases(roots);
  EXPECT_TRUE(list.ok()) << list.problem;
  return list.cases;
}

const Renderer& renderer() {
  static const Renderer shared;
  return shared;
}

std::string test_name(const ::testing::TestParamInfo<golden::CaseFile>& info) {
  std::string name = info.param.relative.generic_string();
  name = name.substr(0, name.size() - 4);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

std::string differs(const Bitmap& expected, const Bitmap& actual) {
  return golden::describe(golden::compare(expected, actual));
}

// The labels of the case in print order with their expected images, each `copies` times and
// the page gap apart: the strip the paper shows.
Bitmap expected_strip(const golden::CaseResult& result, bool turn_back_d0) {
  const ir::Document& document = *result.document;
  if (result.settings.strip) return *result.images.front().expected;
  std::vector<RenderedLabel> labels;
  for (const golden::ImageResult& image : result.images) {
    const ir::Label& label =
        image.label ? *document.find_label(*image.label) : document.labels.front();
    RenderedLabel rendered;
    rendered.id = label.id;
    rendered.copies = label.copies;
    rendered.bitmap =
        turn_back_d0 && label.direction == 0 ? test::turned_180(*image.expected) : *image.expected;
    labels.push_back(std::move(rendered));
  }
  Renderer::StripResult strip = renderer().strip(document, labels);
  EXPECT_TRUE(strip.bitmap) << (strip.diagnostics.empty() ? "" : strip.diagnostics[0].message);
  return strip.bitmap ? std::move(*strip.bitmap) : Bitmap();
}

// The documents of a case, each with its images: the case itself, or one per data row.
std::vector<golden::CaseResult> documents_of(const golden::CaseResult& result) {
  if (result.document) return {result};
  std::vector<golden::CaseResult> rows;
  for (const golden::CaseResult::Row& row : result.rows) {
    golden::CaseResult& one = rows.emplace_back();
    one.file = result.file;
    one.settings = result.settings;
    one.document = row.document;
    for (const golden::ImageResult& image : result.images)
      if (image.row == row.number) one.images.push_back(image);
  }
  return rows;
}

class GoldenPrint : public ::testing::TestWithParam<golden::CaseFile> {
 protected:
  void SetUp() override {
    golden::CaseResult result = golden::run_case(renderer(), GetParam().path);
    ASSERT_TRUE(result.passed()) << "the golden case itself fails: " << result.problem;
    for (const golden::ImageResult& image : result.images) ASSERT_TRUE(image.expected);
    documents_ = documents_of(result);
    ASSERT_FALSE(documents_.empty());
  }
  std::vector<golden::CaseResult> documents_;
};

TEST_P(GoldenPrint, TsplRasterPrintsTheGoldenImages) {
  for (const golden::CaseResult& result : documents_) {
    const ir::Document& document = *result.document;
    printer::TsplOptions options;
    options.max_bitmap_bytes = 4096;  // several BITMAP commands per label
    printer::Job job = printer::to_tspl(document, renderer(), options);
    ASSERT_TRUE(job.ok());
    test::TsplReading reading = test::read_tspl(job.bytes);
    ASSERT_EQ(reading.error, "");
    EXPECT_TRUE(reading.not_drawn.empty());
    EXPECT_EQ(reading.width, document.page.width);
    EXPECT_EQ(reading.height, document.page.length);
    ASSERT_EQ(reading.labels.size(), document.labels.size());

    auto printed = [&](std::size_t i) {
      return result.settings.as_fed ? test::as_fed(reading.labels[i]) : reading.labels[i].bitmap;
    };
    if (result.settings.strip) {
      std::vector<RenderedLabel> labels;
      for (std::size_t i = 0; i < reading.labels.size(); ++i)
        labels.push_back({static_cast<std::int64_t>(i), reading.labels[i].copies, printed(i), {}});
      Renderer::StripResult strip = renderer().strip(document, labels);
      ASSERT_TRUE(strip.bitmap);
      EXPECT_EQ(*strip.bitmap, *result.images.front().expected)
          << differs(*result.images.front().expected, *strip.bitmap);
      continue;
    }
    for (const golden::ImageResult& image : result.images) {
      std::size_t i = 0;
      while (image.label && document.labels[i].id != *image.label) ++i;
      EXPECT_EQ(reading.labels[i].copies, document.labels[i].copies);
      Bitmap label = printed(i);
      EXPECT_EQ(label, *image.expected)
          << image.expected_path << ": " << differs(*image.expected, label);
    }
  }
}

TEST_P(GoldenPrint, EscPosPrintsTheGoldenStrip) {
  for (const golden::CaseResult& result : documents_) {
    const ir::Document& document = *result.document;
    printer::Job job = printer::to_escpos(document, renderer());
    ASSERT_TRUE(job.ok());
    test::EscPosReading reading = test::read_escpos(job.bytes);
    ASSERT_EQ(reading.error, "");
    EXPECT_EQ(reading.resets, 1);
    // A receipt printer prints each label as the preview reads, whatever LABEL d says.
    Bitmap expected = expected_strip(result, result.settings.as_fed);
    ASSERT_GE(reading.paper.width(), expected.width());
    ASSERT_LT(reading.paper.width(), expected.width() + 8);
    // The image is sent in whole bytes: the columns past the label are white.
    Bitmap paper(expected.width(), reading.paper.height());
    for (int y = 0; y < reading.paper.height(); ++y)
      for (int x = 0; x < reading.paper.width(); ++x) {
        if (x < expected.width())
          paper.set(x, y, reading.paper.get(x, y));
        else
          ASSERT_FALSE(reading.paper.get(x, y)) << "a dot past the label at " << x << "," << y;
      }
    EXPECT_EQ(paper, expected) << differs(expected, paper);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryCase, GoldenPrint, ::testing::ValuesIn(all_cases()), test_name);

TEST(GoldenPrintSuite, FindsTheGoldenCases) {
  EXPECT_GT(all_cases().size(), 50u);
}

}  // namespace
