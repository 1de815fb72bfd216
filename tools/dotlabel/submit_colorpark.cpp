// `dotlabel submit colorpark ACTION`: ColorPark UV cloud print. Its `sign` recipe is not in the
// public API text, so it is configuration (docs/submit.md), never a guess.
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dotlabel/client/colorpark.hpp"
#include "submit.hpp"

namespace dotlabel::cli::submit {

namespace {

constexpr std::string_view kVendor = "colorpark";

struct Args {
  Common common;
  std::string printer, order, name, image_url, callback, file, task;
  std::optional<double> left, top;
  DiagnosticOptions diagnostics;
};

[[noreturn]] void bad_recipe(std::string detail) {
  config_error(std::string(kVendor), "sign", std::move(detail));
}

// From the credentials file's "sign" object, else COLORPARK_SIGN_FIELDS (comma-separated),
// COLORPARK_SIGN_HASH, COLORPARK_SIGN_SEPARATOR and COLORPARK_SIGN_UPPERCASE=1; none = no
// recipe, which the client reports.
std::optional<client::ColorparkSignRecipe> recipe(const Credentials& credentials,
                                                  const Common& common) {
  client::ColorparkSignRecipe r;
  if (!common.credentials_file.empty()) {
    nlohmann::json section = nlohmann::json::parse(credentials.file_section());
    auto sign = section.find("sign");
    if (sign == section.end()) return std::nullopt;
    try {
      r.fields = sign->at("fields").get<std::vector<std::string>>();
      r.hash = sign->at("hash").get<std::string>();
      r.separator = sign->value("separator", "");
      r.uppercase = sign->value("uppercase", false);
    } catch (const nlohmann::json::exception&) {
      bad_recipe(common.credentials_file +
                 ": colorpark.sign needs \"fields\" (a list) and \"hash\" (md5 or sha1)");
    }
    return r;
  }
  const char* fields = std::getenv("COLORPARK_SIGN_FIELDS");
  if (!fields || !*fields) return std::nullopt;
  std::stringstream list(fields);
  for (std::string field; std::getline(list, field, ',');)
    if (!field.empty()) r.fields.push_back(field);
  const char* hash = std::getenv("COLORPARK_SIGN_HASH");
  r.hash = hash ? hash : "";
  const char* separator = std::getenv("COLORPARK_SIGN_SEPARATOR");
  r.separator = separator ? separator : "";
  const char* upper = std::getenv("COLORPARK_SIGN_UPPERCASE");
  r.uppercase = upper && std::string_view(upper) == "1";
  return r;
}

client::ColorparkClient make_client(const Args& a) {
  Credentials credentials(a.common, std::string(kVendor));
  return client::ColorparkClient(
      {credentials.get("printer_key", "COLORPARK_PRINTER_KEY"), recipe(credentials, a.common)},
      base_url(a.common, kVendor, client::ColorparkClient::kDefaultBaseUrl),
      transport_options(a.common));
}

Outcome task_outcome(const client::Result<client::ColorparkTask>& r) {
  std::string_view meaning = client::colorpark_status_meaning(r.data.status);
  return {r.data.taskid + "\t" + std::to_string(r.data.status) +
              (meaning.empty() ? "" : " " + std::string(meaning)),
          r.body};
}

void add_printer(CLI::App* c, Args& a) {
  c->add_option("--printer", a.printer, "Printer ID (printer_id)")->required();
}

int print(const Args& a) {
  ir::Page page;
  if (int status = read_page(a.file, a.diagnostics, page); status != kOk) return status;
  client::ColorparkPrintJob job;
  job.printer_id = a.printer;
  job.order_id = a.order;
  job.name = a.name;
  job.file_url = a.image_url;
  job.width_mm = static_cast<double>(page.width) / ir::kDotsPerMm;
  job.height_mm = static_cast<double>(page.length) / ir::kDotsPerMm;
  job.left_mm = a.left;
  job.top_mm = a.top;
  job.callback_url = a.callback;
  return run(a.common, true, [&] { return task_outcome(checked(make_client(a).mul_print(job))); });
}

}  // namespace

void add_colorpark(CLI::App& submit, Action& action) {
  CLI::App* vendor = submit.add_subcommand("colorpark", "ColorPark UV cloud print (colorpark.cn)");
  vendor->require_subcommand(1);
  auto args = std::make_shared<Args>();
  Args& a = *args;

  CLI::App* c = add_action(*vendor, "print",
                           "Print the image at --image-url, sized by FILE's PAGE in mm (mulPrint)",
                           action, args, print);
  add_printer(c, a);
  c->add_option("--order", a.order, "Your order id (order_id, up to 32 characters)")->required();
  c->add_option("--name", a.name, "Product name (name, up to 32 characters)")->required();
  c->add_option("--image-url", a.image_url, "URL of the rendered label image (file)")->required();
  c->add_option("--callback", a.callback, "URL ColorPark notifies of the task's progress")
      ->required();
  c->add_option("--left", a.left, "Left margin, mm");
  c->add_option("--top", a.top, "Top margin, mm");
  c->add_option("FILE", a.file, "Label markup whose PAGE gives width and height")->required();
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(*vendor, "task-state", "A print task's state (getTask)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     return task_outcome(checked(make_client(a).get_task(a.printer, a.task)));
                   });
                 });
  add_printer(c, a);
  c->add_option("--task", a.task, "taskid print returned")->required();

  c = add_action(*vendor, "cancel", "Cancel a task that has not started (cancelPrint)", action,
                 args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     return task_outcome(checked(make_client(a).cancel_print(a.printer, a.task)));
                   });
                 });
  add_printer(c, a);
  c->add_option("--task", a.task, "taskid print returned")->required();
}

}  // namespace dotlabel::cli::submit
