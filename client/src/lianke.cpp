#include "dotlabel/client/lianke.hpp"

#include "json_util.hpp"

namespace dotlabel::client {

namespace {

constexpr std::string_view kVendor = "lianke";

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
  if (credentials_.api_key.empty() || credentials_.device_key.empty())
    detail::throw_config(std::string(kVendor), std::string(endpoint),
                         "no credentials: set LIANKE_APIKEY and LIANKE_DEVICE_KEY");
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

Result<std::string> LiankeClient::submit_job(const LiankePrintJob& job) {
  return detail::guarded(kVendor, "POST /print/job", [&] {
    HttpRequest r;
    r.method = "POST";
    r.url = join_url(base_url_, "print/job");
    r.multipart = {
        {"deviceId", job.device_id, {}, {}},
        {"deviceKey", credentials_.device_key, {}, {}},
        {"devicePort", std::to_string(job.device_port), {}, {}},
        {"printerModel", job.printer_model, {}, {}},
        {"dmPaperSize", "0", {}, {}},  // 0 = custom size, given by width and length
        {"dmPaperWidth", std::to_string(job.paper_width), {}, {}},
        {"dmPaperLength", std::to_string(job.paper_length), {}, {}},
        {"jobFile", std::string(job.png.begin(), job.png.end()), job.file_name, "image/png"},
    };
    Answer a = call("POST /print/job", std::move(r), Retry::never);
    auto task_id = detail::text_of(detail::find_ci(a.data(), "task_id"));
    if (!task_id) detail::throw_protocol(a.request, a.response, "`data` has no task_id");
    return a.result(*task_id);
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
