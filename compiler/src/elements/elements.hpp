// Validation and lowering of each element kind to its IR struct, one file per kind. Each
// function reports its own diagnostics and returns nothing when the element has errors.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "attributes.hpp"
#include "context.hpp"
#include "dotlabel/ir.hpp"
#include "glyphs.hpp"
#include "source_map.hpp"

namespace dotlabel {

struct ElementInput {
  const ElementRule& rule;
  SourcePos at;  // the element's '<'
  const Attributes& attributes;
  const DecodedContent& content;  // empty for elements without content
  SourcePos content_at;           // first content character (`at` when there is none)
  const ir::Page& page;

  // Position of the code point that starts at byte `byte_index` of content.text.
  SourcePos content_position(std::size_t byte_index, const Context& context) const;
  // Position of the `index`th code point of the content.
  SourcePos code_point_position(std::size_t index, const Context& context) const;
  // The content's runs for the IR (ir::ContentRun); empty when it is written as is.
  std::vector<ir::ContentRun> content_runs(const Context& context) const;
};

// DL0210 when a="center" is off the label's middle along the line (inferred::centred_off_middle).
void lint_center(const ElementInput& input, Context& context, std::string_view element,
                 ir::Align align, ir::Rotation rotation, int x, int y);

std::optional<ir::Page> lower_page(const ElementInput& input, Context& context);
std::optional<ir::Label> lower_label(const ElementInput& input, Context& context);
std::optional<ir::Cutter> lower_cutter(const ElementInput& input, Context& context);
std::optional<ir::Text> lower_text(const ElementInput& input, Context& context,
                                   GlyphCoverage& glyphs);
std::optional<ir::Barcode> lower_barcode(const ElementInput& input, Context& context);
std::optional<ir::QrCode> lower_qr(const ElementInput& input, Context& context);
std::optional<ir::Box> lower_box(const ElementInput& input, Context& context);
std::optional<ir::Bar> lower_bar(const ElementInput& input, Context& context);
std::optional<ir::Reverse> lower_reverse(const ElementInput& input, Context& context);
std::optional<ir::Image> lower_image(const ElementInput& input, Context& context);

}  // namespace dotlabel
