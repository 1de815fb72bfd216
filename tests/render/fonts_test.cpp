// The printer fonts: manifest hashes, cell sizes and advances measured on rendered sprites.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "diagnostic_codes.hpp"
#include "file_xxh3.hpp"
#include "fonts.hpp"
#include "render_helpers.hpp"

namespace dotlabel::render {
namespace {

using testing::art;
using testing::black_count;
using testing::file_xxh3_128;

nlohmann::json manifest() {
  std::ifstream in(std::string(DOTLABEL_SOURCE_DIR) + "/fonts/manifest.json");
  return nlohmann::json::parse(in);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string file_sha256(const std::string& path) {
  std::string bytes = file_bytes(path);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_sha256(), nullptr);
  char hex[3];
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", md[i]);
    out += hex;
  }
  return out;
}

// A fresh, empty folder under the test's temporary directory.
std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("dotlabel-fonts-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Fonts, ManifestHashesMatchTheInstalledFiles) {
  const nlohmann::json files = manifest().at("files");
  for (const auto& [key, file] : files.items())
    EXPECT_EQ(file_sha256(file.at("path")), file.at("sha256").get<std::string>()) << key;
  FontSet fonts;
  for (int f = 1; f <= 8; ++f) EXPECT_TRUE(fonts.load(f).empty()) << "f=" << f;
}

// The renderer checks xxh3_128, people check sha256: both must name the same installed file.
TEST(Fonts, ManifestFastDigestNamesTheSameFileAsSha256) {
  const nlohmann::json files = manifest().at("files");
  for (const auto& [key, file] : files.items()) {
    const std::string path = file.at("path");
    EXPECT_EQ(file_sha256(path), file.at("sha256").get<std::string>()) << key;
    ASSERT_TRUE(file.contains("xxh3_128")) << key;
    EXPECT_EQ(file_xxh3_128(path), file.at("xxh3_128").get<std::string>()) << key;
  }
}

// Same size, one byte changed in the middle: the fast digest tells the files apart, and the
// message names the manifest's sha256 and xxh3_128.
TEST(Fonts, OneChangedByteFailsTheCheck) {
  auto dir = temp_dir("changed");
  const auto path = dir / "OCRB.otf";
  std::filesystem::copy_file("/usr/share/fonts/opentype/ocr-b/OCRB.otf", path);
  const auto size = std::filesystem::file_size(path);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(size / 2));
    char byte = 0;
    f.get(byte);
    f.seekp(static_cast<std::streamoff>(size / 2));
    f.put(static_cast<char>(byte ^ 1));
  }
  FontSet fonts(dir);
  Diagnostics errors = fonts.load(6);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, codes::kFontMismatch);
  const nlohmann::json ocrb = manifest().at("files").at("ocrb");
  EXPECT_NE(errors[0].message.find(ocrb.at("sha256").get<std::string>()), std::string::npos);
  EXPECT_NE(errors[0].message.find(ocrb.at("xxh3_128").get<std::string>()), std::string::npos);
  EXPECT_NE(errors[0].message.find(file_xxh3_128(path.string())), std::string::npos);
  EXPECT_NE(errors[0].message.find(file_sha256(path.string())), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Fonts, MismatchedFileFailsLoudlyWithBothHashes) {
  auto dir = temp_dir("mismatch");
  std::filesystem::copy_file("/usr/share/fonts/opentype/ocr-b/OCRB.otf", dir / "OCRB.otf");
  std::ofstream(dir / "OCRB.otf", std::ios::app) << "x";
  FontSet fonts(dir);
  Diagnostics errors = fonts.load(6);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, codes::kFontMismatch);
  EXPECT_EQ(errors[0].severity, Severity::error);
  EXPECT_NE(errors[0].message.find((dir / "OCRB.otf").string()), std::string::npos);
  EXPECT_NE(
      errors[0].message.find("84558d47dbc19bb5887cc7b72ed62c64534fd00f0b569d28e6dc63b71fe27707"),
      std::string::npos);
  EXPECT_NE(errors[0].message.find(file_sha256((dir / "OCRB.otf").string())), std::string::npos);
  // The font draws blank cells of the right size instead.
  Bitmap line = fonts.text_line("AB", 6, 1, 1);
  EXPECT_EQ(line.width(), 28);
  EXPECT_EQ(black_count(line), 0);
  std::filesystem::remove_all(dir);
}

