// The Mstching back end: a compiled document becomes the PrintContent item list the Mstching
// (对对机) cloud prints. Sending it is the client's work (client/src/mstching_client.cpp).
#include "dotlabel/mstching.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "diagnostic_codes.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/encode.hpp"
#include "gbk.hpp"
#include "scale.hpp"
#include "utf8.hpp"

namespace dotlabel::mstching {
namespace {

constexpr std::string_view kImageModeHint = "use `--mode image` to print each label as a picture";

Alignment alignment_of(ir::Align align) {
  switch (align) {
    case ir::Align::left:
      return Alignment::left;
    case ir::Align::center:
      return Alignment::center;
    case ir::Align::right:
      return Alignment::right;
  }
  return Alignment::left;
}

// "'😀' (U+1F600)" for a UTF-8 character, "byte 0xFF" for a byte that does not start one.
std::string describe_character(std::string_view character) {
  if (utf8::sequence_length(character, 0) == 0) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "byte 0x%02X",
                  static_cast<unsigned>(static_cast<unsigned char>(character[0])));
    return buffer;
  }
  std::size_t offset = 0;
  return "'" + std::string(character) + "' (" +
         utf8::code_point_name(utf8::decode(character, offset)) + ")";
}

Item make_item(PrintType type, std::string base_text, Alignment alignment = Alignment::left,
               bool large = false) {
  Item item;
  item.print_type = type;
  item.base_text = std::move(base_text);
  item.alignment = alignment;
  item.large = large;
  return item;
}

// What `items` add to to_json()'s array: each object and the comma or bracket after it. Exact:
// the numbers are single digits and base64 needs no escaping.
std::size_t json_bytes(const std::vector<Item>& items) {
  // {"Alignment":0,"BaseText":"","Bold":0,"FontSize":0,"PrintType":0}
  constexpr std::size_t empty_object = 65;
  std::size_t bytes = 0;
  for (const Item& item : items) bytes += empty_object + item.base_text.size() + 1;
  return bytes;
}

// An item and where its element is; a stable sort by (y, x) keeps document order for ties.
struct Placed {
  int y = 0, x = 0;
  Item item;
};

class Converter {
 public:
  Converter(const ir::Document& document, const Renderer& renderer, const Options& options,
            Result& result)
      : document_(document), renderer_(renderer), options_(options), result_(result) {}

  void items_mode() {
    for (const ir::Label& label : document_.labels)
      add_copies(label.at, label.id, label.copies, label_items(label));
  }

  void image_mode() {
    RenderResult rendered = renderer_.render(document_, options_.render);
    append(std::move(rendered.diagnostics));
    if (!result_.ok()) return;
    const int width = options_.paper_width;
    for (const RenderedLabel& label : rendered.labels) {
      const ir::Label* source = document_.find_label(label.id);
      SourcePos at = source ? source->at : SourcePos{};
      std::int64_t height = height_at_width(label.bitmap, width);
      if (height * width > options_.limits.max_label_dots) {
        report(at, Severity::error, codes::kMstchingImageTooLarge,
               "LABEL " + std::to_string(label.id) + " scaled to " + std::to_string(width) +
                   " dots wide would be " + std::to_string(height) + " dots long, over the " +
                   std::to_string(options_.limits.max_label_dots) + "-dot limit",
               "give a smaller `--width`");
        continue;
      }
      if (source && width < label.bitmap.width()) warn_vanishing_modules(*source, label.bitmap);
      add_copies(
          at, label.id, label.copies,
          {make_item(PrintType::image, png_base64(label.bitmap.width() == width
                                                      ? label.bitmap
                                                      : scale_to_width(label.bitmap, width)))});
    }
  }

