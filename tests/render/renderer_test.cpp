// The renderer core: TEXT placement (a, r), the clipping and centring lint, label options
// (m, d as fed), the strip, thread safety and lazy font loading.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "dotlabel/render.hpp"
#include "draw.hpp"
#include "fonts.hpp"
#include "render_helpers.hpp"

namespace dotlabel {
namespace {

using testing::art;
using testing::black_count;
using testing::page;
using testing::text;

const Renderer& renderer() {
  static Renderer r;
  return r;
}

RenderResult render_one(const ir::Element& element, RenderOptions options = {}, int width = 800) {
  ir::Document document = page(width);
  document.labels[0].elements.push_back(element);
  return renderer().render(document, options);
}

struct Box {
  int x, y, w, h;
  friend bool operator==(const Box&, const Box&) = default;
};
Box box_of(const RenderResult& r) {
  const ElementBox& b = r.labels.at(0).boxes.at(0);
  return {b.x, b.y, b.width, b.height};
}

std::vector<std::string> codes(const RenderResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(d.code);
  return out;
}

TEST(Text, AlignmentPlacesTheCellsRelativeToX) {
  ir::Text t = text(400, 50, "AB");  // f=3: 32 x 24
  EXPECT_EQ(box_of(render_one(t)), (Box{400, 50, 32, 24}));
  t.align = ir::Align::right;
  EXPECT_EQ(box_of(render_one(t)), (Box{368, 50, 32, 24}));
  t.align = ir::Align::center;
  EXPECT_EQ(box_of(render_one(t)), (Box{384, 50, 32, 24}));
  t.x = 100;  // off the middle: still centred on x (the compiler lints it)
  RenderResult off = render_one(t);
  EXPECT_EQ(box_of(off), (Box{84, 50, 32, 24}));
  EXPECT_TRUE(off.diagnostics.empty());
}

TEST(Text, DrawsTheSpriteAtItsBox) {
  ir::Text t = text(100, 40, "宫A", 7);
  RenderResult r = render_one(t);
  Bitmap sprite = render::FontSet().text_line("宫A", 7, 1, 1);
  const Bitmap& label = r.labels[0].bitmap;
  EXPECT_EQ(black_count(label), black_count(sprite));
  for (int y = 0; y < sprite.height(); ++y)
    for (int x = 0; x < sprite.width(); ++x)
      ASSERT_EQ(label.get(100 + x, 40 + y), sprite.get(x, y));
}

TEST(Text, RotationTurnsClockwiseAboutTheAnchor) {
  ir::Text t = text(300, 200, "AB");  // 32 x 24
  Bitmap sprite = render::FontSet().text_line("AB", 3, 1, 1);
  struct Case {
    ir::Rotation r;
    Box box;
  } cases[] = {{ir::Rotation::r90, {276, 200, 24, 32}},
               {ir::Rotation::r180, {268, 176, 32, 24}},
               {ir::Rotation::r270, {300, 168, 24, 32}}};
  for (const Case& c : cases) {
    t.rotation = c.r;
    RenderResult r = render_one(t);
    EXPECT_EQ(box_of(r), c.box) << static_cast<int>(c.r);
    const Bitmap& label = r.labels[0].bitmap;
    EXPECT_EQ(black_count(label), black_count(sprite));
    for (int sy = 0; sy < sprite.height(); ++sy)
      for (int sx = 0; sx < sprite.width(); ++sx) {
        int px = c.r == ir::Rotation::r90    ? 300 - sy - 1
                 : c.r == ir::Rotation::r180 ? 300 - sx - 1
                                             : 300 + sy;
        int py = c.r == ir::Rotation::r90    ? 200 + sx
                 : c.r == ir::Rotation::r180 ? 200 - sy - 1
                                             : 200 - sx - 1;
        ASSERT_EQ(label.get(px, py), sprite.get(sx, sy))
            << static_cast<int>(c.r) << " " << sx << "," << sy;
      }
  }
}

TEST(Text, RightAlignedTurnedTextEndsAtTheAnchor) {
  ir::Text t = text(300, 200, "AB");
  t.align = ir::Align::right;
  t.rotation = ir::Rotation::r90;  // runs downwards and ends at y
  EXPECT_EQ(box_of(render_one(t)), (Box{276, 168, 24, 32}));
}

// a puts the line's start, middle or end at (x, y) and r turns it about that point
// (inferred::place), for every r x a: the boxes worked out by hand for "AB" in f=3 (32 x 24).
TEST(Text, AlignmentThenRotationAboutTheAnchor) {
  struct Case {
    ir::Rotation r;
    ir::Align a;
    Box box;
  } cases[] = {
      {ir::Rotation::r0, ir::Align::left, {300, 200, 32, 24}},
      {ir::Rotation::r0, ir::Align::center, {284, 200, 32, 24}},
      {ir::Rotation::r0, ir::Align::right, {268, 200, 32, 24}},
      {ir::Rotation::r90, ir::Align::left, {276, 200, 24, 32}},
      {ir::Rotation::r90, ir::Align::center, {276, 184, 24, 32}},
      {ir::Rotation::r90, ir::Align::right, {276, 168, 24, 32}},
      {ir::Rotation::r180, ir::Align::left, {268, 176, 32, 24}},
      {ir::Rotation::r180, ir::Align::center, {284, 176, 32, 24}},
      {ir::Rotation::r180, ir::Align::right, {300, 176, 32, 24}},
      {ir::Rotation::r270, ir::Align::left, {300, 168, 24, 32}},
      {ir::Rotation::r270, ir::Align::center, {300, 184, 24, 32}},
      {ir::Rotation::r270, ir::Align::right, {300, 200, 24, 32}},
  };
  for (const Case& c : cases) {
    ir::Text t = text(300, 200, "AB");
    t.rotation = c.r;
    t.align = c.a;
    EXPECT_EQ(box_of(render_one(t)), c.box)
        << static_cast<int>(c.r) << " " << static_cast<int>(c.a);
  }
}

// A line far longer than the label is drawn from the cells that reach it only; the result,
// the box and the lint are those of the whole sprite stamped.
TEST(Text, LongLinesDrawOnlyWhatReachesTheLabel) {
  std::string content;
  for (int i = 0; i < 300; ++i) content += i % 3 ? "W" : "宫";
  render::FontSet fonts;
  int checked = 0;
  for (ir::Rotation r :
       {ir::Rotation::r0, ir::Rotation::r90, ir::Rotation::r180, ir::Rotation::r270})
    for (ir::Align a : {ir::Align::left, ir::Align::center, ir::Align::right})
      for (auto [x, y] : {std::pair{-3001, 17}, {37, 255}, {199, 3333}, {-40, -44}}) {
        ir::Text t = text(x, y, content, 7);
        t.xw = 3;
        t.yh = 2;
        t.align = a;
        t.rotation = r;
        RenderResult windowed = render_one(t, {}, 203);
        Bitmap whole = fonts.text_line(content, 7, 3, 2);
        Bitmap expected(203, 480);
        Diagnostics diagnostics;
        std::vector<ElementBox> boxes;
        std::string file = "t.xml";
        render::LabelCanvas canvas(expected, diagnostics, boxes, file);
        inferred::Placement at = inferred::place(a, r, x, y, whole.width(), whole.height());
        canvas.stamp(t.at, "TEXT", whole, static_cast<int>(at.x), static_cast<int>(at.y), r);
        ASSERT_EQ(windowed.labels[0].bitmap, expected)
            << static_cast<int>(r) << " " << x << "," << y;
        ASSERT_EQ(box_of(windowed), (Box{boxes[0].x, boxes[0].y, boxes[0].width, boxes[0].height}));
        ASSERT_EQ(windowed.diagnostics.size(), diagnostics.size());
        if (!diagnostics.empty()) {
          EXPECT_EQ(windowed.diagnostics[0].message, diagnostics[0].message);
        }
        checked += black_count(expected) > 0;
      }
  EXPECT_GT(checked, 10);  // most cases show part of the line
}

TEST(Clipping, WarnsWithSideAndMillimetres) {
  ir::Text t = text(790, 10, "AB");  // 32 wide: 22 dots past the right edge
  RenderResult r = render_one(t);
  ASSERT_EQ(codes(r), std::vector<std::string>{std::string(codes::kClipped)});
  EXPECT_EQ(r.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(r.diagnostics[0].pos, (SourcePos{3, 5}));
  EXPECT_NE(r.diagnostics[0].message.find("2.75 mm on the right"), std::string::npos)
      << r.diagnostics[0].message;

  t = text(-10, 470, "AB");  // 10 dots left, 14 dots below
  r = render_one(t);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("1.25 mm on the left, 1.75 mm at the bottom"),
            std::string::npos)
      << r.diagnostics[0].message;

  t = text(100, 20, "AB");
  t.rotation = ir::Rotation::r270;  // goes up from y=20: 12 dots over the top
  r = render_one(t);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("1.5 mm at the top"), std::string::npos)
      << r.diagnostics[0].message;
  // What is inside still prints; what is outside is clipped.
  EXPECT_GT(black_count(r.labels[0].bitmap), 0);

