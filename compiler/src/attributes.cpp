#include "attributes.hpp"

#include <cmath>
#include <stdexcept>

#include "diagnostic_codes.hpp"
#include "dotlabel/ir.hpp"
#include "numbers.hpp"
#include "placeholders.hpp"
#include "source_map.hpp"
#include "utf8.hpp"

namespace dotlabel {

std::string shorten(std::string_view text) {
  constexpr std::size_t kShown = 40;
  if (text.size() <= kShown) return std::string(text);
  std::size_t cut = kShown;
  while (cut > 0 && utf8::is_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string quote(std::string_view value) {
  return "\"" + shorten(value) + "\"";
}

namespace {

std::string format_number(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string describe_range(const AttributeRule& rule) {
  std::string unit = rule.kind == ValueKind::millimetres ? " mm"
                     : rule.kind == ValueKind::dots      ? " dots"
                                                         : "";
  if (rule.min_exclusive)
    return "greater than " + format_number(rule.min) + unit + " and at most " +
           format_number(rule.max) + unit;
  return format_number(rule.min) + ".." + format_number(rule.max) + unit;
}

std::string join(std::span<const std::string_view> values) {
  std::string out;
  for (std::string_view value : values) out += (out.empty() ? "" : ", ") + std::string(value);
  return out;
}

std::vector<std::string_view> attribute_names(const ElementRule& rule) {
  std::vector<std::string_view> names;
  for (const AttributeRule& attribute : rule.attributes) names.push_back(attribute.name);
  return names;
}

}  // namespace

Attributes::Attributes(pugi::xml_node node, std::size_t name_offset, const ElementRule& rule,
                       Context& context)
    : context_(&context), element_pos_(context.position(name_offset - 1)) {
  const SourcePos element_pos = element_pos_;
  values_.reserve(rule.attributes.size());
  for (const AttributeRule& attribute : rule.attributes)
    values_.push_back({&attribute, std::string(attribute.default_value)});

  std::vector<RawAttribute> raw = scan_start_tag(context.map().text(), name_offset);
  std::string element(rule.name);
  std::size_t index = 0;
  for (pugi::xml_attribute attribute : node.attributes()) {
    std::string_view name = attribute.name();
    std::string_view text = attribute.value();
    const RawAttribute* where = index < raw.size() ? &raw[index] : nullptr;
    ++index;
    std::string filled;  // a template's value for this row
    if (where && context.placeholders())
      text = context.placeholders()->attribute(element_pos, where->value_offset, text, filled);
    // Positions for messages, looked up only when one is reported.
    auto name_pos = [&] { return where ? context.position(where->name_offset) : element_pos; };
    auto value_pos = [&] { return where ? context.position(where->value_offset) : element_pos; };
    // What was written, for messages: built only when there is one to give.
    auto written = [&] { return element + " attribute " + std::string(name) + "=" + quote(text); };

    // Namespace declarations and xsi:noNamespaceSchemaLocation are how an editor is pointed
    // at schema/dotlabel.xsd: not markup the printer sees.
    if (name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:")) continue;
    const AttributeRule* attribute_rule = find_attribute(rule, name);
    if (!attribute_rule) {
      std::vector<std::string_view> names = attribute_names(rule);
      std::string_view suggestion = closest_name(name, names);
      context.error(codes::kUnknownAttribute, name_pos(),
                    "unknown attribute `" + shorten(name) + "` on " + element,
                    suggestion.empty() ? element + " takes: " + join(names)
                                       : "did you mean `" + std::string(suggestion) + "`?");
      ok_ = false;
      continue;
    }
    Value& value = values_[attribute_rule - rule.attributes.data()];
    if (value.written) {
      const SourcePos first = context.position(value.offset);
      context.error(codes::kDuplicateAttribute, name_pos(),
                    "duplicate attribute `" + std::string(name) + "` on " + element,
                    "the first one is at line " + std::to_string(first.line) + ", column " +
                        std::to_string(first.column) + "; remove one");
      ok_ = false;
      continue;
    }
    value.written = true;
    value.offset = where ? where->value_offset : kNoOffset;

    if (attribute_rule->kind == ValueKind::enumeration) {
      bool known = false;
      for (std::string_view allowed : attribute_rule->values) known = known || allowed == text;
      if (!known) {
        std::string_view suggestion = closest_name(text, attribute_rule->values);
        context.error(
            codes::kNotInEnumeration, value_pos(),
            written() + " is not one of: " + join(attribute_rule->values),
            suggestion.empty() ? "" : "did you mean \"" + std::string(suggestion) + "\"?");
        ok_ = false;
        continue;
      }
      value.text = text;
      value.present = true;
      continue;
    }

    std::optional<double> number = parse_decimal(text);
    if (!number) {
      context.error(codes::kNotANumber, value_pos(), written() + " is not a number",
                    "write a decimal number such as \"2\" or \"1.5\" (no exponent, no spaces)");
      ok_ = false;
      continue;
    }
    bool whole =
        attribute_rule->kind == ValueKind::dots || attribute_rule->kind == ValueKind::integer;
    if (whole && *number != std::floor(*number)) {
      context.error(codes::kNotAWholeNumber, value_pos(), written() + " must be a whole number",
                    "round it to \"" + format_number(std::round(*number)) + "\"");
      ok_ = false;
      continue;
    }
    bool below = attribute_rule->min_exclusive ? *number <= attribute_rule->min
                                               : *number < attribute_rule->min;
    if (below || *number > attribute_rule->max) {
      if (attribute_rule->out_of_range == Severity::warning) {
        context.warning(codes::kOutOfRangeReplaced, value_pos(),
                        written() + " is outside " + describe_range(*attribute_rule) +
                            "; the printer uses the default " +
                            std::string(attribute_rule->default_value),
                        "remove the attribute or use a value in range");
        continue;
      }
      context.error(codes::kOutOfRange, value_pos(), written() + " is out of range",
                    "allowed: " + describe_range(*attribute_rule));
      ok_ = false;
      continue;
    }
    value.text = text;
    value.number = *number;
    value.present = true;
  }

  for (Value& value : values_) {
    // A default's number, parsed only for the values not written.
    if (!value.present && value.rule->kind != ValueKind::enumeration &&
        !value.rule->default_value.empty())
      value.number = *parse_decimal(value.rule->default_value);
    if (value.rule->required && !value.written) {
      context.error(
          codes::kMissingAttribute, element_pos,
          element + " is missing the required attribute `" + std::string(value.rule->name) + "`",
          "add " + std::string(value.rule->name) + "=\"...\"");
      ok_ = false;
    }
  }
}

const Attributes::Value& Attributes::value(std::string_view name) const {
  for (const Value& value : values_)
    if (value.rule->name == name) return value;
  throw std::logic_error("attribute not in the element table: " + std::string(name));
}

bool Attributes::present(std::string_view name) const {
  return value(name).present;
}
double Attributes::number(std::string_view name) const {
  return value(name).number;
}
std::int64_t Attributes::integer(std::string_view name) const {
  return static_cast<std::int64_t>(value(name).number);
}
int Attributes::dots(std::string_view name) const {
  const Value& v = value(name);
  return v.rule->kind == ValueKind::millimetres ? ir::mm_to_dots(v.number)
                                                : static_cast<int>(v.number);
}
std::string_view Attributes::text(std::string_view name) const {
  return value(name).text;
}
SourcePos Attributes::position(std::string_view name) const {
  const Value& v = value(name);
  return v.offset == kNoOffset ? element_pos_ : context_->position(v.offset);
}

}  // namespace dotlabel
