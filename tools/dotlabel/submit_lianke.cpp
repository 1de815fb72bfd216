// `dotlabel submit lianke ACTION`: Lianke cloud print (链科云打印) v3.
#include <cmath>

#include "dotlabel/client/lianke.hpp"
#include "submit.hpp"

namespace dotlabel::cli::submit {

namespace {

constexpr std::string_view kVendor = "lianke";

struct Args {
  Common common;
  std::string device, model, file, task;
  int port = 1, printer_type = 1;
  std::optional<std::int64_t> label;
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

int print_image(const Args& a) {
  LabelImage image;
  if (int status = render_label(a.file, a.label, a.diagnostics, image); status != kOk)
    return status;
  client::LiankePrintJob job;
  job.device_id = a.device;
  job.device_port = a.port;
  job.printer_model = a.model;
  job.paper_width = tenth_mm(image.width_dots);
  job.paper_length = tenth_mm(image.length_dots);
  job.png = std::move(image.png);
  return run(a.common, true, [&] {
    auto r = checked(make_client(a).submit_job(job));
    return outcome(r, r.data);
  });
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
  c->add_option("--model", a.model, "Printer model (printerModel, from `printers`)")->required();
  c->add_option("FILE", a.file, "Label markup; - reads standard input")->required();
  c->add_option("--label", a.label, "LABEL id to send (required when FILE has several)");
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(*vendor, "job-state", "State of a print job (GET /print/job)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).job_state(a.device, a.port, a.task));
                     std::string_view meaning = client::lianke_task_state_meaning(r.data);
                     return outcome(r,
                                    r.data + (meaning.empty() ? "" : " " + std::string(meaning)));
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
}

}  // namespace dotlabel::cli::submit
