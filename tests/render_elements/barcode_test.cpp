// BARC: zint module patterns re-expanded to dots, widths, decoding, HRI, align, rotation,
// encoding errors and lint.
#include <gtest/gtest.h>

#include <array>
#include <set>

#include "barcode_sprite.hpp"
#include "element_helpers.hpp"
#include "fonts.hpp"

namespace dotlabel::test {
namespace {

using ir::Symbology;
using render::BarcodeBars;
using render::encode_barcode;
using ZXing::BarcodeFormat;

ir::Barcode make(Symbology symbology, std::string content, int narrow = 2, int wide = 5) {
  ir::Barcode b;
  b.at = {7, 3};
  b.symbology = symbology;
  b.type_name = "test";
  b.content = std::move(content);
  b.narrow = narrow;
  b.wide = wide;
  return b;
}

Bitmap bars_only(const ir::Barcode& b, const BarcodeBars& bars) {
  int left = -1;
  Bitmap sprite = render::barcode_sprite(bars, b.height, Bitmap(), ir::HumanReadable::none, left);
  EXPECT_EQ(left, 0);
  return sprite;
}

const render::FontSet& fonts() {
  static const render::FontSet set;
  return set;
}

struct Case {
  Symbology symbology;
  const char* content;
  BarcodeFormat format;
  int modules;  // zint's width (docs/fonts.md)
  int dots;     // width at the default n=2 (wide 5)
  const char* decoded;
  const char* hri;  // zint's human-readable text
};

// Widths at n=2/w=5, measured: single-width codes are 2 x modules; two-width codes count
// their narrow and wide elements (Code 39 "ABC123": 55 narrow + 24 wide = 230 dots).
const Case kCases[] = {
    {Symbology::code128, "1234567890", BarcodeFormat::Code128, 90, 180, "1234567890", "1234567890"},
    {Symbology::code93, "ABC123", BarcodeFormat::Code93, 91, 182, "ABC123", "ABC123"},
    // Full-ASCII Code 93 and Code 128's Latin-1 (the UTF-8 content is converted by zint).
    {Symbology::code93, "abc", BarcodeFormat::Code93, 0, 0, "abc", "abc"},
    {Symbology::code128, "café", BarcodeFormat::Code128, 0, 0, "café", "café"},
    // Codabar: zint's 82 modules end with a 1-module gap, which is not drawn.
    {Symbology::codabar, "A123456B", BarcodeFormat::Codabar, 82, 180, "A123456B", "A123456B"},
    {Symbology::itf, "1234567890", BarcodeFormat::ITF, 99, 177, "1234567890", "1234567890"},
    {Symbology::code39, "ABC123", BarcodeFormat::Code39, 103, 230, "ABC123", "*ABC123*"},
    {Symbology::code39, "abc-1", BarcodeFormat::Code39, 0, 0, "abc-1", "abc-1"},
    {Symbology::ean8, "1234567", BarcodeFormat::EAN8, 67, 134, "12345670", "12345670"},
    {Symbology::ean8, "12345670", BarcodeFormat::EAN8, 67, 134, "12345670", "12345670"},
    {Symbology::ean13, "123456789012", BarcodeFormat::EAN13, 95, 190, "1234567890128",
     "1234567890128"},
    {Symbology::ean13, "1234567890128", BarcodeFormat::EAN13, 95, 190, "1234567890128",
     "1234567890128"},
    {Symbology::upca, "12345678901", BarcodeFormat::UPCA, 95, 190, "123456789012", "123456789012"},
    {Symbology::upce, "0123456", BarcodeFormat::UPCE, 51, 102, "01234565", "01234565"},
    {Symbology::upce, "01234565", BarcodeFormat::UPCE, 51, 102, "01234565", "01234565"},
};

bool two_width(Symbology s) {
  return s == Symbology::code39 || s == Symbology::itf || s == Symbology::codabar;
}

TEST(Barcode, WidthsRunsAndDecodeForEverySymbology) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.content);
    ir::Barcode b = make(c.symbology, c.content);
    BarcodeBars bars = encode_barcode(b);
    ASSERT_EQ(bars.error, "");
    if (c.modules) {
      EXPECT_EQ(bars.modules, c.modules);
    }
    if (c.dots) {
      EXPECT_EQ(bars.width, c.dots);
    }
    EXPECT_EQ(bars.text, c.hri);
    Bitmap sprite = bars_only(b, bars);
    EXPECT_EQ(sprite.width(), bars.width);
    EXPECT_EQ(sprite.height(), 50);
    // Every run measured on the bitmap is n or w (two-width) or 1..4 modules of n dots.
    std::set<int> lengths;
    for (auto [black, n] : runs(sprite, 10)) lengths.insert(n);
    if (two_width(c.symbology)) {
      EXPECT_EQ(lengths, (std::set<int>{2, 5}));
    } else {
      for (int n : lengths) EXPECT_TRUE(n % 2 == 0 && n >= 2 && n <= 8) << n;
    }
    // All rows are the same.
    EXPECT_EQ(runs(sprite, 0), runs(sprite, 49));
    ZXing::Result result = decode(sprite, c.format);
    ASSERT_TRUE(result.isValid());
    EXPECT_EQ(result.text(), c.decoded);
  }
}

