// `dotlabel submit webprinter ACTION`: every endpoint of Zhimu cloud print (智睦云打印).
#include "dotlabel/base64.hpp"
#include "dotlabel/client/webprinter.hpp"
#include "submit.hpp"

namespace dotlabel::cli::submit {

namespace {

constexpr std::string_view kVendor = "webprinter";

struct Args {
  Common common;
  std::string ticket, printer, share_sn, device_type = "printer", file, name = "dotlabel", task;
  std::optional<std::int64_t> label;
  DiagnosticOptions diagnostics;
};

struct Session {
  Credentials credentials;
  client::WebprinterClient client;
};

Session make_session(const Args& a) {
  Credentials credentials(a.common, std::string(kVendor));
  client::WebprinterClient client(
      {credentials.get("appid", "WEBPRINTER_APPID"),
       credentials.get("appkey", "WEBPRINTER_APPKEY")},
      base_url(a.common, kVendor, client::WebprinterClient::kDefaultBaseUrl),
      transport_options(a.common));
  return {std::move(credentials), std::move(client)};
}

std::string printer_line(const client::WebprinterPrinter& p) {
  return p.sn + "\t" + p.printer_name + "\t" + p.device_type + "\t" + p.printer_alias;
}

void add_printer(CLI::App* c, Args& a) {
  c->add_option("--printer", a.printer, "Printer name (printerName)")->required();
  c->add_option("--share-sn", a.share_sn, "Print server SN (shareSn / controlSn)")->required();
}

int print_image(const Args& a) {
  LabelImage image;
  if (int status = render_label(a.file, a.label, a.diagnostics, image); status != kOk)
    return status;
  client::WebprinterPrintJob job;
  job.name = a.name;
  job.device_name = a.printer;
  job.device_type = a.device_type;
  job.control_sn = a.share_sn;
  job.png_base64 = base64_encode(image.png);
  job.paper_width_mm = static_cast<double>(image.width_dots) / ir::kDotsPerMm;
  job.paper_height_mm = static_cast<double>(image.length_dots) / ir::kDotsPerMm;
  return run(a.common, true, [&] {
    auto r = checked(make_session(a).client.new_print_task(job));
    return outcome(r, r.data);
  });
}

}  // namespace

void add_webprinter(CLI::App& submit, Action& action) {
  CLI::App* vendor = submit.add_subcommand("webprinter", "Zhimu cloud print (any.webprinter.cn)");
  vendor->require_subcommand(1);
  auto args = std::make_shared<Args>();
  Args& a = *args;

  CLI::App* c = add_action(
      *vendor, "add-printer",
      "Bind a shared printer by share code; the verification code comes from "
      "WEBPRINTER_SHARE_PASSWORD or the credentials file (addSharePrinter)",
      action, args, [](const Args& a) {
        return run(a.common, false, [&] {
          Session s = make_session(a);
          std::string password = s.credentials.get("share_password", "WEBPRINTER_SHARE_PASSWORD");
          if (password.empty())
            config_error(std::string(kVendor), "addSharePrinter",
                         "no verification code: set WEBPRINTER_SHARE_PASSWORD");
          auto r = checked(s.client.add_share_printer(a.ticket, password));
          return outcome(r, printer_line(r.data));
        });
      });
  c->add_option("--ticket", a.ticket, "The printer's share code (shareTicket)")->required();

  c = add_action(*vendor, "revoke-printer", "Unbind a printer (revokeSharePrinter)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_session(a).client.revoke_share_printer(
                         a.printer, a.share_sn, a.device_type));
                     return outcome(r, "ok");
                   });
                 });
  add_printer(c, a);
  c->add_option("--device-type", a.device_type, "deviceType")->capture_default_str();

  c = add_action(*vendor, "printers", "Printers bound to the application (queryPrinters)", action,
                 args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_session(a).client.query_printers());
                     std::string text;
                     for (const auto& p : r.data)
                       text += (text.empty() ? "" : "\n") + printer_line(p);
                     return outcome(r, text);
                   });
                 });

  c = add_action(*vendor, "printer-detail", "A printer's capabilities (queryPrinterDetail)", action,
                 args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_session(a).client.query_printer_detail(
                         a.printer, a.share_sn, a.device_type));
                     return outcome(r, r.data);
                   });
                 });
  add_printer(c, a);
  c->add_option("--device-type", a.device_type, "deviceType")->capture_default_str();

  c = add_action(*vendor, "print-image",
                 "Render a label of FILE and print it as a PNG on paper of the PAGE size "
                 "(newPrintTask)",
                 action, args, print_image);
  add_printer(c, a);
  c->add_option("FILE", a.file, "Label markup; - reads standard input")->required();
  c->add_option("--label", a.label, "LABEL id to send (required when FILE has several)");
  c->add_option("--name", a.name, "Task name")->capture_default_str();
  c->add_option("--device-type", a.device_type, "deviceType")->capture_default_str();
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(
      *vendor, "task-state", "State of a print task (task/get)", action, args, [](const Args& a) {
        return run(a.common, false, [&] {
          auto r = checked(make_session(a).client.get_task(a.task, a.share_sn));
          std::string_view meaning = client::webprinter_task_status_meaning(r.data.task_status);
          return outcome(r,
                         r.data.task_status + (meaning.empty() ? "" : " " + std::string(meaning)));
        });
      });
  c->add_option("--task", a.task, "taskId print-image returned")->required();
  c->add_option("--share-sn", a.share_sn, "Print server SN (controlSn)")->required();
}

}  // namespace dotlabel::cli::submit