 private:
  // `copies` times a label's `items`, unless the PrintContent would outgrow its limit: checked by
  // division before anything is copied, so that no count of copies can overflow or exhaust
  // memory. Past the limit nothing more is added (the result is an error).
  void add_copies(SourcePos at, std::int64_t id, int label_copies, const std::vector<Item>& items) {
    if (full_) return;
    const std::size_t limit = options_.limits.max_print_content_bytes;
    const std::size_t copies = static_cast<std::size_t>(std::max(label_copies, 0));
    const std::size_t per_copy = json_bytes(items);
    const std::size_t room = limit > json_size_ ? limit - json_size_ : 0;
    if (per_copy > 0 && copies > room / per_copy) {
      full_ = true;
      report(at, Severity::error, codes::kMstchingTooLarge,
             "LABEL " + std::to_string(id) + " x " + std::to_string(copies) +
                 " copies would make the PrintContent more than " + std::to_string(limit) +
                 " bytes long",
             "print fewer copies (LABEL c) or fewer labels in one request");
      return;
    }
    json_size_ += copies * per_copy;
    result_.items.reserve(result_.items.size() + copies * items.size());
    for (std::size_t copy = 0; copy < copies; ++copy)
      result_.items.insert(result_.items.end(), items.begin(), items.end());
  }

  // Shrunk below one dot per module, some bars and QR modules vanish and the code will not scan.
  void warn_vanishing_modules(const ir::Label& label, const Bitmap& bitmap) {
    const int width = options_.paper_width;
    auto check = [&](SourcePos at, std::string_view what, int module) {
      if (std::int64_t{module} * width >= bitmap.width()) return;
      char scaled[32];
      std::snprintf(scaled, sizeof scaled, "%.2f",
                    static_cast<double>(module) * width / bitmap.width());
      report(at, Severity::warning, codes::kMstchingModulesVanish,
             std::string(what) + " module of " + std::to_string(module) + " dots becomes " +
                 scaled + " dots when the " + std::to_string(bitmap.width()) +
                 "-dot label is scaled to " + std::to_string(width) +
                 ": some modules vanish and it will not scan",
             "widen the modules, or keep the label within " + std::to_string(width) + " dots");
    };
    for (const ir::Element& element : label.elements) {
      if (const auto* barcode = std::get_if<ir::Barcode>(&element))
        check(barcode->at, "BARC", barcode->narrow);
      else if (const auto* qr = std::get_if<ir::QrCode>(&element))
        check(qr->at, "QRC", qr->module);
    }
  }