TEST(Barcode, WideAndNarrowReexpansion) {
  // Two-width codes take n and w exactly, whatever their ratio; zint's 3-module ITF wide runs
  // and 2-module Code 39/Codabar runs all become w.
  for (Symbology s : {Symbology::code39, Symbology::itf, Symbology::codabar}) {
    for (auto [n, w] : {std::pair{1, 3}, std::pair{3, 7}, std::pair{4, 9}}) {
      ir::Barcode b = make(s,
                           s == Symbology::codabar ? "A40156B"
                           : s == Symbology::itf   ? "12345678"
                                                   : "CODE-39",
                           n, w);
      BarcodeBars bars = encode_barcode(b);
      ASSERT_EQ(bars.error, "");
      Bitmap sprite = bars_only(b, bars);
      std::set<int> lengths;
      int narrow = 0, wide = 0;
      for (auto [black, len] : runs(sprite, 0)) {
        lengths.insert(len);
        (len == n ? narrow : wide)++;
      }
      EXPECT_EQ(lengths, (std::set<int>{n, w}));
      EXPECT_EQ(sprite.width(), narrow * n + wide * w);
      ZXing::Result result = decode(sprite, s == Symbology::code39 ? BarcodeFormat::Code39
                                            : s == Symbology::itf  ? BarcodeFormat::ITF
                                                                   : BarcodeFormat::Codabar);
      ASSERT_TRUE(result.isValid()) << n << "/" << w;
      EXPECT_EQ(result.text(), b.content);
    }
  }
  // Single-width codes: every module is n dots (Code 128 at n=5, as real templates use).
  ir::Barcode b = make(Symbology::code128, "1234567890", 5);
  BarcodeBars bars = encode_barcode(b);
  EXPECT_EQ(bars.width, 450);
  for (auto [black, len] : runs(bars_only(b, bars), 0)) EXPECT_EQ(len % 5, 0);
  EXPECT_EQ(decode(bars_only(b, bars), BarcodeFormat::Code128).text(), "1234567890");
}

TEST(Barcode, ItfPadsOddLengthAndShowsIt) {
  BarcodeBars bars = encode_barcode(make(Symbology::itf, "1234567"));
  ASSERT_EQ(bars.error, "");
  EXPECT_EQ(bars.text, "01234567");
  EXPECT_EQ(decode(bars_only(make(Symbology::itf, "1234567"), bars), BarcodeFormat::ITF).text(),
            "01234567");
}

TEST(Barcode, ContentThatCannotBeEncodedIsAnError) {
  struct Bad {
    Symbology s;
    const char* content;
  } bad[] = {{Symbology::ean13, "12345678901A"},
             {Symbology::ean13, "123"},            // EANX: add-on
             {Symbology::ean13, "1234567890123"},  // bad check digit
             {Symbology::ean8, "123456789"},
             {Symbology::upca, "1234567890"},
             {Symbology::upca, "123456789013"},
             {Symbology::upce, "12345"},
             {Symbology::upce, "01234566"},
             {Symbology::upce, "2123456"},
             {Symbology::itf, "12AB"},
             {Symbology::codabar, "123"},
             {Symbology::code128, "中文"},
             {Symbology::code39, "é"},
             {Symbology::code128, ""}};
  for (const Bad& c : bad) {
    SCOPED_TRACE(c.content);
    EXPECT_NE(encode_barcode(make(c.s, c.content)).error, "");
    TestLabel label;
    ir::Barcode b = make(c.s, c.content);
    b.x = 320;
    test::draw(label, b, fonts());
    const Diagnostic* d = label.find("DL0450");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->severity, Severity::error);
    EXPECT_EQ(d->pos, (SourcePos{7, 3}));
    EXPECT_EQ(label.count_black(), 0);
    EXPECT_TRUE(label.boxes.empty());
  }
  // zint's own message is the hint.
  TestLabel label;
  test::draw(label, make(Symbology::ean13, "1234567890123"), fonts());
  ASSERT_NE(label.find("DL0450"), nullptr);
  EXPECT_NE(label.find("DL0450")->hint.find("check digit"), std::string::npos)
      << label.find("DL0450")->hint;
}