  t = text(900, 10, "AB");
  r = render_one(t);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("entirely outside"), std::string::npos);
  EXPECT_EQ(black_count(r.labels[0].bitmap), 0);
}

TEST(Clipping, ExactFitIsSilent) {
  EXPECT_TRUE(render_one(text(768, 456, "AB")).diagnostics.empty());
}

TEST(Canvas, DotsToMillimetres) {
  EXPECT_EQ(render::dots_to_mm(10), "1.25 mm");
  EXPECT_EQ(render::dots_to_mm(8), "1 mm");
  EXPECT_EQ(render::dots_to_mm(1), "0.125 mm");
  EXPECT_EQ(render::dots_to_mm(4), "0.5 mm");
  EXPECT_EQ(render::dots_to_mm(-4), "-0.5 mm");
  EXPECT_EQ(render::dots_to_mm(-12), "-1.5 mm");
}

TEST(Canvas, OrIntoAtEveryBitOffset) {
  Bitmap src(13, 3);
  for (int x = 0; x < 13; x += 2) src.set(x, 1, true);
  src.set(12, 2, true);
  for (int dx = -9; dx < 30; ++dx) {
    Bitmap dst(37, 5);
    dst.set(0, 0, true);
    render::or_into(dst, src, dx, 1);
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 37; ++x) {
        bool want = (x == 0 && y == 0) || (x - dx >= 0 && x - dx < 13 && y - 1 >= 0 && y - 1 < 3 &&
                                           src.get(x - dx, y - 1));
        ASSERT_EQ(dst.get(x, y), want) << dx << " " << x << "," << y;
      }
    for (int y = 0; y < 5; ++y) EXPECT_EQ(dst.row(y)[4] & 0x07, 0);  // padding stays white
  }
}