TEST(Fonts, MissingFileNamesIt) {
  auto dir = temp_dir("missing");
  FontSet fonts(dir);
  Diagnostics errors = fonts.load(7);  // Terminus for ASCII, WQY for the rest
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].code, codes::kFontMissing);
  EXPECT_NE(errors[0].message.find("TerminusTTF-4.46.0.ttf"), std::string::npos);
  EXPECT_NE(errors[1].message.find("wqy-zenhei.ttc"), std::string::npos);
  EXPECT_NE(errors[1].hint.find("fonts-wqy-zenhei"), std::string::npos);
  std::filesystem::remove_all(dir);
}

// Every descriptor taken (EMFILE): the font cannot be opened now, and says why. It is not
// kept: once descriptors are free again, the same FontSet draws it, as a server's long-lived
// renderer must. It once stayed DL0400 for the renderer's life.
TEST(Fonts, AFailureThatMayPassIsNotKept) {
  FontSet fonts;
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = 64;
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  std::vector<int> taken;
  for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;) taken.push_back(fd);
  Diagnostics now = fonts.load(6);
  Bitmap blank = fonts.text_line("AB", 6, 1, 1);
  for (int fd : taken) ::close(fd);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].code, codes::kFontMissing);
  EXPECT_NE(now[0].message.find(std::strerror(EMFILE)), std::string::npos) << now[0].message;
  EXPECT_EQ(black_count(blank), 0);

  EXPECT_TRUE(fonts.load(6).empty());
  Bitmap line = fonts.text_line("AB", 6, 1, 1);
  EXPECT_EQ(line.width(), 28);
  EXPECT_GT(black_count(line), 0);
}

TEST(Fonts, EnvironmentOverridesTheFontFolder) {
  auto dir = temp_dir("env");
  ::setenv("DOTLABEL_FONT_DIR", dir.c_str(), 1);
  FontSet fonts;
  ::unsetenv("DOTLABEL_FONT_DIR");
  EXPECT_EQ(fonts.load(8).at(0).code, codes::kFontMissing);
  std::filesystem::remove_all(dir);
}

struct CellCase {
  int font;
  const char* text;
  int width, height;
};

class CellSize : public ::testing::TestWithParam<CellCase> {};

// Every character occupies its cell, whatever its glyph: the spec's cell table.
TEST_P(CellSize, MatchesTheSpecTable) {
  static FontSet fonts;
  const CellCase& c = GetParam();
  Bitmap line = fonts.text_line(c.text, c.font, 1, 1);
  EXPECT_EQ(line.width(), c.width) << c.text;
  EXPECT_EQ(line.height(), c.height) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Fonts, CellSize,
    ::testing::Values(
        CellCase{1, "AB", 16, 12}, CellCase{2, "AB", 24, 20}, CellCase{3, "AB", 32, 24},
        CellCase{4, "AB", 48, 32}, CellCase{5, "AB", 64, 48}, CellCase{6, "AB", 28, 19},
        CellCase{7, "AB", 24, 24}, CellCase{7, "宫A", 36, 24}, CellCase{7, "宫保鸡丁", 96, 24},
        CellCase{7, "Жω￥", 72, 24},  // GB2312 double-byte: full width
        CellCase{8, "AB", 16, 16}, CellCase{8, "宫A", 24, 16}, CellCase{8, "Ж", 16, 16},
        CellCase{3, "i.W", 48, 24},  // the advance is the cell, not the glyph
        CellCase{3, "¥", 16, 24},    // fonts 1..6 lack it: a blank cell
        CellCase{7, "", 0, 24}));

TEST(Fonts, EachCharacterIsItsCellSideBySide) {
  FontSet fonts;
  for (int f = 1; f <= 8; ++f) {
    Bitmap one = fonts.text_line("A", f, 1, 1), two = fonts.text_line("AA", f, 1, 1);
    ASSERT_EQ(two.width(), 2 * one.width());
    for (int y = 0; y < one.height(); ++y)
      for (int x = 0; x < one.width(); ++x) {
        ASSERT_EQ(two.get(x, y), one.get(x, y));
        ASSERT_EQ(two.get(x + one.width(), y), one.get(x, y));
      }
    EXPECT_GT(black_count(one), 10) << "f=" << f << "\n" << art(one);
  }
}

