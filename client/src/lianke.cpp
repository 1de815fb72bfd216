#include "dotlabel/client/lianke.hpp"

#include "json_util.hpp"

namespace dotlabel::client {

namespace {

constexpr std::string_view kVendor = "lianke";
constexpr std::string_view kPrinterEnum = "GET /print/printer_enum";

std::optional<std::string> task_id_of(const nlohmann::json& answer) {
  const nlohmann::json* data = detail::find_ci(answer, "data");
  return data ? detail::id_of(detail::find_ci(*data, "task_id")) : std::nullopt;
}

// The multipart fields of a job, as POST /print/job and POST /print/file_pages take them.
std::vector<FormPart> job_parts(const LiankePrintJob& job, const std::string& device_key) {
  std::vector<FormPart> parts = {
      {"deviceId", job.device_id, {}, {}},
      {"deviceKey", device_key, {}, {}},
      {"devicePort", std::to_string(job.device_port), {}, {}},
      {"printerModel", job.printer_model, {}, {}},
      {"dmPaperSize", "0", {}, {}},  // 0 = custom size, given by width and length
      {"dmPaperWidth", std::to_string(job.paper_width), {}, {}},
      {"dmPaperLength", std::to_string(job.paper_length), {}, {}},
  };
  if (!job.callback_url.empty()) parts.push_back({"callbackUrl", job.callback_url, {}, {}});
  if (job.report_device_status)
    parts.push_back({"reportDeviceStatus", *job.report_device_status ? "1" : "0", {}, {}});
  if (job.report_printer_status)
    parts.push_back({"reportPrinterStatus", *job.report_printer_status ? "1" : "0", {}, {}});
  parts.push_back(
      {"jobFile", std::string(job.png.begin(), job.png.end()), job.file_name, "image/png"});
  return parts;
}

}  // namespace

struct LiankeClient::Answer {
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
    r.message = detail::text_of(detail::find_ci(json, "msg")).value_or("");
    r.body = response.body;
    return r;
  }
};

std::string_view lianke_task_state_meaning(std::string_view state) {
  if (state == "READY") return "waiting to be processed";
  if (state == "PARSING") return "the file is being converted";
  if (state == "SENDING") return "being sent to the printer";
  if (state == "SUCCESS") return "printed";
  if (state == "FAILURE") return "failed";
  if (state == "REVOKED") return "cancelled";
  return {};
}

LiankeClient::LiankeClient(LiankeCredentials credentials, std::string base_url,
                           TransportOptions options)
    : credentials_(std::move(credentials)),
      base_url_(std::move(base_url)),
      transport_options_(std::move(options)) {}

std::string LiankeClient::query(const std::string& device_id,
                                std::vector<std::pair<std::string, std::string>> extra) const {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"deviceId", device_id}, {"deviceKey", credentials_.device_key}};
  fields.insert(fields.end(), extra.begin(), extra.end());
  return form_encode(fields);
}

LiankeClient::Answer LiankeClient::call(std::string_view endpoint, HttpRequest request,
                                        Retry retry) {
  // Every endpoint but the cloud-wide list of printer models names a box by its password.
  bool needs_device_key = endpoint != kPrinterEnum;
  if (credentials_.api_key.empty() || (needs_device_key && credentials_.device_key.empty()))
    detail::throw_config(std::string(kVendor), std::string(endpoint),
                         needs_device_key
                             ? "no credentials: set LIANKE_APIKEY and LIANKE_DEVICE_KEY"
                             : "no credentials: set LIANKE_APIKEY");
  Answer answer;
  answer.request = std::move(request);
  answer.request.vendor = kVendor;
  answer.request.endpoint = endpoint;
  answer.request.headers.emplace_back("ApiKey", credentials_.api_key);
  answer.response = Transport(transport_options_).send(answer.request, retry);
  answer.json = detail::parse_object(answer.request, answer.response);
  const nlohmann::json* code = detail::find_ci(answer.json, "code");
  if (!code || !code->is_number_integer())
    detail::throw_protocol(answer.request, answer.response, "the answer has no integer `code`");
  if (code->get<int>() != 200) {
    std::string msg = detail::text_of(detail::find_ci(answer.json, "msg")).value_or("");
    // The public v3 collection lists no error codes: the vendor's msg is the meaning.
    detail::throw_vendor(answer.request, answer.response, std::to_string(code->get<int>()),
                         msg.empty() ? "the vendor refused the request without a message" : msg);
  }
  return answer;
}

