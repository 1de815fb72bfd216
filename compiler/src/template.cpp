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
  // not filled in yet, so it is dropped: each row reports its own.
  Diagnostics scratch;
  Context scan_context(*impl->map, options.limits, options.file_name, scratch);
  TemplateScan scan(text, impl->shape);
  scan_context.set_placeholders(&scan);
  lower_document(impl->xml, scan_context);
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
  RowFill fill(impl.shape, *impl.map, row);
  context.set_placeholders(&fill);
  std::optional<ir::Document> document = lower_document(impl.xml, context);
  context.finish();
  sort_by_position(lowered);

  std::string where = "row " + std::to_string(row.number);
  auto at_row = [&](Diagnostic d, const std::string& column_note) {
    d.file = data_file;
    d.pos = {row.line, 0};
    d.message += " (" + where + ", " + column_note + ")";
    return d;
  };
  auto note_at = [&](std::size_t offset, std::string_view name) {
    return Diagnostic{impl.options.file_name,
                      impl.map->position(offset),
                      Severity::note,
                      std::string(codes::kValueFromHere),
                      "the value of " + braces(name) + " in " + where + " goes here",
                      {}};
  };
  for (const RowFill::Missing& missing : fill.missing()) {
    result.diagnostics.push_back({std::string(data_file),
                                  {row.line, 0},
                                  Severity::error,
                                  std::string(codes::kMissingValue),
                                  where + " has no value for " + braces(missing.name),
                                  "add \"" + missing.name + "\" to the row, or give a default: {{" +
                                      missing.name + " | text}}"});
    result.diagnostics.push_back(note_at(missing.offset, missing.name));
  }
  for (Diagnostic& d : lowered) {
    std::vector<const TemplatePart*> origin = fill.origin(d.pos);
    // A placeholder without a value is its own error (above): nothing more about that value.
    bool from_missing = std::any_of(origin.begin(), origin.end(), [&](const TemplatePart* part) {
      return std::any_of(fill.missing().begin(), fill.missing().end(),
                         [&](const RowFill::Missing& m) { return m.offset == part->offset; });
    });
    if (from_missing) continue;
    if (origin.empty()) {
      result.diagnostics.push_back(std::move(d));
      continue;
    }
    std::string columns;
    for (const TemplatePart* part : origin)
      columns += (columns.empty() ? "column " : ", ") + part->name;
    result.diagnostics.push_back(at_row(std::move(d), columns));
    for (const TemplatePart* part : origin)
      result.diagnostics.push_back(note_at(part->offset, part->name));
  }
  if (document && !has_errors(result.diagnostics)) {
    document->file = impl.options.file_name;
    result.document = std::move(document);
  }
  return result;
}

}  // namespace dotlabel
