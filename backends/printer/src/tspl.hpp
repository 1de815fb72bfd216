// Pieces of the TSPL encoder shared by its raster and native modes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/printer_language.hpp"

namespace dotlabel::printer::tspl {

// BITMAP modes.
inline constexpr int kOverwrite = 0, kOr = 1;

// One command and its CR LF.
void line(std::vector<std::uint8_t>& out, std::string_view command);

// Dots as a TSPL length in mm ("50 mm", "50.125 mm").
std::string mm(int dots);

// The SET CUTTER argument of a CUTTER: OFF, BATCH, or cut every p labels (1 when p is unset).
std::string cutter_setting(const ir::Cutter& cutter);

// `image` as BITMAP commands at (x, y) of at most max_bytes of data each (whole rows, at least
// one); in overwrite mode blank bands are left out, as CLS has cleared them.
void bitmap(std::vector<std::uint8_t>& out, const Bitmap& image, int x, int y, int mode,
            std::size_t max_bytes);

// Native mode: each label's element commands (between CLS and PRINT) passed to emit(), in id
// order. Returns false when an error was reported.
bool native_labels(
    const ir::Document& document, const Renderer& renderer, const TsplOptions& options, Job& job,
    const std::function<void(const ir::Label&, const std::vector<std::uint8_t>&)>& emit);

}  // namespace dotlabel::printer::tspl
