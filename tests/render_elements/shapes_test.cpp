// SQ, BL and REV: exact pixels, degenerate rectangles, clipping lint.
#include <gtest/gtest.h>

#include <functional>

#include "element_helpers.hpp"

namespace dotlabel::test {
namespace {

// Every dot of the label is black exactly where `expected` says.
void expect_pixels(const Bitmap& b, const std::function<bool(int, int)>& expected) {
  int wrong = 0;
  for (int y = 0; y < b.height(); ++y)
    for (int x = 0; x < b.width(); ++x)
      if (b.get(x, y) != expected(x, y) && ++wrong <= 5)
        ADD_FAILURE() << "dot (" << x << "," << y << ") is " << b.get(x, y);
  EXPECT_EQ(wrong, 0);
}

bool inside(int x, int y, int x0, int y0, int x1, int y1) {
  return x >= x0 && x < x1 && y >= y0 && y < y1;
}

ir::Box box(int x, int y, int xe, int ye, int line) {
  ir::Box b;
  b.at = {2, 5};
  b.x = x, b.y = y, b.x_end = xe, b.y_end = ye, b.line = line;
  return b;
}

TEST(Shapes, BoxStrokeIsDrawnInward) {
  for (int line : {1, 2, 3, 7}) {
    SCOPED_TRACE(line);
    TestLabel label(120, 80);
    test::draw(label, box(10, 20, 50, 40, line));
    expect_pixels(label.bitmap, [&](int x, int y) {
      return inside(x, y, 10, 20, 50, 40) &&
             !inside(x, y, 10 + line, 20 + line, 50 - line, 40 - line);
    });
    ASSERT_EQ(label.boxes.size(), 1u);
    EXPECT_EQ((std::array{label.boxes[0].x, label.boxes[0].y, label.boxes[0].width,
                          label.boxes[0].height}),
              (std::array{10, 20, 40, 20}));
    EXPECT_TRUE(label.diagnostics.empty());
  }
}

TEST(Shapes, BoxWhoseStrokesMeetIsSolid) {
  TestLabel label(120, 80);
  test::draw(label, box(10, 20, 50, 26, 4));  // 6 high, 2 x 4 strokes
  expect_pixels(label.bitmap, [](int x, int y) { return inside(x, y, 10, 20, 50, 26); });
}

TEST(Shapes, ReversedCornersAreNormalisedWithAWarning) {
  TestLabel label(120, 80);
  test::draw(label, box(50, 40, 10, 20, 2));
  expect_pixels(label.bitmap, [](int x, int y) {
    return inside(x, y, 10, 20, 50, 40) && !inside(x, y, 12, 22, 48, 38);
  });
  ASSERT_NE(label.find("DL0470"), nullptr);
  EXPECT_EQ(label.find("DL0470")->pos, (SourcePos{2, 5}));
}

TEST(Shapes, EmptyRectanglesDrawNothing) {
  TestLabel label(120, 80);
  test::draw(label, box(10, 20, 10, 40, 2));
  test::draw(label, box(10, 20, 40, 40, 0));
  ir::Bar bar;
  bar.x = 5, bar.y = 5, bar.width = 0, bar.height = 10;
  test::draw(label, bar);
  ir::Reverse rev;
  rev.x = 5, rev.y = 5, rev.width = 10, rev.height = -1;
  test::draw(label, rev);
  EXPECT_EQ(label.count_black(), 0);
  int empties = 0;
  for (const Diagnostic& d : label.diagnostics) empties += d.code == "DL0471";
  EXPECT_EQ(empties, 4);
  EXPECT_TRUE(label.boxes.empty());
}

TEST(Shapes, BarFillsAndClips) {
  TestLabel label(120, 80);
  ir::Bar bar;
  bar.at = {3, 1};
  bar.x = 100, bar.y = 10, bar.width = 40, bar.height = 3;
  test::draw(label, bar);
  expect_pixels(label.bitmap, [](int x, int y) { return inside(x, y, 100, 10, 140, 13); });
  const Diagnostic* clipped = label.find("DL0410");
  ASSERT_NE(clipped, nullptr);
  EXPECT_NE(clipped->message.find("2.5 mm on the right"), std::string::npos) << clipped->message;
}

TEST(Shapes, ReverseXorsWhatIsDrawnSoFar) {
  TestLabel label(120, 80);
  ir::Bar bar;
  bar.x = 10, bar.y = 10, bar.width = 30, bar.height = 20;
  test::draw(label, bar);
  ir::Reverse rev;
  rev.x = 25, rev.y = 0, rev.width = 30, rev.height = 40;
  test::draw(label, rev);
  expect_pixels(label.bitmap, [](int x, int y) {
    return inside(x, y, 10, 10, 40, 30) != inside(x, y, 25, 0, 55, 40);
  });
  // Reversing twice restores the label.
  test::draw(label, rev);
  expect_pixels(label.bitmap, [](int x, int y) { return inside(x, y, 10, 10, 40, 30); });
  EXPECT_EQ(label.boxes.size(), 3u);
}

}  // namespace
}  // namespace dotlabel::test
