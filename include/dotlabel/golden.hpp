// Golden-image regression testing: render label markup and compare it dot for dot with
// expected 1-bit PNGs. One piece of code serves `dotlabel golden`, `dotlabel diff`, embedders
// and the project's own golden suite (docs/golden.md).
//
// A case is a file NAME.xml. Its expected images sit next to it: NAME.png for a page with
// one label, NAME-<id>.png per label otherwise. A comment `<!-- golden: strip -->` in the case
// renders all labels as one page strip (NAME.png); `as-fed` applies LABEL d.
//
// A data case is a template NAME.xml with its rows beside it, NAME.csv, NAME.tsv, NAME.json or
// NAME.jsonl (or a data file given in Options::data): every row is filled in and compared with
// NAME-<row>.png, or NAME-<row>-<id>.png per label when the page has several (docs/golden.md).
//
// Errors: markup that does not compile or render is in a result's diagnostics; what a file
// operation could not do is its result's `problem`, one line naming the file, and ok() is
// false. Nothing throws but std::bad_alloc. Thread safety: every function may run in several
// threads at once on different cases (the Renderer is thread-safe); functions that write
// files must not write the same files concurrently.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::golden {

// A rectangle of dots; empty when width or height is 0.
struct DotRect {
  int x = 0, y = 0, width = 0, height = 0;
  bool empty() const { return width <= 0 || height <= 0; }
  friend bool operator==(const DotRect&, const DotRect&) = default;
};

// The difference between an expected and an actual image. Images of different sizes are
// compared on the larger canvas, the missing part of the smaller one counting as white.
struct Comparison {
  int expected_width = 0, expected_height = 0;
  int actual_width = 0, actual_height = 0;
  std::int64_t differing_dots = 0;
  DotRect bounds;  // of the differing dots
  bool same_size() const {
    return expected_width == actual_width && expected_height == actual_height;
  }
  bool identical() const { return same_size() && differing_dots == 0; }
};

// Pure; cannot fail.
DOTLABEL_API Comparison compare(const Bitmap& expected, const Bitmap& actual);

// One line for people: "37 dots differ in x 3..5.125 mm, y 2..4.375 mm", plus the sizes when
// they differ; "identical" when nothing differs.
DOTLABEL_API std::string describe(const Comparison& comparison);

// An RGB PNG of three panels side by side: expected | difference | actual. In the difference
// panel dots black in both are light grey, dots only expected red, dots only actual blue;
// canvas outside a smaller image is pale yellow. Pure; cannot fail.
DOTLABEL_API std::vector<std::uint8_t> diff_png(const Bitmap& expected, const Bitmap& actual);

// Per-case settings, read from the `<!-- golden: ... -->` comment of the markup.
struct CaseSettings {
  bool strip = false;   // every label in one image (Renderer::strip)
  bool as_fed = false;  // RenderOptions::as_fed
};

// Parses the first `<!-- golden: WORD... -->` comment; an unknown word is a problem. Markup
// without the comment gives the defaults. Pure.
struct SettingsResult {
  CaseSettings settings;
  std::string problem;
  bool ok() const { return problem.empty(); }
};
DOTLABEL_API SettingsResult read_settings(std::string_view markup);

// One expected image of a case and how the render compares with it.
struct ImageResult {
  std::optional<std::int64_t> label;  // none: the page's only label, or the strip
  std::optional<std::size_t> row;     // the data row (from 1) of a data case
  std::filesystem::path expected_path;
  Bitmap actual;
  std::optional<Bitmap> expected;  // none: no such file (a new image)
  std::string problem;             // the expected file exists but cannot be read as a PNG
  Comparison comparison;           // meaningful when `expected` is present
  bool matches() const { return expected && comparison.identical(); }
};

enum class Status {
  pass,      // every image identical
  fail,      // an image differs, is unreadable, or an expected image has no label any more
  new_case,  // nothing differs but some image has no expected file yet
  error,     // the markup does not compile or render (with werror: or it warns)
};

DOTLABEL_API std::string_view to_string(Status status);  // "ok", "FAIL", "NEW", "FAIL"

