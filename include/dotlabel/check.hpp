// dotlabel::check(): everything a render would report, without drawing a pixel.
//
// check = compile + resolve (docs/rendering.md, "Stages"): the markup is compiled and every
// element's printable form is resolved (barcode bars, QR symbol, decoded image, laid-out text)
// with every content diagnostic; nothing is rasterised or encoded, and no font file is opened.
// The invariant: when check() reports no error, rendering the same markup with the same limits
// reports none either, except errors about the font files themselves (is_font_file_problem()).
// Errors come back as diagnostics, never as exceptions. Every function is thread-safe.
#pragma once

#include <string_view>

#include "dotlabel/compiler.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"

namespace dotlabel {

// Compiles `markup` (options.file_name, options.limits) and, when that succeeds, resolves every
// label with the same limits: the compiler's diagnostics, then each label's in id order.
DOTLABEL_API Diagnostics check(std::string_view markup, const CompileOptions& options = {});

// The resolve stage alone for one label of a compiled document (`outline` gives the file name
// and the page), e.g. a label of a LazyDocument: the page's and the label's diagnostics.
DOTLABEL_API Diagnostics check_label(const ir::Document& outline, const ir::Label& label,
                                     const Limits& limits = {});

}  // namespace dotlabel
