#include "dotlabel/compiler.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "context.hpp"
#include "diagnostic_codes.hpp"
#include "document.hpp"
#include "parse.hpp"
#include "source_map.hpp"

namespace dotlabel {
namespace {

bool too_large(std::string_view markup, const CompileOptions& options) {
  return markup.size() > options.limits.max_input_bytes;
}

}  // namespace

CompileResult compile(std::string_view markup, const CompileOptions& options) {
  CompileResult result;
  if (too_large(markup, options)) {
    result.diagnostics.push_back({options.file_name,
                                  {0, 0},
                                  Severity::error,
                                  std::string(codes::kInputTooLarge),
                                  // compile_file and the CLI read only one byte past the
                                  // limit, so the size itself is not known here.
                                  "the input is larger than the limit of " +
                                      std::to_string(options.limits.max_input_bytes) + " bytes",
                                  "label markup is small; is this the right file?"});
    return result;
  }
  // The BOM is not part of the text: columns on line 1 count from after it.
  if (markup.starts_with(kUtf8Bom)) markup.remove_prefix(kUtf8Bom.size());

  SourceMap map(markup);
  Context context(map, options.limits, options.file_name, result.diagnostics);
  pugi::xml_document xml;
  std::optional<ir::Document> document;
  if (parse_markup(markup, xml, context)) document = lower_document(xml, context);
  context.finish();
  sort_by_position(result.diagnostics);
  if (document && !has_errors(result.diagnostics)) {
    document->file = options.file_name;
    result.document = std::move(document);
  }
  return result;
}

CompileResult compile_file(const std::filesystem::path& path, CompileOptions options) {
  bool is_stdin = path == "-";
  if (options.file_name == CompileOptions{}.file_name)
    options.file_name = is_stdin ? "<stdin>" : path.string();
  auto io_error = [&](std::string message) {
    CompileResult result;
    result.diagnostics.push_back({options.file_name,
                                  {0, 0},
                                  Severity::error,
                                  std::string(codes::kIoError),
                                  std::move(message),
                                  {}});
    return result;
  };
  std::FILE* file = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return io_error("cannot open " + path.string() + ": " + std::strerror(errno));
  // Read one byte past the limit: compile() then reports the size as an input error.
  std::string contents;
  char buffer[1 << 16];
  std::size_t n;
  while (contents.size() <= options.limits.max_input_bytes &&
         (n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
    contents.append(buffer, n);
  bool failed = std::ferror(file);
  if (!is_stdin) std::fclose(file);
  if (failed) return io_error("cannot read " + path.string());
  return compile(contents, options);
}

}  // namespace dotlabel