  std::vector<Item> label_items(const ir::Label& label) {
    if (label.mirror)
      report(label.at, Severity::warning, codes::kMstchingMirrored,
             "LABEL " + std::to_string(label.id) +
                 " is mirrored (m=1); Mstching items print unmirrored",
             std::string(kImageModeHint));
    // Elements are converted in document order, so that diagnostics come out in source order,
    // then printed top to bottom, left to right.
    std::vector<Placed> placed;
    for (const ir::Element& element : label.elements) {
      std::visit(
          [&](const auto& e) {
            // CUTTER is paper handling, no ink: nothing to print.
            if constexpr (!std::is_same_v<std::decay_t<decltype(e)>, ir::Cutter>) {
              if (std::optional<Item> item = convert(label, e))
                placed.push_back({e.y, e.x, std::move(*item)});
            }
          },
          element);
    }
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
      return std::tie(a.y, a.x) < std::tie(b.y, b.x);
    });
    std::vector<Item> items;
    items.reserve(placed.size());
    for (Placed& p : placed) items.push_back(std::move(p.item));
    return items;
  }

  std::optional<Item> convert(const ir::Label&, const ir::Text& text) {
    if (text.rotation != ir::Rotation::r0) warn_rotated(text.at, "TEXT", text.rotation);
    std::optional<std::string> gbk = encode("TEXT", text);
    if (!gbk) return std::nullopt;
    // In GBK a half-width character is one byte and a full-width one two: bytes = columns.
    if (gbk->size() > static_cast<std::size_t>(kLineColumns))
      report(text.at, Severity::warning, codes::kMstchingTextWraps,
             "TEXT is " + std::to_string(gbk->size()) + " columns wide; the Mstching device " +
                 "wraps lines after " + std::to_string(kLineColumns) + " (" +
                 std::to_string(kLineColumns / 2) + " CJK characters)",
             "shorten it or split it into several TEXT elements");
    return make_item(PrintType::text, bytes_base64(*gbk), alignment_of(text.align),
                     text.xw >= 2 || text.yh >= 2);
  }

  std::optional<Item> convert(const ir::Label&, const ir::Barcode& barcode) {
    if (barcode.rotation != ir::Rotation::r0) warn_rotated(barcode.at, "BARC", barcode.rotation);
    if (barcode.symbology != ir::Symbology::code128)
      report(barcode.at, Severity::note, codes::kMstchingSymbology,
             "BARC ct=\"" + barcode.type_name +
                 "\": a Mstching barcode item carries only the content; the device chooses "
                 "the symbology",
             std::string(kImageModeHint) + " to keep this symbology");
    std::optional<std::string> bytes = code_text("BARC", barcode);
    if (!bytes) return std::nullopt;
    return make_item(PrintType::barcode, bytes_base64(*bytes), alignment_of(barcode.align));
  }

  std::optional<Item> convert(const ir::Label&, const ir::QrCode& qr) {
    std::optional<std::string> bytes = code_text("QRC", qr);
    if (!bytes) return std::nullopt;
    return make_item(PrintType::qr_code, bytes_base64(*bytes));
  }

  // The bytes of a BARC's or QRC's content in the encoding Options::code_text_encoding chooses
  // (the one place that choice is made), or nullopt after reporting what GBK lacks.
  template <class Element>
  std::optional<std::string> code_text(std::string_view what, const Element& element) {
    if (options_.code_text_encoding == CodeTextEncoding::utf8) return element.content;
    return encode(what, element);
  }

  std::optional<Item> convert(const ir::Label&, const ir::Box& box) {
    left_out(box.at, "SQ (rectangle outline)", codes::kMstchingBoxLeftOut);
    return std::nullopt;
  }

  std::optional<Item> convert(const ir::Label&, const ir::Bar& bar) {
    left_out(bar.at, "BL (filled bar)", codes::kMstchingBarLeftOut);
    return std::nullopt;
  }

  std::optional<Item> convert(const ir::Label&, const ir::Reverse& reverse) {
    left_out(reverse.at, "REV (inverted area)", codes::kMstchingReverseLeftOut);
    return std::nullopt;
  }

  // The image as the label prints it: a one-element copy of the label rendered, then cropped to
  // where the image landed, so clipping and its diagnostics match the whole label's.
  std::optional<Item> convert(const ir::Label& label, const ir::Image& image) {
    if (image.data.empty() && options_.render.logo.empty()) {
      report(image.at, Severity::warning, codes::kMstchingNoLogo,
             "BMP without content prints the Xpyun printer's uploaded logo, which a Mstching "
             "device does not have; it is left out",
             "give the logo with `--logo FILE`, or put the image in the BMP content");
      return std::nullopt;
    }
    // Items print in reading orientation, as render_element draws.
    RenderResult rendered = renderer_.render_element(document_, label, image, options_.render);
    append(std::move(rendered.diagnostics));
    if (!rendered.ok() || rendered.labels.empty()) return std::nullopt;
    const RenderedLabel& drawn = rendered.labels.front();
    auto box = std::find_if(drawn.boxes.begin(), drawn.boxes.end(),
                            [&](const ElementBox& b) { return b.at == image.at; });
    if (box == drawn.boxes.end()) return std::nullopt;
    Bitmap picture = crop(drawn.bitmap, box->x, box->y, box->width, box->height);
    if (picture.width() == 0 || picture.height() == 0) return std::nullopt;  // off the label
    if (picture.width() > options_.paper_width) {
      report(image.at, Severity::note, codes::kMstchingImageScaled,
             "BMP is " + std::to_string(picture.width()) + " dots wide; scaled to the paper " +
                 "width of " + std::to_string(options_.paper_width) + " dots");
      picture = scale_to_width(picture, options_.paper_width);
    }
    return make_item(PrintType::image, png_base64(picture));
  }

  // The GBK bytes of a TEXT's, BARC's or QRC's content, or nullopt after reporting the first
  // character GBK lacks at its own line:column (at the element when the IR does not say where
  // its content is written).
  template <class Element>
  std::optional<std::string> encode(std::string_view what, const Element& element) {
    GbkText gbk = to_gbk(element.content);
    if (!gbk.failure) return std::move(gbk.bytes);
    SourcePos pos = element.at;
    if (element.content_at.line > 0)
      pos = ir::content_position(element.content_at, element.content_runs, gbk.failure->index);
    report(pos, Severity::error, codes::kMstchingNoGbk,
           std::string(what) + ": " + describe_character(gbk.failure->character) +
               " has no GBK encoding, which Mstching text, barcode and QR code items need",
           "replace the character, or " + std::string(kImageModeHint));
    return std::nullopt;
  }

  void warn_rotated(SourcePos at, std::string_view what, ir::Rotation rotation) {
    report(at, Severity::warning, codes::kMstchingRotated,
           std::string(what) + " r=\"" + std::to_string(static_cast<int>(rotation)) +
               "\" cannot be expressed as a Mstching item; it prints unrotated",
           std::string(kImageModeHint));
  }

  void left_out(SourcePos at, std::string_view what, std::string_view code) {
    report(at, Severity::warning, code,
           std::string(what) + " cannot be expressed as a Mstching item; it is left out",
           std::string(kImageModeHint));
  }

  static std::string bytes_base64(const std::string& bytes) {
    return base64_encode(
        std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  }

  static std::string png_base64(const Bitmap& bitmap) { return base64_encode(encode_png(bitmap)); }

  void report(SourcePos at, Severity severity, std::string_view code, std::string message,
              std::string hint = {}) {
    result_.diagnostics.push_back(
        {document_.file, at, severity, std::string(code), std::move(message), std::move(hint)});
  }

  void append(Diagnostics diagnostics) {
    result_.diagnostics.insert(result_.diagnostics.end(),
                               std::make_move_iterator(diagnostics.begin()),
                               std::make_move_iterator(diagnostics.end()));
  }

  const ir::Document& document_;
  const Renderer& renderer_;
  const Options& options_;
  Result& result_;
  std::size_t json_size_ = 1;  // to_json(result_.items).size(): '[' and each item's bytes
  bool full_ = false;          // DL0514 reported
};

}  // namespace

