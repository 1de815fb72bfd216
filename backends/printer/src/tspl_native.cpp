// TSPL native mode: each element as the printer's own command. What TSPL cannot say the same
// way is sent as a BITMAP of that element alone, with a note saying why (docs/printing.md).
#include <algorithm>
#include <optional>
#include <string>
#include <variant>

#include "diagnostic_codes.hpp"
#include "gbk.hpp"
#include "job.hpp"
#include "symbology.hpp"
#include "tspl.hpp"

namespace dotlabel::printer::tspl {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// A TSPL string: quoted, a double quote inside written as \["].
std::string tspl_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"')
      out += "\\[\"]";
    else
      out += c;
  }
  return out + "\"";
}

std::string font_name(int font) {
  if (font == 7) return "TSS24.BF2";  // the 24x24 simplified Chinese font
  if (font == 8) return "TSS16.BF2";  // the 16x16 one
  return std::to_string(font);        // resident fonts "1".."6"
}

// TSPL's alignment argument: 1 left, 2 centre, 3 right of x.
int alignment(ir::Align align) {
  return align == ir::Align::center ? 2 : align == ir::Align::right ? 3 : 1;
}

std::string barcode_type(ir::Symbology symbology) {
  switch (symbology) {
    case ir::Symbology::code128:
      return "128";  // subsets chosen by the printer
    case ir::Symbology::code93:
      return "93";
    case ir::Symbology::codabar:
      return "CODA";
    case ir::Symbology::itf:
      return "25";
    case ir::Symbology::code39:
      return "39";  // full ASCII, which codes the basic set as the standard one does
    case ir::Symbology::ean8:
      return "EAN8";
    case ir::Symbology::ean13:
      return "EAN13";
    case ir::Symbology::upce:
      return "UPCE";
    case ir::Symbology::upca:
      return "UPCA";
  }
  return "128";
}

bool printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// A control character (C0 or DEL) in a TSPL string: a CR or LF would end the command, and an
// ESC starts one of the printer's immediate commands (ESC ! R resets it) wherever it is, so a
// data row's "\x1b!R" would act on the printer. TSPL strings have no escape for either.
bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// A rectangle clipped to the label; nullopt when nothing of it is left.
struct Rect {
  int x, y, width, height;
};
std::optional<Rect> clip(int x, int y, int width, int height, const ir::Page& page) {
  int x0 = std::max(x, 0), y0 = std::max(y, 0);
  int x1 = std::min<long long>(static_cast<long long>(x) + width, page.width);
  int y1 = std::min<long long>(static_cast<long long>(y) + height, page.length);
  if (x1 <= x0 || y1 <= y0) return std::nullopt;
  return Rect{x0, y0, x1 - x0, y1 - y0};
}

std::string numbers(std::initializer_list<long long> values) {
  std::string out;
  for (long long v : values) out += (out.empty() ? "" : ",") + std::to_string(v);
  return out;
}

class LabelWriter {
 public:
  LabelWriter(const ir::Document& document, const Renderer& renderer, const TsplOptions& options,
              Diagnostics& diagnostics, bool& font_noted, bool& barcode_noted)
      : document_(document),
        renderer_(renderer),
        options_(options),
        diagnostics_(diagnostics),
        font_noted_(font_noted),
        barcode_noted_(barcode_noted) {}

  std::vector<std::uint8_t> write(const ir::Label& label) {
    out_.clear();
    for (const ir::Element& element : label.elements) {
      std::visit(
          Overloaded{
              [&](const ir::Text& e) { text(label, e); },
              [&](const ir::Barcode& e) { barcode(label, e); },
              [&](const ir::QrCode& e) { qr(label, e); }, [&](const ir::Box& e) { box(label, e); },
              [&](const ir::Bar& e) { rect("BAR", e.x, e.y, e.width, e.height); },
              [&](const ir::Reverse& e) { rect("REVERSE", e.x, e.y, e.width, e.height); },
              [&](const ir::Image& e) { as_bitmap(label, e, e.at, {}); },
              [](const ir::Cutter&) {},  // PRINT's SET CUTTER
          },
          element);
    }
    return std::move(out_);
  }

 private:
  void text(const ir::Label& label, const ir::Text& e) {
    std::string bytes;
    if (e.font <= 6) {
      if (!printable_ascii(e.content))
        return as_bitmap(label, e, e.at,
                         "TEXT f=" + std::to_string(e.font) +
                             " holds characters outside printable ASCII, which the resident font "
                             "lacks");
      bytes = e.content;
    } else {
      if (has_control(e.content))
        return as_bitmap(label, e, e.at,
                         "TEXT holds control characters, which a TSPL string cannot carry");
      GbkText gbk = to_gbk(e.content);
      if (gbk.failure) return as_bitmap(label, e, e.at, "TEXT holds a character with no GBK code");
      bytes = std::move(gbk.bytes);
    }
    if (!font_noted_) {
      font_noted_ = true;
      note(e.at, codes::kTsplPrinterFont,
           "TEXT prints in the printer's own fonts, whose glyphs may differ from the preview's",
           "--mode raster prints exactly the preview");
    }
    std::string command = "TEXT " + numbers({e.x, e.y}) + "," + tspl_string(font_name(e.font)) +
                          "," + numbers({static_cast<int>(e.rotation), e.xw, e.yh});
    if (e.align != ir::Align::left) command += "," + std::to_string(alignment(e.align));
    line(out_, command + "," + tspl_string(bytes));
  }

