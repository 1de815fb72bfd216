// Templates: parsed once, scanned once for placeholders, then lowered once per data row from the
// same parsed tree with the row's values filled in (placeholders.hpp).
#include "dotlabel/template.hpp"

#include <algorithm>
#include <set>

#include "context.hpp"
#include "diagnostic_codes.hpp"
#include "document.hpp"
#include "element_table.hpp"
#include "parse.hpp"
#include "placeholders.hpp"
#include "source_map.hpp"

namespace dotlabel {
namespace {

std::string braces(std::string_view name) {
  return "{{" + std::string(name) + "}}";
}

std::string row_name(const data::Row& row) {
  return "row " + std::to_string(row.number);
}

}  // namespace

struct Template::Impl {
  std::string text;
  std::string_view markup;  // `text` without a BOM
  CompileOptions options;
  std::optional<SourceMap> map;
  pugi::xml_document xml;
  bool parsed = false;
  TemplateShape shape;
  Diagnostics diagnostics;
  // The errors (code, position) the markup gives with its placeholders left unfilled: an error
  // about a whole element that is among them is the template's, whatever a row holds.
  std::set<std::pair<std::string, std::pair<int, int>>> unfilled_errors;

  bool unfilled_error(const Diagnostic& d) const {
    return unfilled_errors.count({d.code, {d.pos.line, d.pos.column}}) > 0;
  }

  // The note at a placeholder that a value of `row` went through.
  Diagnostic value_note(std::size_t offset, std::string_view name, const data::Row& row) const {
    return {options.file_name,
            map->position(offset),
            Severity::note,
            std::string(codes::kValueFromHere),
            "the value of " + braces(name) + " in " + row_name(row) + " goes here",
            {}};
  }

  // `d`, about what the values of `origin` (not empty) made of the markup, at the data file's
  // row: it names the columns, and a note follows at each placeholder.
  void add_row_error(Diagnostic d, const std::vector<const TemplatePart*>& origin,
                     const data::Row& row, std::string_view data_file, Diagnostics& out) const {
    std::vector<std::string_view> names;
    for (const TemplatePart* part : origin)
      if (std::find(names.begin(), names.end(), part->name) == names.end())
        names.push_back(part->name);
    std::string columns = names.size() == 1 ? "column " : "columns ";
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) columns += ", ";
      columns += names[i];
    }
    d.file = data_file;
    d.pos = {row.line, 0};
    d.message += " (" + row_name(row) + ", " + columns + ")";
    out.push_back(std::move(d));
    for (const TemplatePart* part : origin)
      out.push_back(value_note(part->offset, part->name, row));
  }
};

