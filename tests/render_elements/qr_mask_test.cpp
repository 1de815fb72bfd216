// resolve/qr_encode.cpp and resolve/qr_mask.cpp against libqrencode itself: the symbol (mask
// included) must be exactly QRcode_encodeData's, or printed labels and goldens would change.
#include "resolve/qr_mask.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "resolve/qr_encode.hpp"

// Exported by libqrencode.so.4 and listed in Debian's symbols file for libqrencode4, not declared
// in qrencode.h: QRcode_encodeInput with a fixed mask (or none), a copy of a frame masked with
// its format information written, and the N1 + N2 + N3 penalty of a masked symbol that Mask_mask
// adds to N4.
extern "C" QRcode* QRcode_encodeMask(QRinput* input, int mask);
extern "C" unsigned char* Mask_makeMask(int width, unsigned char* frame, int mask, QRecLevel level);
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

// Our symbol's dark modules are QRcode_encodeData's, or both fail with the same errno.
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
  ASSERT_EQ(ours.rows.size(), static_cast<std::size_t>(ours.width * ours.words()));
  int differ = 0;
  for (int y = 0; y < ours.width; ++y)
    for (int x = 0; x < ours.width; ++x)
      differ += ours.dark(x, y) != (expected->data[y * expected->width + x] & 1);
  EXPECT_EQ(differ, 0) << data.size() << " bytes at level " << level << ", version "
                       << ours.version;
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

// The unmasked symbol of resolve/qr_encode.cpp against QRcode_encodeMask's, module for module:
// dark or light, and function pattern or data (bit 7), which is all the mask search reads. Or
// both fail with the same errno.
void expect_same_frame(const Bytes& data, QRecLevel level) {
  std::unique_ptr<QRinput, InputDeleter> input(QRinput_new2(0, level));
  ASSERT_EQ(QRinput_append(input.get(), QR_MODE_8, static_cast<int>(data.size()), data.data()), 0);
  errno = 0;
  Code expected(QRcode_encodeMask(input.get(), render::kUnmasked));
  const int expected_errno = errno;
  render::QrFrame ours;
  errno = 0;
  const bool encoded = render::encode_qr_frame(data.data(), data.size(), level, ours);
  ASSERT_EQ(encoded, expected != nullptr) << data.size() << " bytes at level " << level;
  if (!expected) {
    EXPECT_EQ(errno, expected_errno);
    return;
  }
  ASSERT_EQ(ours.version, expected->version) << data.size() << " bytes at level " << level;
  ASSERT_EQ(ours.width, expected->width);
  ASSERT_EQ(ours.modules.size(), static_cast<std::size_t>(ours.width) * ours.width);
  int differ = 0;
  for (std::size_t m = 0; m < ours.modules.size(); ++m)
    differ += (ours.modules[m] & 0x81) != (expected->data[m] & 0x81);
  EXPECT_EQ(differ, 0) << data.size() << " bytes at level " << level << ", version "
                       << ours.version;
}

// Every length from 1 byte to one past version 40's capacity at every level: every version
// (its function patterns, blocks and placement), and each length where libqrencode's estimate
// settles on a version larger than the smallest that fits.
TEST(QrEncode, UnmaskedFrameIsLibqrencodesForEveryLength) {
  std::mt19937 rng(20261201);
  for (int level = QR_ECLEVEL_L; level <= QR_ECLEVEL_H; ++level) {
    const Bytes data = random_bytes(rng, kCapacity[level] + 1, false);
    for (int size = 1; size <= kCapacity[level] + 1; ++size) {
      expect_same_frame(Bytes(data.begin(), data.begin() + size), static_cast<QRecLevel>(level));
      if (HasFailure()) return;
    }
  }
}

TEST(QrEncode, NoContentAndNoLevelAreRefused) {
  const std::uint8_t none = 0;
  render::QrFrame frame;
  errno = 0;
  EXPECT_FALSE(render::encode_qr_frame(&none, 0, QR_ECLEVEL_L, frame));
  EXPECT_EQ(errno, EINVAL);
  errno = 0;
  EXPECT_FALSE(render::encode_qr_frame(&none, 1, static_cast<QRecLevel>(4), frame));
  EXPECT_EQ(errno, EINVAL);
}

// libqrencode's penalty of `unmasked` (a frame as QRcode_encodeMask leaves it before masking)
// under each mask: its own N1 + N2 + N3 of the masked symbol, plus N4 from the masked symbol's
// dark modules (mask.c's rounding).
std::array<int, 8> libqrencode_demerits(const Bytes& unmasked, int width, QRecLevel level) {
  std::array<int, 8> demerits{};
  for (int mask = 0; mask < 8; ++mask) {
    Bytes frame = unmasked;
    std::unique_ptr<unsigned char, decltype(&std::free)> masked(
        Mask_makeMask(width, frame.data(), mask, level), &std::free);
    const int area = width * width;
    int dark = 0;
    for (int m = 0; m < area; ++m) dark += masked.get()[m] & 1;
    const int percent = (200 * dark + area) / area / 2;
    demerits[mask] = Mask_evaluateSymbol(width, masked.get()) + std::abs(percent - 50) / 5 * 10;
  }
  return demerits;
}

