// The printer's font files (docs/fonts.md): found on the Debian paths or in a folder, mapped,
// checked against the sha256 of fonts/manifest.json, opened in FreeType at the manifest's sizes,
// and the one place FreeType draws a glyph. The glyph cache (glyph_cache.cpp) builds on it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/diagnostics.hpp"

namespace dotlabel::render {

// One way of drawing characters: a file at one size, into one cell.
struct VariantSpec {
  std::string file;
  int strike = -1;  // bitmap strike index, -1 = render the outline at `ppem`
  int ppem = 0;
  int cell_w = 0, cell_h = 0;  // final cell, dots
  int baseline = 0;            // cell rows above the baseline, final dots
  int scale = 1;               // render at cell/scale, then replicate pixels
};

// A printer font (1..8) of the manifest: the variants that draw it.
struct FontSpec {
  int ascii = -1;  // variant index for U+0000..U+007F
  int wide = -1;   // variant index for the rest, -1 = blank ascii-width cell
};

class FontFiles {
 public:
  // `font_dir` empty: $DOTLABEL_FONT_DIR when set, else the Debian paths of the manifest. With
  // a folder, each file is looked up there by its file name. Nothing is opened yet. The digest
  // cache's folder (font_digest_cache.hpp) is taken from the environment here too.
  explicit FontFiles(std::filesystem::path font_dir);
  ~FontFiles();
  FontFiles(const FontFiles&) = delete;
  FontFiles& operator=(const FontFiles&) = delete;

  // The manifest's printer font `font` (1..8) and its variants. Pure.
  const FontSpec& font(int font) const;
  const VariantSpec& variant(int index) const;
  int variant_count() const;
  // Whether two variants draw from the same file (and so share its errors).
  bool same_file(int a, int b) const;

  // Opens, once, variant `index`: its file mapped and checked, its face at its size. The errors
  // of the file or the face (file empty, position 0:0); none when it opened. A failure that may
  // pass (too many open files, no memory) is reported but not kept: the next call tries again,
  // and its errors are valid only until this thread's next call. Thread-safe.
  const Diagnostics& open(int index);

  // The cell of `cp` in variant `index` at the size it is drawn (cell / scale, unmagnified),
  // the glyph placed per docs/fonts.md; blank when the variant does not open or has no glyph.
  // Opens the variant when open() was not called. None when it cannot be opened just now (a
  // failure that may pass, see open()): a cell not to be kept. Thread-safe.
  std::optional<Bitmap> glyph_cell(int index, char32_t cp);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dotlabel::render
