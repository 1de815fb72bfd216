// The Renderer: draws each label's elements in document order onto a white 1-bit label.
#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <set>
#include <string>
#include <variant>

#include "diagnostic_codes.hpp"
#include "dotlabel/render.hpp"
#include "draw.hpp"
#include "fonts.hpp"
#include "resolve/reverse_lint.hpp"
#include "resolve/scan_safety.hpp"

namespace dotlabel {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
// clang before 17 has no class template argument deduction for aggregates.
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

constexpr std::array<std::uint8_t, 256> make_bit_reverse() {
  std::array<std::uint8_t, 256> table{};
  for (int i = 0; i < 256; ++i)
    for (int b = 0; b < 8; ++b)
      if (i & (1 << b)) table[i] |= static_cast<std::uint8_t>(0x80 >> b);
  return table;
}
constexpr auto kBitReverse = make_bit_reverse();

// m=1: the label mirrored left-right, after everything is drawn. Per row: bytes in reverse
// order, bits reversed, then shifted left past what were the row's padding bits.
void mirror(Bitmap& bitmap) {
  int stride = bitmap.stride(), pad = stride * 8 - bitmap.width();
  std::vector<std::uint8_t> reversed(static_cast<std::size_t>(stride) + 1, 0);
  for (int y = 0; y < bitmap.height(); ++y) {
    std::uint8_t* row = bitmap.row(y);
    for (int i = 0; i < stride; ++i) reversed[i] = kBitReverse[row[stride - 1 - i]];
    for (int i = 0; i < stride; ++i)
      row[i] = pad ? static_cast<std::uint8_t>(reversed[i] << pad | reversed[i + 1] >> (8 - pad))
                   : reversed[i];
  }
}

// As fed, d=0: the label leaves the printer the other way round, turned 180 degrees.
void turn_180(Bitmap& bitmap) {
  mirror(bitmap);
  int h = bitmap.height(), stride = bitmap.stride();
  for (int y = 0; y < h / 2; ++y)
    std::swap_ranges(bitmap.row(y), bitmap.row(y) + stride, bitmap.row(h - 1 - y));
}

// `box` (drawn on a page.width x page.length label) where it is on the label once flipped
// left-right and/or top-bottom. In 64 bits and clamped: a box may lie far off the label.
void as_printed(ElementBox& box, const ir::Page& page, bool flip_x, bool flip_y) {
  auto flip = [](int size, int at, int extent) {
    std::int64_t flipped = std::int64_t{size} - at - extent;
    return static_cast<int>(std::clamp<std::int64_t>(flipped, INT_MIN, INT_MAX));
  };
  if (flip_x) box.x = flip(page.width, box.x, box.width);
  if (flip_y) box.y = flip(page.length, box.y, box.height);
}

// The printer fonts a label draws with: its TEXTs' and, for human-readable lines, the
// font of its barcodes (kHriFont), each with the first element that needs it.
void fonts_needed(const ir::Label& label, std::vector<std::pair<int, SourcePos>>& fonts) {
  auto need = [&](int font, SourcePos at) {
    for (const auto& [f, pos] : fonts)
      if (f == font) return;
    fonts.emplace_back(font, at);
  };
  for (const ir::Element& element : label.elements) {
    if (const auto* text = std::get_if<ir::Text>(&element)) need(text->font, text->at);
    if (const auto* barcode = std::get_if<ir::Barcode>(&element))
      if (barcode->human_readable != ir::HumanReadable::none) need(render::kHriFont, barcode->at);
  }
}

}  // namespace

namespace render {

void draw(const ResolvedElement& element, const FontSet& fonts, LabelCanvas& canvas) {
  std::visit(Overloaded{
                 [&](const ResolvedText& e) { draw_text(e, fonts, canvas); },
                 [&](const ResolvedBarcode& e) { draw_barcode(e, fonts, canvas); },
                 [&](const ResolvedQr& e) { draw_qr(e, canvas); },
                 [&](const ResolvedImage& e) { draw_image(e, canvas); },
                 [&](const ResolvedRect& e) { draw_rect(e, canvas); },
                 [](std::monostate) {},  // nothing to print
             },
             element);
}

}  // namespace render

struct Renderer::Impl {
  explicit Impl(RendererOptions o) : options(std::move(o)), fonts(options.font_dir) {}
  RendererOptions options;
  render::FontSet fonts;  // loads lazily: a render without text never opens a font file
};