// Rows wider than a word (the aligned path ORs 8 bytes a step), clipped on every side, the last
// rows of both bitmaps: dot for dot as set.
TEST(Canvas, OrIntoWideRowsAndBufferEnds) {
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  Bitmap src(150, 7);
  for (int y = 0; y < 7; ++y)
    for (int x = 0; x < 150; ++x)
      if ((next() >> 16) % 3 == 0) src.set(x, y, true);
  for (int dx : {-70, -9, -1, 0, 1, 3, 7, 8, 9, 57, 63, 100, 170})
    for (int dy : {-3, 0, 2, 6}) {
      Bitmap dst(171, 9);
      render::or_into(dst, src, dx, dy);
      for (int y = 0; y < 9; ++y)
        for (int x = 0; x < 171; ++x) {
          bool want =
              x - dx >= 0 && x - dx < 150 && y - dy >= 0 && y - dy < 7 && src.get(x - dx, y - dy);
          ASSERT_EQ(dst.get(x, y), want) << dx << " " << dy << " " << x << "," << y;
        }
      for (int y = 0; y < 9; ++y) EXPECT_EQ(dst.row(y)[21] & 0x1F, 0);  // padding stays white
    }
}

// Sprites up to 57 dots wide (a row is moved as one 64-bit number, 8 bytes read and written
// where the bitmaps have them, byte by byte near their ends) at every offset, over dots already
// set, into bitmaps too small for a whole word: dot for dot an OR.
TEST(Canvas, OrIntoNarrowSpritesOfEveryWidth) {
  std::uint32_t seed = 777;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int width = 1; width <= 64; ++width)
    for (int dst_width : {9, 24, 90}) {
      Bitmap src(width, 4);
      for (int y = 0; y < 4; ++y)
        for (int x = 0; x < width; ++x)
          if ((next() >> 16) % 2) src.set(x, y, true);
      for (int dx = -3; dx < dst_width + 2; dx += 1 + width / 16)
        for (int dy : {-1, 0, 3}) {
          Bitmap dst(dst_width, 6), before(dst_width, 6);
          for (int y = 0; y < 6; ++y)
            for (int x = 0; x < dst_width; ++x)
              if ((next() >> 16) % 5 == 0) dst.set(x, y, true), before.set(x, y, true);
          render::or_into(dst, src, dx, dy);
          for (int y = 0; y < 6; ++y)
            for (int x = 0; x < dst_width; ++x) {
              bool inside = x - dx >= 0 && x - dx < width && y - dy >= 0 && y - dy < 4;
              bool want = before.get(x, y) || (inside && src.get(x - dx, y - dy));
              ASSERT_EQ(dst.get(x, y), want) << width << " into " << dst_width << " at " << dx
                                             << "," << dy << ": " << x << "," << y;
            }
          const int pad = dst.stride() * 8 - dst_width;
          for (int y = 0; y < 6; ++y)
            EXPECT_EQ(dst.row(y)[dst.stride() - 1] & ((1 << pad) - 1), 0);  // padding stays white
        }
    }
}

