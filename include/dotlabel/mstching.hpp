// The Mstching (对对机) back end: IR -> the PrintContent item list of the Mstching open API
// (interface 3, printcontent2). The device prints a vertical stream of items on narrow paper,
// so a label becomes either its elements in reading order (items mode) or one picture per
// printed label (image mode).
//
// Errors: what the device cannot print, and the renderer's diagnostics, are in
// Result::diagnostics (ok() false on an error); nothing throws but std::bad_alloc. Thread
// safety: both functions may run in several threads at once (the Renderer is thread-safe).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::mstching {

enum class PrintType { text = 0, image = 1, barcode = 3, qr_code = 4 };
enum class Alignment { left = 0, center = 1, right = 2 };

// One PrintContent entry. base_text is already base64: of the GBK bytes for text items, of
// the bytes CodeTextEncoding chooses for barcode and QR code items, of a 1-bit PNG for image
// items.
struct Item {
  Alignment alignment = Alignment::left;
  std::string base_text;
  bool bold = false;
  bool large = false;  // FontSize 1 ("one size larger")
  PrintType print_type = PrintType::text;
  friend bool operator==(const Item&, const Item&) = default;
};

enum class Mode {
  items,  // each element as a native item; what the device cannot express is warned about
  image,  // each label copy rendered, scaled to the paper width, as one image item
};

// The bytes under a barcode's or QR code's BaseText. The vendor's document defines BaseText
// as "文本 (gbk 编码) 的 base64 字符串" for text items only and says nothing of barcode and QR
// code items; GBK, the text items' encoding, is the assumption (unconfirmed, docs/submit.md).
// The two agree for ASCII content, which is what barcodes usually hold.
enum class CodeTextEncoding {
  gbk,   // as text items; a character GBK lacks is an error
  utf8,  // the content's UTF-8 bytes as they are
};

inline constexpr int kDefaultPaperWidth = 384;  // dots: 48 mm of print width at 8 dots/mm
// The device wraps a text line after this many half-width columns (a CJK character takes 2).
inline constexpr int kLineColumns = 32;
inline constexpr int kMaxPaperWidth = 4096;  // dots: a sanity bound, wider than any label paper

struct Options {
  Mode mode = Mode::items;
  CodeTextEncoding code_text_encoding = CodeTextEncoding::gbk;  // items mode: BARC and QRC
  int paper_width = kDefaultPaperWidth;  // dots, 1..kMaxPaperWidth; images never exceed it
  RenderOptions render;                  // as_fed, logo: passed to the renderer
  Limits limits;                         // max_label_dots bounds a scaled label picture
};

struct Result {
  std::vector<Item> items;  // labels in id order, each `copies` times
  Diagnostics diagnostics;  // includes the renderer's
  bool ok() const { return !has_errors(diagnostics); }
};

// The document's labels as PrintContent items. The renderer draws images (items mode) and
// whole labels (image mode); items mode without BMP elements never calls it. Options out of
// range (paper_width) are an error diagnostic, not a precondition.
DOTLABEL_API Result convert(const ir::Document& document, const Renderer& renderer,
                            const Options& options = {});

// The PrintContent JSON array: [{"Alignment":..,"BaseText":..,"Bold":..,"FontSize":..,
// "PrintType":..}], UTF-8, no BOM, keys in that order. Pure; cannot fail.
DOTLABEL_API std::string to_json(const std::vector<Item>& items);

}  // namespace dotlabel::mstching
