// Internal to dotlabel: whether encode_pdf can work in this process, asked by a run before it
// draws anything, so that a missing Cairo is one diagnostic and no partial output.
#pragma once

#include <string>

namespace dotlabel::render {

// Loads Cairo if it is not loaded yet; false with `why` (what to install) when it cannot be.
bool pdf_encoder_available(std::string& why);

}  // namespace dotlabel::render