TEST(Label, MirrorFlipsLeftRight) {
  ir::Document document = page();
  document.labels[0].elements.push_back(text(10, 10, "AB"));
  Bitmap plain = renderer().render(document).labels[0].bitmap;
  document.labels[0].mirror = true;
  RenderResult r = renderer().render(document);
  const Bitmap& mirrored = r.labels[0].bitmap;
  for (int y = 0; y < 480; ++y)
    for (int x = 0; x < 800; ++x) ASSERT_EQ(mirrored.get(799 - x, y), plain.get(x, y));
}

TEST(Label, AsFedTurnsDirectionZeroLabels) {
  ir::Document document = page(803, 481);  // odd sizes: no padding dot may leak in
  document.labels[0].elements.push_back(text(10, 10, "AB"));
  Bitmap plain = renderer().render(document).labels[0].bitmap;
  RenderOptions as_fed;
  as_fed.as_fed = true;
  EXPECT_EQ(renderer().render(document, as_fed).labels[0].bitmap, plain);  // d=1
  document.labels[0].direction = 0;
  EXPECT_EQ(renderer().render(document).labels[0].bitmap, plain);  // preview: as read
  const Bitmap turned = renderer().render(document, as_fed).labels[0].bitmap;
  for (int y = 0; y < 481; ++y)
    for (int x = 0; x < 803; ++x) ASSERT_EQ(turned.get(802 - x, 480 - y), plain.get(x, y));
  EXPECT_EQ(black_count(turned), black_count(plain));
}

