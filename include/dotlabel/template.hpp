// Label templates: markup with `{{name}}` placeholders in attribute values and element content,
// compiled once and filled from data rows (include/dotlabel/data.hpp). The grammar and the
// errors are in docs/templates.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/compiler.hpp"
#include "dotlabel/data.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel {

class Template {
 public:
  DOTLABEL_API Template(Template&&) noexcept;
  DOTLABEL_API Template& operator=(Template&&) noexcept;
  DOTLABEL_API ~Template();

  // XML errors and placeholder syntax errors (DL0610); bind() needs ok().
  DOTLABEL_API const Diagnostics& diagnostics() const;
  DOTLABEL_API bool ok() const;
  // Whether the markup has any placeholder; without one, every row gives the same document.
  DOTLABEL_API bool has_placeholders() const;
  // The names used, each once, in source order (`_row` included when used).
  DOTLABEL_API std::vector<std::string> names() const;

  // The placeholders against the data's columns, known before the first row (a CSV header):
  // an error (DL0611) at each placeholder whose name is no column, with a did-you-mean hint,
  // and a note (DL0614) naming the columns no placeholder uses.
  DOTLABEL_API Diagnostics check_columns(const std::vector<std::string>& columns,
                                         std::string_view data_file) const;

  // The document for one row: compile()'s result for the markup with each placeholder
  // replaced by the row's value. A bad value is reported at the data file's row (FILE:LINE)
  // naming the columns whose values went into the attribute or content it is about (into the
  // element, for an error about a whole element), followed by a note (DL0613) at each of their
  // placeholders; a placeholder the row has no value for is an error (DL0612) unless it has a
  // default. Thread-safe: rows may be bound on several threads at once.
  DOTLABEL_API CompileResult bind(const data::Row& row, std::string_view data_file) const;

  // An error in the markup found after bind() in the row's document (resolving, drawing or
  // encoding it), reported as bind() reports one: at the data file's row, naming the columns,
  // with a note at each placeholder; when no value went into the element, with a note
  // (DL0615) at the element instead. Thread-safe.
  DOTLABEL_API Diagnostics at_row(Diagnostic error, const data::Row& row,
                                  std::string_view data_file) const;

 private:
  struct Impl;
  explicit Template(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend DOTLABEL_API Template compile_template(std::string markup, const CompileOptions& options);
};

// Parses `markup` once and finds its placeholders. Errors are in diagnostics().
DOTLABEL_API Template compile_template(std::string markup, const CompileOptions& options = {});

}  // namespace dotlabel
