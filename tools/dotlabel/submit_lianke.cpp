// `dotlabel submit lianke ACTION`: Lianke cloud print (链科云打印) v3.
#include <cmath>
#include <nlohmann/json.hpp>

#include "dotlabel/client/lianke.hpp"
#include "submit.hpp"

namespace dotlabel::cli::submit {

namespace {

constexpr std::string_view kVendor = "lianke";

struct Args {
  Common common;
  std::string device, model, file, task, callback_url;
  int port = 1, printer_type = 1;
  std::optional<std::int64_t> label;
  std::optional<bool> report_device_status, report_printer_status;
  DiagnosticOptions diagnostics;
};

client::LiankeClient make_client(const Args& a) {
  Credentials credentials(a.common, std::string(kVendor));
  return client::LiankeClient({credentials.get("apikey", "LIANKE_APIKEY"),
                               credentials.get("device_key", "LIANKE_DEVICE_KEY")},
                              base_url(a.common, kVendor, client::LiankeClient::kDefaultBaseUrl),
                              transport_options(a.common));
}

// dots (8 per mm) -> tenths of a millimetre.
int tenth_mm(int dots) {
  return static_cast<int>(std::lround(dots * 10.0 / ir::kDotsPerMm));
}

void add_device(CLI::App* c, Args& a) {
  c->add_option("--device", a.device, "Cloud box id (deviceId); its password is LIANKE_DEVICE_KEY")
      ->required();
}
void add_port(CLI::App* c, Args& a) {
  c->add_option("--port", a.port, "The box's USB port (devicePort)")->capture_default_str();
}

// The job of a rendered label: a PNG on custom paper of the PAGE size.
int job_of(const Args& a, client::LiankePrintJob& job) {
  LabelImage image;
  if (int status = render_label(a.file, a.label, a.diagnostics, image); status != kOk)
    return status;
  job.device_id = a.device;
  job.device_port = a.port;
  job.printer_model = a.model;
  job.paper_width = tenth_mm(image.width_dots);
  job.paper_length = tenth_mm(image.length_dots);
  job.png = std::move(image.png);
  job.callback_url = a.callback_url;
  job.report_device_status = a.report_device_status;
  job.report_printer_status = a.report_printer_status;
  return kOk;
}

int print_image(const Args& a) {
  client::LiankePrintJob job;
  if (int status = job_of(a, job); status != kOk) return status;
  return run(a.common, true, [&] {
    auto r = checked(make_client(a).submit_job(job));
    return outcome(r, r.data);
  });
}

int file_pages(const Args& a) {
  client::LiankePrintJob job;
  if (int status = job_of(a, job); status != kOk) return status;
  return run(a.common, false, [&] {
    auto r = checked(make_client(a).file_pages(job));
    return outcome(r, r.data);
  });
}

// "FAILURE failed" and, when the answer says why (its data's task_result or msg), that too.
std::string job_state_text(const client::Result<std::string>& r) {
  std::string text = r.data;
  std::string_view meaning = client::lianke_task_state_meaning(r.data);
  if (!meaning.empty()) text += " " + std::string(meaning);
  nlohmann::json answer = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_object() && answer.contains("data") && answer["data"].is_object()) {
    const nlohmann::json& data = answer["data"];
    if (auto result = data.find("task_result"); result != data.end() && !result->is_null())
      text +=
          "; task_result: " + (result->is_string() ? result->get<std::string>() : result->dump());
  }
  return text;
}

void add_model(CLI::App* c, Args& a) {
  c->add_option("--model", a.model, "Printer model (printerModel: a driver_name from `printers`)")
      ->required();
}

}  // namespace

void add_lianke(CLI::App& submit, Action& action) {
  CLI::App* vendor = submit.add_subcommand("lianke", "Lianke cloud print (cloud.liankenet.com)");
  vendor->require_subcommand(1);
  auto args = std::make_shared<Args>();
  Args& a = *args;

  CLI::App* c = add_action(
      *vendor, "print-image",
      "Render a label of FILE and print the PNG on custom paper of the PAGE size (POST /print/job)",
      action, args, print_image);
  add_device(c, a);
  add_port(c, a);
  add_model(c, a);
  c->add_option("FILE", a.file, "Label markup; - reads standard input")->required();
  c->add_option("--label", a.label, "LABEL id to send (required when FILE has several)");
  c->add_option("--callback-url", a.callback_url,
                "URL the cloud calls with the job's result (callbackUrl)");
  c->add_option("--report-device-status", a.report_device_status,
                "reportDeviceStatus: true/false (sent as 1/0; the vendor's default when absent)");
  c->add_option("--report-printer-status", a.report_printer_status,
                "reportPrinterStatus: true/false (sent as 1/0; the vendor's default when absent)");
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(*vendor, "file-pages",
                 "Pages the rendered label would print, nothing printed (POST /print/file_pages)",
                 action, args, file_pages);
  add_device(c, a);
  add_port(c, a);
  add_model(c, a);
  c->add_option("FILE", a.file, "Label markup; - reads standard input")->required();
  c->add_option("--label", a.label, "LABEL id to count (required when FILE has several)");
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(*vendor, "job-state", "State of a print job (GET /print/job)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).job_state(a.device, a.port, a.task));
                     return outcome(r, job_state_text(r));
                   });
                 });
  add_device(c, a);
  add_port(c, a);
  c->add_option("--task", a.task, "task_id print-image returned")->required();

  c = add_action(*vendor, "cancel-job", "Cancel a print job (DELETE /print/job)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).cancel_job(a.device, a.port, a.task));
                     return outcome(r, "ok");
                   });
                 });
  add_device(c, a);
  add_port(c, a);
  c->add_option("--task", a.task, "task_id print-image returned")->required();

  c = add_action(*vendor, "device-info", "The cloud box's information (GET /device/device_info)",
                 action, args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).device_info(a.device));
                     return outcome(r, r.data);
                   });
                 });
  add_device(c, a);

  c = add_action(*vendor, "printers", "Printers on the box (GET /external_api/printer_list)",
                 action, args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).printer_list(a.device, a.printer_type));
                     return outcome(r, r.data);
                   });
                 });
  add_device(c, a);
  c->add_option("--type", a.printer_type, "1 USB, 2 network, 3 both")
      ->check(CLI::IsMember({1, 2, 3}))
      ->capture_default_str();

  c = add_action(*vendor, "printer-params",
                 "A printer model's papers, colours and defaults (GET /print/printer_params)",
                 action, args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).printer_params(a.device, a.model));
                     return outcome(r, r.data);
                   });
                 });
  add_device(c, a);
  add_model(c, a);

  c = add_action(*vendor, "printer-enum",
                 "The printer models the cloud supports (GET /print/printer_enum)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).printer_enum());
                     return outcome(r, r.data);
                   });
                 });

  c = add_action(
      *vendor, "printer-status",
      "State of the printer on a USB port: paper, cover, jam (GET /device/printer_status)", action,
      args, [](const Args& a) {
        return run(a.common, false, [&] {
          auto r = checked(make_client(a).printer_status(a.device, a.port));
          return outcome(r, r.data);
        });
      });
  add_device(c, a);
  add_port(c, a);
}

}  // namespace dotlabel::cli::submit