// Each mask's penalty, not only the winner, for symbols libqrencode encodes.
TEST(QrMask, EveryMasksPenaltyIsLibqrencodes) {
  std::mt19937 rng(7);
  for (int i = 0; i < 120; ++i) {
    const auto level = static_cast<QRecLevel>(i % 4);
    const int size = 1 + static_cast<int>(rng() % (i < 100 ? 120 : kCapacity[level]));
    const Bytes data = random_bytes(rng, size, i % 3 == 0);
    std::unique_ptr<QRinput, InputDeleter> input(QRinput_new2(0, level));
    ASSERT_EQ(QRinput_append(input.get(), QR_MODE_8, size, data.data()), 0);
    Code code(QRcode_encodeMask(input.get(), render::kUnmasked));
    ASSERT_TRUE(code);
    const Bytes unmasked(code->data, code->data + code->width * code->width);
    SCOPED_TRACE(std::to_string(size) + " bytes at level " + std::to_string(level));
    EXPECT_EQ(render::qr_mask_demerits(unmasked.data(), code->width, level),
              libqrencode_demerits(unmasked, code->width, level));
    if (HasFailure()) return;
  }
}

// A frame of `width` whose lines are runs of f, 3f, 4f or more modules (a random f per line),
// with f:f:3f:f:f patterns of every size drawn over them, sometimes at the edges, along rows or
// (`columns`) along columns; modules are data with probability `data_percent`, the format
// modules light as libqrencode's frame has them. Real symbols rarely hold the long runs and large
// patterns whose scoring takes the least travelled paths.
Bytes structured_frame(std::mt19937& rng, int width, bool columns, int data_percent) {
  Bytes frame(static_cast<std::size_t>(width) * width);
  const auto module = [&](int line, int i) -> std::uint8_t& {
    return frame[static_cast<std::size_t>(columns ? i : line) * width + (columns ? line : i)];
  };
  for (int line = 0; line < width; ++line) {
    const int f = 1 + static_cast<int>(rng() % 4);
    bool dark = rng() % 2;
    for (int i = 0; i < width; dark = !dark) {
      const int lengths[4] = {f, 3 * f, 4 * f + static_cast<int>(rng() % 3),
                              1 + static_cast<int>(rng() % 6)};
      for (int end = std::min(width, i + lengths[rng() % 4]); i < end; ++i) module(line, i) = dark;
    }
    if (rng() % 2) {
      const int g = 1 + static_cast<int>(rng() % 5);
      const int margin = rng() % 2 ? 4 * g : static_cast<int>(rng() % (4 * g));
      int i = static_cast<int>(rng() % (width + 8 * g)) - 4 * g;
      const int runs[7] = {margin, g, g, 3 * g, g, g, rng() % 2 ? 4 * g : 1};
      for (int run = 0; run < 7; ++run)
        for (int k = 0; k < runs[run]; ++k, ++i)
          if (i >= 0 && i < width) module(line, i) = run % 2;
    }
  }
  for (std::uint8_t& m : frame)
    if (static_cast<int>(rng() % 100) >= data_percent) m |= 0x80;
  for (int i = 0; i < 9; ++i) {
    frame[static_cast<std::size_t>(8) * width + i] = 0x84;
    frame[static_cast<std::size_t>(i) * width + 8] = 0x84;
  }
  for (int i = 0; i < 8; ++i) {
    frame[static_cast<std::size_t>(8) * width + width - 1 - i] = 0x84;
    frame[static_cast<std::size_t>(width - 1 - i) * width + 8] = 0x84;
  }
  return frame;
}

// Every width (versions 1 to 40: one, two and three words a line), every level, frames full of
// long runs and large patterns, lightly or heavily masked.
TEST(QrMask, EveryMasksPenaltyIsLibqrencodesForStructuredFrames) {
  std::mt19937 rng(20261130);
  for (int version = 1; version <= 40; ++version) {
    const int width = 17 + 4 * version;
    for (int i = 0; i < 4; ++i) {
      const auto level = static_cast<QRecLevel>(rng() % 4);
      const Bytes frame = structured_frame(rng, width, i % 2, i < 2 ? 0 : 50);
      SCOPED_TRACE("version " + std::to_string(version) + ", frame " + std::to_string(i));
      EXPECT_EQ(render::qr_mask_demerits(frame.data(), width, level),
                libqrencode_demerits(frame, width, level));
      if (HasFailure()) return;
    }
  }
}

}  // namespace
}  // namespace dotlabel::test
