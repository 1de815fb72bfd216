#include "job.hpp"
#include "diagnostic_codes.hpp"

#include <variant>

namespace dotlabel::printer {

bool for_each_label(const ir::Document& document, const Renderer& renderer, RenderOptions options,
                    std::size_t max_job_bytes, Job& job,
                    const std::function<void(const ir::Label&, const Bitmap&)>& draw) {
  options.as_fed = false;
  Diagnostics& diagnostics = job.diagnostics;
  Diagnostics prepared = renderer.prepare(document);
  bool failed = has_errors(prepared);
  diagnostics.insert(diagnostics.end(), prepared.begin(), prepared.end());
  if (failed) return false;
  for (std::size_t i = 0; i < document.labels.size(); ++i) {
    RenderResult rendered = renderer.render_labels(document, i, 1, options);
    failed = failed || !rendered.ok();
    diagnostics.insert(diagnostics.end(), rendered.diagnostics.begin(), rendered.diagnostics.end());
    if (!failed && !rendered.labels.empty())
      draw(document.labels[i], rendered.labels.front().bitmap);
    if (job.bytes.size() > max_job_bytes) {
      diagnostics.push_back(
          {document.file, document.labels[i].at, Severity::error, std::string(codes::kJobTooLarge),
           "the print job outgrows the limit of " + std::to_string(max_job_bytes) + " bytes at " +
               label_name(document.labels[i]),
           "print the labels in several jobs"});
      return false;
    }
  }
  return !failed;
}

const ir::Cutter* cutter_of(const ir::Label& label, const ir::Page& page) {
  const ir::Cutter* found = page.cutters.empty() ? nullptr : &page.cutters.back();
  for (const ir::Element& element : label.elements)
    if (const auto* cutter = std::get_if<ir::Cutter>(&element)) found = cutter;
  return found;
}

std::string label_name(const ir::Label& label) {
  return "LABEL " + std::to_string(label.id);
}

}  // namespace dotlabel::printer
