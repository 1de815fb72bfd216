// The printer fonts (docs/fonts.md), loaded once per Renderer and shared by its threads: the
// glyph cache (glyph_cache.cpp) over the font files (font_files.hpp).
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/diagnostics.hpp"

namespace dotlabel::render {

// One character of a line placed in its cell: which glyph, where along the line, how wide
// (dots, magnified by xw).
struct GlyphCell {
  char32_t code_point = 0;  // beyond U+10FFFF for a byte of invalid UTF-8 (a blank cell)
  long long x = 0;
  long long width = 0;
};

class FontSet {
 public:
  // `font_dir` empty: $DOTLABEL_FONT_DIR when set, else the Debian paths of the manifest. With
  // a folder, each file is looked up there by its file name. Nothing is loaded yet.
  explicit FontSet(std::filesystem::path font_dir = {});
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // Loads, once, the files printer font `font` (1..8) needs and returns the errors of those
  // that failed (file empty, position 0:0; the caller places them). A font whose file failed
  // draws blank cells. Thread-safe.
  Diagnostics load(int font) const;

  // One line of text in printer font `font` (1..8) as an unrotated sprite: the cells side by
  // side (width = sum of cell widths, height = cell height), magnified xw/yh times by pixel
  // replication. Thread-safe; loads the
  // font when load() was not called.
  Bitmap text_line(std::string_view utf8, int font, int xw, int yh) const;

  // That line laid out as cells, from the manifest's cell widths alone: no font file is
  // opened. Thread-safe.
  std::vector<GlyphCell> layout(std::string_view utf8, int font, int xw) const;

  // The height of a line in printer font `font` (1..8) before magnification, from the
  // manifest: no font file is opened. Thread-safe.
  int cell_height(int font) const;
  // The height of a line in printer font `font` magnified `yh` times, from the manifest.
  long long line_height(int font, int yh) const;

  // Part of a laid-out line, for a line mostly off the label: the cells that overlap dots
  // [from, to) of the whole line, as a sprite starting `first` dots into the whole.
  struct Window {
    Bitmap sprite;
    long long first = 0;
  };
  Window window(const std::vector<GlyphCell>& cells, int font, int xw, int yh, long long from,
                long long to) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dotlabel::render
