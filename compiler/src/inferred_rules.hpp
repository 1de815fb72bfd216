// The rules docs/markup.md marks *(inferred)*: our best reading of what the printer does where
// the vendor text is silent. Each lives here, once, so it can be changed when a real print
// says otherwise. (The font cell sizes and rotation anchor are inferred too, but only the
// renderer uses them.)
#pragma once

namespace dotlabel::inferred {

// Two-width barcodes (Code 39, ITF, Codabar) written with `w` <= `n` (the default 2/2 is such
// a case): the printer cannot draw a wide bar no wider than a narrow one, so we take the
// usual 2.5:1 ratio, wide = ceil(2.5 * n).
inline int wide_bar_dots(int narrow) {
  return (narrow * 5 + 1) / 2;
}

// TEXT f="0" (outside the documented 1..8, yet used by real templates) prints in the
// default font.
inline constexpr int kFontForF0 = 7;

}  // namespace dotlabel::inferred
