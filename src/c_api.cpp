// The C API (include/dotlabel/dotlabel.h) over the C++ one. Every entry point catches every
// exception: nothing C++ crosses into the caller, whose language may have no idea of it.
#include "dotlabel/dotlabel.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "diagnostic_codes.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/diagnostics.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/printer_language.hpp"
#include "dotlabel/render.hpp"

namespace {

using namespace dotlabel;

// What a dotlabel_result points at. The C types stay incomplete (dotlabel.h only declares them):
// their layout is no part of the ABI, and a handle is this type's address reinterpreted.
struct Result {
  dotlabel_status status = DOTLABEL_OK;
  std::string message;
  Diagnostics diagnostics;
  std::vector<dotlabel_diagnostic> c_diagnostics;  // pointing into `diagnostics`
  std::string diagnostics_json;
  struct Output {
    std::int64_t label_id = 0;
    std::vector<std::uint8_t> bytes;  // text outputs end in a NUL not counted by `size`
    std::size_t size = 0;
  };
  std::vector<Output> outputs;
};

const Result* from_handle(const dotlabel_result* result) {
  return reinterpret_cast<const Result*>(result);
}
const Renderer* from_handle(const dotlabel_renderer* renderer) {
  return reinterpret_cast<const Renderer*>(renderer);
}

const std::string kDefaultFileName = "<string>";

// An option struct's field is read only when the caller's struct_size says the caller's struct
// has it; otherwise the field keeps its default (zero). An enumeration is read as its bytes
// into a wide integer: a caller may have stored any number there, and loading a value outside
// the enumeration as the enum type is undefined behaviour in C++.
template <typename Options, typename Field>
auto read_field(const Options* options, Field Options::*field) {
  using Value = std::conditional_t<std::is_enum_v<Field>, long long, Field>;
  if (!options) return Value{};
  const auto* base = reinterpret_cast<const unsigned char*>(options);
  const auto* at = reinterpret_cast<const unsigned char*>(&(options->*field));
  if (static_cast<std::size_t>(at - base) + sizeof(Field) > options->struct_size) return Value{};
  if constexpr (std::is_enum_v<Field>) {
    std::underlying_type_t<Field> raw;
    std::memcpy(&raw, at, sizeof raw);
    return static_cast<long long>(raw);
  } else {
    return options->*field;
  }
}

// Thrown inside an entry point for a caller mistake; becomes DOTLABEL_INVALID_ARGUMENT.
struct InvalidArgument {
  std::string message;
};

// Thrown when the shared renderer cannot be made; becomes DOTLABEL_RENDERER_ERROR.
struct RendererFailure {
  std::string message;
};

void require(bool condition, const char* message) {
  if (!condition) throw InvalidArgument{message};
}

// The smallest struct_size any version of the header had: struct_size itself and the first
// field.
template <typename Options>
void require_options(const Options* options) {
  require(!options || options->struct_size >= sizeof(std::size_t) + sizeof(void*),
          "options->struct_size is smaller than any version of the struct");
}

std::string file_name(const char* name) {
  return name ? std::string(name) : kDefaultFileName;
}

std::string_view markup_view(const char* markup, std::size_t size) {
  require(markup || size == 0, "markup is NULL with a non-zero size");
  return size == 0 ? std::string_view() : std::string_view(markup, size);
}

std::vector<std::uint8_t> bytes_of(const std::uint8_t* data, std::size_t size) {
  require(data || size == 0, "logo is NULL with a non-zero logo_size");
  return size == 0 ? std::vector<std::uint8_t>() : std::vector<std::uint8_t>(data, data + size);
}

dotlabel_severity c_severity(Severity severity) {
  switch (severity) {
    case Severity::note:
      return DOTLABEL_SEVERITY_NOTE;
    case Severity::warning:
      return DOTLABEL_SEVERITY_WARNING;
    case Severity::error:
      break;
  }
  return DOTLABEL_SEVERITY_ERROR;
}

// Fills the result's diagnostics (C view and JSON) and, when there is an error among them,
// makes it an input error.
void set_diagnostics(Result& result, Diagnostics diagnostics) {
  // Errors are counted before the cap, which lists at most 1000 (a hostile file has one in each
  // of 100,000 elements); those a compile left out are in its DL0010's count only, so "at
  // least".
  std::size_t errors = 0;
  bool more = false;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    more = more || codes::kTooManyDiagnostics == d.code;  // it stands for at least one
    ++errors;
  }
  result.diagnostics = capped(std::move(diagnostics));
  result.c_diagnostics.clear();
  for (const Diagnostic& d : result.diagnostics)
    result.c_diagnostics.push_back({d.file.c_str(), d.pos.line, d.pos.column,
                                    c_severity(d.severity), d.code.c_str(), d.message.c_str(),
                                    d.hint.c_str()});
  result.diagnostics_json = format_json(result.diagnostics);
  if (has_errors(result.diagnostics)) {
    result.status = DOTLABEL_INPUT_ERROR;
    result.message = "the markup has " + std::string(more ? "at least " : "") +
                     std::to_string(errors) + (errors == 1 && !more ? " error" : " errors") +
                     " (see the diagnostics)";
    result.outputs.clear();
  }
}

