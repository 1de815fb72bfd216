// encode_png over every golden image (golden/**/*.png, the expected dots of the golden suite):
// the PNG it writes decodes to the same dots, is no larger than the golden file (written by the
// encoder before it: libpng at zlib level 1), has the chunks in the same order, and pngcheck
// finds nothing wrong with it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dotlabel/encode.hpp"

namespace dotlabel {
namespace {

namespace fs = std::filesystem;

using Bytes = std::vector<std::uint8_t>;

Bytes read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> golden_pngs() {
  std::vector<fs::path> found;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(DOTLABEL_SOURCE_DIR) / "golden"))
    if (entry.path().extension() == ".png") found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  return found;
}

// The chunk types of a PNG in order, "" at a chunk that overruns the file.
std::vector<std::string> chunk_types(const Bytes& png) {
  std::vector<std::string> types;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    std::size_t length = std::size_t{png[at]} << 24 | std::size_t{png[at + 1]} << 16 |
                         std::size_t{png[at + 2]} << 8 | png[at + 3];
    if (length > png.size() - at - 12) return types.push_back(""), types;
    types.emplace_back(png.begin() + static_cast<long>(at + 4),
                       png.begin() + static_cast<long>(at + 8));
    at += 12 + length;
  }
  return types;
}

class PngGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dotlabel-png-golden-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(PngGolden, ReEncodedGoldensKeepTheirDotsAndPassPngcheck) {
  std::vector<fs::path> goldens = golden_pngs();
  ASSERT_GE(goldens.size(), 50u);  // the suite's images, not an empty folder
  const std::vector<std::string> order{"IHDR", "pHYs", "IDAT", "IEND"};
  std::string written;
  std::size_t old_total = 0, new_total = 0;
  for (std::size_t i = 0; i < goldens.size(); ++i) {
    const fs::path& golden = goldens[i];
    Bytes old_png = read_bytes(golden);
    std::optional<Bitmap> dots = decode_png(old_png);
    ASSERT_TRUE(dots) << golden;
    Bytes png = encode_png(*dots);
    EXPECT_EQ(decode_png(png), dots) << golden;
    EXPECT_LE(png.size(), old_png.size()) << golden;
    EXPECT_EQ(chunk_types(png), order) << golden;
    EXPECT_EQ(chunk_types(old_png), order) << golden;
    old_total += old_png.size();
    new_total += png.size();
    fs::path out = dir_ / (std::to_string(i) + ".png");
    std::ofstream(out, std::ios::binary)
        .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    written += " '" + out.string() + "'";
  }
  // pngcheck -q prints only the files with errors, and exits non-zero for any.
  std::string command = "pngcheck -q" + written + " >'" + (dir_ / "report").string() + "' 2>&1";
  int status = std::system(command.c_str());
  std::ifstream report(dir_ / "report");
  std::string problems((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
  EXPECT_EQ(status, 0) << "pngcheck (tools/install-deps.sh installs it): " << problems;
  EXPECT_EQ(problems, "");
  EXPECT_LT(new_total, old_total);
}

// pngcheck notices a broken PNG: the check above can fail.
TEST_F(PngGolden, PngcheckRejectsABrokenCrc) {
  Bitmap dots(16, 16);
  dots.fill(2, 2, 5, 5);
  Bytes png = encode_png(dots);
  png[8 + 8 + 13] ^= 1;  // IHDR's CRC
  std::ofstream(dir_ / "bad.png", std::ios::binary)
      .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  std::string command = "pngcheck -q '" + (dir_ / "bad.png").string() + "' >/dev/null 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace dotlabel