TEST(Fonts, MagnificationReplicatesPixels) {
  FontSet fonts;
  Bitmap small = fonts.text_line("宫A", 7, 1, 1), big = fonts.text_line("宫A", 7, 2, 3);
  ASSERT_EQ(big.width(), 72);
  ASSERT_EQ(big.height(), 72);
  for (int y = 0; y < big.height(); ++y)
    for (int x = 0; x < big.width(); ++x)
      ASSERT_EQ(big.get(x, y), small.get(x / 2, y / 3)) << x << "," << y;
}

TEST(Fonts, FontFiveIsStrikeSixDoubled) {
  FontSet fonts;
  EXPECT_EQ(fonts.text_line("Ag", 5, 1, 1), fonts.text_line("Ag", 3, 2, 2));
}

// Placement per docs/fonts.md: ink stays inside the cell, rows above the baseline = B.
TEST(Fonts, GlyphsSitOnTheBaseline) {
  FontSet fonts;
  auto ink_rows = [](const Bitmap& b) {
    int top = b.height(), bottom = -1;
    for (int y = 0; y < b.height(); ++y)
      for (int x = 0; x < b.width(); ++x)
        if (b.get(x, y)) top = std::min(top, y), bottom = std::max(bottom, y);
    return std::pair(top, bottom);
  };
  // "H" stands on the baseline: its last ink row is B - 1.
  struct Case {
    int font;
    int baseline;
  } cases[] = {{1, 10}, {2, 16}, {3, 19}, {4, 26}, {5, 38}, {6, 15}, {7, 20}, {8, 14}};
  for (const Case& c : cases) {
    Bitmap h = fonts.text_line("H", c.font, 1, 1);
    EXPECT_EQ(ink_rows(h).second, c.baseline - 1) << "f=" << c.font << "\n" << art(h);
  }
  // A hanzi at 22 ppem keeps all its rows inside the 24-dot cell.
  Bitmap hanzi = fonts.text_line("赢餐", 7, 1, 1);
  EXPECT_GE(ink_rows(hanzi).first, 0);
  EXPECT_LT(ink_rows(hanzi).second, 24);
}

// A glyph narrower than its cell is centred: Unifont's 8-dot Cyrillic in a 16-dot cell.
TEST(Fonts, NarrowGlyphsAreCentredInTheirCell) {
  FontSet fonts;
  Bitmap zhe = fonts.text_line("Ж", 8, 1, 1);
  int left = zhe.width(), right = -1;
  for (int y = 0; y < zhe.height(); ++y)
    for (int x = 0; x < zhe.width(); ++x)
      if (zhe.get(x, y)) left = std::min(left, x), right = std::max(right, x);
  EXPECT_GE(left, 4) << art(zhe);
  EXPECT_LE(right, 11) << art(zhe);
}

TEST(Fonts, MissingGlyphIsABlankCell) {
  FontSet fonts;
  Bitmap emoji = fonts.text_line("\xF0\x9F\x98\x80", 7, 1, 1);  // U+1F600: not in WQY
  EXPECT_EQ(emoji.width(), 24);
  EXPECT_EQ(black_count(emoji), 0);
  // Outside GB2312 the printer prints nothing, though WQY and Unifont have these glyphs.
  for (const char* outside : {"€", "¥", "\xE4\xB8\x82"}) {  // U+4E02: a hanzi beyond GB2312
    for (int f : {7, 8}) {
      Bitmap blank = fonts.text_line(outside, f, 1, 1);
      EXPECT_EQ(blank.width(), f == 7 ? 24 : 16) << outside;
      EXPECT_EQ(black_count(blank), 0) << outside << " f=" << f;
    }
  }
  EXPECT_GT(black_count(fonts.text_line("Жω￥", 7, 1, 1)), 30);   // GB2312: printed
  EXPECT_EQ(black_count(fonts.text_line("\t\x7F", 3, 1, 1)), 0);  // controls: blank cells
  Bitmap broken = fonts.text_line("\xFF", 8, 1, 1);  // invalid UTF-8: one blank full cell
  EXPECT_EQ(broken.width(), 16);
  EXPECT_EQ(black_count(broken), 0);
}