Template::Template(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

const Diagnostics& Template::diagnostics() const {
  return impl_->diagnostics;
}
bool Template::ok() const {
  return impl_->parsed && !has_errors(impl_->diagnostics);
}
bool Template::has_placeholders() const {
  return !impl_->shape.attributes.empty() || !impl_->shape.contents.empty();
}

std::vector<std::string> Template::names() const {
  std::vector<std::string> names;
  for (const TemplatePart* part : impl_->shape.placeholders())
    if (std::find(names.begin(), names.end(), part->name) == names.end())
      names.push_back(part->name);
  return names;
}

Template compile_template(std::string markup, const CompileOptions& options) {
  auto impl = std::make_unique<Template::Impl>();
  impl->text = std::move(markup);
  impl->options = options;
  std::string_view text = impl->text;
  if (text.size() > options.limits.max_input_bytes) {
    // compile() words the error; it stops before parsing.
    impl->diagnostics = compile(text, options).diagnostics;
    return Template(std::move(impl));
  }
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  impl->markup = text;
  impl->map.emplace(text);
  Context context(*impl->map, options.limits, options.file_name, impl->diagnostics);
  impl->parsed = parse_markup(text, impl->xml, context);
  context.finish();
  if (!impl->parsed) return Template(std::move(impl));
  // Find the placeholders by lowering the tree once with a TemplateScan: the offsets it records
  // are those the compiler asks for when it lowers a row. What this pass reports is about values
  // not filled in yet, so it is not reported (each row reports its own); only where its errors
  // are is kept, to tell the markup's own errors about a whole element from a row's.
  Diagnostics scratch;
  Context scan_context(*impl->map, options.limits, options.file_name, scratch);
  TemplateScan scan(*impl->map, impl->shape);
  scan_context.set_placeholders(&scan);
  lower_document(impl->xml, scan_context);
  for (const Diagnostic& d : scratch)
    if (d.severity == Severity::error)
      impl->unfilled_errors.insert({d.code, {d.pos.line, d.pos.column}});
  for (const PlaceholderError& error : impl->shape.errors)
    impl->diagnostics.push_back({options.file_name, impl->map->position(error.offset),
                                 Severity::error, std::string(codes::kPlaceholderSyntax),
                                 error.message,
                                 "write {{name}} or {{name | default}}; \\{{ prints \"{{\""});
  sort_by_position(impl->diagnostics);
  return Template(std::move(impl));
}

Diagnostics Template::check_columns(const std::vector<std::string>& columns,
                                    std::string_view data_file) const {
  Diagnostics out;
  std::vector<std::string_view> candidates(columns.begin(), columns.end());
  std::set<std::string_view> used;
  for (const TemplatePart* part : impl_->shape.placeholders()) {
    used.insert(part->name);
    if (part->name == kRowNumber || part->fallback ||
        std::find(columns.begin(), columns.end(), part->name) != columns.end())
      continue;
    std::string_view suggestion = closest_name(part->name, candidates);
    out.push_back({impl_->options.file_name, impl_->map->position(part->offset), Severity::error,
                   std::string(codes::kUnknownColumn),
                   braces(part->name) + ": " + std::string(data_file) + " has no column \"" +
                       part->name + "\"",
                   suggestion.empty()
                       ? "the columns are the data's first line; or give a default: {{" +
                             part->name + " | text}}"
                       : "did you mean " + braces(suggestion) + "?"});
  }
  std::string unused;
  for (const std::string& column : columns)
    if (!used.count(column)) unused += (unused.empty() ? "" : ", ") + column;
  if (!unused.empty())
    out.push_back({std::string(data_file),
                   {1, 0},
                   Severity::note,
                   std::string(codes::kUnusedColumns),
                   "no placeholder uses the columns: " + unused,
                   {}});
  return out;
}

CompileResult Template::bind(const data::Row& row, std::string_view data_file) const {
  const Impl& impl = *impl_;
  CompileResult result;
  if (!ok()) {
    result.diagnostics = impl.diagnostics;
    return result;
  }
  Diagnostics lowered;
  Context context(*impl.map, impl.options.limits, impl.options.file_name, lowered);
  RowFill fill(impl.shape, row);
  context.set_placeholders(&fill);
  std::optional<ir::Document> document = lower_document(impl.xml, context);
  context.finish();
  sort_by_position(lowered);

  for (const RowFill::Missing& missing : fill.missing()) {
    result.diagnostics.push_back({std::string(data_file),
                                  {row.line, 0},
                                  Severity::error,
                                  std::string(codes::kMissingValue),
                                  row_name(row) + " has no value for " + braces(missing.name),
                                  "add \"" + missing.name + "\" to the row, or give a default: {{" +
                                      missing.name + " | text}}"});
    result.diagnostics.push_back(impl.value_note(missing.offset, missing.name, row));
  }
  for (Diagnostic& d : lowered) {
    // An error about a whole element is the row's when its values may cause it: when the
    // markup does not give it with them unfilled.
    bool whole_element = d.severity == Severity::error && !impl.unfilled_error(d);
    std::vector<const TemplatePart*> origin = impl.shape.origin(d.pos, *impl.map, whole_element);
    // A placeholder without a value is its own error (above): nothing more about that value.
    bool from_missing = std::any_of(origin.begin(), origin.end(), [&](const TemplatePart* part) {
      return std::any_of(fill.missing().begin(), fill.missing().end(),
                         [&](const RowFill::Missing& m) { return m.offset == part->offset; });
    });
    if (from_missing) continue;
    if (origin.empty())
      result.diagnostics.push_back(std::move(d));
    else
      impl.add_row_error(std::move(d), origin, row, data_file, result.diagnostics);
  }
  if (document && !has_errors(result.diagnostics)) {
    document->file = impl.options.file_name;
    result.document = std::move(document);
  }
  return result;
}

Diagnostics Template::at_row(Diagnostic error, const data::Row& row,
                             std::string_view data_file) const {
  const Impl& impl = *impl_;
  Diagnostics out;
  std::vector<const TemplatePart*> origin = impl.shape.origin(error.pos, *impl.map, true);
  if (!origin.empty()) {
    impl.add_row_error(std::move(error), origin, row, data_file, out);
    return out;
  }
  Diagnostic note{error.file,
                  error.pos,
                  Severity::note,
                  std::string(codes::kRowElement),
                  "the element of " + row_name(row) + "'s error",
                  {}};
  error.file = data_file;
  error.pos = {row.line, 0};
  error.message += " (" + row_name(row) + ")";
  out.push_back(std::move(error));
  out.push_back(std::move(note));
  return out;
}

}  // namespace dotlabel
