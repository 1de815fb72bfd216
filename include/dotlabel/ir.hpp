// The intermediate representation: a validated label job in whole printer dots (8 per mm).
// The compiler produces it (mm -> dots conversion happens there, once); every back end
// consumes it. Plain structs, one per element kind; `at` is where the element starts in the
// markup so later stages can report clipping and encoding problems at a line:column.
// Plain values: nothing here fails or throws but std::bad_alloc; const access from several
// threads at once is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::ir {

inline constexpr int kDotsPerMm = 8;

enum class Align { left, center, right };

// Where an element's content is written, for a diagnostic about one of its characters (a
// back end that cannot encode it). From code point `first` of the content on, the characters
// sit one column apart from `at`, up to the next run. The markup starts a new run where one
// character takes several columns (&amp;, &#x4E2D;) or a line ends; characters the compiler
// adds in front (Codabar's start A, ITF's leading 0) are shown at the first written one.
struct ContentRun {
  std::size_t first = 0;
  SourcePos at;
  friend bool operator==(const ContentRun&, const ContentRun&) = default;
};

// Clockwise rotation of a TEXT or BARC; where the turned element lands: docs/markup.md,
// "Alignment and rotation".
enum class Rotation { r0 = 0, r90 = 90, r180 = 180, r270 = 270 };

struct Text {
  SourcePos at;
  SourcePos content_at;                  // first character of the content
  std::vector<ContentRun> content_runs;  // empty: written as is, from content_at
  int x = 0, y = 0;                      // anchor, dots
  int xw = 1, yh = 1;                    // whole-number cell magnification
  int font = 7;                          // 1..8 (f="0" is lowered to 7)
  Align align = Align::left;
  Rotation rotation = Rotation::r0;
  std::string content;  // UTF-8, no newline
  friend bool operator==(const Text&, const Text&) = default;
};

enum class Symbology { code128, code93, codabar, itf, code39, ean8, ean13, upce, upca };

// Human-readable interpretation line under the bars (`s`).
enum class HumanReadable { none = 0, left = 1, center = 2, right = 3 };

struct Barcode {
  SourcePos at;
  SourcePos content_at;
  std::vector<ContentRun> content_runs;  // empty: written as is, from content_at
  int x = 0, y = 0;
  Symbology symbology = Symbology::code128;
  std::string type_name;  // the `ct` value as written, for messages
  int narrow = 2;         // dots per narrow bar/space (module width for single-width codes)
  int wide = 5;           // dots per wide bar/space (two-width codes only); already resolved
  int height = 50;        // bar height, dots
  HumanReadable human_readable = HumanReadable::center;
  Align align = Align::center;
  Rotation rotation = Rotation::r0;
  std::string content;  // exactly what is encoded (Codabar start/stop already added)
  friend bool operator==(const Barcode&, const Barcode&) = default;
};

enum class QrEcc { L, M, Q, H };

struct QrCode {
  SourcePos at;
  SourcePos content_at;
  std::vector<ContentRun> content_runs;  // empty: written as is, from content_at
  int x = 0, y = 0;                      // top-left of the symbol (no quiet zone)
  int module = 2;                        // dots per module
  QrEcc ecc = QrEcc::L;
  std::string content;  // UTF-8 bytes
  friend bool operator==(const QrCode&, const QrCode&) = default;
};

// SQ: outline whose outer edge lies on (x,y)-(x_end,y_end), stroke `line` dots drawn inward.
struct Box {
  SourcePos at;
  int x = 0, y = 0, x_end = 0, y_end = 0;
  int line = 2;
  friend bool operator==(const Box&, const Box&) = default;
};

// BL: filled rectangle.
struct Bar {
  SourcePos at;
  int x = 0, y = 0, width = 0, height = 0;
  friend bool operator==(const Bar&, const Bar&) = default;
};

// REV: XOR of the rectangle with what has been drawn before it.
struct Reverse {
  SourcePos at;
  int x = 0, y = 0, width = 0, height = 0;
  friend bool operator==(const Reverse&, const Reverse&) = default;
};

enum class ImageFormat { png, jpeg, bmp };

struct Image {
  SourcePos at;
  int x = 0, y = 0;
  std::optional<int> width;  // dots; none = the image's own width
  // Decoded base64 content; empty = the printer's uploaded logo (`<BMP/>`).
  std::vector<std::uint8_t> data;
  ImageFormat format = ImageFormat::png;  // meaningful only when data is not empty
  friend bool operator==(const Image&, const Image&) = default;
};

enum class CutterMode { off, batch, on };

// Paper handling only: no ink.
struct Cutter {
  SourcePos at;
  int every = -1;  // `p`: cut after this many labels, -1 = never
  CutterMode mode = CutterMode::on;
  friend bool operator==(const Cutter&, const Cutter&) = default;
};

using Element = std::variant<Text, Barcode, QrCode, Box, Bar, Reverse, Image, Cutter>;

struct Label {
  SourcePos at;
  std::int64_t id = 0;
  int copies = 1;
  int direction = 1;  // `d`: 0 near the paper exit, 1 away from it
  bool mirror = false;
  int offset = 0;                 // `os`, dots (already 0 when the source was out of range)
  std::vector<Element> elements;  // document order = drawing order
  friend bool operator==(const Label&, const Label&) = default;
};

struct Page {
  SourcePos at;
  int width = 0;   // dots
  int length = 0;  // dots
  int gap = 16;    // `ld`, dots
  int paper_type = 0;
  double feed_offset = 0;       // `lod`: 0..1 of the label length (0 least, 1 the whole length)
  std::vector<Cutter> cutters;  // CUTTER directly under PAGE
  friend bool operator==(const Page&, const Page&) = default;
};

struct Document {
  std::string file;  // for diagnostics
  Page page;
  std::vector<Label> labels;  // ascending id

  // The label with this id; nullptr when there is none.
  DOTLABEL_API const Label* find_label(std::int64_t id) const;

  friend bool operator==(const Document&, const Document&) = default;
};

// mm -> dots, round half away from zero. The only place the conversion is defined.
// Precondition: the result fits an int (|mm| < 2^28); pure and thread-safe.
DOTLABEL_API int mm_to_dots(double mm);

// The line:column of code point `index` of an element's content (see ContentRun).
DOTLABEL_API SourcePos content_position(SourcePos content_at, const std::vector<ContentRun>& runs,
                                        std::size_t index);

}  // namespace dotlabel::ir
