#include "dotlabel/client/webprinter.hpp"

#include <cmath>

#include "json_util.hpp"

namespace dotlabel::client {

namespace {

constexpr std::string_view kVendor = "webprinter";
// A token is renewed this long before the expiry the vendor announced, so that it does not
// expire in flight.
constexpr std::chrono::seconds kTokenMargin{60};

WebprinterPrinter printer_of(const nlohmann::json& j) {
  WebprinterPrinter p;
  p.sn = detail::text_of(detail::find_ci(j, "sn")).value_or("");
  p.printer_name = detail::text_of(detail::find_ci(j, "printerName")).value_or("");
  p.device_type = detail::text_of(detail::find_ci(j, "deviceType")).value_or("");
  p.printer_alias = detail::text_of(detail::find_ci(j, "printerAlias")).value_or("");
  return p;
}

std::optional<std::string> task_id_of(const nlohmann::json& answer) {
  const nlohmann::json* data = detail::find_ci(answer, "data");
  return data ? detail::id_of(detail::find_ci(*data, "taskId")) : std::nullopt;
}

// Millimetres with at most 0.1 mm, as a JSON number (105, not 105.0000001).
double round_mm(double mm) {
  return std::round(mm * 10) / 10;
}

}  // namespace

struct WebprinterClient::Fields {
  nlohmann::json json = nlohmann::json::object();
};

struct WebprinterClient::Answer {
  nlohmann::json json;
  HttpRequest request;
  HttpResponse response;

