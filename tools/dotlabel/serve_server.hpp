// The HTTP side of `dotlabel serve`: the preview page (compiled into the binary) and the API
// it and scripts use. Kept apart from the command so that the routes read on their own and
// the command only deals with options, signals and the process.
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
  // `renderer` is shared by every request thread (Renderer::render is thread-safe) and must
  // outlive the server.
  PreviewServer(const Renderer& renderer, ServeOptions options);
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  // Binds options.host:options.port; returns the bound port, or -1 (errno tells why).
  int bind();
  // Serves until stop(); false when the accept loop failed by itself.
  bool run();
  // Thread-safe: closes the listening socket and wakes the requests waiting for the file.
  void stop();
  // Makes `text`, named `name`, the data rows the markup is filled from, as POST /api/data
  // does; `format` is "csv", "tsv", "json" or "jsonl", or empty for the name's extension.
  // When it fails the data loaded before stays.
  DataLoad load_data(std::string name, std::string_view format, std::string text);
  // Where a browser on this machine reaches the page, e.g. "http://127.0.0.1:8203/".
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dotlabel::cli
