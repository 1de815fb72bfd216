// The golden library: comparison, its wording, the diff picture, the golden comment, case
// discovery, updating, the JUnit report (on synthetic bitmaps) and checking a document.
#include <gtest/gtest.h>
#include <png.h>

#include <filesystem>
#include <fstream>
#include <pugixml.hpp>

#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/golden.hpp"

namespace fs = std::filesystem;
using namespace dotlabel;
using namespace dotlabel::golden;

namespace {

struct Rgb {
  int r, g, b;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

struct RgbImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  Rgb at(int x, int y) const {
    const std::uint8_t* p = &pixels[(static_cast<std::size_t>(y) * width + x) * 3];
    return {p[0], p[1], p[2]};
  }
};

RgbImage read_rgb(const std::vector<std::uint8_t>& png) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_memory(&image, png.data(), png.size()));
  image.format = PNG_FORMAT_RGB;
  RgbImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr));
  return out;
}

fs::path temp_folder(const std::string& name) {
  fs::path dir = fs::path(DOTLABEL_BINARY_DIR) / "test-tmp" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void touch(const fs::path& path, const std::string& text = "") {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST(GoldenCompare, IdenticalImages) {
  Bitmap a(20, 10), b(20, 10);
  a.fill(2, 3, 5, 4);
  b.fill(2, 3, 5, 4);
  Comparison c = compare(a, b);
  EXPECT_TRUE(c.identical());
  EXPECT_EQ(c.differing_dots, 0);
  EXPECT_TRUE(c.bounds.empty());
  EXPECT_EQ(describe(c), "identical");
}

TEST(GoldenCompare, CountsDotsAndBoundsInBothDirections) {
  Bitmap expected(40, 30), actual(40, 30);
  expected.fill(8, 4, 4, 2);  // 8 dots only expected
  actual.fill(20, 16, 3, 5);  // 15 dots only actual
  expected.fill(0, 0, 2, 2);  // 4 dots in both
  actual.fill(0, 0, 2, 2);
  Comparison c = compare(expected, actual);
  EXPECT_FALSE(c.identical());
  EXPECT_EQ(c.differing_dots, 23);
  EXPECT_EQ(c.bounds, (DotRect{8, 4, 15, 17}));
  EXPECT_EQ(describe(c), "23 dots differ in x 1..2.875 mm, y 0.5..2.625 mm");
}

TEST(GoldenCompare, OneDotInWords) {
  Bitmap expected(16, 16), actual(16, 16);
  actual.set(10, 4, true);
  EXPECT_EQ(describe(compare(expected, actual)),
            "1 dot differs in x 1.25..1.375 mm, y 0.5..0.625 mm");
}

TEST(GoldenCompare, DifferentSizesCompareOnTheLargerCanvas) {
  Bitmap expected(16, 8), actual(24, 8);
  actual.fill(20, 0, 1, 8);  // outside the expected image: compared with white
  Comparison c = compare(expected, actual);
  EXPECT_FALSE(c.same_size());
  EXPECT_FALSE(c.identical());
  EXPECT_EQ(c.differing_dots, 8);
  EXPECT_EQ(c.bounds, (DotRect{20, 0, 1, 8}));
  EXPECT_EQ(describe(c),
            "size 24x8 dots, expected 16x8; 8 dots differ in x 2.5..2.625 mm, y 0..1 mm");
  // A size change alone (white margin) is still a difference.
  Comparison blank = compare(Bitmap(16, 8), Bitmap(16, 9));
  EXPECT_FALSE(blank.identical());
  EXPECT_EQ(blank.differing_dots, 0);
  EXPECT_EQ(describe(blank), "size 16x9 dots, expected 16x8");
}

TEST(GoldenDiffImage, ThreePanelsWithColouredDifferences) {
  Bitmap expected(10, 6), actual(10, 6);
  expected.set(1, 1, true);  // only expected
  actual.set(2, 2, true);    // only actual
  expected.set(3, 3, true);  // both
  actual.set(3, 3, true);
  RgbImage img = read_rgb(diff_png(expected, actual));
  const int gutter = 8, panel = 10;
  ASSERT_EQ(img.width, 3 * panel + 2 * gutter);
  ASSERT_EQ(img.height, 6);
  const Rgb white{255, 255, 255}, black{0, 0, 0};
  // expected panel
  EXPECT_EQ(img.at(1, 1), black);
  EXPECT_EQ(img.at(2, 2), white);
  EXPECT_EQ(img.at(0, 0), white);
  // gutter
  EXPECT_EQ(img.at(panel, 0), (Rgb{128, 128, 128}));
  // difference panel
  const int d = panel + gutter;
  EXPECT_EQ(img.at(d + 1, 1), (Rgb{230, 0, 0}));
  EXPECT_EQ(img.at(d + 2, 2), (Rgb{0, 64, 230}));
  EXPECT_EQ(img.at(d + 3, 3), (Rgb{192, 192, 192}));
  EXPECT_EQ(img.at(d + 0, 0), white);
  // actual panel
  const int a = 2 * (panel + gutter);
  EXPECT_EQ(img.at(a + 2, 2), black);
  EXPECT_EQ(img.at(a + 1, 1), white);
  EXPECT_EQ(img.at(a + 3, 3), black);
}

TEST(GoldenDiffImage, MarksCanvasBeyondTheSmallerImage) {
  Bitmap expected(4, 4), actual(6, 4);
  RgbImage img = read_rgb(diff_png(expected, actual));
  ASSERT_EQ(img.width, 3 * 6 + 16);
  const Rgb outside{255, 244, 192};
  EXPECT_EQ(img.at(5, 0), outside);       // expected panel, beyond its width
  EXPECT_EQ(img.at(14 + 5, 0), outside);  // difference panel
  EXPECT_EQ(img.at(28 + 5, 0), (Rgb{255, 255, 255}));
}

TEST(GoldenSettings, ReadsTheGoldenComment) {
  SettingsResult none = read_settings("<PAGE w=\"10\" l=\"10\"><!-- a comment --></PAGE>");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.settings.strip);
  EXPECT_FALSE(none.settings.as_fed);
  SettingsResult both = read_settings("<!-- note -->\n<!-- golden: strip as-fed -->\n<PAGE/>");
  ASSERT_TRUE(both.ok());
  EXPECT_TRUE(both.settings.strip);
  EXPECT_TRUE(both.settings.as_fed);
  SettingsResult typo = read_settings("<!-- golden: strp -->");
  EXPECT_FALSE(typo.ok());
  EXPECT_NE(typo.problem.find("'strp'"), std::string::npos);
}

TEST(GoldenCases, FindsXmlRecursivelySortedWithRelativePaths) {
  fs::path dir = temp_folder("find_cases");
  touch(dir / "b.xml");
  touch(dir / "a" / "z.xml");
  touch(dir / "a" / "z.png");
  touch(dir / "notes.txt");
  std::vector<fs::path> roots{dir, dir / "b.xml"};  // b.xml twice: listed once
  CaseList found = find_cases(roots);
  ASSERT_TRUE(found.ok()) << found.problem;
  const std::vector<CaseFile>& cases = found.cases;
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].path, dir / "a" / "z.xml");
  EXPECT_EQ(cases[0].relative, fs::path("a/z.xml"));
  EXPECT_EQ(cases[1].relative, fs::path("b.xml"));

  std::vector<fs::path> missing{dir / "nope"};
  CaseList none = find_cases(missing);
  EXPECT_FALSE(none.ok());
  EXPECT_TRUE(none.cases.empty());
  EXPECT_NE(none.problem.find("nope"), std::string::npos);
  std::vector<fs::path> not_xml{dir / "notes.txt"};
  EXPECT_FALSE(find_cases(not_xml).ok());
}