Result convert(const ir::Document& document, const Renderer& renderer, const Options& options) {
  Result result;
  if (options.paper_width < 1 || options.paper_width > kMaxPaperWidth) {
    result.diagnostics.push_back({document.file,
                                  {},
                                  Severity::error,
                                  std::string(codes::kMstchingPaperWidth),
                                  "paper width " + std::to_string(options.paper_width) +
                                      " dots is outside 1.." + std::to_string(kMaxPaperWidth),
                                  "the Mstching paper prints 384 dots (48 mm)"});
    return result;
  }
  Converter converter(document, renderer, options, result);
  if (options.mode == Mode::items)
    converter.items_mode();
  else
    converter.image_mode();
  if (result.ok() && result.items.empty())
    result.diagnostics.push_back(
        {document.file,
         {},
         Severity::error,
         std::string(codes::kMstchingNothing),
         "nothing in the document can be printed as a Mstching item, and the API refuses an "
         "empty PrintContent",
         std::string(kImageModeHint)});
  if (!result.ok()) result.items.clear();
  return result;
}

// Written directly, not through a JSON tree: a PrintContent may be 64 MiB, a tree of it would
// double that, and a tree freed while std::bad_alloc unwinds allocates again (nlohmann's
// destructor keeps a stack), which ends the process instead of reporting the failure.
std::string to_json(const std::vector<Item>& items) {
  std::string out;
  out.reserve(2 + json_bytes(items));
  out += '[';
  for (const Item& item : items) {
    if (out.size() > 1) out += ',';
    out +=
        "{\"Alignment\":" + std::to_string(static_cast<int>(item.alignment)) + ",\"BaseText\":\"";
    // base64 needs no escaping; anything else an embedder puts there gets JSON's escapes.
    for (char c : item.base_text) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
        out += escaped;
      } else {
        out += c;
      }
    }
    out += "\",\"Bold\":";
    out += item.bold ? '1' : '0';
    out += ",\"FontSize\":";
    out += item.large ? '1' : '0';
    out += ",\"PrintType\":" + std::to_string(static_cast<int>(item.print_type)) + '}';
  }
  out += ']';
  return out;
}

}  // namespace dotlabel::mstching