TEST(Barcode, HumanReadableLineUnderTheBars) {
  const ir::HumanReadable placements[] = {ir::HumanReadable::none, ir::HumanReadable::left,
                                          ir::HumanReadable::center, ir::HumanReadable::right};
  for (ir::HumanReadable s : placements) {
    SCOPED_TRACE(static_cast<int>(s));
    TestLabel label;
    ir::Barcode b = make(Symbology::code128, "1234567890");
    b.align = ir::Align::left;
    b.x = 100;
    b.y = 40;
    b.human_readable = s;
    test::draw(label, b, fonts());
    ASSERT_EQ(label.boxes.size(), 1u);
    const ElementBox& box = label.boxes[0];
    // The bars: 180 x 50 dots from (100, 40).
    Bitmap bars(180, 50);
    for (int y = 0; y < 50; ++y)
      for (int x = 0; x < 180; ++x)
        if (label.bitmap.get(100 + x, 40 + y)) bars.set(x, y, true);
    EXPECT_EQ(decode(bars, BarcodeFormat::Code128).text(), "1234567890");
    // Below the bars: nothing at all, or the 10 digits in font 3 (24-dot cell) after the gap.
    Bitmap below(label.bitmap.width(), label.bitmap.height() - 90);
    for (int y = 90; y < label.bitmap.height(); ++y)
      for (int x = 0; x < label.bitmap.width(); ++x)
        if (label.bitmap.get(x, y)) below.set(x, y - 90, true);
    Extent text = ink(below);
    if (s == ir::HumanReadable::none) {
      EXPECT_EQ(text.w, 0);
      EXPECT_EQ(box.height, 50);
      continue;
    }
    EXPECT_EQ(box.height, 50 + render::kHriGap + 24);
    EXPECT_EQ(box.width, 180);
    EXPECT_GE(text.y, render::kHriGap);
    EXPECT_LT(text.y + text.h, render::kHriGap + 24 + 1);
    const int line = fonts().text_line("1234567890", 3, 1, 1).width();  // 10 cells
    const int cells_left = s == ir::HumanReadable::left     ? 100
                           : s == ir::HumanReadable::center ? 100 + (180 - line) / 2
                                                            : 100 + 180 - line;
    EXPECT_GE(text.x, cells_left);
    EXPECT_LE(text.x, cells_left + 6);
    EXPECT_LE(text.x + text.w, cells_left + line);
    EXPECT_GE(text.x + text.w, cells_left + line - 6);
  }
}

TEST(Barcode, HriWiderThanBarsWidensTheSprite) {
  BarcodeBars bars;
  bars.runs = {2, 2, 2};
  bars.width = 6;
  Bitmap hri(20, 4);
  hri.fill(0, 0, 20, 4);
  int left = 0;
  Bitmap centred = render::barcode_sprite(bars, 10, hri, ir::HumanReadable::center, left);
  EXPECT_EQ(centred.width(), 20);
  EXPECT_EQ(left, 7);  // the line starts at (6 - 20) / 2 = -7 relative to the bars
  EXPECT_EQ(centred.height(), 10 + render::kHriGap + 4);
  EXPECT_TRUE(centred.get(7, 0) && !centred.get(9, 0) && centred.get(11, 0) && !centred.get(13, 0));
  Bitmap right = render::barcode_sprite(bars, 10, hri, ir::HumanReadable::right, left);
  EXPECT_EQ(left, 14);
  Bitmap leftward = render::barcode_sprite(bars, 10, hri, ir::HumanReadable::left, left);
  EXPECT_EQ(left, 0);
  EXPECT_EQ(leftward.width(), 20);
}

TEST(Barcode, AlignIsRelativeToX) {
  for (ir::Align a : {ir::Align::left, ir::Align::center, ir::Align::right}) {
    TestLabel label;
    ir::Barcode b = make(Symbology::code128, "1234567890");
    b.align = a;
    b.x = 320;
    b.y = 10;
    b.human_readable = ir::HumanReadable::none;
    test::draw(label, b, fonts());
    ASSERT_EQ(label.boxes.size(), 1u);
    const int expected_x = a == ir::Align::left     ? 320
                           : a == ir::Align::center ? 320 - 90
                                                    : 320 - 180;
    EXPECT_EQ(label.boxes[0].x, expected_x);
    EXPECT_EQ(ink(label.bitmap).x, expected_x);
    EXPECT_EQ(ink(label.bitmap).w, 180);
    EXPECT_TRUE(label.diagnostics.empty()) << label.diagnostics[0].message;
  }
}

