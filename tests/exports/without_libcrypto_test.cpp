// A program linked against libdotlabel.so alone, run where libcrypto.so.3 cannot be loaded (a
// file that is not a shared object comes first on LD_LIBRARY_PATH, tests/exports/CMakeLists.txt):
// the library starts without libcrypto, loads it only to make a digest, and fails cleanly when
// it cannot: a submit is a configuration error that sent nothing, a font file that fails its
// check is still reported with its xxh3_128.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <dotlabel/client/xpyun.hpp>
#include <dotlabel/compiler.hpp>
#include <dotlabel/render.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "diagnostic_codes.hpp"
#include "file_xxh3.hpp"

namespace {

namespace fs = std::filesystem;
using dotlabel::testing::file_xxh3_128;

constexpr const char* kCannotLoad = "cannot load libcrypto.so.3";

TEST(WithoutLibcrypto, TheLibraryStartsWithoutLoadingIt) {
  EXPECT_EQ(::dlopen("libcrypto.so.3", RTLD_NOW | RTLD_NOLOAD), nullptr);
  // What the tests below rely on: the file first on LD_LIBRARY_PATH is refused by the loader.
  EXPECT_EQ(::dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL), nullptr);
}

// Mirrors SubmitCli.WithoutLibcurlSaysWhatToInstallAndSendsNothing (tests/client/cli_test.cpp),
// which the CLI cannot run for libcrypto: it links libcpp-httplib, which needs libcrypto itself.
TEST(WithoutLibcrypto, SubmitIsAConfigurationErrorThatSaysWhatToInstall) {
  // Port 1: should a request leave, it fails as a transport error, not a configuration one.
  dotlabel::client::XpyunClient client({"user", "key"}, "http://127.0.0.1:1/");
  auto result = client.query_order_state("OM1");
  ASSERT_TRUE(result.error.has_value());
  const dotlabel::client::Error& error = *result.error;
  EXPECT_EQ(error.kind, dotlabel::client::ErrorKind::config);
  EXPECT_FALSE(error.maybe_delivered);
  EXPECT_EQ(error.vendor, "xpyun");
  EXPECT_EQ(error.endpoint, "queryOrderState");
  EXPECT_NE(error.detail.find(kCannotLoad), std::string::npos) << error.detail;
  EXPECT_NE(error.detail.find("install libssl3"), std::string::npos) << error.detail;
}

TEST(WithoutLibcrypto, SignatureFunctionsThrowWhatToInstall) {
  try {
    dotlabel::client::xpyun_sign("a", "b", "c");
    FAIL() << "xpyun_sign returned without libcrypto";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(kCannotLoad), std::string::npos) << e.what();
  }
}

TEST(WithoutLibcrypto, FontMismatchIsStillReportedWithItsXxh3) {
  const fs::path dir = fs::temp_directory_path() / "dotlabel_without_libcrypto_fonts";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file("/usr/share/fonts/opentype/ocr-b/OCRB.otf", dir / "OCRB.otf");
  std::ofstream(dir / "OCRB.otf", std::ios::app) << "x";
  dotlabel::CompileResult compiled = dotlabel::compile(
      R"(<PAGE w="40" l="30"><LABEL id="1"><TEXT x="1" y="1" f="6">A</TEXT></LABEL></PAGE>)");
  ASSERT_TRUE(compiled.ok()) << dotlabel::format_json(compiled.diagnostics);
  dotlabel::Renderer renderer({dir, {}});
  dotlabel::Diagnostics diagnostics = renderer.prepare(*compiled.document);
  std::ifstream manifest_file(std::string(DOTLABEL_SOURCE_DIR) + "/fonts/manifest.json");
  const nlohmann::json ocrb = nlohmann::json::parse(manifest_file).at("files").at("ocrb");
  int mismatches = 0;
  for (const dotlabel::Diagnostic& d : diagnostics) {
    if (d.code != dotlabel::codes::kFontMismatch.code) continue;
    ++mismatches;
    EXPECT_NE(d.message.find("has sha256 (unavailable: " + std::string(kCannotLoad)),
              std::string::npos)
        << d.message;
    EXPECT_NE(d.message.find(ocrb.at("sha256").get<std::string>()), std::string::npos);
    EXPECT_NE(d.message.find("xxh3_128 " + file_xxh3_128(dir / "OCRB.otf") + ", expected " +
                             ocrb.at("xxh3_128").get<std::string>()),
              std::string::npos)
        << d.message;
  }
  EXPECT_EQ(mismatches, 1);
  fs::remove_all(dir);
}

}  // namespace