  void barcode(const ir::Label& label, const ir::Barcode& e) {
    if (!printable_ascii(e.content))
      return as_bitmap(label, e, e.at, "BARC content outside printable ASCII");
    if (!barcode_noted_ && e.human_readable != ir::HumanReadable::none) {
      barcode_noted_ = true;
      note(e.at, codes::kTsplPrinterFont,
           "BARC human-readable lines print in the printer's own font and spacing",
           "--mode raster prints exactly the preview");
    }
    std::string content = e.content;
    // EAN and UPC: the data digits; the printer adds the check digit itself.
    auto data_digits = [&](std::size_t n) { content = content.substr(0, n); };
    if (e.symbology == ir::Symbology::ean13) data_digits(12);
    if (e.symbology == ir::Symbology::ean8) data_digits(7);
    if (e.symbology == ir::Symbology::upca) data_digits(11);
    if (e.symbology == ir::Symbology::upce && content.size() > 6) {
      // TSPL's UPCE takes the six digits of number system 0.
      if (content[0] != '0')
        return as_bitmap(label, e, e.at, "UPC-E of number system 1, which TSPL cannot code");
      content = content.substr(1, 6);
    }
    int wide = is_two_width(e.symbology) ? e.wide : e.narrow;
    std::string command = "BARCODE " + numbers({e.x, e.y}) + "," +
                          tspl_string(barcode_type(e.symbology)) + "," +
                          numbers({e.height, static_cast<int>(e.human_readable),
                                   static_cast<int>(e.rotation), e.narrow, wide});
    if (e.align != ir::Align::left) command += "," + std::to_string(alignment(e.align));
    line(out_, command + "," + tspl_string(content));
  }

  void qr(const ir::Label& label, const ir::QrCode& e) {
    if (has_control(e.content))
      return as_bitmap(label, e, e.at,
                       "QRC content holds control characters (a line break, ESC), which a TSPL "
                       "string cannot carry");
    static constexpr char kLevels[] = {'L', 'M', 'Q', 'H'};
    line(out_, "QRCODE " + numbers({e.x, e.y}) + "," + kLevels[static_cast<int>(e.ecc)] + "," +
                   std::to_string(e.module) + ",A,0," + tspl_string(e.content));
  }

  void box(const ir::Label& label, const ir::Box& e) {
    int x0 = std::min(e.x, e.x_end), x1 = std::max(e.x, e.x_end);
    int y0 = std::min(e.y, e.y_end), y1 = std::max(e.y, e.y_end);
    if (x1 == x0 || y1 == y0 || e.line <= 0) return;  // the renderer draws nothing either
    if (x0 < 0 || y0 < 0) return as_bitmap(label, e, e.at, "SQ starts left of or above the label");
    line(out_, "BOX " + numbers({x0, y0, x1, y1, e.line}));
  }

  void rect(std::string_view command, int x, int y, int width, int height) {
    // Clipping to the label here gives what the renderer (and the printer) keep of it.
    if (std::optional<Rect> r = clip(x, y, width, height, document_.page))
      line(out_, std::string(command) + " " + numbers({r->x, r->y, r->width, r->height}));
  }

  // The element drawn alone by the renderer, ORed onto the label as a bitmap.
  template <class Element>
  void as_bitmap(const ir::Label& label, const Element& element, SourcePos at,
                 const std::string& why) {
    if (!why.empty()) note(at, codes::kTsplAsBitmap, why + ": sent as a bitmap", "");
    // Its diagnostics are the whole label's render's, already reported.
    RenderResult rendered = renderer_.render_element(document_, label, element, options_.render);
    if (!rendered.ok() || rendered.labels.empty()) return;
    const RenderedLabel& drawn = rendered.labels.front();
    for (const ElementBox& extent : drawn.boxes) {
      std::optional<Rect> r = clip(extent.x, extent.y, extent.width, extent.height, document_.page);
      if (!r) continue;
      Bitmap part(r->width, r->height);
      for (int y = 0; y < r->height; ++y)
        for (int x = 0; x < r->width; ++x)
          if (drawn.bitmap.get(r->x + x, r->y + y)) part.set(x, y, true);
      bitmap(out_, part, r->x, r->y, kOr, options_.max_bitmap_bytes);
    }
  }

  void note(SourcePos at, std::string_view code, std::string message, std::string hint) {
    diagnostics_.push_back({document_.file, at, Severity::note, std::string(code),
                            std::move(message), std::move(hint)});
  }

  const ir::Document& document_;
  const Renderer& renderer_;
  const TsplOptions& options_;
  Diagnostics& diagnostics_;
  bool& font_noted_;
  bool& barcode_noted_;
  std::vector<std::uint8_t> out_;
};

}  // namespace

bool native_labels(
    const ir::Document& document, const Renderer& renderer, const TsplOptions& options, Job& job,
    const std::function<void(const ir::Label&, const std::vector<std::uint8_t>&)>& emit) {
  bool font_noted = false, barcode_noted = false;
  LabelWriter writer(document, renderer, options, job.diagnostics, font_noted, barcode_noted);
  // The whole label is still rendered: its diagnostics (clipping, codes that cannot be
  // encoded) are those of the preview, and an error there stops the job as in raster mode.
  return for_each_label(
      document, renderer, options.render, options.max_job_bytes, job,
      [&](const ir::Label& label, const Bitmap&) { emit(label, writer.write(label)); });
}

}  // namespace dotlabel::printer::tspl