void add_output(Result& result, std::int64_t label_id, std::vector<std::uint8_t> bytes, bool text) {
  Result::Output output;
  output.label_id = label_id;
  output.size = bytes.size();
  output.bytes = std::move(bytes);
  if (text) output.bytes.push_back(0);
  result.outputs.push_back(std::move(output));
}

void add_text_output(Result& result, std::int64_t label_id, const std::string& text) {
  add_output(result, label_id, std::vector<std::uint8_t>(text.begin(), text.end()), true);
}

const Renderer& renderer_or_default(const dotlabel_renderer* renderer) {
  if (renderer) return *from_handle(renderer);
  // Made on first use by whichever thread gets here first; a failure is retried next time.
  static std::mutex mutex;
  static std::unique_ptr<Renderer> shared;
  std::lock_guard lock(mutex);
  if (!shared) {
    try {
      shared = std::make_unique<Renderer>();
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      throw RendererFailure{e.what()};
    }
  }
  return *shared;
}

// Runs `operation` on a new result and stores the result in *out, turning every exception into
// a status: the one place the C++ world ends.
template <typename Operation>
dotlabel_status run(dotlabel_result** out, Operation operation) {
  if (!out) return DOTLABEL_INVALID_ARGUMENT;
  *out = nullptr;
  Result* result = new (std::nothrow) Result;
  if (!result) return DOTLABEL_OUT_OF_MEMORY;
  // Takes a C string: making a std::string here could throw out of the catch handler.
  auto fail = [&](dotlabel_status status, const char* message) noexcept {
    result->outputs.clear();
    result->status = status;
    try {
      result->message = message;
    } catch (...) {  // out of memory for the message: the status still says what happened
    }
  };
  try {
    operation(*result);
  } catch (const InvalidArgument& e) {
    fail(DOTLABEL_INVALID_ARGUMENT, e.message.c_str());
  } catch (const RendererFailure& e) {
    fail(DOTLABEL_RENDERER_ERROR, e.message.c_str());
  } catch (const std::bad_alloc&) {
    delete result;
    return DOTLABEL_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    fail(DOTLABEL_INTERNAL_ERROR, e.what());
  } catch (...) {
    fail(DOTLABEL_INTERNAL_ERROR, "unknown exception");
  }
  *out = reinterpret_cast<dotlabel_result*>(result);
  return result->status;
}

