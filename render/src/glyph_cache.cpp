// The glyph cache of the printer fonts (fonts.hpp): each printer font's character cells, drawn
// once from the font files (font_files.cpp) and kept, laid out and put side by side in lines.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "draw.hpp"
#include "font_files.hpp"
#include "fonts.hpp"
#include "glyphs.hpp"
#include "recently_used.hpp"
#include "thread_scratch.hpp"
#include "utf8.hpp"

namespace dotlabel::render {
namespace {

// Beyond Unicode, so never printable: a blank cell (U+FFFD would draw a glyph).
constexpr char32_t kInvalid = 0x110000;

// Pixel replication: each dot becomes an sx x sy block.
// Taken by value: at 1 x 1 (most text) the bitmap is moved through, not copied.
Bitmap magnify(Bitmap src, int sx, int sy) {
  if (sx == 1 && sy == 1) return src;
  Bitmap dst(src.width() * sx, src.height() * sy);
  if (dst.stride() == 0) return dst;  // no cells: rows without bytes
  // Each run of black dots in a source row becomes one run sx times as long, drawn once and
  // copied to the other sy - 1 rows.
  for (int y = 0; y < src.height(); ++y) {
    for (int x = 0; x < src.width();) {
      if (!src.get(x, y)) {
        ++x;
        continue;
      }
      int end = x + 1;
      while (end < src.width() && src.get(end, y)) ++end;
      dst.fill(x * sx, y * sy, (end - x) * sx, 1);
      x = end;
    }
    for (int k = 1; k < sy; ++k)
      std::memcpy(dst.row(y * sy + k), dst.row(y * sy), static_cast<std::size_t>(dst.stride()));
  }
  return dst;
}

}  // namespace

struct FontSet::Impl {
  FontFiles files;
  std::vector<Bitmap> blanks;  // by variant: the cell of a character the printer does not print

  std::shared_mutex cache_mutex;
  std::unordered_map<std::uint64_t, Bitmap> cache;  // (font << 32 | code point) -> its cell

  // Tells this FontSet's cells apart in a thread's own lookups from those of one destroyed
  // before, whose address this one may have.
  const std::uint64_t id = next_id.fetch_add(1, std::memory_order_relaxed);
  static inline std::atomic<std::uint64_t> next_id = 1;

  explicit Impl(std::filesystem::path font_dir) : files(std::move(font_dir)) {}

