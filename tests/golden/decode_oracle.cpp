#include "decode_oracle.hpp"

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cctype>
#include <variant>

namespace dotlabel::oracle {

namespace {

using ZXing::BarcodeFormat;

BarcodeFormat format_of(ir::Symbology s) {
  switch (s) {
    case ir::Symbology::code128:
      return BarcodeFormat::Code128;
    case ir::Symbology::code93:
      return BarcodeFormat::Code93;
    case ir::Symbology::codabar:
      return BarcodeFormat::Codabar;
    case ir::Symbology::itf:
      return BarcodeFormat::ITF;
    case ir::Symbology::code39:
      return BarcodeFormat::Code39;
    case ir::Symbology::ean8:
      return BarcodeFormat::EAN8;
    case ir::Symbology::ean13:
      return BarcodeFormat::EAN13;
    case ir::Symbology::upce:
      return BarcodeFormat::UPCE;
    case ir::Symbology::upca:
      return BarcodeFormat::UPCA;
  }
  return BarcodeFormat::None;
}

char gtin_check(const std::string& digits) {
  int sum = 0, weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, weight = 4 - weight)
    sum += (*it - '0') * weight;
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// UPC-E number system + 6 digits -> the 11 UPC-A digits its check digit is computed over.
std::string upce_to_upca(const std::string& e) {
  const char ns = e[0];
  const std::string d = e.substr(1, 6);
  switch (d[5]) {
    case '0':
    case '1':
    case '2':
      return std::string{ns, d[0], d[1], d[5], '0', '0', '0', '0', d[2], d[3], d[4]};
    case '3':
      return std::string{ns, d[0], d[1], d[2], '0', '0', '0', '0', '0', d[3], d[4]};
    case '4':
      return std::string{ns, d[0], d[1], d[2], d[3], '0', '0', '0', '0', '0', d[4]};
    default:
      return std::string{ns, d[0], d[1], d[2], d[3], d[4], '0', '0', '0', '0', d[5]};
  }
}

// What zxing reports for the content: it always adds the EAN/UPC check digit, UPC-E's number
// system and ITF's leading padding zero.
std::vector<std::string> expected_texts(const ir::Barcode& b) {
  const std::string& c = b.content;
  switch (b.symbology) {
    case ir::Symbology::itf:
      return {c, "0" + c};
    case ir::Symbology::ean8:
      return {c.size() == 7 ? c + gtin_check(c) : c};
    case ir::Symbology::ean13:
      return {c.size() == 12 ? c + gtin_check(c) : c};
    case ir::Symbology::upca: {
      std::string full = c.size() == 11 ? c + gtin_check(c) : c;
      return {full, "0" + full};
    }
    case ir::Symbology::upce: {
      std::string e = c.size() == 6 ? "0" + c : c;
      if (e.size() == 7) e += gtin_check(upce_to_upca(e));
      return {e};
    }
    default:
      return {c};
  }
}

bool needs_code39_extended(const std::string& content) {
  return std::any_of(content.begin(), content.end(), [](unsigned char ch) {
    return !(std::isdigit(ch) || std::isupper(ch) ||
             std::string_view(" -.$/+%").find(ch) != std::string_view::npos);
  });
}

// The element's box on the printed label (element boxes are in its coordinates) with a white
// quiet zone of `quiet` dots around it, as 8-bit luminance, turned back into reading
// orientation: flipped left-right when the label was mirrored or turned (not both), top-bottom
// when it was turned. A mirrored code does not decode.
std::vector<std::uint8_t> crop(const Bitmap& label, const ElementBox& box, int quiet, bool flip_x,
                               bool flip_y, int& width, int& height) {
  width = box.width + 2 * quiet;
  height = box.height + 2 * quiet;
  std::vector<std::uint8_t> lum(static_cast<std::size_t>(width) * height, 255);
  for (int y = 0; y < box.height; ++y)
    for (int x = 0; x < box.width; ++x) {
      int lx = box.x + (flip_x ? box.width - 1 - x : x);
      int ly = box.y + (flip_y ? box.height - 1 - y : y);
      if (lx >= 0 && ly >= 0 && lx < label.width() && ly < label.height() && label.get(lx, ly))
        lum[static_cast<std::size_t>(y + quiet) * width + x + quiet] = 0;
    }
  return lum;
}

struct Code {
  SourcePos at;
  std::string what;
  BarcodeFormat format;
  std::vector<std::string> expected;
  int unit;  // dots per narrow element / module, for the quiet zone
  bool code39_extended = false;
};

std::vector<Code> codes_of(const ir::Label& label) {
  std::vector<Code> codes;
  for (const ir::Element& element : label.elements) {
    if (const auto* b = std::get_if<ir::Barcode>(&element))
      codes.push_back({b->at, "BARC ct=" + b->type_name, format_of(b->symbology),
                       expected_texts(*b), std::max(b->narrow, b->wide),
                       b->symbology == ir::Symbology::code39 && needs_code39_extended(b->content)});
    else if (const auto* q = std::get_if<ir::QrCode>(&element))
      codes.push_back({q->at, "QRC", BarcodeFormat::QRCode, {q->content}, q->module});
  }
  return codes;
}

std::string where(const golden::CaseResult& r, SourcePos at) {
  return r.file.string() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
}

// Calls on_code(code, result or nullptr when skipped as clipped, problem) for every code of
// `labels`, rendered from `document`.
template <class F>
void for_each_code(const golden::CaseResult& r, const ir::Document& document,
                   const std::vector<RenderedLabel>& labels, F on_code) {
  for (const RenderedLabel& rendered : labels) {
    const ir::Label* label = document.find_label(rendered.id);
    if (!label) continue;
    const Bitmap& printed = rendered.bitmap;
    bool turned = r.settings.as_fed && label->direction == 0;
    for (const Code& code : codes_of(*label)) {
      auto box = std::find_if(rendered.boxes.begin(), rendered.boxes.end(),
                              [&](const ElementBox& b) { return b.at == code.at; });
      if (box == rendered.boxes.end()) {
        on_code(code, false, "no element box recorded");
        continue;
      }
      bool clipped = box->x < 0 || box->y < 0 || box->x + box->width > printed.width() ||
                     box->y + box->height > printed.height();
      if (clipped) {
        // DL0410 is the render's clipping warning (docs/diagnostics.md).
        bool warned = std::any_of(
            r.diagnostics.begin(), r.diagnostics.end(),
            [&](const Diagnostic& d) { return d.pos == code.at && d.code == "DL0410"; });
        on_code(code, false,
                warned ? "" : "box leaves the label but no clipping warning (DL0410) says so");
        continue;
      }
      int width = 0, height = 0;
      std::vector<std::uint8_t> lum =
          crop(printed, *box, 12 * code.unit, label->mirror != turned, turned, width, height);
      ZXing::DecodeHints hints;
      hints.setFormats(code.format)
          .setTryHarder(true)
          .setTryRotate(true)
          .setReturnCodabarStartEnd(true)
          .setTryCode39ExtendedMode(code.code39_extended);
      ZXing::Results results = ZXing::ReadBarcodes(
          ZXing::ImageView(lum.data(), width, height, ZXing::ImageFormat::Lum), hints);
      std::string got;
      bool match = false;
      for (const ZXing::Result& result : results) {
        if (!result.isValid()) continue;
        got += (got.empty() ? "" : ", ") + ("\"" + result.text() + "\"");
        match = match || std::find(code.expected.begin(), code.expected.end(), result.text()) !=
                             code.expected.end();
      }
      if (match)
        on_code(code, true, "");
      else
        on_code(code, false,
                "decodes to " + (got.empty() ? std::string("nothing") : got) + ", expected \"" +
                    code.expected[0] + "\"");
    }
  }
}

// Every code of the case: of its document, or of each data row's.
template <class F>
void for_each_code(const golden::CaseResult& r, F on_code) {
  if (r.document) for_each_code(r, *r.document, r.labels, on_code);
  for (const golden::CaseResult::Row& row : r.rows)
    for_each_code(r, row.document, row.labels, on_code);
}

}  // namespace

std::vector<std::string> undecodable_codes(const golden::CaseResult& result) {
  std::vector<std::string> problems;
  for_each_code(result, [&](const Code& code, bool, const std::string& problem) {
    if (!problem.empty()) problems.push_back(where(result, code.at) + code.what + ": " + problem);
  });
  return problems;
}

int decoded_code_count(const golden::CaseResult& result) {
  int count = 0;
  for_each_code(result, [&](const Code&, bool decoded, const std::string&) { count += decoded; });
  return count;
}

}  // namespace dotlabel::oracle