// Boxes are where the dots are on the picture returned. "AB" in f=3 is 32 x 24 dots at (10, 10),
// on an 803 x 481 label: mirrored, its left edge is 803 - 10 - 32 = 761 dots in; turned as fed,
// also its top is 481 - 10 - 24 = 447 dots down; mirrored and turned, x is back at 10.
TEST(Label, BoxesAreInThePicturesCoordinates) {
  ir::Document document = page(803, 481);
  document.labels[0].elements.push_back(text(10, 10, "AB"));
  RenderOptions as_fed;
  as_fed.as_fed = true;
  auto box = [&](bool mirror, int direction, const RenderOptions& options) {
    document.labels[0].mirror = mirror;
    document.labels[0].direction = direction;
    return box_of(renderer().render(document, options));
  };
  EXPECT_EQ(box(false, 1, {}), (Box{10, 10, 32, 24}));
  EXPECT_EQ(box(true, 1, {}), (Box{761, 10, 32, 24}));
  EXPECT_EQ(box(false, 0, {}), (Box{10, 10, 32, 24}));  // d=0 previewed as read
  EXPECT_EQ(box(false, 0, as_fed), (Box{761, 447, 32, 24}));
  EXPECT_EQ(box(true, 0, as_fed), (Box{10, 447, 32, 24}));
  EXPECT_EQ(box(true, 1, as_fed), (Box{761, 10, 32, 24}));  // d=1 is not turned

  // A box off the label flips with it: x = -40 (40 dots past the left edge) becomes 811.
  document.labels[0].elements[0] = text(-40, 10, "AB");
  EXPECT_EQ(box(true, 1, {}), (Box{811, 10, 32, 24}));
}

TEST(Label, StripRepeatsCopiesWithWhiteGaps) {
  ir::Document document = page(80, 40);
  document.page.gap = 16;
  document.labels[0].copies = 2;
  document.labels[0].elements.push_back(ir::Bar{{}, 0, 0, 80, 40});  // all black
  ir::Label second;
  second.id = 2;
  second.elements.push_back(ir::Bar{{}, 0, 0, 10, 1});
  document.labels.push_back(second);
  RenderResult r = renderer().render(document);
  ASSERT_EQ(r.labels.size(), 2u);
  Renderer::StripResult result = renderer().strip(document, r.labels);
  ASSERT_TRUE(result.bitmap);
  EXPECT_TRUE(result.diagnostics.empty());
  const Bitmap& strip = *result.bitmap;
  EXPECT_EQ(strip.width(), 80);
  EXPECT_EQ(strip.height(), 3 * 40 + 2 * 16);
  auto row_black = [&](int y) {
    int n = 0;
    for (int x = 0; x < 80; ++x) n += strip.get(x, y);
    return n;
  };
  for (int y = 0; y < 40; ++y) ASSERT_EQ(row_black(y), 80);
  for (int y = 40; y < 56; ++y) ASSERT_EQ(row_black(y), 0);
  for (int y = 56; y < 96; ++y) ASSERT_EQ(row_black(y), 80);
  for (int y = 96; y < 112; ++y) ASSERT_EQ(row_black(y), 0);
  EXPECT_EQ(row_black(112), 10);
  for (int y = 113; y < 152; ++y) ASSERT_EQ(row_black(y), 0);
}

TEST(Label, OnlyOneLabelAndCutterDrawsNothing) {
  ir::Document document = page();
  document.labels[0].elements.push_back(ir::Cutter{});
  ir::Label second;
  second.id = 7;
  second.elements.push_back(text(0, 0, "X"));
  document.labels.push_back(second);
  RenderResult r = renderer().render(document, {}, 1);
  ASSERT_EQ(r.labels.size(), 1u);
  EXPECT_EQ(r.labels[0].id, 1);
  EXPECT_EQ(black_count(r.labels[0].bitmap), 0);
  EXPECT_EQ(r.labels[0].bitmap.width(), 800);
  EXPECT_EQ(r.labels[0].bitmap.height(), 480);
  EXPECT_EQ(renderer().render(document, {}, 7).labels.at(0).id, 7);
}

