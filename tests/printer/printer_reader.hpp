// A test-only reader of TSPL programs and ESC/POS jobs: it executes the drawing commands
// (BITMAP, BAR, BOX, REVERSE; GS v 0, ESC J) into bitmaps as a printer would, so that the
// encoders' output can be compared dot for dot with the golden images without a printer.
// Written from the printer manuals, independently of backends/printer/.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dotlabel/bitmap.hpp"

namespace dotlabel::test {

// One PRINT: the label as the printer laid it out (after DIRECTION's mirror), and its count.
struct PrintedLabel {
  Bitmap bitmap;
  int copies = 1;
  int direction = 0;  // DIRECTION n: 0 leaves the printer turned 180 degrees ("as fed")
  bool mirrored = false;
};

struct TsplReading {
  int width = 0, height = 0;       // SIZE, in dots
  std::vector<std::string> setup;  // every command other than drawing ones, as written
  std::vector<PrintedLabel> labels;
  // Commands the reader does not draw (TEXT, BARCODE, QRCODE): their names, in order.
  std::vector<std::string> not_drawn;
  std::string error;  // a malformed program: what and where; the reading stops there
};

TsplReading read_tspl(std::span<const std::uint8_t> program);

// The label as it leaves the printer: turned 180 degrees for DIRECTION 0.
Bitmap as_fed(const PrintedLabel& label);

struct EscPosReading {
  Bitmap paper;           // everything printed and fed, top first; as wide as the widest image
  std::vector<int> cuts;  // the paper rows at which GS V cut
  int resets = 0;         // ESC @
  std::string error;
};

EscPosReading read_escpos(std::span<const std::uint8_t> job);

// Left-right and 180-degree turns, for comparisons.
Bitmap mirrored(const Bitmap& bitmap);
Bitmap turned_180(const Bitmap& bitmap);

}  // namespace dotlabel::test
