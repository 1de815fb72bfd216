// TEXT: one line of text in a printer font.
#include <set>

#include "diagnostic_codes.hpp"
#include "elements/common.hpp"
#include "elements/elements.hpp"
#include "inferred_rules.hpp"
#include "utf8.hpp"

namespace dotlabel {
namespace {

// f=1..6 name their TSPL font; 7 and 8 the Chinese ones.
std::string font_description(int font) {
  return font <= 6 ? "font " + std::to_string(font) + " (ASCII only)"
                   : "font " + std::to_string(font) + " (GB2312)";
}

// "'é' (U+00E9)"; control characters by code only.
std::string describe(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) return utf8::code_point_name(cp);
  std::string shown = "'";
  utf8::append(shown, cp);
  return shown + "' (" + utf8::code_point_name(cp) + ")";
}

}  // namespace

std::optional<ir::Text> lower_text(const ElementInput& input, Context& context,
                                   GlyphCoverage& glyphs) {
  const Attributes& a = input.attributes;
  const std::string& content = input.content.text;
  bool ok = a.ok();

  ir::Text text;
  text.at = input.at;
  text.content_at = input.content_at;
  text.content_runs = input.content_runs(context);
  text.x = a.dots("x");
  text.y = a.dots("y");
  text.xw = static_cast<int>(a.integer("xw"));
  text.yh = static_cast<int>(a.integer("yh"));
  text.font = static_cast<int>(a.integer("f"));
  text.align = to_align(a.text("a"));
  text.rotation = to_rotation(a.text("r"));
  text.content = content;

  if (a.present("f") && text.font == 0) {
    text.font = inferred::kFontForF0;
    context.warning(codes::kFontZero, a.position("f"),
                    "TEXT attribute f=\"0\" is outside the documented fonts 1..8; printed as f=" +
                        std::to_string(inferred::kFontForF0),
                    "write f=\"" + std::to_string(inferred::kFontForF0) + "\"");
  }

  if (content.empty())
    context.warning(codes::kEmptyText, input.at, "TEXT has no content: nothing is printed");

  if (std::size_t newline = content.find('\n'); newline != std::string::npos) {
    context.error(codes::kNewlineInText, input.content_position(newline, context),
                  "TEXT content contains a line break: text is printed on one line",
                  "use one TEXT element per line");
    ok = false;
  }

  if (ok) lint_center(input, context, "TEXT", text.align, text.rotation, text.x, text.y);

  // One warning per distinct missing character, at its first occurrence.
  std::set<char32_t> reported;
  for (std::size_t i = 0, index = 0; i < content.size(); ++index) {
    char32_t cp = utf8::decode(content, i);
    if (cp == '\n' || glyphs.has_glyph(text.font, cp) || !reported.insert(cp).second) continue;
    context.warning(codes::kMissingGlyph, input.code_point_position(index, context),
                    "TEXT character " + describe(cp) + " is not in " + font_description(text.font) +
                        ": the printer leaves it out",
                    text.font <= 6 ? "use f=\"7\" or f=\"8\" for non-ASCII text" : "");
  }

  if (!ok) return std::nullopt;
  return text;
}

}  // namespace dotlabel
