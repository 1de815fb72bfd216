// The HTTP side of `dotlabel serve`: the preview page (compiled in) and the API
// it and scripts use. Kept apart from the command so that the routes read on their own and
// the command only deals with options, signals and the process.
//
// It is built as a module of its own, dotlabel-serve.so, which `serve` alone loads with
// dlopen(): libcpp-httplib brings libssl, libcrypto, brotli and zlib, and OpenSSL's start-up
// initialisation, into every process that links it, ~4.7 ms of CPU of a ~28 ms one-label
// `dotlabel base64` (docs/performance.md). The CLI calls the module through PreviewServer's
// virtual functions and the two functions below, found with dlsym(), so it needs none of
// the module's symbols at link time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/diagnostics.hpp"
#include "dotlabel/limits.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::cli {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8203;                 // 0 = any free port
  std::string file;                // markup file the page follows; empty = none
  std::vector<std::uint8_t> logo;  // printed for an empty <BMP/>
  Limits limits;
};

// What loading a data file came to: a format that cannot be told is a problem; the data's
// own errors are diagnostics.
struct DataLoad {
  std::string problem;
  Diagnostics diagnostics;
  bool ok() const { return problem.empty() && !has_errors(diagnostics); }
};

class PreviewServer {
 public:
  virtual ~PreviewServer() = default;

  // Binds options.host:options.port; returns the bound port, or -1 (errno tells why).
  virtual int bind() = 0;
  // Serves until stop(); false when the accept loop failed by itself.
  virtual bool run() = 0;
  // Thread-safe: closes the listening socket and wakes the requests waiting for the file.
  virtual void stop() = 0;
  // Makes `text`, named `name`, the data rows the markup is filled from, as POST /api/data
  // does; `format` is "csv", "tsv", "json" or "jsonl", or empty for the name's extension.
  // When it fails the data loaded before stays.
  virtual DataLoad load_data(std::string name, std::string_view format, std::string text) = 0;
  // Where a browser on this machine reaches the page, e.g. "http://127.0.0.1:8203/".
  virtual std::string url() const = 0;
};

// The module and the CLI pass C++ objects to each other, so they must come from the same
// build. The CLI calls kServeModuleVersionSymbol first and refuses a module whose answer is
// not kServeModuleVersion; the interface number is to be raised with every change to the
// declarations of this file.
inline constexpr const char* kServeModuleVersion = DOTLABEL_VERSION "/1";
inline constexpr const char* kServeModuleVersionSymbol = "dotlabel_serve_module_version";
inline constexpr const char* kServeModuleFactorySymbol = "dotlabel_serve_make_server";
// What they are, in the module: const char* dotlabel_serve_module_version(), and
// PreviewServer* dotlabel_serve_make_server(const Renderer&, const ServeOptions&), whose
// result the caller owns. `renderer` is shared by every request thread
// (Renderer::render is thread-safe) and must outlive the server.
using ServeModuleVersionFunction = const char*();
using ServeModuleFactoryFunction = PreviewServer*(const Renderer& renderer,
                                                  const ServeOptions& options);

}  // namespace dotlabel::cli
