// The compiler: markup text -> validated IR + diagnostics. Never draws, does no I/O beyond
// reading its input.
//
// Errors: bad markup, unreadable files and exceeded Limits are diagnostics in the result
// (ok() false, no document), never exceptions; only std::bad_alloc escapes. Thread safety:
// compile(), compile_file() and compile_lazy() may run in several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/ir.hpp"
#include "dotlabel/limits.hpp"

namespace dotlabel {

struct CompileOptions {
  std::string file_name = "<input>";  // used in diagnostics
  Limits limits;
};

struct CompileResult {
  std::optional<ir::Document> document;  // present when there is no error
  Diagnostics diagnostics;
  bool ok() const { return document.has_value(); }
};

// Parses, validates and lowers `markup` (UTF-8) to IR in dots. The document is present
// exactly when there is no error diagnostic; warnings come with a document.
DOTLABEL_API CompileResult compile(std::string_view markup, const CompileOptions& options = {});

// Reads the file (bounded by limits.max_input_bytes); "-" reads standard input. An I/O
// failure is an error diagnostic with code DL0002 at 0:0.
DOTLABEL_API CompileResult compile_file(const std::filesystem::path& path,
                                        CompileOptions options = {});

// compile() for files of many labels: it keeps the markup text instead of every label's IR, and
// lowers a label again each time one is asked for. Diagnostics, page and labels are those
// compile() gives; the memory is about the size of the text however many labels it holds.
class LazyDocument {
 public:
  DOTLABEL_API LazyDocument(LazyDocument&&) noexcept;
  DOTLABEL_API LazyDocument& operator=(LazyDocument&&) noexcept;
  DOTLABEL_API ~LazyDocument();

  // Every member is const and may be called from several threads at once.
  DOTLABEL_API const Diagnostics& diagnostics() const;
  DOTLABEL_API bool ok() const;  // no error: the labels can be read

  // The document without its labels (file, page, the page's cutters). Only when ok().
  DOTLABEL_API const ir::Document& outline() const;

  // The labels, in ascending id as compile() orders them.
  DOTLABEL_API std::size_t size() const;
  DOTLABEL_API std::int64_t id(std::size_t index) const;
  DOTLABEL_API std::optional<std::size_t> find(std::int64_t id) const;

  // Label `index` (precondition: index < size()), lowered from the text. Safe to call from
  // several threads.
  DOTLABEL_API ir::Label label(std::size_t index) const;

 private:
  struct Impl;
  explicit LazyDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend LazyDocument compile_lazy(std::string markup, const CompileOptions& options, int threads);
};

// `threads`: how many threads validate the labels (the result is the same for any number).
// Errors are in diagnostics() (ok() false): the same ones compile() reports.
DOTLABEL_API LazyDocument compile_lazy(std::string markup, const CompileOptions& options = {},
                                       int threads = 1);

}  // namespace dotlabel
