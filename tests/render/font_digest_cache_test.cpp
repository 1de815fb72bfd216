// The verified-digest cache of the font files (docs/fonts.md, "The digest cache"): a file is
// trusted without hashing only while its identity is exactly the one recorded, and every broken
// cache falls back to hashing without a word.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "diagnostic_codes.hpp"
#include "font_files.hpp"

namespace dotlabel::render {
namespace {

namespace fs = std::filesystem;

const fs::path kOcrb = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";
// fonts/manifest.json's xxh3_128 of OCRB.otf.
const std::string kOcrbDigest = [] {
  std::ifstream in(std::string(DOTLABEL_SOURCE_DIR) + "/fonts/manifest.json");
  return nlohmann::json::parse(in).at("files").at("ocrb").at("xxh3_128").get<std::string>();
}();

// An environment variable set (or unset, for nullopt) for one scope, then put back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

class FontDigestCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("dotlabel-digest-cache-" + std::to_string(::getpid()) + "-" + current_test_name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "fonts");
    fs::create_directories(root_ / "cache");
  }
  void TearDown() override { fs::remove_all(root_); }

  static std::string current_test_name() {
    return ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  fs::path cache_file() const { return root_ / "cache" / "font-digests-v1"; }

  // OCRB.otf copied into the test's font folder: a new inode, a fresh ctime.
  fs::path copy_ocrb() const {
    fs::path copy = root_ / "fonts" / "OCRB.otf";
    fs::copy_file(kOcrb, copy);
    return copy;
  }

  // The errors of opening OCR-B (printer font 6) in a new FontFiles over `font_dir` (empty: the
  // Debian paths).
  static Diagnostics open_ocrb(const fs::path& font_dir) {
    FontFiles files(font_dir);
    return files.open(files.font(6).ascii);
  }

  fs::path root_;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Identity {
  unsigned long long dev, ino;
  long long size, mtime_ns, ctime_ns;
};

Identity identity_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  auto ns = [](const struct timespec& t) { return t.tv_sec * 1'000'000'000LL + t.tv_nsec; };
  return {st.st_dev, st.st_ino, st.st_size, ns(st.st_mtim), ns(st.st_ctim)};
}

// A cache line in the format docs/fonts.md gives.
std::string entry(const Identity& id, const std::string& digest, const fs::path& path) {
  return std::to_string(id.dev) + ' ' + std::to_string(id.ino) + ' ' + std::to_string(id.size) +
         ' ' + std::to_string(id.mtime_ns) + ' ' + std::to_string(id.ctime_ns) + ' ' + digest +
         ' ' + path.string() + '\n';
}

// The safety of the cache: a file changed in place, same size, its mtime put back, is not
// trusted, because its ctime moved. A file changed within the last second is never recorded
// (a write in the same timestamp tick would leave even the ctime as it was).
TEST_F(FontDigestCacheTest, ChangedFileWithItsOldMtimeIsHashedAgain) {
  ScopedEnv cache("DOTLABEL_CACHE_DIR", (root_ / "cache").string());
  const fs::path font = copy_ocrb();
  EXPECT_TRUE(open_ocrb(root_ / "fonts").empty());
  EXPECT_EQ(slurp(cache_file()).find(font.string()), std::string::npos) << "recorded while fresh";

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_TRUE(open_ocrb(root_ / "fonts").empty());
  const Identity before = identity_of(font);
  EXPECT_EQ(slurp(cache_file()), entry(before, kOcrbDigest, font));

  {
    std::fstream f(font, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(before.size / 2));
    char byte = 0;
    f.get(byte);
    f.seekp(static_cast<std::streamoff>(before.size / 2));
    f.put(static_cast<char>(byte ^ 1));
  }
  const struct timespec times[2] = {{0, UTIME_OMIT},
                                    {static_cast<time_t>(before.mtime_ns / 1'000'000'000),
                                     static_cast<long>(before.mtime_ns % 1'000'000'000)}};
  ASSERT_EQ(::utimensat(AT_FDCWD, font.c_str(), times, 0), 0);
  const Identity after = identity_of(font);
  ASSERT_EQ(after.ino, before.ino);
  ASSERT_EQ(after.size, before.size);
  ASSERT_EQ(after.mtime_ns, before.mtime_ns);

  Diagnostics errors = open_ocrb(root_ / "fonts");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, codes::kFontMismatch);
}

// The recorded digest stands in for hashing. Proven without timing: an entry with the file's
// exact identity but a digest that is not the manifest's makes the correct file fail the check,
// which only the cache can have said. With any one field of the identity off, the entry does
// not count and the file is hashed (and opens).
TEST_F(FontDigestCacheTest, AnEntryOfTheSameIdentityStandsInForTheHash) {
  ScopedEnv cache("DOTLABEL_CACHE_DIR", (root_ / "cache").string());
  const fs::path font = copy_ocrb();
  const Identity id = identity_of(font);
  const std::string wrong = "0123456789abcdef0123456789abcdef";

  std::ofstream(cache_file()) << entry(id, wrong, font);
  Diagnostics errors = open_ocrb(root_ / "fonts");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, codes::kFontMismatch);
  EXPECT_NE(errors[0].message.find(wrong), std::string::npos) << errors[0].message;

  for (int field = 0; field < 5; ++field) {
    Identity off = id;
    switch (field) {
      case 0:
        ++off.dev;
        break;
      case 1:
        ++off.ino;
        break;
      case 2:
        ++off.size;
        break;
      case 3:
        ++off.mtime_ns;
        break;
      default:
        ++off.ctime_ns;
        break;
    }
    std::ofstream(cache_file()) << entry(off, wrong, font);
    EXPECT_TRUE(open_ocrb(root_ / "fonts").empty()) << "field " << field;
  }
}

// Whatever the cache file holds, the fonts open without a diagnostic, nothing in it that is not
// a whole well-formed line counts, and the file is rewritten with the verified entry alone.
TEST_F(FontDigestCacheTest, BrokenCacheFilesAreIgnoredAndReplaced) {
  ScopedEnv cache("DOTLABEL_CACHE_DIR", (root_ / "cache").string());
  ScopedEnv fonts("DOTLABEL_FONT_DIR", std::nullopt);
  const Identity id = identity_of(kOcrb);
  const std::string wrong = "0123456789abcdef0123456789abcdef";
  std::string line = entry(id, wrong, kOcrb);
  std::string cut = line.substr(0, line.size() - 1);  // a file cut short: no newline
  std::string number_junk = line;
  number_junk.insert(number_junk.find(' '), "x");
  std::string upper = entry(id, "0123456789ABCDEF0123456789ABCDEF", kOcrb);
  std::string oversized;
  while (oversized.size() <= (64u << 10)) oversized += std::string(200, 'z') + '\n';
  oversized += line;  // past the cap: not read
  const std::string cases[] = {std::string("\0\xff garbage\n\n \n", 14),
                               cut,
                               number_junk,
                               "+" + line,
                               " " + line,
                               upper,
                               line.substr(0, line.find(wrong)) + "0123\n",
                               oversized};
  for (const std::string& text : cases) {
    std::ofstream(cache_file(), std::ios::binary | std::ios::trunc) << text;
    EXPECT_TRUE(open_ocrb({}).empty()) << text.substr(0, 300);
    EXPECT_EQ(slurp(cache_file()), entry(id, kOcrbDigest, kOcrb)) << text.substr(0, 300);
  }
}

TEST_F(FontDigestCacheTest, UnwritableOrDisabledCacheStillOpensFonts) {
  ScopedEnv fonts("DOTLABEL_FONT_DIR", std::nullopt);
  std::ofstream(root_ / "not-a-folder") << "x";
  {
    ScopedEnv cache("DOTLABEL_CACHE_DIR", (root_ / "not-a-folder" / "cache").string());
    EXPECT_TRUE(open_ocrb({}).empty());
  }
  // Empty: no cache at all, not the XDG or home one.
  ScopedEnv cache("DOTLABEL_CACHE_DIR", "");
  ScopedEnv xdg("XDG_CACHE_HOME", (root_ / "xdg").string());
  ScopedEnv home("HOME", (root_ / "home").string());
  EXPECT_TRUE(open_ocrb({}).empty());
  EXPECT_FALSE(fs::exists(root_ / "xdg"));
  EXPECT_FALSE(fs::exists(root_ / "home"));
}

// Without DOTLABEL_CACHE_DIR: $XDG_CACHE_HOME/dotlabel, else $HOME/.cache/dotlabel, made
// private to the user.
TEST_F(FontDigestCacheTest, DefaultsToXdgCacheHomeThenHome) {
  ScopedEnv fonts("DOTLABEL_FONT_DIR", std::nullopt);
  ScopedEnv cache("DOTLABEL_CACHE_DIR", std::nullopt);
  ScopedEnv home("HOME", (root_ / "home").string());
  const std::string expected = entry(identity_of(kOcrb), kOcrbDigest, kOcrb);
  {
    ScopedEnv xdg("XDG_CACHE_HOME", (root_ / "xdg").string());
    EXPECT_TRUE(open_ocrb({}).empty());
    EXPECT_EQ(slurp(root_ / "xdg" / "dotlabel" / "font-digests-v1"), expected);
    EXPECT_EQ(fs::status(root_ / "xdg" / "dotlabel").permissions(), fs::perms::owner_all);
  }
  ScopedEnv xdg("XDG_CACHE_HOME", "relative/is/ignored");
  EXPECT_TRUE(open_ocrb({}).empty());
  EXPECT_EQ(slurp(root_ / "home" / ".cache" / "dotlabel" / "font-digests-v1"), expected);
}

}  // namespace
}  // namespace dotlabel::render
