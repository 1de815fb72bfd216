// `dotlabel serve [FILE]`: a local live preview page (editor, rendered label, diagnostics),
// so that customer data never leaves the machine. The HTTP side is in serve_server.cpp, built
// as the module dotlabel-serve.so that this command loads (serve_server.hpp says why).
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "commands.hpp"
#include "serve_server.hpp"

namespace dotlabel::cli {

namespace {

struct ServeArgs {
  ServeOptions options;
  std::string logo;
  std::string data;         // a data file the markup is filled from, row by row
  std::string data_format;  // empty: from the data file's extension
};

// Loads the HTTP server module, found at DOTLABEL_SERVE_MODULE_DIR (set by CMake from the
// install layout) from this executable's folder, and returns its factory; or nullptr, with
// what is wrong and what to do in `error`. The module stays loaded until the process ends:
// the server's code, and that of its threads, is in it.
ServeModuleFactoryFunction* load_server_module(std::string& error) {
  std::error_code failed;
  std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", failed);
  if (failed) {
    error = "cannot find serve's HTTP server: /proc/self/exe: " + failed.message();
    return nullptr;
  }
  std::string path = (executable.parent_path() / DOTLABEL_SERVE_MODULE_DIR / "dotlabel-serve.so")
                         .lexically_normal();
  const std::string remedy =
      "; rebuild dotlabel (cmake --build) or reinstall it, with libcpp-httplib0.11 (the Debian "
      "package) installed";
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!module) {
    const char* why = dlerror();
    error =
        "cannot load serve's HTTP server " + path + ": " + (why ? why : "unknown error") + remedy;
    return nullptr;
  }
  auto* version =
      reinterpret_cast<ServeModuleVersionFunction*>(dlsym(module, kServeModuleVersionSymbol));
  auto* factory =
      reinterpret_cast<ServeModuleFactoryFunction*>(dlsym(module, kServeModuleFactorySymbol));
  // The version is asked before anything of the module is trusted with a C++ object.
  const char* found = version ? version() : "none";
  if (!factory || std::strcmp(found, kServeModuleVersion) != 0) {
    error = path + " is serve's HTTP server of another dotlabel build (version " + found +
            ", this dotlabel needs " + kServeModuleVersion + ")" + remedy;
    dlclose(module);
    return nullptr;
  }
  return factory;
}

int run_serve(ServeArgs args) {
  ServeOptions& options = args.options;
  if (!args.logo.empty()) {
    std::string bytes, error;
    if (!read_input(args.logo, options.limits.max_input_bytes, bytes, error)) return fail(error);
    options.logo.assign(bytes.begin(), bytes.end());
  }
  std::string module_error;
  ServeModuleFactoryFunction* make_server = load_server_module(module_error);
  if (!make_server) return fail(module_error);

  // SIGINT/SIGTERM are taken by sigwait in one thread; blocking them before any thread starts
  // makes every thread (httplib's workers too) inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A browser that closes a connection mid-response must not end the server.
  signal(SIGPIPE, SIG_IGN);

  std::optional<Renderer> renderer;
  try {
    renderer.emplace();
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  std::unique_ptr<PreviewServer> made(make_server(*renderer, options));
  PreviewServer& server = *made;
  if (!args.data.empty()) {
    std::string text, error;
    if (!read_input(args.data, options.limits.max_input_bytes, text, error)) return fail(error);
    DataLoad loaded = server.load_data(args.data, args.data_format, std::move(text));
    if (!loaded.problem.empty()) return fail(loaded.problem);
    if (!loaded.ok()) {
      DiagnosticOptions diagnostics;
      DiagnosticPrinter(diagnostics).report(std::move(loaded.diagnostics));
      return kInputError;
    }
  }
  if (server.bind() < 0)
    return fail("cannot listen on " + options.host + " port " + std::to_string(options.port) +
                ": " + std::strerror(errno));
  if (options.host != "127.0.0.1" && options.host != "localhost" && options.host != "::1")
    std::cerr << "dotlabel: warning: listening on " << options.host
              << ": other machines may see your labels\n";
  std::cout << server.url() << std::endl;
  std::cerr << "dotlabel: serving the preview page" << (options.file.empty() ? "" : " of ")
            << options.file << "; Ctrl+C stops\n";

  std::thread waiter([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server.stop();
  });
  bool ok = server.run();
  // When the accept loop ended by itself the waiter still waits: wake it. (When a signal ended
  // the loop, the waiter is done and this does nothing.)
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!ok) return fail("the server stopped: accepting connections failed");
  std::cerr << "dotlabel: stopped\n";
  return kOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* command = app.add_subcommand(
      "serve", "Live preview page on 127.0.0.1: editor, rendered label, diagnostics");
  command->add_option("FILE", args->options.file, "Markup file the page follows as it changes")
      ->check(CLI::ExistingFile);
  command->add_option("--port", args->options.port, "TCP port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command
      ->add_option("--host", args->options.host,
                   "Address to listen on; anything but loopback shows your labels to the network")
      ->capture_default_str();
  command->add_option("--logo", args->logo, "Image printed for an empty <BMP/>")
      ->check(CLI::ExistingFile);
  command
      ->add_option("--data", args->data,
                   "CSV, JSON or JSON Lines rows that fill the markup's {{placeholders}}; the "
                   "page picks the row")
      ->check(CLI::ExistingFile);
  command
      ->add_option("--data-format", args->data_format,
                   "Format of --data when its extension does not say: csv, tsv, json, jsonl")
      ->check(CLI::IsMember({"csv", "tsv", "json", "jsonl", "ndjson"}));
  command->callback([args, &action] { action = [args] { return run_serve(*args); }; });
}

}  // namespace dotlabel::cli
