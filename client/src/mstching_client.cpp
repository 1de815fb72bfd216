// The Mstching cloud client: signed requests that send a PrintContent and read the answers.
// Making the PrintContent is the back end's work (backends/mstching/src/print_content.cpp).
#include "dotlabel/client/mstching.hpp"

#include <algorithm>
#include <array>

#include "json_util.hpp"

namespace dotlabel::client {

namespace {

constexpr std::string_view kVendor = "mstching";

std::optional<std::string> task_id(const nlohmann::json& answer) {
  return detail::id_of(detail::find_ci(answer, "TaskId"));
}

}  // namespace

struct MstchingClient::Fields {
  nlohmann::json json = nlohmann::json::object();
};

struct MstchingClient::Answer {
  nlohmann::json json;
  HttpRequest request;
  HttpResponse response;

  template <typename T>
  Result<T> result(const char* field) const {
    Result<T> r;
    r.message = detail::text_of(detail::find_ci(json, "Message")).value_or("");
    r.body = response.body;
    const nlohmann::json* value = detail::find_ci(json, field);
    try {
      if (!value) throw std::out_of_range(field);
      r.data = value->get<T>();
    } catch (const std::exception&) {
      detail::throw_protocol(request, response,
                             "the answer has no usable `" + std::string(field) + "`");
    }
    return r;
  }
};

std::string_view mstching_code_meaning(int code) {
  switch (code) {
    case 200:
      return "成功";
    case 1000:
      return "服务处理异常";
    case 1001:
      return "验证签名错误";
    case 1002:
      return "链接失效";
    case 1003:
      return "参数错误";
    case 1004:
      return "AppId 不存在";
    case 1005:
      return "设备不存在";
    case 1006:
      return "开发者账号已被禁用";
    case 1007:
      return "任务不存在或权限不足";
    case 1008:
      return "未通过认证";
    case 1009:
      return "限制调用";
    case 1010:
      return "设备未连接";
    case 1011:
      return "与服务器断开链接";
    case 1012:
      return "打印任务不能为空";
    default:
      return {};
  }
}

std::string_view mstching_device_state_meaning(int state) {
  switch (state) {
    case -1:
      return "错误";
    case 0:
      return "正常";
    case 1:
      return "缺纸";
    case 2:
      return "温度保护报警";
    case 3:
      return "忙碌";
    case 4:
      return "离线";
    default:
      return {};
  }
}

std::string_view mstching_task_state_meaning(int state) {
  switch (state) {
    case 0:
      return "待处理";
    case 1:
      return "成功";
    case 2:
      return "失败";
    case 3:
      return "任务过期";
    case 4:
      return "拒绝打印";
    default:
      return {};
  }
}

std::string mstching_signature(std::string_view appsecret, std::string_view timestamp,
                               std::string_view nonce) {
  std::array<std::string_view, 3> parts = {appsecret, timestamp, nonce};
  std::sort(parts.begin(), parts.end());
  std::string joined;
  for (std::string_view part : parts) joined.append(part);
  return sha1_hex(joined);
}

MstchingClient::MstchingClient(MstchingCredentials credentials, std::string base_url,
                               TransportOptions options)
    : credentials_(std::move(credentials)),
      base_url_(std::move(base_url)),
      transport_options_(std::move(options)) {}

MstchingClient::Answer MstchingClient::call(std::string_view endpoint, const Fields& fields,
                                            Retry retry) {
  if (credentials_.appid.empty() || credentials_.appsecret.empty())
    detail::throw_config(std::string(kVendor), std::string(endpoint),
                         "no credentials: set MSTCHING_APPID and MSTCHING_APPSECRET");
  std::string nonce = random_digits(10);
  std::string timestamp = unix_seconds();
  std::string query =
      form_encode({{"appid", credentials_.appid},
                   {"nonce", nonce},
                   {"timestamp", timestamp},
                   {"signature", mstching_signature(credentials_.appsecret, timestamp, nonce)}});
  Answer answer;
  answer.request.vendor = kVendor;
  answer.request.endpoint = endpoint;
  answer.request.url = join_url(base_url_, endpoint) + "?" + query;
  answer.request.headers = {{"Content-Type", "application/json;charset=UTF-8"}};
  answer.request.body = fields.json.dump();
  answer.response = Transport(transport_options_).send(answer.request, retry);
  answer.json = detail::parse_object(answer.request, answer.response);
  const nlohmann::json* code = detail::find_ci(answer.json, "Code");
  if (!code || !code->is_number_integer())
    detail::throw_protocol(answer.request, answer.response, "the answer has no integer `Code`");
  int value = code->get<int>();
  if (value != 200) {
    std::string message = detail::text_of(detail::find_ci(answer.json, "Message")).value_or("");
    std::string_view meaning = mstching_code_meaning(value);
    std::string text = message.empty() ? "" : message + ": ";
    text += meaning.empty() ? "a code the vendor's document does not list" : std::string(meaning);
    detail::throw_vendor(answer.request, answer.response, std::to_string(value), text);
  }
  return answer;
}

Result<std::int64_t> MstchingClient::user_bind(const std::string& uuid,
                                               const std::string& user_id) {
  return detail::guarded(kVendor, "userbind", [&] {
    Fields f;
    f.json = {{"Uuid", uuid}, {"UserId", user_id}};
    return call("userbind", f, Retry::never).result<std::int64_t>("OpenUserId");
  });
}

Result<int> MstchingClient::get_device_state(const std::string& uuid) {
  return detail::guarded(kVendor, "getdevicestate", [&] {
    Fields f;
    f.json = {{"Uuid", uuid}};
    return call("getdevicestate", f, Retry::bounded).result<int>("State");
  });
}

Result<std::int64_t> MstchingClient::print_content2(const std::string& uuid,
                                                    const std::string& print_content,
                                                    std::int64_t open_user_id) {
  return detail::guarded_print(kVendor, "printcontent2", task_id, [&] {
    Fields f;
    f.json = {{"Uuid", uuid}, {"PrintContent", print_content}, {"OpenUserId", open_user_id}};
    return call("printcontent2", f, Retry::never).result<std::int64_t>("TaskId");
  });
}

Result<std::int64_t> MstchingClient::print_html_content(const std::string& uuid,
                                                        const std::string& print_url,
                                                        std::int64_t open_user_id) {
  return detail::guarded_print(kVendor, "printhtmlcontent", task_id, [&] {
    Fields f;
    f.json = {{"Uuid", uuid}, {"PrintUrl", print_url}, {"OpenUserId", open_user_id}};
    return call("printhtmlcontent", f, Retry::never).result<std::int64_t>("TaskId");
  });
}

Result<int> MstchingClient::get_print_task_state(std::int64_t task_id) {
  return detail::guarded(kVendor, "getprinttaskstate", [&] {
    Fields f;
    f.json = {{"TaskId", task_id}};
    return call("getprinttaskstate", f, Retry::bounded).result<int>("State");
  });
}

Result<std::string> MstchingClient::get_device_mac(const std::string& uuid) {
  return detail::guarded(kVendor, "getdevicemac", [&] {
    Fields f;
    f.json = {{"Uuid", uuid}};
    return call("getdevicemac", f, Retry::bounded).result<std::string>("DeviceMac");
  });
}

}  // namespace dotlabel::client
