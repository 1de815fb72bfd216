// Output files get the mode of any new file, 0666 less the umask, and the umask is never
// touched to learn it: it belongs to the whole process, so setting it even for a moment
// changes the mode of files other threads create in that moment (`dotlabel golden` writes
// expected images from several threads; an embedder may create files in its own).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli.hpp"
#include "pipeline/src/files.hpp"
#include "testing/golden/src/files.hpp"
#include "umask_probe.hpp"

namespace dotlabel::test {
namespace {

namespace fs = std::filesystem;

const std::vector<std::uint8_t> kBytes{'d', 'o', 't', 's'};

class OutputMode : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dotlabel-output-mode-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Unlike the usual 022, so that a mode fixed in the code cannot pass for the umask's.
    previous_ = ::umask(027);
    calls_ = umask_calls();
  }
  void TearDown() override {
    ::umask(previous_);
    fs::remove_all(dir_);
  }

  static unsigned mode_of(const fs::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
  }
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(dir_))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
  mode_t previous_ = 0;
  int calls_ = 0;
};

TEST_F(OutputMode, CliWriteOutput) {
  std::string error;
  ASSERT_TRUE(cli::write_output((dir_ / "out.png").string(), kBytes, {}, error)) << error;
  EXPECT_EQ(umask_calls(), calls_) << "umask() was called";
  EXPECT_EQ(mode_of(dir_ / "out.png"), 0640u);
  EXPECT_EQ(files(), std::vector<std::string>{"out.png"});
}

TEST_F(OutputMode, PipelineStagedOutputs) {
  Diagnostic error;
  {
    pipeline::StagedOutputs outputs;
    ASSERT_TRUE(outputs.add((dir_ / "out-1.png").string(), kBytes, error)) << error.message;
    ASSERT_TRUE(outputs.add((dir_ / "out-2.png").string(), kBytes, error)) << error.message;
    ASSERT_TRUE(outputs.commit(error)) << error.message;
  }
  EXPECT_EQ(umask_calls(), calls_) << "umask() was called";
  EXPECT_EQ(mode_of(dir_ / "out-1.png"), 0640u);
  EXPECT_EQ(mode_of(dir_ / "out-2.png"), 0640u);
  EXPECT_EQ(files(), (std::vector<std::string>{"out-1.png", "out-2.png"}));
}

TEST_F(OutputMode, GoldenWriteFile) {
  std::string error;
  ASSERT_TRUE(golden::write_file(dir_ / "case.png", kBytes, error)) << error;
  EXPECT_EQ(umask_calls(), calls_) << "umask() was called";
  EXPECT_EQ(mode_of(dir_ / "case.png"), 0640u);
  EXPECT_EQ(files(), std::vector<std::string>{"case.png"});
}

}  // namespace
}  // namespace dotlabel::test