// a puts the bars' start, middle or end at (x, y); r turns the code clockwise about that point.
// Code 39 "ABC123" is 230 x 50 dots; the boxes are worked out by hand.
TEST(Barcode, AlignmentThenRotationAboutXY) {
  for (ir::Rotation r :
       {ir::Rotation::r0, ir::Rotation::r90, ir::Rotation::r180, ir::Rotation::r270})
    for (ir::Align a : {ir::Align::left, ir::Align::center, ir::Align::right}) {
      SCOPED_TRACE(static_cast<int>(r));
      SCOPED_TRACE(static_cast<int>(a));
      TestLabel label(640, 640);
      ir::Barcode b = make(Symbology::code39, "ABC123");
      b.align = a;
      b.human_readable = ir::HumanReadable::none;
      b.x = 300;
      b.y = 300;
      b.rotation = r;
      test::draw(label, b, fonts());
      ASSERT_EQ(label.boxes.size(), 1u);
      const ElementBox& box = label.boxes[0];
      Extent e = ink(label.bitmap);
      EXPECT_EQ((std::array{box.x, box.y, box.width, box.height}),
                (std::array{e.x, e.y, e.w, e.h}));
      const int along = a == ir::Align::left ? 0 : a == ir::Align::center ? 115 : 230;
      std::array<int, 4> want{};
      switch (r) {
        case ir::Rotation::r0:
          want = {300 - along, 300, 230, 50};
          break;
        case ir::Rotation::r90:  // runs down from the anchor, bars to its left
          want = {250, 300 - along, 50, 230};
          break;
        case ir::Rotation::r180:
          want = {70 + along, 250, 230, 50};
          break;
        case ir::Rotation::r270:  // runs up from the anchor
          want = {300, 70 + along, 50, 230};
          break;
      }
      EXPECT_EQ((std::array{e.x, e.y, e.w, e.h}), want);
      ZXing::Result result = decode(label.bitmap, BarcodeFormat::Code39, 10);
      ASSERT_TRUE(result.isValid());
      EXPECT_EQ(result.text(), "ABC123");
    }
}

TEST(Barcode, LintWiderThanLabelAndOneDotModules) {
  TestLabel narrow_label(160, 100);
  ir::Barcode b = make(Symbology::code128, "1234567890");
  b.align = ir::Align::left;
  test::draw(narrow_label, b, fonts());
  ASSERT_NE(narrow_label.find("DL0452"), nullptr);
  EXPECT_EQ(narrow_label.find("DL0452")->severity, Severity::warning);
  EXPECT_EQ(narrow_label.find("DL0453"), nullptr);

  // Turned 90 degrees it runs along the label's length, where it fits.
  TestLabel tall(160, 400);
  b.rotation = ir::Rotation::r90;
  b.x = 100;
  test::draw(tall, b, fonts());
  EXPECT_EQ(tall.find("DL0452"), nullptr);

  TestLabel label;
  ir::Barcode thin = make(Symbology::code128, "1234567890", 1);
  thin.align = ir::Align::left;
  thin.human_readable = ir::HumanReadable::none;
  test::draw(label, thin, fonts());
  ASSERT_NE(label.find("DL0453"), nullptr);
  EXPECT_EQ(label.find("DL0453")->severity, Severity::warning);
  EXPECT_EQ(ink(label.bitmap).w, 90);
}

TEST(Barcode, AbsurdModuleSizesAreRefusedNotAllocated) {
  // The compiler allows n and h up to 800000 dots; such bars would need gigabytes.
  TestLabel label;
  ir::Barcode b = make(Symbology::code128, "1234567890", 800000);
  b.height = 800000;
  test::draw(label, b, fonts());
  ASSERT_NE(label.find("DL0454"), nullptr);
  EXPECT_EQ(label.find("DL0454")->severity, Severity::error);
  EXPECT_EQ(label.count_black(), 0);
  ir::Barcode wide = make(Symbology::itf, "12345678", 2, 2'000'000'000);
  EXPECT_TRUE(encode_barcode(wide).too_large);
}

}  // namespace
}  // namespace dotlabel::test
