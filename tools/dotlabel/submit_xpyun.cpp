// `dotlabel submit xpyun ACTION`: every endpoint of the Xpyun barcode cloud.
#include <algorithm>
#include <iostream>

#include "diagnostic_codes.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/client/xpyun.hpp"
#include "submit.hpp"

namespace dotlabel::cli::submit {

namespace {

constexpr std::string_view kVendor = "xpyun";
// The vendor refuses logos over 500 KB and allows five uploads a day: check before spending one.
constexpr std::size_t kMaxLogoBytes = 500u * 1024;
// blackOffsetLength on thermal printers, the vendor's range for the printers this tool renders
// for (203 dpi); 600-dpi and other printers accept other ranges.
constexpr int kMinBlackOffset = -80;
constexpr int kMaxBlackOffset = 283;

// "Logo 目前只支持 PNG, JPG, BMP 格式": the format by its signature, whatever the file's name.
bool is_png_jpg_or_bmp(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  return starts("\x89PNG\r\n\x1a\n") || starts("\xFF\xD8\xFF") || starts("BM");
}

struct Args {
  Common common;
  std::string sn, name, url, file, order, text;
  std::optional<int> copies, mode, image_size, logo_paper_type, black_offset_length;
  std::optional<std::int64_t> label;
  std::optional<std::string> paper_type;
  bool direct = false, compress = false, force = false, print_logo = false;
  DiagnosticOptions diagnostics;
};

client::XpyunClient make_client(const Args& a) {
  Credentials credentials(a.common, std::string(kVendor));
  return client::XpyunClient(
      {credentials.get("user", "XPYUN_USER"), credentials.get("key", "XPYUN_KEY")},
      base_url(a.common, kVendor, client::XpyunClient::kDefaultBaseUrl),
      transport_options(a.common));
}

client::XpyunPrintOptions print_options(const Args& a) {
  client::XpyunPrintOptions o;
  o.copies = a.copies;
  o.mode = a.mode;
  if (a.direct) o.direct = true;
  return o;
}

void add_sn(CLI::App* c, Args& a) {
  c->add_option("--sn", a.sn, "Printer number (SN)")->required();
}

void add_print_options(CLI::App* c, Args& a) {
  c->add_option("--copies", a.copies, "Copies (vendor default 1)")->check(CLI::PositiveNumber);
  c->add_option("--mode", a.mode,
                "0: refuse when the printer is offline (default); 1: queue the order")
      ->check(CLI::IsMember({0, 1}));
}

int print_label(const Args& a) {
  RunOptions options;
  options.input = a.file;
  options.werror = a.diagnostics.werror;
  std::string& markup = options.markup.emplace();
  if (!read_file(a.file, options.limits.max_input_bytes, markup)) return kUsageError;
  const std::string name = a.file == "-" ? "<stdin>" : a.file;
  {
    // `dotlabel check`'s run, not compile(): what `render` would refuse (a barcode its
    // symbology cannot encode, a QR code too long) is refused here too, before the vendor sees
    // it. The vendor takes image content only without a data: prefix: refused before a request.
    DiagnosticPrinter printer(a.diagnostics);
    bool prefixed = false;
    bool failed = run_check(options, [&](Diagnostics diagnostics) {
                    prefixed = prefixed || std::any_of(diagnostics.begin(), diagnostics.end(),
                                                       [](const Diagnostic& d) {
                                                         return d.code == codes::kImageDataPrefix;
                                                       });
                    printer.report(std::move(diagnostics));
                  }) != RunStatus::ok;
    if (failed && !a.force) {
      std::cerr << "dotlabel: " << name << " not sent: it has errors (--force sends it anyway)\n";
      return kInputError;
    }
    if (prefixed && !a.force) {
      std::cerr << "dotlabel: " << name
                << " not sent: a BMP's content has a data: prefix, which the cloud does not "
                   "accept; remove it (--force sends it anyway)\n";
      return kInputError;
    }
    if (failed) std::cerr << "dotlabel: sending " << name << " despite errors (--force)\n";
  }
  return run(a.common, true, [&] {
    auto r = checked(make_client(a).print_label(a.sn, *options.markup, print_options(a)));
    return outcome(r, r.data);
  });
}

int print_image(const Args& a) {
  if (a.black_offset_length && a.paper_type != "M")
    return fail("--black-offset-length needs --paper-type M: the vendor ignores it otherwise");
  LabelImage image;
  if (int status = render_label(a.file, a.label, a.diagnostics, image); status != kOk)
    return status;
  client::XpyunImageOptions o;
  static_cast<client::XpyunPrintOptions&>(o) = print_options(a);
  if (!o.copies && image.copies != 1) o.copies = image.copies;
  o.paper_width = image.width_dots;
  if (a.compress) o.compress = true;
  o.paper_type = a.paper_type;
  o.black_offset_length = a.black_offset_length;
  std::string content = base64_encode(image.png);
  return run(a.common, true, [&] {
    auto r = checked(make_client(a).print_image(a.sn, content, o));
    return outcome(r, r.data);
  });
}

int upload_logo(const Args& a) {
  std::string bytes;
  if (!read_file(a.file, kMaxLogoBytes, bytes)) return kUsageError;
  // Checked before the request: every upload counts against the five a day.
  if (!is_png_jpg_or_bmp(bytes))
    return fail(a.file +
                ": not a PNG, JPG or BMP file (the only logo formats the vendor "
                "takes); nothing was uploaded");
  client::XpyunLogoOptions o;
  o.image_size = a.image_size;
  if (a.print_logo) o.print_logo = true;
  o.paper_type = a.logo_paper_type;
  std::string content =
      base64_encode({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  return run(a.common, false, [&] {
    auto r = checked(make_client(a).upload_logo(a.sn, content, o));
    return outcome(r, r.data.empty() ? "ok" : r.data);
  });
}

std::string_view printer_status_text(int status) {
  switch (status) {
    case 0:
      return "offline";
    case 1:
      return "online, normal";
    case 2:
      return "online, fault (usually out of paper)";
    default:
      return "unknown status";
  }
}

}  // namespace

void add_xpyun(CLI::App& submit, Action& action) {
  CLI::App* vendor = submit.add_subcommand("xpyun", "Xpyun barcode cloud (open-barcode.xpyun.net)");
  vendor->require_subcommand(1);
  auto args = std::make_shared<Args>();
  Args& a = *args;

  CLI::App* c =
      add_action(*vendor, "verify-printer", "Add a printer to the account (verifyPrinter)", action,
                 args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).verify_printer(a.sn, a.name));
                     return outcome(r, r.data ? "true" : "false");
                   });
                 });
  add_sn(c, a);
  c->add_option("--name", a.name, "Name for the printer")->required();

  c = add_action(*vendor, "print", "Print a TXT order the vendor fetches from a URL (print)",
                 action, args, [](const Args& a) {
                   return run(a.common, true, [&] {
                     auto r = checked(make_client(a).print(a.sn, a.url, print_options(a)));
                     return outcome(r, r.data);
                   });
                 });
  add_sn(c, a);
  c->add_option("--url", a.url, "Publicly reachable URL of the order text")->required();
  add_print_options(c, a);

  c = add_action(*vendor, "print-image", "Render a label of FILE and print it as PNG (printImage)",
                 action, args, print_image);
  add_sn(c, a);
  c->add_option("FILE", a.file, "Label markup; - reads standard input")->required();
  c->add_option("--label", a.label, "LABEL id to send (required when FILE has several)");
  add_print_options(c, a);
  c->add_flag("--compress", a.compress, "Let the vendor compress the image");
  c->add_option("--paper-type", a.paper_type, "N continuous, M marked (gap, black mark)")
      ->check(CLI::IsMember({"N", "M"}));
  c->add_option("--black-offset-length", a.black_offset_length,
                "With --paper-type M: where the mark sits relative to the tear-off point")
      ->check(CLI::Range(kMinBlackOffset, kMaxBlackOffset));
  c->add_flag("--direct", a.direct, "Pass through (the image's base64 under 65535 characters)");
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(*vendor, "print-label",
                 "Check FILE locally, then send its markup (printLabel); errors refuse to send",
                 action, args, print_label);
  add_sn(c, a);
  c->add_option("FILE", a.file, "Label markup; - reads standard input")->required();
  add_print_options(c, a);
  c->add_flag("--direct", a.direct, "Pass through (content under 65535 characters)");
  c->add_flag("--force", a.force, "Send even when the local check finds errors");
  add_diagnostic_options(*c, a.diagnostics);

  c = add_action(*vendor, "clear-queue", "Empty the printer's queue (delPrinterQueue)", action,
                 args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).del_printer_queue(a.sn));
                     return outcome(r, r.data ? "true" : "false");
                   });
                 });
  add_sn(c, a);

  c = add_action(*vendor, "order-state", "Whether an order has printed (queryOrderState)", action,
                 args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).query_order_state(a.order));
                     return outcome(r, r.data ? "printed" : "not printed");
                   });
                 });
  c->add_option("--order", a.order, "Order id a print command returned")->required();

  c = add_action(*vendor, "printer-status", "Printer online/fault state (queryPrinterStatus)",
                 action, args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).query_printer_status(a.sn));
                     return outcome(
                         r, std::to_string(r.data.status) + " " +
                                std::string(printer_status_text(r.data.status)) +
                                (r.data.version.empty() ? "" : ", version " + r.data.version));
                   });
                 });
  add_sn(c, a);

  c = add_action(*vendor, "await-tasks", "Number of orders waiting to print (getAwaitTasks)",
                 action, args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).get_await_tasks(a.sn));
                     return outcome(r, std::to_string(r.data));
                   });
                 });
  add_sn(c, a);

  c = add_action(*vendor, "tmall-voice", "Send a Tmall Genie voice reply (sendTmallSpiritVoice)",
                 action, args, [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).send_tmall_spirit_voice(a.sn, a.text));
                     return outcome(r, "ok");
                   });
                 });
  add_sn(c, a);
  c->add_option("--text", a.text, "Reply text")->required();

  c = add_action(*vendor, "upload-logo",
                 "Upload IMAGE (PNG/JPG/BMP) as the printer's logo (uploadLogo)", action, args,
                 upload_logo);
  add_sn(c, a);
  c->add_option("FILE", a.file, "Logo image, at most 500 KB")->required();
  c->add_option("--image-size", a.image_size, "Scale to this width in px (vendor default 200)")
      ->check(CLI::PositiveNumber);
  c->add_flag("--print-logo", a.print_logo, "Print the uploaded logo");
  c->add_option("--paper-type", a.logo_paper_type,
                "With --print-logo: 1 gap, 2 continuous, 3 black mark")
      ->check(CLI::IsMember({1, 2, 3}));
}

}  // namespace dotlabel::cli::submit
