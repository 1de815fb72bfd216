// The renderer: IR -> 1-bit bitmaps exactly as the 203-dpi printer prints them.
//
// Errors: a label that cannot be drawn as written (clipping, content a symbology cannot
// encode, missing or altered printer fonts, exceeded Limits) is a diagnostic in the
// RenderResult (ok() false on an error); nothing throws but std::bad_alloc.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"

namespace dotlabel {

struct RendererOptions {
  // Where the printer fonts are; empty = $DOTLABEL_FONT_DIR, else the Debian paths.
  std::filesystem::path font_dir;
  Limits limits;
};

struct RenderOptions {
  bool as_fed = false;  // apply LABEL d: d=0 turns the label 180 degrees
  // Encoded image (PNG/JPEG/BMP) printed for an empty <BMP/>; empty = dashed placeholder.
  std::vector<std::uint8_t> logo;
};

// Where an element landed on the label, in dots, on the picture as RenderedLabel::bitmap has
// it: mirrored (LABEL m=1) and turned as fed (RenderOptions::as_fed, d=0) like the dots, so a
// preview outlines it without knowing either. It may lie partly or wholly off the label.
struct ElementBox {
  SourcePos at;
  int x = 0, y = 0, width = 0, height = 0;
};

struct RenderedLabel {
  std::int64_t id = 0;
  int copies = 1;
  Bitmap bitmap;
  std::vector<ElementBox> boxes;
};

struct RenderResult {
  std::vector<RenderedLabel> labels;  // id order, one per label (not per copy)
  Diagnostics diagnostics;            // layout lint, encoding errors
  bool ok() const { return !has_errors(diagnostics); }
};

// Owns the loaded fonts and glyph caches. One Renderer may be shared by several threads:
// render() is const and thread-safe.
class DOTLABEL_API Renderer {
 public:
  // Loads nothing yet: fonts are loaded when a label first needs them, and a font that
  // cannot be loaded is a diagnostic of that render.
  explicit Renderer(RendererOptions options = {});
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Every label of the document, or only `only_label` when given. An id the document does not
  // have gives no label and no diagnostic (labels is empty): check it with find_label first.
  RenderResult render(const ir::Document& document, const RenderOptions& options = {},
                      std::optional<std::int64_t> only_label = std::nullopt) const;

  // render() in parts, for spreading one document's labels over threads (the results are the
  // same): prepare() gives the diagnostics render() reports before drawing any label (the
  // page's size, font files that cannot be loaded) and loads those fonts; render_labels()
  // draws labels [first, first + count) of the document with the diagnostics of each.
  Diagnostics prepare(const ir::Document& document,
                      std::optional<std::int64_t> only_label = std::nullopt) const;
  RenderResult render_labels(const ir::Document& document, std::size_t first, std::size_t count,
                             const RenderOptions& options = {}) const;

  // For a document whose labels come one at a time (LazyDocument): `label` drawn on the page of
  // `outline`, whose own labels are not read. Like render(), it reports the printer-font files
  // the label needs that cannot be loaded, so each label that needs a broken font reports it
  // (is_font_file_problem() tells those apart).
  RenderResult render_label(const ir::Document& outline, const ir::Label& label,
                            const RenderOptions& options = {}) const;

  // One element of `label` drawn alone where it lands on the label, for back ends that send
  // the rest of a label as printer commands (Mstching items, TSPL): the document's page
  // without its cutters, in reading orientation whatever `options.as_fed` says.
  RenderResult render_element(const ir::Document& document, const ir::Label& label,
                              const ir::Element& element, const RenderOptions& options = {}) const;

  // Every label in id order, each `copies` times, separated by the page gap, in one image.
  // The strip is one bitmap, so its area is bounded as a label's is (Limits::max_label_dots):
  // over it, no bitmap and a diagnostic. The IR need not come from the compiler, so nothing
  // about `labels` (copies, sizes) is taken on trust.
  struct StripResult {
    std::optional<Bitmap> bitmap;
    Diagnostics diagnostics;
  };
  DOTLABEL_API StripResult strip(const ir::Document& document,
                                 const std::vector<RenderedLabel>& labels) const;

 private:
  RenderResult render_range(const ir::Document& document, std::span<const ir::Label> labels,
                            const RenderOptions& options, std::optional<std::int64_t> only_label,
                            std::size_t first, std::size_t last, bool load_fonts) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether `diagnostic` is about a printer-font file (missing, altered or unreadable) rather than
// about the label. Pure; thread-safe.
DOTLABEL_API bool is_font_file_problem(const Diagnostic& diagnostic);

}  // namespace dotlabel
