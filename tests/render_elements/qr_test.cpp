// QRC: libqrencode symbols at every level, UTF-8 content, module size, errors and lint.
#include <gtest/gtest.h>
#include <qrencode.h>

#include <memory>
#include <string>

#include "element_helpers.hpp"
#include "qr_sprite.hpp"

namespace dotlabel::test {
namespace {

ir::QrCode make(std::string content, ir::QrEcc ecc = ir::QrEcc::L, int module = 2) {
  ir::QrCode qr;
  qr.at = {4, 9};
  qr.x = 30;
  qr.y = 20;
  qr.content = std::move(content);
  qr.ecc = ecc;
  qr.module = module;
  return qr;
}

TEST(Qr, EveryLevelDecodes) {
  const std::string content = "https://example.com/order/12345?sku=ABC-42";
  int previous_version = 0;
  for (ir::QrEcc ecc : {ir::QrEcc::L, ir::QrEcc::M, ir::QrEcc::Q, ir::QrEcc::H}) {
    SCOPED_TRACE(static_cast<int>(ecc));
    render::QrSprite qr = render::qr_sprite(make(content, ecc));
    ASSERT_EQ(qr.error, "");
    EXPECT_GE(qr.version, previous_version);  // more correction, same or bigger symbol
    previous_version = qr.version;
    EXPECT_EQ(qr.modules, 17 + 4 * qr.version);
    EXPECT_EQ(qr.bitmap.width(), qr.modules * 2);
    EXPECT_EQ(qr.bitmap.height(), qr.modules * 2);
    ZXing::Result result = decode(qr.bitmap, ZXing::BarcodeFormat::QRCode, 8, true);
    ASSERT_TRUE(result.isValid());
    EXPECT_EQ(result.text(), content);
    EXPECT_EQ(result.ecLevel(), std::string(1, "LMQH"[static_cast<int>(ecc)]));
  }
}

// Symbols are kept per thread (resolve/qr.cpp): a kept symbol must never stand in for another
// content or level, nor be lost when more contents than are kept come and go.
TEST(Qr, KeptSymbolsAreTheirContentsAndLevels) {
  const std::string a = "https://example.com/shop", b = "https://example.com/shop?";
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 12; ++i) {
      std::string content = (i % 2 ? b : a) + std::to_string(i % 10);
      for (ir::QrEcc ecc : {ir::QrEcc::L, ir::QrEcc::H}) {
        SCOPED_TRACE(content + " " + std::to_string(static_cast<int>(ecc)));
        render::QrSprite qr = render::qr_sprite(make(content, ecc, 1 + round));
        ASSERT_EQ(qr.error, "");
        EXPECT_EQ(qr.bitmap.width(), qr.modules * (1 + round));
        ZXing::Result result = decode(qr.bitmap, ZXing::BarcodeFormat::QRCode, 8, true);
        ASSERT_TRUE(result.isValid());
        EXPECT_EQ(result.text(), content);
        EXPECT_EQ(result.ecLevel(), std::string(1, "LMQH"[static_cast<int>(ecc)]));
      }
    }
  }
}

TEST(Qr, Utf8ChineseBytes) {
  // docs/fonts.md: version 2, 25 modules at level M, decoded exactly without an ECI.
  render::QrSprite qr = render::qr_sprite(make("宫保鸡丁 Kung Pao ¥12", ir::QrEcc::M));
  ASSERT_EQ(qr.error, "");
  EXPECT_EQ(qr.version, 2);
  EXPECT_EQ(qr.modules, 25);
  EXPECT_EQ(decode(qr.bitmap, ZXing::BarcodeFormat::QRCode, 8, true).text(),
            "宫保鸡丁 Kung Pao ¥12");
  for (ir::QrEcc ecc : {ir::QrEcc::L, ir::QrEcc::Q, ir::QrEcc::H}) {
    render::QrSprite other = render::qr_sprite(make("中文标签 ¥99.50 订单号 A-1", ecc));
    EXPECT_EQ(decode(other.bitmap, ZXing::BarcodeFormat::QRCode, 8, true).text(),
              "中文标签 ¥99.50 订单号 A-1");
  }
}

