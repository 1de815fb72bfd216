// `dotlabel submit mstching ACTION`: every endpoint of the Mstching (对对机) open platform.
#include <nlohmann/json.hpp>

#include "dotlabel/client/mstching.hpp"
#include "submit.hpp"

namespace dotlabel::cli::submit {

namespace {

constexpr std::string_view kVendor = "mstching";
constexpr std::size_t kMaxItemsBytes = 16u << 20;

struct Args {
  Common common;
  std::string uuid, user_id, file, url;
  std::int64_t open_user_id = 0, task = 0;
};

client::MstchingClient make_client(const Args& a) {
  Credentials credentials(a.common, std::string(kVendor));
  return client::MstchingClient(
      {credentials.get("appid", "MSTCHING_APPID"),
       credentials.get("appsecret", "MSTCHING_APPSECRET")},
      base_url(a.common, kVendor, client::MstchingClient::kDefaultBaseUrl),
      transport_options(a.common));
}

std::string with_meaning(int value, std::string_view meaning) {
  return std::to_string(value) + (meaning.empty() ? "" : " " + std::string(meaning));
}

void add_uuid(CLI::App* c, Args& a) {
  c->add_option("--uuid", a.uuid, "Device number (Uuid)")->required();
}

int print_content(const Args& a) {
  std::string text;
  if (!read_file(a.file, kMaxItemsBytes, text)) return kUsageError;
  nlohmann::json items = nlohmann::json::parse(text, nullptr, false);
  if (items.is_discarded() || !items.is_array())
    return fail(a.file + ": not a JSON array of PrintContent items (see `dotlabel mstching`)");
  std::string content = items.dump();
  return run(a.common, true, [&] {
    auto r = checked(make_client(a).print_content2(a.uuid, content, a.open_user_id));
    return outcome(r, std::to_string(r.data));
  });
}

}  // namespace

void add_mstching(CLI::App& submit, Action& action) {
  CLI::App* vendor = submit.add_subcommand("mstching", "Mstching (对对机) open platform");
  vendor->require_subcommand(1);
  auto args = std::make_shared<Args>();
  Args& a = *args;

  CLI::App* c = add_action(*vendor, "bind", "Bind a device to your user id (userbind)", action,
                           args, [](const Args& a) {
                             return run(a.common, false, [&] {
                               auto r = checked(make_client(a).user_bind(a.uuid, a.user_id));
                               return outcome(r, std::to_string(r.data));
                             });
                           });
  add_uuid(c, a);
  c->add_option("--user-id", a.user_id, "Your system's user id (UserId)")->required();

  c = add_action(
      *vendor, "device-state", "Device state (getdevicestate)", action, args, [](const Args& a) {
        return run(a.common, false, [&] {
          auto r = checked(make_client(a).get_device_state(a.uuid));
          return outcome(r, with_meaning(r.data, client::mstching_device_state_meaning(r.data)));
        });
      });
  add_uuid(c, a);

  c = add_action(*vendor, "print-content",
                 "Print a PrintContent item list, a JSON FILE as `dotlabel mstching` writes "
                 "(printcontent2)",
                 action, args, print_content);
  add_uuid(c, a);
  c->add_option("--open-user-id", a.open_user_id, "OpenUserId that bind returned")->required();
  c->add_option("FILE", a.file, "JSON array of items; - reads standard input")->required();

  c = add_action(*vendor, "print-html", "Print a web page (printhtmlcontent)", action, args,
                 [](const Args& a) {
                   return run(a.common, true, [&] {
                     auto r =
                         checked(make_client(a).print_html_content(a.uuid, a.url, a.open_user_id));
                     return outcome(r, std::to_string(r.data));
                   });
                 });
  add_uuid(c, a);
  c->add_option("--open-user-id", a.open_user_id, "OpenUserId that bind returned")->required();
  c->add_option("--url", a.url, "Page URL (http:// or https://)")->required();

  c = add_action(*vendor, "task-state", "State of a print task (getprinttaskstate)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).get_print_task_state(a.task));
                     return outcome(
                         r, with_meaning(r.data, client::mstching_task_state_meaning(r.data)));
                   });
                 });
  c->add_option("--task", a.task, "TaskId a print command returned")->required();

  c = add_action(*vendor, "device-mac", "The device's MAC address (getdevicemac)", action, args,
                 [](const Args& a) {
                   return run(a.common, false, [&] {
                     auto r = checked(make_client(a).get_device_mac(a.uuid));
                     return outcome(r, r.data);
                   });
                 });
  add_uuid(c, a);
}

}  // namespace dotlabel::cli::submit