std::vector<std::uint8_t> encode(dotlabel_format format, const Bitmap& bitmap, bool& text) {
  text = format == DOTLABEL_FORMAT_SVG || format == DOTLABEL_FORMAT_PNG_BASE64;
  switch (format) {
    case DOTLABEL_FORMAT_PNG:
      return encode_png(bitmap);
    case DOTLABEL_FORMAT_PBM:
      return encode_pbm(bitmap);
    case DOTLABEL_FORMAT_SVG: {
      std::string svg = encode_svg(bitmap);
      return {svg.begin(), svg.end()};
    }
    case DOTLABEL_FORMAT_PNG_BASE64: {
      std::string line = base64_encode(encode_png(bitmap));
      return {line.begin(), line.end()};
    }
  }
  return {};
}

}  // namespace

extern "C" {

const char* dotlabel_version(void) {
  return DOTLABEL_VERSION;
}

int dotlabel_version_number(void) {
  return DOTLABEL_VERSION_MAJOR * 10000 + DOTLABEL_VERSION_MINOR * 100 + DOTLABEL_VERSION_PATCH;
}

const char* dotlabel_status_string(dotlabel_status status) {
  switch (status) {
    case DOTLABEL_OK:
      return "ok";
    case DOTLABEL_INPUT_ERROR:
      return "input error";
    case DOTLABEL_INVALID_ARGUMENT:
      return "invalid argument";
    case DOTLABEL_OUT_OF_MEMORY:
      return "out of memory";
    case DOTLABEL_RENDERER_ERROR:
      return "renderer error";
    case DOTLABEL_INTERNAL_ERROR:
      return "internal error";
  }
  return "unknown status";
}

dotlabel_status dotlabel_result_status(const dotlabel_result* result) {
  return result ? from_handle(result)->status : DOTLABEL_INVALID_ARGUMENT;
}

const char* dotlabel_result_message(const dotlabel_result* result) {
  return result ? from_handle(result)->message.c_str() : "";
}

size_t dotlabel_result_diagnostic_count(const dotlabel_result* result) {
  return result ? from_handle(result)->c_diagnostics.size() : 0;
}

const dotlabel_diagnostic* dotlabel_result_diagnostic(const dotlabel_result* result, size_t index) {
  if (!result || index >= from_handle(result)->c_diagnostics.size()) return nullptr;
  return &from_handle(result)->c_diagnostics[index];
}

const char* dotlabel_result_diagnostics_json(const dotlabel_result* result) {
  if (!result || from_handle(result)->diagnostics_json.empty()) return "[]";
  return from_handle(result)->diagnostics_json.c_str();
}

size_t dotlabel_result_output_count(const dotlabel_result* result) {
  return result ? from_handle(result)->outputs.size() : 0;
}

const uint8_t* dotlabel_result_output(const dotlabel_result* result, size_t index, size_t* size) {
  if (!result || index >= from_handle(result)->outputs.size()) {
    if (size) *size = 0;
    return nullptr;
  }
  const Result::Output& output = from_handle(result)->outputs[index];
  if (size) *size = output.size;
  // A zero-length vector may have no storage: an empty output is still a valid pointer.
  static const std::uint8_t kEmpty = 0;
  return output.bytes.empty() ? &kEmpty : output.bytes.data();
}

int64_t dotlabel_result_output_label_id(const dotlabel_result* result, size_t index) {
  if (!result || index >= from_handle(result)->outputs.size()) return 0;
  return from_handle(result)->outputs[index].label_id;
}

void dotlabel_result_free(dotlabel_result* result) {
  delete reinterpret_cast<Result*>(result);
}

dotlabel_status dotlabel_renderer_new(const dotlabel_renderer_options* options,
                                      dotlabel_renderer** renderer, char* message,
                                      size_t message_size) {
  auto report = [&](const char* text) {
    if (!message || message_size == 0) return;
    std::size_t n = std::min(std::strlen(text), message_size - 1);
    std::memcpy(message, text, n);
    message[n] = '\0';
  };
  report("");
  if (!renderer) {
    report("renderer is NULL");
    return DOTLABEL_INVALID_ARGUMENT;
  }
  *renderer = nullptr;
  if (options && options->struct_size < sizeof(std::size_t) + sizeof(void*)) {
    report("options->struct_size is smaller than any version of the struct");
    return DOTLABEL_INVALID_ARGUMENT;
  }
  try {
    RendererOptions renderer_options;
    if (const char* font_dir = read_field(options, &dotlabel_renderer_options::font_dir))
      renderer_options.font_dir = font_dir;
    *renderer = reinterpret_cast<dotlabel_renderer*>(new Renderer(std::move(renderer_options)));
    return DOTLABEL_OK;
  } catch (const std::bad_alloc&) {
    report("out of memory");
    return DOTLABEL_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    report(e.what());
  } catch (...) {
    report("unknown exception");
  }
  return DOTLABEL_RENDERER_ERROR;
}

void dotlabel_renderer_free(dotlabel_renderer* renderer) {
  delete reinterpret_cast<Renderer*>(renderer);
}

dotlabel_status dotlabel_check(const char* markup, size_t size,
                               const dotlabel_check_options* options, dotlabel_result** result) {
  return run(result, [&](Result& out) {
    require_options(options);
    CompileOptions compile_options;
    compile_options.file_name = file_name(read_field(options, &dotlabel_check_options::file_name));
    // Lazily, as `dotlabel check` does: the memory of the text, however many labels it holds.
    LazyDocument document = compile_lazy(std::string(markup_view(markup, size)), compile_options);
    set_diagnostics(out, document.diagnostics());
  });
}

dotlabel_status dotlabel_render(const dotlabel_renderer* renderer, const char* markup, size_t size,
                                const dotlabel_render_options* options, dotlabel_result** result) {
  return run(result, [&](Result& out) {
    require_options(options);
    auto format = read_field(options, &dotlabel_render_options::format);
    require(format >= DOTLABEL_FORMAT_PNG && format <= DOTLABEL_FORMAT_PNG_BASE64,
            "options->format is not a dotlabel_format");
    CompileOptions compile_options;
    compile_options.file_name = file_name(read_field(options, &dotlabel_render_options::file_name));
    RenderOptions render_options;
    render_options.as_fed = read_field(options, &dotlabel_render_options::as_fed) != 0;
    render_options.logo = bytes_of(read_field(options, &dotlabel_render_options::logo),
                                   read_field(options, &dotlabel_render_options::logo_size));

    CompileResult compiled = compile(markup_view(markup, size), compile_options);
    if (!compiled.ok()) return set_diagnostics(out, std::move(compiled.diagnostics));
    RenderResult rendered =
        renderer_or_default(renderer).render(*compiled.document, render_options);
    Diagnostics diagnostics = std::move(compiled.diagnostics);
    diagnostics.insert(diagnostics.end(), rendered.diagnostics.begin(), rendered.diagnostics.end());
    if (!has_errors(diagnostics)) {
      for (const RenderedLabel& label : rendered.labels) {
        bool text = false;
        std::vector<std::uint8_t> bytes =
            encode(static_cast<dotlabel_format>(format), label.bitmap, text);
        add_output(out, label.id, std::move(bytes), text);
      }
    }
    set_diagnostics(out, std::move(diagnostics));
  });
}

dotlabel_status dotlabel_mstching(const dotlabel_renderer* renderer, const char* markup,
                                  size_t size, const dotlabel_mstching_options* options,
                                  dotlabel_result** result) {
  return run(result, [&](Result& out) {
    require_options(options);
    auto mode = read_field(options, &dotlabel_mstching_options::mode);
    require(mode == DOTLABEL_MSTCHING_ITEMS || mode == DOTLABEL_MSTCHING_IMAGE,
            "options->mode is not a dotlabel_mstching_mode");
    int width = read_field(options, &dotlabel_mstching_options::paper_width);
    require(width >= 0 && width <= mstching::kMaxPaperWidth,
            "options->paper_width is not in 1..4096 (or 0 for 384)");
    mstching::Options mstching_options;
    mstching_options.mode =
        mode == DOTLABEL_MSTCHING_IMAGE ? mstching::Mode::image : mstching::Mode::items;
    if (width != 0) mstching_options.paper_width = width;
    mstching_options.render.as_fed = read_field(options, &dotlabel_mstching_options::as_fed) != 0;
    mstching_options.render.logo =
        bytes_of(read_field(options, &dotlabel_mstching_options::logo),
                 read_field(options, &dotlabel_mstching_options::logo_size));
    CompileOptions compile_options;
    compile_options.file_name =
        file_name(read_field(options, &dotlabel_mstching_options::file_name));

    CompileResult compiled = compile(markup_view(markup, size), compile_options);
    if (!compiled.ok()) return set_diagnostics(out, std::move(compiled.diagnostics));
    mstching::Result converted =
        mstching::convert(*compiled.document, renderer_or_default(renderer), mstching_options);
    Diagnostics diagnostics = std::move(compiled.diagnostics);
    diagnostics.insert(diagnostics.end(), converted.diagnostics.begin(),
                       converted.diagnostics.end());
    if (!has_errors(diagnostics)) add_text_output(out, 0, mstching::to_json(converted.items));
    set_diagnostics(out, std::move(diagnostics));
  });
}

dotlabel_status dotlabel_printer_job(const dotlabel_renderer* renderer, const char* markup,
                                     size_t size, const dotlabel_printer_options* options,
                                     dotlabel_result** result) {
  return run(result, [&](Result& out) {
    require_options(options);
    auto language = read_field(options, &dotlabel_printer_options::language);
    require(language == DOTLABEL_PRINTER_TSPL || language == DOTLABEL_PRINTER_ESCPOS,
            "options->language is not a dotlabel_printer_language");
    auto mode = read_field(options, &dotlabel_printer_options::tspl_mode);
    require(mode == DOTLABEL_TSPL_RASTER || mode == DOTLABEL_TSPL_NATIVE,
            "options->tspl_mode is not a dotlabel_tspl_mode");
    int width = read_field(options, &dotlabel_printer_options::paper_width);
    require(width >= 0 && width <= printer::kMaxPaperWidth,
            "options->paper_width is not in 0..4096");
    RenderOptions render;
    render.logo = bytes_of(read_field(options, &dotlabel_printer_options::logo),
                           read_field(options, &dotlabel_printer_options::logo_size));
    CompileOptions compile_options;
    compile_options.file_name =
        file_name(read_field(options, &dotlabel_printer_options::file_name));

    CompileResult compiled = compile(markup_view(markup, size), compile_options);
    if (!compiled.ok()) return set_diagnostics(out, std::move(compiled.diagnostics));
    printer::Job job;
    if (language == DOTLABEL_PRINTER_ESCPOS) {
      printer::EscPosOptions escpos;
      escpos.paper_width = width;
      escpos.scale_to_paper = read_field(options, &dotlabel_printer_options::scale_to_paper) != 0;
      escpos.render = std::move(render);
      job = printer::to_escpos(*compiled.document, renderer_or_default(renderer), escpos);
    } else {
      printer::TsplOptions tspl;
      tspl.mode =
          mode == DOTLABEL_TSPL_NATIVE ? printer::TsplMode::native : printer::TsplMode::raster;
      tspl.render = std::move(render);
      job = printer::to_tspl(*compiled.document, renderer_or_default(renderer), tspl);
    }
    Diagnostics diagnostics = std::move(compiled.diagnostics);
    diagnostics.insert(diagnostics.end(), std::make_move_iterator(job.diagnostics.begin()),
                       std::make_move_iterator(job.diagnostics.end()));
    if (!has_errors(diagnostics)) add_output(out, 0, std::move(job.bytes), false);
    set_diagnostics(out, std::move(diagnostics));
  });
}

}  // extern "C"