// Every dot of a sprite is its module in libqrencode's own symbol, for symbols whose rows take
// one, two and three 64-bit words, module sizes that do and do not divide a byte; the bits past
// the sprite's width in its last byte stay clear.
TEST(Qr, SpriteDotsAreLibqrencodesModules) {
  for (int size : {10, 150, 700, 1200}) {
    std::string content;
    for (int i = 0; i < size; ++i) content += static_cast<char>('!' + (i * 7 + size) % 90);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(size, reinterpret_cast<const unsigned char*>(content.data()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    ASSERT_TRUE(code);
    const int w = code->width;
    for (int m : {1, 2, 3, 4, 7, 8, 9, 12}) {
      SCOPED_TRACE(std::to_string(size) + " bytes, modules of " + std::to_string(m));
      const render::QrSprite qr = render::qr_sprite(make(content, ir::QrEcc::M, m));
      ASSERT_EQ(qr.error, "");
      ASSERT_EQ(qr.bitmap.width(), w * m);
      ASSERT_EQ(qr.bitmap.height(), w * m);
      int differ = 0, padding = 0;
      for (int y = 0; y < w * m; ++y) {
        for (int x = 0; x < w * m; ++x)
          differ += qr.bitmap.get(x, y) != (code->data[y / m * w + x / m] & 1);
        padding += qr.bitmap.row(y)[qr.bitmap.stride() - 1] & (0xff >> (w * m - 1) % 8 >> 1);
      }
      EXPECT_EQ(differ, 0);
      EXPECT_EQ(padding, 0);
    }
  }
}

TEST(Qr, ModulesAreWholeDotSquaresAtXY) {
  for (int m : {1, 3, 5}) {
    SCOPED_TRACE(m);
    TestLabel label;
    test::draw(label, make("DOTLABEL", ir::QrEcc::M, m));
    ASSERT_EQ(label.boxes.size(), 1u);
    const ElementBox& box = label.boxes[0];
    EXPECT_EQ(box.x, 30);
    EXPECT_EQ(box.y, 20);
    EXPECT_EQ(box.width, 21 * m);  // version 1
    EXPECT_EQ(box.height, 21 * m);
    // No quiet zone: the finder patterns' corners are at the box's corners.
    EXPECT_TRUE(label.bitmap.get(30, 20));
    EXPECT_TRUE(label.bitmap.get(30 + 21 * m - 1, 20));
    EXPECT_TRUE(label.bitmap.get(30, 20 + 21 * m - 1));
    EXPECT_EQ(ink(label.bitmap).w, 21 * m);
    for (auto [black, len] : runs(label.bitmap, 20 + m / 2)) EXPECT_EQ(len % m, 0);
    EXPECT_EQ(decode(label.bitmap, ZXing::BarcodeFormat::QRCode, 8).text(), "DOTLABEL");
    EXPECT_EQ(label.find("DL0461") != nullptr, m == 1);
  }
}

TEST(Qr, TooLongIsAnErrorAndDrawsNothing) {
  TestLabel label;
  test::draw(label, make(std::string(3000, 'x'), ir::QrEcc::H));
  const Diagnostic* d = label.find("DL0460");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->severity, Severity::error);
  EXPECT_EQ(d->pos, (SourcePos{4, 9}));
  EXPECT_EQ(label.count_black(), 0);
  EXPECT_TRUE(label.boxes.empty());
  // The same content fits at level L (2953 bytes max at version 40-L: not 3000).
  EXPECT_EQ(render::qr_sprite(make(std::string(2953, 'x'))).error, "");
  EXPECT_NE(render::qr_sprite(make(std::string(2954, 'x'))).error, "");
}

TEST(Qr, AbsurdModuleIsRefused) {
  TestLabel label;
  test::draw(label, make("DOTLABEL", ir::QrEcc::M, 1'000'000));
  ASSERT_NE(label.find("DL0462"), nullptr);
  EXPECT_EQ(label.find("DL0462")->severity, Severity::error);
  EXPECT_TRUE(label.boxes.empty());
}

}  // namespace
}  // namespace dotlabel::test
