// What the TSPL and ESC/POS encoders share: the byte stream being built and the labels as the
// renderer draws them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/printer_language.hpp"

namespace dotlabel::printer {

inline void append(std::vector<std::uint8_t>& out, std::string_view text) {
  out.insert(out.end(), text.begin(), text.end());
}

// Renders the document's labels one at a time (so a long job holds one label image at once),
// as the preview shows them: mirrored when m=1, never turned for d. Calls draw(label, image)
// for each, which appends to job.bytes; the renderer's diagnostics are added to the job's.
// Stops with DL0555 once job.bytes outgrow max_job_bytes. Returns false on an error (the
// caller then drops its output).
bool for_each_label(const ir::Document& document, const Renderer& renderer, RenderOptions options,
                    std::size_t max_job_bytes, Job& job,
                    const std::function<void(const ir::Label&, const Bitmap&)>& draw);

// The CUTTER that applies to a label: its own, else the page's; nullptr when there is none.
const ir::Cutter* cutter_of(const ir::Label& label, const ir::Page& page);

// "LABEL <id>" for messages.
std::string label_name(const ir::Label& label);

}  // namespace dotlabel::printer
