// resolve/qr_mask.cpp against libqrencode itself: the symbol (mask included) must be exactly
// QRcode_encodeData's, or printed labels and goldens would change.
#include "resolve/qr_mask.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

// Exported by libqrencode.so.4 and listed in Debian's symbols file for libqrencode4, not declared
// in qrencode.h: QRcode_encodeInput with a fixed mask, and the N1 + N2 + N3 penalty of a masked
// symbol that Mask_mask adds to N4.
extern "C" QRcode* QRcode_encodeMask(QRinput* input, int mask);
extern "C" int Mask_evaluateSymbol(int width, unsigned char* frame);

namespace dotlabel::test {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct CodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using Code = std::unique_ptr<QRcode, CodeDeleter>;

struct InputDeleter {
  void operator()(QRinput* input) const { QRinput_free(input); }
};

Bytes bytes(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

// Version 40's capacity in 8-bit bytes at L, M, Q, H.
constexpr int kCapacity[4] = {2953, 2331, 1663, 1273};

// Our symbol is QRcode_encodeData's byte for byte (every module's flags, not only dark ones), or
// both fail with the same errno.
void expect_same_symbol(const Bytes& data, QRecLevel level) {
  errno = 0;
  Code expected(QRcode_encodeData(static_cast<int>(data.size()), data.data(), 0, level));
  const int expected_errno = errno;
  render::QrModules ours;
  errno = 0;
  const bool encoded = render::encode_qr(data.data(), data.size(), level, ours);
  ASSERT_EQ(encoded, expected != nullptr) << data.size() << " bytes at level " << level;
  if (!expected) {
    EXPECT_EQ(errno, expected_errno);
    return;
  }
  ASSERT_EQ(ours.version, expected->version);
  ASSERT_EQ(ours.width, expected->width);
  const Bytes theirs(expected->data, expected->data + expected->width * expected->width);
  EXPECT_TRUE(ours.modules == theirs)
      << data.size() << " bytes at level " << level << ", version " << ours.version;
}

Bytes random_bytes(std::mt19937& rng, int size, bool ascii) {
  Bytes data(static_cast<std::size_t>(size));
  for (std::uint8_t& b : data)
    b = static_cast<std::uint8_t>(ascii ? 0x20 + rng() % 95 : rng() % 256);
  return data;
}

TEST(QrMask, SameSymbolAsLibqrencodeForRandomContent) {
  std::mt19937 rng(20261130);
  for (int level = QR_ECLEVEL_L; level <= QR_ECLEVEL_H; ++level) {
    // Short contents (a label's links and order numbers: versions 1 to 10) and every length up
    // to version 40's capacity.
    for (int i = 0; i < 500; ++i) {
      const int size = i % 2 ? 1 + static_cast<int>(rng() % 200)
                             : 1 + static_cast<int>(rng() % kCapacity[level]);
      expect_same_symbol(random_bytes(rng, size, rng() % 2), static_cast<QRecLevel>(level));
      if (HasFailure()) return;
    }
  }
}

TEST(QrMask, SameSymbolAsLibqrencodeForUniformContent) {
  const std::string cjk = "宫保鸡丁 中文标签 订单号 ";  // UTF-8, 3 bytes a character
  for (int level = QR_ECLEVEL_L; level <= QR_ECLEVEL_H; ++level) {
    const auto ecc = static_cast<QRecLevel>(level);
    for (int size : {1, 2, 3, 7, 14, 17, 32, 61, 100, 271, 500, 1000, kCapacity[level] - 1,
                     kCapacity[level], kCapacity[level] + 1, 4000}) {
      SCOPED_TRACE(size);
      expect_same_symbol(Bytes(static_cast<std::size_t>(size), 0), ecc);
      expect_same_symbol(Bytes(static_cast<std::size_t>(size), 0xff), ecc);
      expect_same_symbol(Bytes(static_cast<std::size_t>(size), 'A'), ecc);
      std::string text;
      while (static_cast<int>(text.size()) < size) text += cjk;
      expect_same_symbol(bytes(text.substr(0, static_cast<std::size_t>(size))), ecc);
    }
  }
}

TEST(QrMask, SameSymbolAsLibqrencodeForGoldenContent) {
  const std::pair<const char*, QRecLevel> goldens[] = {
      {"2", QR_ECLEVEL_L},
      {"https://www.ge7easy.com/html5/pages/indexs/dairuku_xq/dairuku_xq?id={{package.id}}",
       QR_ECLEVEL_L},
      {"https://www.xpyun.net/open/index.html", QR_ECLEVEL_L},
      {"https://www.xpyun.net/open/index.html", QR_ECLEVEL_M},
      {"https://dotlabel.example/qr", QR_ECLEVEL_L},
      {"https://dotlabel.example/qr", QR_ECLEVEL_M},
      {"https://dotlabel.example/qr", QR_ECLEVEL_Q},
      {"https://dotlabel.example/qr", QR_ECLEVEL_H},
      {"https://dotlabel.example/qz", QR_ECLEVEL_M},
      {"dotlabel s1", QR_ECLEVEL_L},
      {"s10", QR_ECLEVEL_L},
      {"宫保鸡丁 Kung Pao ¥12", QR_ECLEVEL_M},
      {"中文标签 ¥99.50 订单号 A-1", QR_ECLEVEL_H},
  };
  for (const auto& [content, level] : goldens) {
    SCOPED_TRACE(content);
    expect_same_symbol(bytes(content), level);
  }
}

TEST(QrMask, EmptyContentFailsAsLibqrencode) {
  const std::uint8_t none = 0;
  render::QrModules ours;
  errno = 0;
  EXPECT_FALSE(render::encode_qr(&none, 0, QR_ECLEVEL_M, ours));
  EXPECT_EQ(errno, EINVAL);
}

// Each mask's penalty, not only the winner: libqrencode's own N1 + N2 + N3 of the symbol it masks
// with that mask, plus N4 from its dark modules (mask.c's rounding). Scored from a symbol carrying
// any of the eight masks, the penalties are the same.
TEST(QrMask, EveryMasksPenaltyIsLibqrencodes) {
  std::mt19937 rng(7);
  for (int i = 0; i < 120; ++i) {
    const auto level = static_cast<QRecLevel>(i % 4);
    const int size = 1 + static_cast<int>(rng() % (i < 100 ? 120 : kCapacity[level]));
    const Bytes data = random_bytes(rng, size, i % 3 == 0);
    std::unique_ptr<QRinput, InputDeleter> input(QRinput_new2(0, level));
    ASSERT_EQ(QRinput_append(input.get(), QR_MODE_8, size, data.data()), 0);
    std::array<int, 8> expected{};
    std::vector<render::QrModules> masked;
    for (int mask = 0; mask < 8; ++mask) {
      Code code(QRcode_encodeMask(input.get(), mask));
      ASSERT_TRUE(code);
      const int area = code->width * code->width;
      int dark = 0;
      for (int m = 0; m < area; ++m) dark += code->data[m] & 1;
      const int percent = (200 * dark + area) / area / 2;
      expected[mask] =
          Mask_evaluateSymbol(code->width, code->data) + std::abs(percent - 50) / 5 * 10;
      masked.push_back({code->version, code->width, Bytes(code->data, code->data + area)});
    }
    for (int applied = 0; applied < 8; ++applied) {
      SCOPED_TRACE(std::to_string(size) + " bytes, applied mask " + std::to_string(applied));
      EXPECT_EQ(render::qr_mask_demerits(masked[applied], applied, level), expected);
    }
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace dotlabel::test