Renderer::Renderer(RendererOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Renderer::~Renderer() = default;

RenderResult Renderer::render(const ir::Document& document, const RenderOptions& options,
                              std::optional<std::int64_t> only_label) const {
  return render_range(document, document.labels, options, only_label, 0, document.labels.size(),
                      true);
}

Diagnostics Renderer::prepare(const ir::Document& document,
                              std::optional<std::int64_t> only_label) const {
  return render_range(document, document.labels, {}, only_label, 0, 0, true).diagnostics;
}

RenderResult Renderer::render_labels(const ir::Document& document, std::size_t first,
                                     std::size_t count, const RenderOptions& options) const {
  first = std::min(first, document.labels.size());
  count = std::min(count, document.labels.size() - first);
  return render_range(document, document.labels, options, std::nullopt, first, first + count,
                      false);
}

RenderResult Renderer::render_label(const ir::Document& outline, const ir::Label& label,
                                    const RenderOptions& options) const {
  return render_range(outline, std::span(&label, 1), options, std::nullopt, 0, 1, true);
}

RenderResult Renderer::render_element(const ir::Document& document, const ir::Label& label,
                                      const ir::Element& element,
                                      const RenderOptions& options) const {
  ir::Document alone;
  alone.file = document.file;
  alone.page = document.page;
  alone.page.cutters.clear();
  ir::Label only;
  only.at = label.at;
  only.id = label.id;
  only.elements.push_back(element);
  alone.labels.push_back(std::move(only));
  RenderOptions reading = options;
  reading.as_fed = false;
  return render(alone, reading);
}

bool is_font_file_problem(const Diagnostic& diagnostic) {
  return diagnostic.code == codes::kFontMissing || diagnostic.code == codes::kFontMismatch ||
         diagnostic.code == codes::kFontBroken;
}

RenderResult Renderer::render_range(const ir::Document& document, std::span<const ir::Label> labels,
                                    const RenderOptions& options,
                                    std::optional<std::int64_t> only_label, std::size_t first,
                                    std::size_t last, bool load_fonts) const {
  RenderResult result;
  const ir::Page& page = document.page;
  const Limits& limits = impl_->options.limits;
  if (!render::resolve_page(document, limits, result.diagnostics)) return result;

  // Fonts load lazily as text is drawn; here they are loaded up front only to report a missing
  // or broken file once, at the first element that needs it.
  std::vector<std::pair<int, SourcePos>> fonts;
  if (load_fonts)  // not per label of a batch: a scan of every label each time
    for (const ir::Label& label : labels)
      if (!only_label || label.id == *only_label) fonts_needed(label, fonts);
  std::set<std::string> reported;  // one message per broken file, though several fonts use it
  for (const auto& [font, at] : fonts) {
    for (Diagnostic& d : impl_->fonts.load(font)) {
      if (!reported.insert(d.message).second) continue;
      d.file = document.file;
      d.pos = at;
      result.diagnostics.push_back(std::move(d));
    }
  }

  for (std::size_t index = first; index < last; ++index) {
    const ir::Label& label = labels[index];
    if (only_label && label.id != *only_label) continue;
    RenderedLabel out;
    out.id = label.id;
    out.copies = label.copies;
    out.bitmap = Bitmap(page.width, page.length);
    render::LabelCanvas canvas(out.bitmap, result.diagnostics, out.boxes, document.file);
    const render::FontSet& font_set = impl_->fonts;
    // Element by element: resolved, then placed, so only one resolved sprite is held at a time.
    const render::ResolveContext context{document.file, page.width, page.length,       limits,
                                         font_set,      options,    result.diagnostics};
    render::ScanSafety scan_safety(context, label.elements.size());  // rectangles, not sprites
    render::ReverseLint reverses(context, label.elements.size());
    out.boxes.reserve(label.elements.size());
    for (const ir::Element& element : label.elements) {
      render::ResolvedElement resolved = render::resolve(element, context);
      reverses.add(resolved);
      scan_safety.add(resolved);
      render::draw(resolved, font_set, canvas);
    }
    scan_safety.report();
    if (label.mirror) mirror(out.bitmap);
    const bool turned = options.as_fed && label.direction == 0;
    if (turned) turn_180(out.bitmap);
    // The boxes follow the picture: mirroring flips x, the turn flips both x and y.
    if (label.mirror || turned)
      for (ElementBox& box : out.boxes) as_printed(box, page, label.mirror != turned, turned);
    result.labels.push_back(std::move(out));
  }
  return result;
}

Renderer::StripResult Renderer::strip(const ir::Document& document,
                                      const std::vector<RenderedLabel>& labels) const {
  const Limits& limits = impl_->options.limits;
  StripResult result;
  std::vector<const RenderedLabel*> order;
  for (const RenderedLabel& label : labels) order.push_back(&label);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->id < b->id; });
  const int width = document.page.width, gap = std::max(document.page.gap, 0);
  // The rows the area limit leaves at this width, and a Bitmap's height is an int. Each label
  // adds copies x (height + gap), the last gap is taken off at the end: the sum may reach
  // max_rows + gap. Checked before each addition, by division, so nothing can overflow.
  const std::int64_t max_rows =
      width > 0 ? std::min<std::int64_t>(limits.max_label_dots / width, INT_MAX) : 0;
  std::int64_t rows = 0, count = 0;
  for (const RenderedLabel* label : order) {
    std::int64_t copies = std::max(label->copies, 0);
    std::int64_t pitch = std::int64_t{label->bitmap.height()} + gap;
    if (copies > 0 && pitch > 0 && copies > (max_rows + gap - rows) / pitch) {
      result.diagnostics.push_back(
          {document.file, document.page.at, Severity::error, std::string(codes::kStripTooLarge),
           "the strip of every label's copies would be longer than the " +
               std::to_string(max_rows) + " dots that the limit of " +
               std::to_string(limits.max_label_dots) + " dots of area allows at " +
               std::to_string(width) + " dots wide",
           "render fewer labels or copies (LABEL c), or each label on its own"});
      return result;
    }
    rows += copies * pitch;
    count += copies;
  }
  if (count > 0) rows -= gap;
  // The gap is the liner between two die-cut labels, where the head prints nothing: plain
  // white rows, so the strip stays a true 1-bit picture of what the printer puts on paper.
  Bitmap out(std::max(width, 0), static_cast<int>(rows));
  std::int64_t top = 0;  // past the last copy, top is rows + gap: more than an int may hold
  for (const RenderedLabel* label : order) {
    const Bitmap& b = label->bitmap;
    int bytes = std::min(b.stride(), out.stride());
    for (int copy = 0; copy < label->copies; ++copy) {
      int y = static_cast<int>(top);
      for (int row = 0; row < b.height(); ++row) std::memcpy(out.row(y + row), b.row(row), bytes);
      top += b.height() + gap;
    }
  }
  result.bitmap = std::move(out);
  return result;
}

}  // namespace dotlabel
