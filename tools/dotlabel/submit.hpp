// Shared pieces of `dotlabel submit VENDOR ACTION`: common options, credentials, running a
// vendor call with the exit-status contract, and compiling/rendering the label to send.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "dotlabel/client/result.hpp"
#include "dotlabel/client/transport.hpp"
#include "dotlabel/ir.hpp"

namespace dotlabel::cli::submit {

// Options every submit action takes.
struct Common {
  std::string base_url;
  std::string credentials_file;
  bool json = false;
  double timeout = 30;  // seconds, the whole request
};
void add_common_options(CLI::App& command, Common& common);

// Secrets come from `--credentials FILE` (a JSON object with one object per vendor) when it
// is given, else from environment variables; never from the command line.
class Credentials {
 public:
  // Throws Failure (config) when the file cannot be read or is not JSON.
  Credentials(const Common& common, std::string vendor);
  // The value of `key` in the vendor's object of the file, or of `env`; empty when absent.
  std::string get(std::string_view key, const char* env) const;
  // The vendor's object of the file, as JSON text; empty without a file.
  const std::string& file_section() const { return section_; }

 private:
  bool from_file_ = false;
  std::string section_;
};

// --base-url, else $DOTLABEL_<VENDOR>_BASE_URL, else the vendor's own.
std::string base_url(const Common& common, std::string_view vendor, std::string_view fallback);
client::TransportOptions transport_options(const Common& common);

// What a successful call prints: `text` normally, the vendor's whole answer with --json.
struct Outcome {
  std::string text;
  std::string body;
};
template <typename T>
Outcome outcome(const client::Result<T>& r, std::string text) {
  return {std::move(text), r.body};
}

// A failed vendor call, or a setting missing before one could be made: thrown out of an
// action for run() to report.
struct Failure {
  client::Error error;
  std::string body;  // the vendor's answer, when there was one
};
[[noreturn]] void config_error(std::string vendor, std::string endpoint, std::string detail);
// The result of a call that succeeded; throws Failure otherwise.
template <typename T>
client::Result<T> checked(client::Result<T> r) {
  if (!r.ok()) throw Failure{*r.error, r.body};
  return r;
}

// The exit status of a print whose outcome is unknown: the request may have arrived (a
// timeout, a dropped connection, a 5xx, an answer that cannot be read), so the job may print.
inline constexpr int kMaybeDelivered = 3;

// Runs the call and maps failures to exit statuses: 1 when the vendor answered and refused,
// 2 for everything else (usage, files, credentials, network, HTTP, malformed answers, an
// exception). With `is_print`, a failure without a vendor verdict after the request may have
// arrived says so, prints the job's id when the answer had one, and exits kMaybeDelivered.
int run(const Common& common, bool is_print, const std::function<Outcome()>& call);

// A label of FILE compiled, checked and rendered as the printer prints it.
struct LabelImage {
  std::vector<std::uint8_t> png;
  int width_dots = 0;   // PAGE w
  int length_dots = 0;  // PAGE l
  int copies = 1;       // LABEL c
};
// Chooses `label` (required when FILE has several). Returns kOk or the exit status, after
// printing the diagnostics.
int render_label(const std::string& file, std::optional<std::int64_t> label,
                 const DiagnosticOptions& diagnostics, LabelImage& out);
// Compiles FILE for its PAGE only (sizes); returns kOk or the exit status.
int read_page(const std::string& file, const DiagnosticOptions& diagnostics, ir::Page& page);

// Reads a file or standard input ("-") as bytes; returns false after printing the error.
bool read_file(const std::string& path, std::size_t max_bytes, std::string& contents);

// Registers the action NAME under `parent`; when it is chosen, `body(args)` becomes the run's
// action. Args has a `Common common` member.
template <typename Args, typename Body>
CLI::App* add_action(CLI::App& parent, const char* name, const char* help, Action& action,
                     std::shared_ptr<Args> args, Body body) {
  CLI::App* command = parent.add_subcommand(name, help);
  add_common_options(*command, args->common);
  command->callback([&action, args, body] { action = [args, body] { return body(*args); }; });
  return command;
}

void add_xpyun(CLI::App& submit, Action& action);
void add_mstching(CLI::App& submit, Action& action);
void add_webprinter(CLI::App& submit, Action& action);
void add_lianke(CLI::App& submit, Action& action);
void add_colorpark(CLI::App& submit, Action& action);

}  // namespace dotlabel::cli::submit