LiankeClient::Answer LiankeClient::get(std::string_view endpoint, std::string_view path,
                                       std::vector<std::pair<std::string, std::string>> fields) {
  HttpRequest r;
  r.method = "GET";
  r.url = join_url(base_url_, path);
  if (!fields.empty()) r.url += "?" + form_encode(fields);
  return call(endpoint, std::move(r), Retry::bounded);
}

Result<std::string> LiankeClient::submit_job(const LiankePrintJob& job) {
  return detail::guarded_print(kVendor, "POST /print/job", task_id_of, [&] {
    HttpRequest r;
    r.method = "POST";
    r.url = join_url(base_url_, "print/job");
    r.multipart = job_parts(job, credentials_.device_key);
    Answer a = call("POST /print/job", std::move(r), Retry::never);
    auto task_id = detail::id_of(detail::find_ci(a.data(), "task_id"));
    if (!task_id) detail::throw_protocol(a.request, a.response, "`data` has no task_id");
    return a.result(*task_id);
  });
}

Result<std::string> LiankeClient::file_pages(const LiankePrintJob& job) {
  return detail::guarded(kVendor, "POST /print/file_pages", [&] {
    HttpRequest r;
    r.method = "POST";
    r.url = join_url(base_url_, "print/file_pages");
    r.multipart = job_parts(job, credentials_.device_key);
    // Counting pages prints nothing, so it may be sent again.
    Answer a = call("POST /print/file_pages", std::move(r), Retry::bounded);
    return a.result(a.data().dump());
  });
}

Result<std::string> LiankeClient::job_state(const std::string& device_id, int device_port,
                                            const std::string& task_id) {
  return detail::guarded(kVendor, "GET /print/job", [&] {
    HttpRequest r;
    r.method = "GET";
    r.url = join_url(base_url_, "print/job") + "?" +
            query(device_id, {{"devicePort", std::to_string(device_port)}, {"task_id", task_id}});
    Answer a = call("GET /print/job", std::move(r), Retry::bounded);
    auto state = detail::text_of(detail::find_ci(a.data(), "task_state"));
    if (!state) detail::throw_protocol(a.request, a.response, "`data` has no task_state");
    return a.result(*state);
  });
}

Result<std::string> LiankeClient::cancel_job(const std::string& device_id, int device_port,
                                             const std::string& task_id) {
  return detail::guarded(kVendor, "DELETE /print/job", [&] {
    HttpRequest r;
    r.method = "DELETE";
    r.url = join_url(base_url_, "print/job") + "?" +
            query(device_id, {{"devicePort", std::to_string(device_port)}, {"task_id", task_id}});
    Answer a = call("DELETE /print/job", std::move(r), Retry::never);
    return a.result(a.data().dump());
  });
}

Result<std::string> LiankeClient::device_info(const std::string& device_id) {
  return detail::guarded(kVendor, "GET /device/device_info", [&] {
    HttpRequest r;
    r.method = "GET";
    r.url = join_url(base_url_, "device/device_info") + "?" + query(device_id, {});
    Answer a = call("GET /device/device_info", std::move(r), Retry::bounded);
    return a.result(a.data().dump());
  });
}

Result<std::string> LiankeClient::printer_params(const std::string& device_id,
                                                 const std::string& printer_model) {
  return detail::guarded(kVendor, "GET /print/printer_params", [&] {
    Answer a = get("GET /print/printer_params", "print/printer_params",
                   {{"deviceId", device_id},
                    {"deviceKey", credentials_.device_key},
                    {"printerModel", printer_model}});
    return a.result(a.data().dump());
  });
}

Result<std::string> LiankeClient::printer_enum() {
  return detail::guarded(kVendor, kPrinterEnum, [&] {
    Answer a = get(kPrinterEnum, "print/printer_enum", {});
    return a.result(a.data().dump());
  });
}

Result<std::string> LiankeClient::printer_status(const std::string& device_id, int usb_port) {
  return detail::guarded(kVendor, "GET /device/printer_status", [&] {
    Answer a = get("GET /device/printer_status", "device/printer_status",
                   {{"deviceId", device_id},
                    {"deviceKey", credentials_.device_key},
                    {"usbPort", std::to_string(usb_port)}});
    return a.result(a.data().dump());
  });
}

Result<std::string> LiankeClient::printer_list(const std::string& device_id, int printer_type) {
  return detail::guarded(kVendor, "GET /external_api/printer_list", [&] {
    HttpRequest r;
    r.method = "GET";
    r.url = join_url(base_url_, "external_api/printer_list") + "?" +
            query(device_id, {{"printerType", std::to_string(printer_type)}});
    Answer a = call("GET /external_api/printer_list", std::move(r), Retry::bounded);
    return a.result(a.data().dump());
  });
}

}  // namespace dotlabel::client