TEST(GoldenUpdate, WritesChangedAndNewImagesOnly) {
  fs::path dir = temp_folder("update");
  Bitmap same(8, 8), changed(8, 8), fresh(8, 8);
  changed.set(1, 1, true);
  fresh.set(2, 2, true);
  auto bytes = encode_png(same);
  std::ofstream(dir / "c-1.png", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  std::ofstream(dir / "c-2.png", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  touch(dir / "c-9.png", "stale");

  CaseResult result;
  result.file = dir / "c.xml";
  result.status = Status::fail;
  auto add = [&](std::int64_t id, const Bitmap& actual, bool on_disk) {
    ImageResult image;
    image.label = id;
    image.expected_path = dir / ("c-" + std::to_string(id) + ".png");
    image.actual = actual;
    if (on_disk) {
      image.expected = same;
      image.comparison = compare(same, actual);
    }
    result.images.push_back(image);
  };
  add(1, same, true);
  add(2, changed, true);
  add(3, fresh, false);
  result.stale = {dir / "c-9.png"};

  UpdateResult done = update(result);
  EXPECT_TRUE(done.ok()) << done.problem;
  EXPECT_EQ(done.written, (std::vector<fs::path>{dir / "c-2.png", dir / "c-3.png"}));
  EXPECT_EQ(done.removed, (std::vector<fs::path>{dir / "c-9.png"}));
  EXPECT_FALSE(fs::exists(dir / "c-9.png"));
  std::ifstream in(dir / "c-3.png", std::ios::binary);
  std::vector<std::uint8_t> written((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(decode_png(written), fresh);

  result.status = Status::error;  // a case whose render has errors is never touched
  fs::remove(dir / "c-3.png");
  EXPECT_TRUE(update(result).written.empty());
  EXPECT_FALSE(fs::exists(dir / "c-3.png"));
}

TEST(GoldenUpdate, DiffPathFollowsExpectedNameAndOutFolder) {
  CaseResult result;
  result.file = "golden/text/f1.xml";
  ImageResult single;
  single.expected_path = "golden/text/f1.png";
  ImageResult second;
  second.label = 2;
  second.expected_path = "golden/text/f1-2.png";
  EXPECT_EQ(diff_path(result, single, "text/f1.xml", ""), fs::path("golden/text/f1.diff.png"));
  EXPECT_EQ(diff_path(result, second, "text/f1.xml", "out"), fs::path("out/text/f1-2.diff.png"));
}

TEST(GoldenJunit, CountsAndDetails) {
  std::vector<CaseResult> results(4);
  results[0].file = "g/a/pass.xml";
  results[0].status = Status::pass;
  results[1].file = "g/a/fail.xml";
  results[1].status = Status::fail;
  ImageResult image;
  image.expected_path = "g/a/fail.png";
  image.expected = Bitmap(8, 8);
  image.actual = Bitmap(8, 8);
  image.actual.set(0, 0, true);
  image.comparison = compare(*image.expected, image.actual);
  results[1].images.push_back(image);
  results[2].file = "g/b/new.xml";
  results[2].status = Status::new_case;
  results[3].file = "g/b/error & <bad>.xml";
  results[3].status = Status::error;
  results[3].diagnostics.push_back(
      {"g/b/error.xml", {3, 7}, Severity::error, "DL0100", "boom", ""});

  pugi::xml_document doc;
  std::string xml = junit_xml(results, "golden");
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  pugi::xml_node suite = doc.child("testsuites").child("testsuite");
  EXPECT_EQ(suite.attribute("tests").as_int(), 4);
  EXPECT_EQ(suite.attribute("failures").as_int(), 2);
  EXPECT_EQ(suite.attribute("errors").as_int(), 1);
  EXPECT_EQ(std::distance(suite.children("testcase").begin(), suite.children("testcase").end()), 4);
  pugi::xml_node fail = suite.find_child_by_attribute("testcase", "name", "fail.xml");
  EXPECT_STREQ(fail.attribute("classname").as_string(), "g.a");
  EXPECT_STREQ(fail.child("failure").attribute("message").as_string(),
               "g/a/fail.png: 1 dot differs in x 0..0.125 mm, y 0..0.125 mm");
  EXPECT_TRUE(suite.find_child_by_attribute("testcase", "name", "pass.xml").first_child().empty());
  pugi::xml_node error = suite.find_child_by_attribute("testcase", "name", "error & <bad>.xml");
  EXPECT_NE(
      std::string(error.child("error").text().as_string()).find("g/b/error.xml:3:7: error: boom"),
      std::string::npos);
}

// The embedder's path: a document compiled in memory, checked against images under a stem.
TEST(GoldenDocument, NewThenUpdatedThenPassing) {
  fs::path dir = temp_folder("document");
  CompileResult compiled = compile(R"(<PAGE w="10" l="5" ld="1">
  <LABEL id="1"><BL x="1" y="1" w="2" h="2"/></LABEL>
  <LABEL id="4" c="2"><BL x="5" y="1" w="2" h="2"/></LABEL>
</PAGE>)");
  ASSERT_TRUE(compiled.ok());
  Renderer renderer;

  CaseResult fresh = check_document(renderer, *compiled.document, {}, dir / "doc");
  EXPECT_EQ(fresh.status, Status::new_case);
  ASSERT_EQ(fresh.images.size(), 2u);
  EXPECT_EQ(fresh.images[0].expected_path, dir / "doc-1.png");
  EXPECT_EQ(fresh.images[1].label, 4);
  EXPECT_EQ(fresh.images[1].expected_path, dir / "doc-4.png");
  EXPECT_EQ(update(fresh).written.size(), 2u);
  EXPECT_EQ(check_document(renderer, *compiled.document, {}, dir / "doc").status, Status::pass);

  // As a strip: one image, labels 1, 4, 4 with 1 mm (8 dots) gaps: 3 * 40 + 2 * 8 rows.
  CaseSettings strip;
  strip.strip = true;
  CaseResult stripped = check_document(renderer, *compiled.document, {}, dir / "strip", {}, strip);
  ASSERT_EQ(stripped.images.size(), 1u);
  EXPECT_FALSE(stripped.images[0].label);
  EXPECT_EQ(stripped.images[0].actual.width(), 80);
  EXPECT_EQ(stripped.images[0].actual.height(), 3 * 40 + 2 * 8);
}

TEST(GoldenDocument, WerrorTurnsWarningsIntoAFailedCase) {
  fs::path dir = temp_folder("werror");
  CompileResult compiled =
      compile(R"(<PAGE w="10" l="5"><LABEL id="1"><BL x="8" y="1" w="4" h="1"/></LABEL></PAGE>)");
  ASSERT_TRUE(compiled.ok());
  Renderer renderer;
  CaseResult lenient = check_document(renderer, *compiled.document, {}, dir / "w");
  EXPECT_EQ(lenient.status, Status::new_case);
  Options strict;
  strict.werror = true;
  CaseResult result = check_document(renderer, *compiled.document, {}, dir / "w", strict);
  EXPECT_EQ(result.status, Status::error);
  EXPECT_TRUE(has_errors(result.diagnostics));
  EXPECT_TRUE(result.images.empty());
}
