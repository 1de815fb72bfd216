#include "parse.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "diagnostic_codes.hpp"
#include "utf8.hpp"

namespace dotlabel {
namespace {

constexpr std::string_view kReceiptDialectHint =
    "this file uses the older Xpyun open-platform label markup (<SIZE>, <BC128>, <QR>, ... in "
    "dots); dotlabel reads the barcode-cloud markup: one <PAGE w=\"..\" l=\"..\"> (mm) holding "
    "<LABEL id=\"..\"> elements";

// Elements that only the older open-platform (receipt printer) dialect has.
constexpr std::array<std::string_view, 7> kReceiptOnlyElements{"SIZE", "BC128", "BC39", "QR",
                                                               "SEQ",  "L",     "IMG"};

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

// One pass over the raw text, before building any tree: counts start tags (so a million
// elements cost a scan, not a tree), finds the first receipt-dialect element and the first
// text outside every element (pugixml drops it silently). Comments, CDATA, processing
// instructions and declarations are skipped.
struct Prescan {
  std::size_t elements = 0;
  std::optional<std::size_t> receipt_element;  // offset of its '<'
  std::optional<std::size_t> top_level_text;
  std::vector<ChildSpan> children;  // the elements at depth 1, for parse_outline()
};

// Stops counting once past `max_elements`: the rest of a hostile file is not even read.
Prescan prescan(std::string_view text, std::size_t max_elements) {
  Prescan result;
  std::size_t depth = 0;
  std::size_t i = 0;
  auto note_top_level_text = [&](std::size_t from, std::size_t to) {
    if (depth > 0 || result.top_level_text) return;
    std::size_t found = text.substr(from, to - from).find_first_not_of(" \t\r\n");
    if (found != std::string_view::npos) result.top_level_text = from + found;
  };
  while (true) {
    std::size_t open = text.find('<', i);
    note_top_level_text(i, open == std::string_view::npos ? text.size() : open);
    if (open == std::string_view::npos) break;
    i = open;
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (next == '!' || next == '?' || next == '/') {
      std::string_view rest = text.substr(i);
      bool cdata = rest.starts_with("<![CDATA[");
      std::string_view close = rest.starts_with("<!--") ? "-->"
                               : cdata                  ? "]]>"
                               : next == '?'            ? "?>"
                                                        : ">";
      if (cdata && depth == 0 && !result.top_level_text) result.top_level_text = i;
      if (next == '/' && depth > 0) --depth;
      std::size_t end = text.find(close, i + 2);
      if (end == std::string_view::npos) break;
      i = end + close.size();
      if (next == '/' && depth == 1 && !result.children.empty()) result.children.back().end = i;
      continue;
    }
    if (++result.elements > max_elements) break;
    std::size_t name_end = i + 1;
    while (name_end < text.size() && is_name_char(text[name_end])) ++name_end;
    std::string_view name = text.substr(i + 1, name_end - i - 1);
    if (!result.receipt_element &&
        std::find(kReceiptOnlyElements.begin(), kReceiptOnlyElements.end(), name) !=
            kReceiptOnlyElements.end())
      result.receipt_element = i;
    // The end of the start tag: '>' outside quoted attribute values.
    i = name_end;
    while (i < text.size() && text[i] != '>') {
      if (text[i] == '"' || text[i] == '\'') {
        std::size_t quote_end = text.find(text[i], i + 1);
        i = quote_end == std::string_view::npos ? text.size() : quote_end;
      }
      ++i;
    }
    // A start tag cut off by the end of the input ends the scan (the parser reports it);
    // stepping past the end would put `i` beyond the text.
    if (i >= text.size()) break;
    bool empty = text[i - 1] == '/';
    if (depth == 1) result.children.push_back({open, empty ? i + 1 : 0});
    if (!empty) ++depth;
    ++i;
  }
  return result;
}

// XML 1.0 allows no C0 control character other than tab, LF and CR, and no NUL at all.
std::optional<std::size_t> first_forbidden_character(std::string_view text) {
  std::size_t i = 0;
  // Eight bytes at a time past words with no byte below 0x20 (the usual bit trick: a byte under
  // 0x20 borrows into its high bit when 0x20 is taken from each byte), so only words with a
  // tab or a line break are looked at byte by byte.
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  for (std::uint64_t word; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    if (((word - 0x20 * kOnes) & ~word & kHighs) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      auto c = static_cast<unsigned char>(text[k]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return k;
    }
  }
  for (; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
  }
  return std::nullopt;
}

// <?xml ... encoding="..."?>: anything but UTF-8 would mean the file is read wrongly.
std::optional<std::size_t> non_utf8_declaration(std::string_view text) {
  if (!text.starts_with("<?xml")) return std::nullopt;
  std::size_t end = text.find("?>");
  std::size_t encoding = text.substr(0, end).find("encoding");
  if (encoding == std::string_view::npos) return std::nullopt;
  std::size_t quote = text.find_first_of("\"'", encoding);
  if (quote == std::string_view::npos || quote > end) return std::nullopt;
  std::size_t quote_end = text.find(text[quote], quote + 1);
  std::string value(text.substr(quote + 1, quote_end - quote - 1));
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (value == "utf-8" || value == "utf8") return std::nullopt;
  return quote + 1;
}

// The checks of the raw text that come before building any tree.
bool check_text(std::string_view text, const Prescan& scan, Context& context) {
  const Limits& limits = context.limits();
  if (scan.elements > limits.max_elements) {
    context.error(codes::kTooManyElements, {1, 1},
                  "the markup has more than " + std::to_string(limits.max_elements) + " elements",
                  "split the job into several files");
    return false;
  }
  if (std::optional<std::size_t> bad = utf8::first_invalid(text)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    context.error(codes::kInvalidUtf8, context.position(*bad),
                  std::string("invalid UTF-8: byte ") + byte + " does not start a valid character",
                  "save the file as UTF-8");
    return false;
  }
  if (std::optional<std::size_t> bad = first_forbidden_character(text)) {
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned char>(text[*bad]));
    context.error(codes::kForbiddenCharacter, context.position(*bad),
                  std::string("control character ") + code + " is not allowed in XML",
                  "remove it (NUL bytes often mean a UTF-16 or binary file)");
    return false;
  }
  if (std::optional<std::size_t> declared = non_utf8_declaration(text)) {
    context.error(codes::kNotUtf8Encoding, context.position(*declared),
                  "the XML declaration names an encoding other than UTF-8",
                  "dotlabel reads UTF-8 only: convert the file and declare encoding=\"UTF-8\"");
    return false;
  }
  if (scan.receipt_element) {
    std::size_t at = *scan.receipt_element;
    std::size_t end = at + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    context.error(codes::kReceiptDialect, context.position(at),
                  "<" + std::string(text.substr(at + 1, end - at - 1)) +
                      "> belongs to the Xpyun open-platform label dialect, not the barcode-cloud "
                      "markup",
                  std::string(kReceiptDialectHint));
    return false;
  }

  return true;
}

// What the tree shows that the text checks do not: a DOCTYPE, several top-level elements, text
// outside them.
bool check_tree(std::string_view text, const pugi::xml_document& document, const Prescan& scan,
                Context& context) {
  std::size_t roots = 0;
  for (pugi::xml_node node : document.children()) {
    auto offset = static_cast<std::size_t>(node.offset_debug());
    if (node.type() == pugi::node_doctype) {
      std::size_t start = text.rfind("<!DOCTYPE", offset);
      context.error(codes::kDoctype,
                    context.position(start == std::string_view::npos ? offset : start),
                    "DOCTYPE is not allowed: label markup declares no entities",
                    "remove the <!DOCTYPE ...> declaration");
      return false;
    }
    if (node.type() == pugi::node_element && ++roots == 2) {
      context.error(codes::kReceiptDialect, context.position(offset - 1),
                    "several top-level elements: the barcode-cloud markup has one <PAGE>; several "
                    "pages belong to the Xpyun open-platform label dialect",
                    std::string(kReceiptDialectHint));
      return false;
    }
  }
  if (scan.top_level_text) {
    context.error(codes::kUnexpectedText, context.position(*scan.top_level_text),
                  "text outside the <PAGE> element", "the document must be one <PAGE> element");
    return false;
  }
  return true;
}

// parse_doctype keeps a DOCTYPE as a node so it can be refused; pugixml never expands entities
// it declares, so a "billion laughs" file costs nothing before that.
constexpr unsigned kParseOptions =
    pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata_single;

}  // namespace

bool parse_markup(std::string_view text, pugi::xml_document& document, Context& context) {
  Prescan scan = prescan(text, context.limits().max_elements);
  if (!check_text(text, scan, context)) return false;
  pugi::xml_parse_result result =
      document.load_buffer(text.data(), text.size(), kParseOptions, pugi::encoding_utf8);
  if (result.status == pugi::status_no_document_element) {
    context.error(codes::kNoPage, context.position(0),
                  "no <PAGE> element: this is not label markup",
                  "a label job is one <PAGE w=\"..\" l=\"..\"> element");
    return false;
  }
  if (!result) {
    context.error(codes::kXmlSyntax, context.position(static_cast<std::size_t>(result.offset)),
                  std::string("XML syntax error: ") + result.description(),
                  "check that every element is closed and attribute values are quoted");
    return false;
  }
  return check_tree(text, document, scan, context);
}

bool parse_outline(std::string_view text, std::string& buffer, pugi::xml_document& document,
                   std::vector<ChildSpan>& children, Context& context) {
  Prescan scan = prescan(text, context.limits().max_elements);
  if (!check_text(text, scan, context)) return false;
  for (const ChildSpan& child : scan.children)
    if (child.end < child.begin + 4) return false;  // not closed: `end` is still 0
  // The text with each child of the root replaced by "<_/>": a few bytes per child, where a
  // copy of the text would double the memory of a file of many labels.
  buffer.clear();
  std::size_t at = 0;
  for (ChildSpan& child : scan.children) {
    buffer.append(text.substr(at, child.begin - at));
    child.placeholder = buffer.size();
    buffer.append("<_/>");
    at = child.end;
  }
  buffer.append(text.substr(at));
  if (!document.load_buffer_inplace(buffer.data(), buffer.size(), kParseOptions,
                                    pugi::encoding_utf8) ||
      !check_tree(text, document, scan, context))
    return false;
  children = std::move(scan.children);
  return true;
}

bool parse_child(std::string_view text, ChildSpan child, pugi::xml_document& document) {
  std::string_view element = text.substr(child.begin, child.end - child.begin);
  return document.load_buffer(element.data(), element.size(), kParseOptions, pugi::encoding_utf8) &&
         document.first_child() == document.last_child();
}

}  // namespace dotlabel