  const nlohmann::json& data() const {
    static const nlohmann::json null;
    auto it = json.find("data");
    return it == json.end() ? null : *it;
  }
  template <typename T>
  Result<T> result(T data) const {
    Result<T> r;
    r.data = std::move(data);
    r.message = detail::text_of(detail::find_ci(json, "message")).value_or("");
    r.body = response.body;
    return r;
  }
  [[noreturn]] void bad(std::string detail) const {
    detail::throw_protocol(request, response, std::move(detail));
  }
};

std::string_view webprinter_task_status_meaning(std::string_view status) {
  if (status == "SUBMITTED") return "已提交";
  if (status == "QUEUED") return "等待打印";
  if (status == "PRINTING") return "正在打印";
  if (status == "FINISHED") return "成功";
  if (status == "ERROR") return "失败";
  if (status == "CANCELED") return "取消";
  return {};
}

std::string webprinter_signature(std::string_view appid, std::string_view timestamp,
                                 std::string_view oncestr, std::string_view appkey) {
  std::string joined;
  joined.append(appid).append(timestamp).append(oncestr).append(appkey);
  return sha1_hex(joined);
}

WebprinterClient::WebprinterClient(WebprinterCredentials credentials, std::string base_url,
                                   TransportOptions options)
    : credentials_(std::move(credentials)),
      base_url_(std::move(base_url)),
      transport_options_(std::move(options)) {}

WebprinterClient::Answer WebprinterClient::call(std::string_view endpoint, std::string_view path,
                                                const Fields& fields, Retry retry,
                                                bool with_token) {
  Answer answer;
  answer.request.vendor = kVendor;
  answer.request.endpoint = endpoint;
  answer.request.url = join_url(base_url_, path);
  answer.request.headers = {{"Content-Type", "application/json"}};
  if (with_token) answer.request.headers.emplace_back("Api-Access-Token", current_token());
  answer.request.body = fields.json.dump();
  answer.response = Transport(transport_options_).send(answer.request, retry);
  answer.json = detail::parse_object(answer.request, answer.response);
  const nlohmann::json* success = detail::find_ci(answer.json, "success");
  if (!success || !success->is_boolean()) answer.bad("the answer has no boolean `success`");
  if (!success->get<bool>()) {
    std::string message = detail::text_of(detail::find_ci(answer.json, "message")).value_or("");
    // The document lists no error codes: the vendor's message is all there is.
    detail::throw_vendor(
        answer.request, answer.response, "success=false",
        message.empty() ? "the vendor refused the request without a message" : message);
  }
  return answer;
}

Result<std::string> WebprinterClient::token() {
  return detail::guarded(kVendor, "getToken", [&] {
    Result<std::string> r;
    r.data = current_token();
    return r;
  });
}

std::string WebprinterClient::current_token() {
  if (!token_.empty() && std::chrono::steady_clock::now() < token_expiry_) return token_;
  if (credentials_.appid.empty() || credentials_.appkey.empty())
    detail::throw_config(std::string(kVendor), "getToken",
                         "no credentials: set WEBPRINTER_APPID and WEBPRINTER_APPKEY");
  Fields f;
  std::string timestamp = unix_millis();
  std::string oncestr = random_hex(32);
  f.json = {{"appid", credentials_.appid},
            {"timestamp", timestamp},
            {"oncestr", oncestr},
            {"signature",
             webprinter_signature(credentials_.appid, timestamp, oncestr, credentials_.appkey)}};
  auto start = std::chrono::steady_clock::now();
  Answer a = call("getToken", "/openapi/getToken", f, Retry::bounded, false);
  const nlohmann::json& d = a.data();
  auto token = detail::text_of(detail::find_ci(d, "token"));
  const nlohmann::json* expires = detail::find_ci(d, "expiresIn");
  if (!token || token->empty() || !expires || !expires->is_number())
    a.bad("`data` is not {token, expiresIn}");
  token_ = *token;
  token_expiry_ = start + std::chrono::milliseconds(expires->get<std::int64_t>()) - kTokenMargin;
  return token_;
}

Result<WebprinterPrinter> WebprinterClient::add_share_printer(const std::string& share_ticket,
                                                              const std::string& password) {
  return detail::guarded(kVendor, "addSharePrinter", [&] {
    Fields f;
    f.json = {{"shareTicket", share_ticket}, {"password", password}};
    Answer a = call("addSharePrinter", "/openapi/control/addSharePrinter", f, Retry::never, true);
    if (!a.data().is_object()) a.bad("`data` is not a printer");
    return a.result(printer_of(a.data()));
  });
}

Result<bool> WebprinterClient::revoke_share_printer(const std::string& printer_name,
                                                    const std::string& share_sn,
                                                    const std::string& device_type) {
  return detail::guarded(kVendor, "revokeSharePrinter", [&] {
    Fields f;
    f.json = {{"printerName", printer_name}, {"shareSn", share_sn}, {"deviceType", device_type}};
    Answer a =
        call("revokeSharePrinter", "/openapi/control/revokeSharePrinter", f, Retry::never, true);
    return a.result(true);
  });
}

Result<std::vector<WebprinterPrinter>> WebprinterClient::query_printers() {
  return detail::guarded(kVendor, "queryPrinters", [&] {
    Answer a =
        call("queryPrinters", "/openapi/control/queryPrinters", Fields{}, Retry::bounded, true);
    std::vector<WebprinterPrinter> printers;
    if (!a.data().is_array()) a.bad("`data` is not a list of printers");
    for (const nlohmann::json& p : a.data()) printers.push_back(printer_of(p));
    return a.result(std::move(printers));
  });
}

Result<std::string> WebprinterClient::query_printer_detail(const std::string& printer_name,
                                                           const std::string& share_sn,
                                                           const std::string& device_type) {
  return detail::guarded(kVendor, "queryPrinterDetail", [&] {
    Fields f;
    f.json = {{"printerName", printer_name}, {"shareSn", share_sn}, {"deviceType", device_type}};
    Answer a =
        call("queryPrinterDetail", "/openapi/control/queryPrinterDetail", f, Retry::bounded, true);
    // The document shows the capabilities as a JSON string; an object is accepted as well.
    const nlohmann::json& d = a.data();
    return a.result(d.is_string() ? d.get<std::string>() : d.dump());
  });
}

Result<std::string> WebprinterClient::new_print_task(const WebprinterPrintJob& job) {
  return detail::guarded_print(kVendor, "newPrintTask", task_id_of, [&] {
    Fields f;
    nlohmann::json task = {
        {"name", job.name},
        {"deviceName", job.device_name},
        {"deviceType", job.device_type},
        {"controlSn", job.control_sn},
        {"mediaSource", "BASE64"},
        {"mediaFormat", "PNG"},
        {"content", job.png_base64},
        {"config",
         {{"paperConfig",
           {{"width", round_mm(job.paper_width_mm)}, {"height", round_mm(job.paper_height_mm)}}}}}};
    f.json = {{"command", "newPrintTask"}, {"data", {{"task", std::move(task)}}}};
    Answer a = call("newPrintTask", "/openapi", f, Retry::never, true);
    auto task_id = detail::text_of(detail::find_ci(a.data(), "taskId"));
    if (!task_id) a.bad("`data` has no taskId");
    return a.result(*task_id);
  });
}

Result<WebprinterTask> WebprinterClient::get_task(const std::string& task_id,
                                                  const std::string& control_sn) {
  return detail::guarded(kVendor, "task/get", [&] {
    Fields f;
    f.json = {{"taskId", task_id}, {"controlSn", control_sn}};
    Answer a = call("task/get", "/openapi/task/get", f, Retry::bounded, true);
    const nlohmann::json& d = a.data();
    WebprinterTask task;
    task.task_id = detail::text_of(detail::find_ci(d, "taskId")).value_or(task_id);
    auto status = detail::text_of(detail::find_ci(d, "taskStatus"));
    if (!status) a.bad("`data` has no taskStatus");
    task.task_status = *status;
    task.status_detail = detail::text_of(detail::find_ci(d, "statusDetail")).value_or("");
    return a.result(std::move(task));
  });
}

}  // namespace dotlabel::client