  const Bitmap& cell(int font, char32_t cp) {
    std::uint64_t key = static_cast<std::uint64_t>(font) << 32 | cp;
    // Each thread remembers the cells it found in the cache: the reader lock is a write to a
    // line every drawing thread shares, ~50 times a label, and with two threads those writes
    // bounced the line between the cores. Bounded like the cache (printable characters only).
    struct Found {
      std::uint64_t owner = 0;
      std::unordered_map<std::uint64_t, const Bitmap*> cells;
    };
    thread_local Found found;
    if (found.owner != id) {
      found.cells.clear();
      found.owner = id;
    }
    if (auto it = found.cells.find(key); it != found.cells.end()) return *it->second;
    {
      std::shared_lock lock(cache_mutex);
      if (auto it = cache.find(key); it != cache.end()) {
        found.cells.emplace(key, &it->second);
        return it->second;
      }
    }
    const FontSpec& f = files.font(font);
    // f=7/8: ASCII half width, every other character a full-width cell. f=1..6: one cell each.
    int index = cp < 0x80 || f.wide < 0 ? f.ascii : f.wide;
    // The printer's fonts hold printable ASCII and, in f=7/8, GB2312 and nothing else (the
    // compiler warns about the rest, DL0308): outside that a character is a blank cell, though
    // WQY or Unifont has a glyph. Not cached: the cache holds at most the printable
    // characters, whatever the input.
    if (!font_prints(font, cp)) return blanks[index];
    const VariantSpec& v = files.variant(index);
    std::optional<Bitmap> cell = files.glyph_cell(index, cp);
    if (!cell) return blanks[index];  // the font cannot be opened just now: nothing kept
    Bitmap bitmap = magnify(*cell, v.scale, v.scale);
    std::unique_lock lock(cache_mutex);
    // unordered_map keeps references valid across rehashing, so callers may hold them.
    return cache.try_emplace(key, std::move(bitmap)).first->second;
  }
};

FontSet::FontSet(std::filesystem::path font_dir)
    : impl_(std::make_unique<Impl>(std::move(font_dir))) {
  for (int index = 0; index < impl_->files.variant_count(); ++index) {
    const VariantSpec& v = impl_->files.variant(index);
    impl_->blanks.emplace_back(v.cell_w, v.cell_h);
  }
}

FontSet::~FontSet() = default;

namespace {
// The IR guarantees 1..8; anything else draws as the default font, as f="0" does.
int checked_font(int font) {
  return font >= 1 && font <= 8 ? font : 7;
}
}  // namespace

Diagnostics FontSet::load(int font) const {
  FontFiles& files = impl_->files;
  const FontSpec& f = files.font(checked_font(font));
  Diagnostics errors = files.open(f.ascii);
  if (f.wide >= 0) {
    const Diagnostics& wide = files.open(f.wide);
    // Two variants of one file share its errors: report them once.
    if (!files.same_file(f.wide, f.ascii) || errors.empty())
      errors.insert(errors.end(), wide.begin(), wide.end());
  }
  return errors;
}

Bitmap FontSet::text_line(std::string_view utf8, int font, int xw, int yh) const {
  return window(layout(utf8, font, xw), font, xw, yh, std::numeric_limits<long long>::min(),
                std::numeric_limits<long long>::max())
      .sprite;
}

std::vector<GlyphCell> FontSet::layout(std::string_view utf8, int font, int xw) const {
  const FontSpec& f = impl_->files.font(checked_font(font));
  xw = std::max(xw, 1);
  const std::vector<char32_t> code_points = utf8::decode_all(utf8, kInvalid);
  std::vector<GlyphCell> cells;
  cells.reserve(code_points.size());
  long long at = 0;
  for (char32_t cp : code_points) {
    // f=7/8: ASCII half width, every other character a full-width cell. f=1..6: one cell each.
    long long width = static_cast<long long>(
                          impl_->files.variant(cp < 0x80 || f.wide < 0 ? f.ascii : f.wide).cell_w) *
                      xw;
    cells.push_back({cp, at, width});
    at += width;
  }
  return cells;
}

int FontSet::cell_height(int font) const {
  return impl_->files.variant(impl_->files.font(checked_font(font)).ascii).cell_h;
}

long long FontSet::line_height(int font, int yh) const {
  return static_cast<long long>(cell_height(font)) * std::max(yh, 1);
}

namespace {

// The lines a thread drew last, for the text that repeats from label to label (a product name,
// a shop's header on every order of a batch, a preview's unchanged lines between keystrokes):
// a line is the same sprite whenever the same cells are put side by side at the same
// magnification. Bounded: a few lines each, and only lines small enough to copy for less than
// drawing them costs.
struct DrawnLine {
  std::uint64_t owner = 0;           // FontSet::Impl::id
  int font = 0, xw = 0, yh = 0;      // the font too: a line without cells is as high as its font
  std::vector<const Bitmap*> cells;  // the glyph cells in order: FontSet::Impl::cell's own
  Bitmap sprite;
};
constexpr std::size_t kKeptLines = 8;
constexpr std::size_t kMaxKeptLineBytes = 64 * 1024;

}  // namespace

FontSet::Window FontSet::window(const std::vector<GlyphCell>& cells, int font, int xw, int yh,
                                long long from, long long to) const {
  font = checked_font(font);
  xw = std::max(xw, 1);
  yh = std::max(yh, 1);
  // Only the cells in the window are drawn: a font file is read for those alone.
  std::vector<const Bitmap*> drawn;
  drawn.reserve(cells.size());
  long long first = -1;
  int width = 0;
  for (const GlyphCell& cell : cells) {
    if (cell.x + cell.width <= from || cell.x >= to) continue;
    if (first < 0) first = cell.x;
    drawn.push_back(&impl_->cell(font, cell.code_point));
    width += drawn.back()->width();
  }
  first = first < 0 ? 0 : first;
  // A cell is one glyph of one font at one size (the cache keeps it while the FontSet lives),
  // so equal cell addresses in the same order make the same line.
  auto& kept = thread_scratch<RecentlyUsed<DrawnLine, kKeptLines>>();
  if (const DrawnLine* found = kept.find([&](const DrawnLine& line) {
        return line.owner == impl_->id && line.font == font && line.xw == xw && line.yh == yh &&
               line.cells == drawn;
      }))
    return {found->sprite, first};
  Bitmap line(width, cell_height(font));
  int x = 0;
  for (const Bitmap* cell : drawn) {
    or_into(line, *cell, x, 0);
    x += cell->width();
  }
  Window window{magnify(std::move(line), xw, yh), first};
  if (window.sprite.bits().size() <= kMaxKeptLineBytes) {
    DrawnLine& line_kept = kept.add();
    line_kept.owner = impl_->id;
    line_kept.font = font;
    line_kept.xw = xw;
    line_kept.yh = yh;
    line_kept.cells = std::move(drawn);
    line_kept.sprite = window.sprite;
  }
  return window;
}

}  // namespace dotlabel::render