TEST(Renderer, FontsLoadOnlyWhenTextNeedsThem) {
  RendererOptions options;
  options.font_dir = "/nonexistent/dotlabel-fonts";
  Renderer broken(options);
  ir::Document document = page();
  document.labels[0].elements.push_back(ir::Bar{{2, 3}, 0, 0, 10, 10});
  EXPECT_TRUE(broken.render(document).ok());
  document.labels[0].elements.push_back(text(0, 20, "X", 3));
  document.labels[0].elements.push_back(text(0, 50, "Y", 4));  // the same file: one error
  RenderResult r = broken.render(document);
  ASSERT_EQ(codes(r), std::vector<std::string>{std::string(codes::kFontMissing)});
  EXPECT_EQ(r.diagnostics[0].pos, (SourcePos{3, 5}));
  EXPECT_EQ(r.diagnostics[0].file, "t.xml");
  EXPECT_FALSE(r.ok());
}

// render_label() is render() of one label of a document that holds only its page.
TEST(Renderer, RenderLabelDrawsOneLabelOnTheOutlinesPage) {
  ir::Document document = page();
  ir::Label second = document.labels[0];
  second.id = 2;
  second.mirror = true;
  document.labels[0].elements.push_back(text(4, 4, "Ag 1", 3));
  second.elements.push_back(ir::Bar{{4, 1}, 10, 10, 30, 5});
  document.labels.push_back(second);
  RenderResult whole = renderer().render(document);
  ir::Document outline = document;
  outline.labels.clear();
  for (std::size_t i = 0; i < document.labels.size(); ++i) {
    RenderResult one = renderer().render_label(outline, document.labels[i]);
    ASSERT_EQ(one.labels.size(), 1u);
    EXPECT_EQ(one.labels[0].id, document.labels[i].id);
    EXPECT_EQ(one.labels[0].bitmap, whole.labels[i].bitmap);
    EXPECT_TRUE(one.ok());
  }

  RendererOptions options;
  options.font_dir = "/nonexistent/dotlabel-fonts";
  Renderer broken(options);
  RenderResult r = broken.render_label(outline, document.labels[0]);
  ASSERT_EQ(codes(r), std::vector<std::string>{std::string(codes::kFontMissing)});
  EXPECT_TRUE(is_font_file_problem(r.diagnostics[0]));
  EXPECT_TRUE(broken.render_label(outline, document.labels[1]).ok());  // needs no font
  Diagnostic lint = r.diagnostics[0];
  lint.code = codes::kPageAreaOutOfRange;
  EXPECT_FALSE(is_font_file_problem(lint));
}

TEST(Renderer, OversizedLabelIsAnError) {
  RendererOptions options;
  options.limits.max_label_dots = 1000;
  Renderer small(options);
  RenderResult r = small.render(page());
  EXPECT_TRUE(r.labels.empty());
  EXPECT_EQ(codes(r), std::vector<std::string>{std::string(codes::kPageAreaOutOfRange)});
}

TEST(Renderer, ThreadSafeAndDeterministic) {
  ir::Document document = page();
  for (int f = 1; f <= 8; ++f)
    document.labels[0].elements.push_back(text(5, 5 + 50 * (f - 1), "Ag宫Ж 12", f));
  Renderer shared;
  std::vector<Bitmap> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] { results[i] = shared.render(document).labels.at(0).bitmap; });
  for (auto& t : threads) t.join();
  Bitmap reference = Renderer().render(document).labels[0].bitmap;
  for (const Bitmap& b : results) EXPECT_EQ(b, reference);
}

}  // namespace
}  // namespace dotlabel
