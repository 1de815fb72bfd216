// draw_document() of include/dotlabel/pipeline.hpp.
#include <algorithm>

#include "diagnostic_codes.hpp"
#include "dotlabel/pipeline.hpp"

namespace dotlabel {

Drawing draw_document(const Renderer& renderer, const ir::Document& document,
                      const DrawOptions& options) {
  Drawing drawing;
  if (options.label && !document.find_label(*options.label)) {
    drawing.diagnostics.push_back(
        {document.file,
         document.page.at,
         Severity::error,
         std::string(codes::kNoSuchLabel),
         "the page has no LABEL with id " + std::to_string(*options.label),
         {}});
    drawing.labels_failed = true;
    return drawing;
  }
  RenderResult rendered = renderer.render(document, options.render, options.label);
  drawing.diagnostics = std::move(rendered.diagnostics);
  drawing.labels = std::move(rendered.labels);
  drawing.labels_failed =
      std::any_of(drawing.diagnostics.begin(), drawing.diagnostics.end(), [&](const Diagnostic& d) {
        return d.severity == Severity::error || (options.werror && d.severity == Severity::warning);
      });
  if (drawing.labels_failed || !options.strip) return drawing;
  Renderer::StripResult strip = renderer.strip(document, drawing.labels);
  drawing.diagnostics.insert(drawing.diagnostics.end(),
                             std::make_move_iterator(strip.diagnostics.begin()),
                             std::make_move_iterator(strip.diagnostics.end()));
  drawing.strip = std::move(strip.bitmap);
  drawing.strip_failed = !drawing.strip;
  return drawing;
}

}  // namespace dotlabel
