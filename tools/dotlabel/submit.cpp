// `dotlabel submit VENDOR ACTION`: sends labels to the print clouds (docs/submit.md).
#include "submit.hpp"

#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/pipeline.hpp"

namespace dotlabel::cli {

namespace submit {

namespace {

// Credential files hold a few keys; anything bigger is a mistake.
constexpr std::size_t kMaxCredentialsBytes = 1u << 20;

}  // namespace

void config_error(std::string vendor, std::string endpoint, std::string detail) {
  throw Failure{{client::ErrorKind::config,
                 std::move(vendor),
                 std::move(endpoint),
                 0,
                 {},
                 std::move(detail),
                 false},
                {}};
}

void add_common_options(CLI::App& command, Common& common) {
  command.add_option("--base-url", common.base_url,
                     "Send to this server instead of the vendor's (tests, private deployments)");
  command.add_option("--credentials", common.credentials_file,
                     "JSON file with the vendor's secrets (instead of environment variables)");
  command.add_flag("--json", common.json, "Print the vendor's whole answer");
  command.add_option("--timeout", common.timeout, "Seconds allowed for each request")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
}

Credentials::Credentials(const Common& common, std::string vendor) {
  if (common.credentials_file.empty()) return;
  from_file_ = true;
  std::string text, error;
  if (!read_input(common.credentials_file, kMaxCredentialsBytes, text, error))
    config_error(vendor, "credentials", error);
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    config_error(vendor, "credentials", common.credentials_file + ": not a JSON object");
  auto it = json.find(vendor);
  if (it == json.end() || !it->is_object())
    config_error(vendor, "credentials", common.credentials_file + ": no \"" + vendor + "\" object");
  section_ = it->dump();
}

std::string Credentials::get(std::string_view key, const char* env) const {
  if (from_file_) {
    nlohmann::json section = nlohmann::json::parse(section_);
    auto it = section.find(key);
    return it != section.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  const char* value = std::getenv(env);
  return value ? value : "";
}

std::string base_url(const Common& common, std::string_view vendor, std::string_view fallback) {
  if (!common.base_url.empty()) return common.base_url;
  std::string name = "DOTLABEL_";
  for (char c : vendor) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  name += "_BASE_URL";
  const char* value = std::getenv(name.c_str());
  return value && *value ? value : std::string(fallback);
}

client::TransportOptions transport_options(const Common& common) {
  client::TransportOptions options;
  options.total_timeout = std::chrono::milliseconds(static_cast<long>(common.timeout * 1000));
  options.connect_timeout = std::min(options.connect_timeout, options.total_timeout);
  return options;
}

int run(const Common& common, bool is_print, const std::function<Outcome()>& call) {
  try {
    Outcome outcome = call();
    std::cout << (common.json ? outcome.body : outcome.text) << '\n';
    return kOk;
  } catch (const Failure& failure) {
    const client::Error& d = failure.error;
    if (common.json && !failure.body.empty()) std::cout << failure.body << '\n';
    std::cerr << "dotlabel: " << client::describe(d) << '\n';
    // A vendor verdict or a 4xx says the job was refused; anything else leaves it open.
    bool unknown_outcome = d.maybe_delivered && d.kind != client::ErrorKind::vendor &&
                           d.kind != client::ErrorKind::config &&
                           !(d.kind == client::ErrorKind::http && d.http_status < 500);
    if (is_print && unknown_outcome) {
      // The id goes to stdout, as a success's would, so that a script can follow the job.
      if (!d.job_id.empty() && !common.json) std::cout << d.job_id << '\n';
      std::cerr << "dotlabel: the print may have been delivered: the job may have reached the "
                   "vendor anyway"
                << (d.job_id.empty() ? "" : " (its id: " + d.job_id + ")")
                << "; it was not resent. Check its state before submitting again.\n";
      return kMaybeDelivered;
    }
    return d.kind == client::ErrorKind::vendor ? kInputError : kUsageError;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    // The clients never throw; this is the tool's own failure, after the request may have left.
    std::cerr << "dotlabel: " << e.what() << '\n';
    if (!is_print) return kUsageError;
    std::cerr << "dotlabel: the print may have been delivered; it was not resent. Check its "
                 "state before submitting again.\n";
    return kMaybeDelivered;
  }
}

bool read_file(const std::string& path, std::size_t max_bytes, std::string& contents) {
  std::string error;
  if (read_input(path, max_bytes, contents, error)) return true;
  fail(error);
  return false;
}

namespace {

// Compiles FILE, printing its diagnostics; nullopt (and the exit status) on errors.
std::optional<ir::Document> compile_checked(const std::string& file,
                                            const DiagnosticOptions& diagnostics, int& status) {
  CompileOptions options;
  options.file_name = file == "-" ? "<stdin>" : file;
  std::string markup;
  if (!read_file(file, options.limits.max_input_bytes, markup)) {
    status = kUsageError;
    return std::nullopt;
  }
  DiagnosticPrinter printer(diagnostics);
  CompileResult compiled = compile(markup, options);
  if (printer.report(std::move(compiled.diagnostics)) || !compiled.document) {
    status = kInputError;
    return std::nullopt;
  }
  return std::move(compiled.document);
}

}  // namespace

int read_page(const std::string& file, const DiagnosticOptions& diagnostics, ir::Page& page) {
  int status = kOk;
  auto document = compile_checked(file, diagnostics, status);
  if (!document) return status;
  page = document->page;
  return kOk;
}

int render_label(const std::string& file, std::optional<std::int64_t> label,
                 const DiagnosticOptions& diagnostics, LabelImage& out) {
  int status = kOk;
  auto document = compile_checked(file, diagnostics, status);
  if (!document) return status;
  if (!label) {
    if (document->labels.size() != 1)
      return fail(file + ": " + std::to_string(document->labels.size()) +
                  " labels; choose the one to send with --label ID");
    label = document->labels.front().id;
  }
  const ir::Label* chosen = document->find_label(*label);
  if (!chosen) return fail(file + ": no LABEL with id " + std::to_string(*label));

  try {
    Renderer renderer;
    DrawOptions options;
    // The image must come out of the printer the way the markup would: LABEL d applied.
    options.render.as_fed = true;
    options.label = label;
    Drawing drawn = draw_document(renderer, *document, options);
    DiagnosticPrinter printer(diagnostics);
    if (printer.report(std::move(drawn.diagnostics)) || drawn.labels.empty()) return kInputError;
    out.png = encode_png(drawn.labels.front().bitmap);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  out.width_dots = document->page.width;
  out.length_dots = document->page.length;
  out.copies = chosen->copies;
  return kOk;
}

}  // namespace submit

void add_submit_command(CLI::App& app, Action& action) {
  CLI::App* command = app.add_subcommand(
      "submit", "Send a label to a print cloud: xpyun, mstching, webprinter, lianke, colorpark");
  command->require_subcommand(1);
  submit::add_xpyun(*command, action);
  submit::add_mstching(*command, action);
  submit::add_webprinter(*command, action);
  submit::add_lianke(*command, action);
  submit::add_colorpark(*command, action);
}

}  // namespace dotlabel::cli
