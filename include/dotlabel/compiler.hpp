// The compiler: markup text -> validated IR + diagnostics. Never draws, does no I/O beyond
// reading its input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/diagnostics.hpp"
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

CompileResult compile(std::string_view markup, const CompileOptions& options = {});

// Reads the file (bounded by limits.max_input_bytes); "-" reads standard input. An I/O
// failure is an error diagnostic with code DL0002 at 0:0.
CompileResult compile_file(const std::filesystem::path& path, CompileOptions options = {});

// compile() for files of many labels: it keeps the markup text instead of every label's IR, and
// lowers a label again each time one is asked for. Diagnostics, page and labels are those
// compile() gives; the memory is about the size of the text however many labels it holds.
class LazyDocument {
 public:
  LazyDocument(LazyDocument&&) noexcept;
  LazyDocument& operator=(LazyDocument&&) noexcept;
  ~LazyDocument();

  const Diagnostics& diagnostics() const;
  bool ok() const;  // no error: the labels can be read

  // The document without its labels (file, page, the page's cutters). Only when ok().
  const ir::Document& outline() const;

  // The labels, in ascending id as compile() orders them.
  std::size_t size() const;
  std::int64_t id(std::size_t index) const;
  std::optional<std::size_t> find(std::int64_t id) const;

  // Label `index` (< size()), lowered from the text. Safe to call from several threads.
  ir::Label label(std::size_t index) const;

 private:
  struct Impl;
  explicit LazyDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend LazyDocument compile_lazy(std::string markup, const CompileOptions& options, int threads);
};

// `threads`: how many threads validate the labels (the result is the same for any number).
LazyDocument compile_lazy(std::string markup, const CompileOptions& options = {}, int threads = 1);

}  // namespace dotlabel