// FREETYPE_PROPERTIES would change outline rendering; the renderer pins the properties.
TEST(Fonts, DeterministicWhateverFreetypeProperties) {
  Bitmap reference;
  {
    FontSet fonts;
    reference = fonts.text_line("宫保鸡丁 OCR", 7, 1, 1);
  }
  ::setenv("FREETYPE_PROPERTIES",
           "truetype:interpreter-version=35 cff:no-stem-darkening=0 cff:hinting-engine=freetype",
           1);
  FontSet fonts;
  Bitmap again = fonts.text_line("宫保鸡丁 OCR", 7, 1, 1);
  Bitmap ocr = fonts.text_line("OCR-B 123", 6, 1, 1);
  ::unsetenv("FREETYPE_PROPERTIES");
  EXPECT_EQ(again, reference);
  FontSet clean;
  EXPECT_EQ(clean.text_line("OCR-B 123", 6, 1, 1), ocr);
}

TEST(Fonts, ThreadsShareOneFontSet) {
  FontSet fonts;
  const std::string text = "宫保鸡丁 Kung Pao 12";
  std::vector<Bitmap> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int f = 1; f <= 8; ++f) results[i] = fonts.text_line(text, 1 + (f + i) % 8, 1, 1);
      results[i] = fonts.text_line(text, 7, 2, 1);
    });
  for (auto& t : threads) t.join();
  FontSet single;
  for (const Bitmap& b : results) EXPECT_EQ(b, single.text_line(text, 7, 2, 1));
}

// A thread keeps the cells it looked up: a FontSet made after another was destroyed (maybe at
// its address) draws from its own files, not from the cells the thread found in the other.
TEST(Fonts, AThreadsCellsAreEachFontSetsOwn) {
  auto empty = temp_dir("own-cells");
  for (int round = 0; round < 3; ++round) {
    {
      FontSet installed;
      // Twice: the second time the thread finds the cells in the cache and keeps them.
      for (int again = 0; again < 2; ++again)
        EXPECT_GT(black_count(installed.text_line("AB", 6, 1, 1)), 0);
    }
    {
      FontSet missing(empty);  // no font files: blank cells
      Bitmap line = missing.text_line("AB", 6, 1, 1);
      EXPECT_EQ(line.width(), 28);
      EXPECT_EQ(black_count(line), 0) << "round " << round;
    }
  }
  std::filesystem::remove_all(empty);
}

// A thread keeps the lines it drew last: a line drawn again, with one glyph changed, at another
// magnification or after more lines than are kept, is the line a FontSet that never drew the
// others draws.
TEST(Fonts, KeptLinesAreTheLinesAskedFor) {
  using Asked = std::tuple<std::string, int, int>;  // text, xw, yh
  std::vector<Asked> asked = {{"Kung Pao", 1, 1}, {"Kung Pao", 2, 1}, {"Kung Pao", 1, 3},
                              {"Kung Pan", 1, 1}, {"Kung Pao", 1, 1}, {"宫保鸡丁", 1, 1},
                              {"Kung Pao", 1, 1}};
  for (int i = 0; i < 12; ++i) asked.emplace_back("line " + std::to_string(i), 1, 1);
  asked.emplace_back("Kung Pao", 1, 1);
  asked.emplace_back("Kung Pao", 2, 1);
  // Each distinct line drawn once, on a thread of its own: none of these comes from a kept one.
  std::map<Asked, Bitmap> expected;
  std::thread([&] {
    FontSet fresh;
    for (const auto& [text, xw, yh] : asked)
      if (!expected.contains({text, xw, yh}))
        expected.emplace(Asked{text, xw, yh}, fresh.text_line(text, 7, xw, yh));
  }).join();
  FontSet drawing;
  for (int round = 0; round < 2; ++round)
    for (const auto& [text, xw, yh] : asked)
      EXPECT_EQ(drawing.text_line(text, 7, xw, yh), expected.at({text, xw, yh}))
          << text << " " << xw << "x" << yh << " round " << round;
  // A line without cells is as high as its font's cells, whichever font drew one last.
  EXPECT_EQ(drawing.text_line("", 7, 1, 1).height(), drawing.cell_height(7));
  EXPECT_EQ(drawing.text_line("", 8, 1, 1).height(), drawing.cell_height(8));
  EXPECT_EQ(drawing.text_line("", 7, 1, 1).height(), drawing.cell_height(7));
  EXPECT_NE(drawing.cell_height(8), drawing.cell_height(7));
  // Lines of different widths: "Kung Pao" at xw=2 is twice as wide as at 1.
  EXPECT_EQ(drawing.text_line("Kung Pao", 7, 2, 1).width(),
            2 * drawing.text_line("Kung Pao", 7, 1, 1).width());
}

}  // namespace
}  // namespace dotlabel::render