struct CaseResult {
  std::filesystem::path file;  // NAME.xml
  Status status = Status::error;
  Diagnostics diagnostics;  // compile + render; with werror, warnings are already errors
  std::string problem;      // a failure that is not a diagnostic (I/O, bad golden comment)
  CaseSettings settings;
  std::optional<ir::Document> document;
  std::vector<RenderedLabel> labels;  // as rendered, with element boxes
  // A data case: its data file, and each row's document and labels (`document` and `labels`
  // are then empty).
  std::filesystem::path data;
  struct Row {
    std::size_t number = 0;  // from 1
    ir::Document document;
    std::vector<RenderedLabel> labels;
  };
  std::vector<Row> rows;
  std::vector<ImageResult> images;
  // Expected images named after this case that match no label (NAME-7.png after label 7 went).
  std::vector<std::filesystem::path> stale;
  double seconds = 0;
  bool passed() const { return status == Status::pass; }
};

struct Options {
  bool werror = false;  // a warning fails the case
  // The rows of every case run, instead of the data file beside it: a template case whose data
  // lives elsewhere. Empty: NAME.csv / .tsv / .json / .jsonl / .ndjson beside the case, if any.
  std::filesystem::path data;
  RendererOptions renderer;
  RenderOptions render;  // as_fed is also set by a case's golden comment
};

// Compares a compiled document against the expected images of `stem` (the case path without
// .xml). `diagnostics` are the compiler's; the renderer's are added. Reads files only; an
// unreadable expected image is the ImageResult's problem (status fail).
DOTLABEL_API CaseResult check_document(const Renderer& renderer, const ir::Document& document,
                                       Diagnostics diagnostics, const std::filesystem::path& stem,
                                       const Options& options = {}, CaseSettings settings = {});

// Reads, compiles and checks one case file. An unreadable file or a bad golden comment is
// the result's problem, markup that does not compile its diagnostics (status error). A data
// case (see the top) binds and checks every row: a bad value is reported at the data file's
// row, naming the column, with a note at the placeholder (Template::bind), and the case is in
// error; a data file with more than kMaxDataRows rows is a problem.
inline constexpr std::size_t kMaxDataRows = 1000;
DOTLABEL_API CaseResult run_case(const Renderer& renderer, const std::filesystem::path& xml,
                                 const Options& options = {});

// The cases under the given files and folders (folders recursively, *.xml), each with its
// path relative to the argument it came from (for --out). Sorted, no duplicates. A path that
// does not exist or is a file that is not .xml is a problem (and no cases).
struct CaseFile {
  std::filesystem::path path;
  std::filesystem::path relative;
};
struct CaseList {
  std::vector<CaseFile> cases;
  std::string problem;
  bool ok() const { return problem.empty(); }
};
DOTLABEL_API CaseList find_cases(std::span<const std::filesystem::path> roots);

// Writes every expected image that is missing or differs and removes stale ones; returns the
// files it changed. Does nothing for a case in error. Stops at the first I/O error, its
// problem; the files changed until then are listed. Each file is written whole or not at all.
struct UpdateResult {
  std::vector<std::filesystem::path> written;
  std::vector<std::filesystem::path> removed;
  std::string problem;
  bool ok() const { return problem.empty(); }
};
DOTLABEL_API UpdateResult update(const CaseResult& result);

// Writes diff_png(expected, actual) of an image with an expected file to `path`, creating
// its folder; an I/O error is the problem.
struct WriteResult {
  std::string problem;
  bool ok() const { return problem.empty(); }
};
DOTLABEL_API WriteResult write_diff(const ImageResult& image, const std::filesystem::path& path);

// The diff image path of an image: NAME.diff.png (NAME-<id>.diff.png for one of several
// labels), in `out_dir` under the case's relative folder, or next to the case when `out_dir`
// is empty. Pure; cannot fail.
DOTLABEL_API std::filesystem::path diff_path(const CaseResult& result, const ImageResult& image,
                                             const std::filesystem::path& relative,
                                             const std::filesystem::path& out_dir);

// A JUnit XML report: one testsuite, one testcase per case; a failed or new case has a
// <failure>, a case in error an <error>, with the details in its text. Pure; cannot fail.
DOTLABEL_API std::string junit_xml(std::span<const CaseResult> results,
                                   std::string_view suite_name);

// The detail lines of a result that is not a pass (differences, missing images, problems),
// one per line, without the diagnostics. Pure; cannot fail.
DOTLABEL_API std::vector<std::string> details(const CaseResult& result);

}  // namespace dotlabel::golden
