// dotlabel::check(): compile + resolve, the render's diagnostics without the raster.
#include "dotlabel/check.hpp"

#include "fonts.hpp"
#include "resolve/resolve.hpp"
#include "resolve/reverse_lint.hpp"
#include "resolve/scan_safety.hpp"

namespace dotlabel {

namespace {

// Text is laid out from the font manifest's cell widths; this FontSet is never asked for a
// glyph, so no font file is opened.
const render::FontSet& font_metrics() {
  static const render::FontSet metrics;
  return metrics;
}

void resolve_label(const ir::Document& outline, const ir::Label& label, const Limits& limits,
                   Diagnostics& diagnostics) {
  const RenderOptions options;  // as `dotlabel render` without --logo
  const render::ResolveContext context{outline.file, outline.page.width, outline.page.length,
                                       limits,       font_metrics(),     options,
                                       diagnostics};
  render::ScanSafety scan_safety(context, label.elements.size());
  render::ReverseLint reverses(context, label.elements.size());
  for (const ir::Element& element : label.elements) {
    const render::ResolvedElement resolved = render::resolve(element, context);
    reverses.add(resolved);
    scan_safety.add(resolved);
  }
  scan_safety.report();
}

}  // namespace

Diagnostics check(std::string_view markup, const CompileOptions& options) {
  CompileResult compiled = compile(markup, options);
  Diagnostics diagnostics = std::move(compiled.diagnostics);
  if (!compiled.document) return diagnostics;
  const ir::Document& document = *compiled.document;
  if (!render::resolve_page(document, options.limits, diagnostics)) return diagnostics;
  for (const ir::Label& label : document.labels)
    resolve_label(document, label, options.limits, diagnostics);
  return diagnostics;
}

Diagnostics check_label(const ir::Document& outline, const ir::Label& label, const Limits& limits) {
  Diagnostics diagnostics;
  if (render::resolve_page(outline, limits, diagnostics))
    resolve_label(outline, label, limits, diagnostics);
  return diagnostics;
}

}  // namespace dotlabel
