#include "dotlabel/client/xpyun.hpp"

#include <array>

#include "json_util.hpp"

namespace dotlabel::client {

namespace {

constexpr std::string_view kVendor = "xpyun";

// 附录 1：返回状态码说明, verbatim.
struct CodeRow {
  int code;
  XpyunCodeInfo info;
};
constexpr std::array kCodes = {
    CodeRow{0, {"ok", "成功", ""}},
    CodeRow{-1,
            {"REQUEST_HEADER_ERROR", "请求头错误",
             "检查请求头是否符合开发文档要求。请求头需要使用 Content-Type: "
             "application/json; charset=UTF-8"}},
    CodeRow{-2, {"REQUEST_PARAM_INVALID", "参数不合法", "参数值为空或格式、大小不符合要求"}},
    CodeRow{-3, {"REQUEST_SIGN_FAILED", "参数签名失败", "请参考请求公共参数 sign 字段说明"}},
    CodeRow{-4, {"REQUEST_USER_NOT_REGISTER", "用户未注册", "需联系管理人员注册账号"}},
    CodeRow{1001, {"SN_USER_NOT_MATCH", "打印机编号和用户不匹配", ""}},
    CodeRow{1002,
            {"PRINTER_NOT_REGISTER", "打印机未注册",
             "需要先调用添加打印机接口添加打印机或登录云平台在【打印管理→打印机机管理】里面添加"
             "打印机"}},
    CodeRow{1003,
            {"PRINTER_OFFLINE", "打印机不在线",
             "打印网络中断，需要检查打印网络是否可用或已正确配置好网络"}},
    CodeRow{1004,
            {"ADD_ORDER_FAILED", "添加订单失败",
             "订单内容超出数据库 text 字段存储的最大值，建议做订单拆分后分批提交打印"}},
    CodeRow{1005,
            {"ORDER_NOT_FOUND", "未找到订单信息",
             "订单号已过云存储有效期或订单号不是云打印接口返回的有效值"}},
    CodeRow{1006, {"ORDER_DATE_INVALID", "订单日期格式或大小不正确", ""}},
    CodeRow{1008,
            {"SN_INVALID", "打印机编号无效",
             "打印机编号不是云打印机编号，请跟购买代理商确认自己购买的打印机是芯烨云打印机"}},
    CodeRow{1009,
            {"PRINTER_EXIST",
             "打印机已存在，若当前开放平台无法查询到打印机信息，请联系售后技术支持人员核实",
             "打印机已经添加成功了，无需重复添加"}},
    CodeRow{1010,
            {"PRINTER_EXCEPTION", "验证打印机编号失败，请稍后再试或联系售后技术支持人员",
             "打印机编号不是有效的云打印机编号"}},
    CodeRow{1011, {"PRINTER_NOT_REPORT_VERSION", "打印机未上报版本号", ""}},
    CodeRow{1012, {"USER_NOT_REGISTER", "用户未注册", "需要联系管理员注册账号才能使用"}},
    CodeRow{1013,
            {"ORDER_IDEMPOTENT", "打印机打印订单时触发幂等性", "不能重复提交统一幂等因子订单"}},
    CodeRow{1014,
            {"ORDER_IDEMPOTENT_LIMITLEN", "打印机打印订单时触发幂等性，幂等因子过大",
             "幂等因子值不能超过 50 个字符"}},
    CodeRow{1015, {"PRINTER_UNKNOW_ERROR", "打印机出现未知错误", "需要重启打印机"}},
    CodeRow{1016,
            {"LOGO_FORMAT_ERROR", "logo 文件格式化错误",
             "Logo 目前只支持 PNG, JPG, BMP 格式，若带 base64 前缀的，需要去掉前缀"}},
    CodeRow{1017, {"LOGO_SIZE_LARGE", "logo 文件过大", "Logo 大小不能超过 500KB"}},
    CodeRow{
        1018,
        {"LOGO_UPLOAD_TIMES", "logo 烧录次数达到上线",
         "Logo 每个用户每台打印机每天只能上传 5 次。所以尽量确保无误之后在上传。推荐上传白底黑字"
         "图片的，打印效果最佳"}},
};

template <typename T>
void put(nlohmann::json& fields, const char* name, const std::optional<T>& value) {
  if (value) fields[name] = *value;
}

// A print's order id is the answer's `data`.
std::optional<std::string> order_id(const nlohmann::json& answer) {
  return detail::id_of(detail::find_ci(answer, "data"));
}

// The length of UTF-8 text in UTF-16 code units, as the vendor's (Java) servers count a
// string's characters: one per character, two for one outside the Basic Multilingual Plane.
std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (unsigned char byte : text) {
    if ((byte & 0xC0) != 0x80) ++units;  // each character has one byte that is no continuation
    if (byte >= 0xF0) ++units;           // a four-byte sequence is a surrogate pair
  }
  return units;
}

// printImage/printLabel with `direct` (pass-through): "内容长度小于 65,535 个字符".
void check_direct_length(std::string_view endpoint, const XpyunPrintOptions& options,
                         std::string_view content) {
  if (!options.direct.value_or(false)) return;
  std::size_t length = utf16_length(content);
  if (length >= kXpyunDirectMaxChars)
    detail::throw_config(std::string(kVendor), std::string(endpoint),
                         "direct (pass-through) content must be shorter than " +
                             std::to_string(kXpyunDirectMaxChars) + " characters; this is " +
                             std::to_string(length) + ": send it without direct");
}

}  // namespace

struct XpyunClient::Fields {
  nlohmann::json json = nlohmann::json::object();
};

struct XpyunClient::Answer {
  nlohmann::json json;
  HttpRequest request;
  HttpResponse response;

  template <typename T>
  Result<T> result(T data) const {
    Result<T> r;
    r.message = detail::text_of(detail::find_ci(json, "msg")).value_or("");
    r.data = std::move(data);
    r.body = response.body;
    return r;
  }
  // `data` of the documented type, or a protocol error naming what came instead.
  template <typename T>
  T data(std::string_view expected) const {
    auto d = json.find("data");
    if (d == json.end()) throw_protocol_error("the answer has no `data`");
    try {
      return d->get<T>();
    } catch (const nlohmann::json::exception&) {
      throw_protocol_error("`data` is not " + std::string(expected));
    }
  }
  // A print's order id: `data`, a non-empty string (or a number), else a protocol error.
  std::string order() const {
    std::optional<std::string> id = order_id(json);
    if (!id) throw_protocol_error("`data` is not an order id");
    return *id;
  }
  [[noreturn]] void throw_protocol_error(std::string detail) const {
    detail::throw_protocol(request, response, std::move(detail));
  }
};

std::optional<XpyunCodeInfo> xpyun_code_info(int code) {
  for (const CodeRow& row : kCodes)
    if (row.code == code) return row.info;
  return std::nullopt;
}

std::string xpyun_sign(std::string_view user, std::string_view key, std::string_view timestamp) {
  std::string joined;
  joined.append(user).append(key).append(timestamp);
  return sha1_hex(joined);
}

XpyunClient::XpyunClient(XpyunCredentials credentials, std::string base_url,
                         TransportOptions options)
    : credentials_(std::move(credentials)),
      base_url_(std::move(base_url)),
      transport_options_(std::move(options)) {}

XpyunClient::Answer XpyunClient::call(std::string_view endpoint, const Fields& fields,
                                      Retry retry) {
  if (credentials_.user.empty() || credentials_.key.empty())
    detail::throw_config(std::string(kVendor), std::string(endpoint),
                         "no credentials: set XPYUN_USER and XPYUN_KEY");
  nlohmann::json body = fields.json;
  std::string timestamp = unix_seconds();
  body["user"] = credentials_.user;
  body["timestamp"] = timestamp;
  body["sign"] = xpyun_sign(credentials_.user, credentials_.key, timestamp);

  Answer answer;
  answer.request.vendor = kVendor;
  answer.request.endpoint = endpoint;
  answer.request.url = join_url(base_url_, endpoint);
  answer.request.headers = {{"Content-Type", "application/json;charset=UTF-8"}};
  answer.request.body = body.dump();
  answer.response = Transport(transport_options_).send(answer.request, retry);
  answer.json = detail::parse_object(answer.request, answer.response);
  const nlohmann::json* code = detail::find_ci(answer.json, "code");
  if (!code || !code->is_number_integer())
    detail::throw_protocol(answer.request, answer.response, "the answer has no integer `code`");
  int value = code->get<int>();
  if (value != 0) {
    std::string msg = detail::text_of(detail::find_ci(answer.json, "msg")).value_or("");
    std::string text = msg.empty() ? "" : msg + ": ";
    if (auto info = xpyun_code_info(value)) {
      text += std::string(info->meaning);
      if (!info->fix.empty()) text += "; fix: " + std::string(info->fix);
    } else {
      text += "a code the vendor's appendix does not list";
    }
    detail::throw_vendor(answer.request, answer.response, std::to_string(value), text);
  }
  return answer;
}

Result<bool> XpyunClient::verify_printer(const std::string& sn, const std::string& name) {
  return detail::guarded(kVendor, "verifyPrinter", [&] {
    Fields f;
    f.json = {{"sn", sn}, {"name", name}};
    Answer a = call("verifyPrinter", f, Retry::never);
    return a.result(a.data<bool>("a boolean"));
  });
}

Result<std::string> XpyunClient::print(const std::string& sn, const std::string& content_url,
                                       const XpyunPrintOptions& options) {
  return detail::guarded_print(kVendor, "print", order_id, [&] {
    Fields f;
    f.json = {{"sn", sn}, {"content", content_url}};
    put(f.json, "copies", options.copies);
    put(f.json, "mode", options.mode);
    Answer a = call("print", f, Retry::never);
    return a.result(a.order());
  });
}

Result<std::string> XpyunClient::print_image(const std::string& sn, const std::string& png_base64,
                                             const XpyunImageOptions& options) {
  return detail::guarded_print(kVendor, "printImage", order_id, [&] {
    check_direct_length("printImage", options, png_base64);
    Fields f;
    f.json = {{"sn", sn}, {"content", png_base64}};
    put(f.json, "copies", options.copies);
    put(f.json, "mode", options.mode);
    put(f.json, "compress", options.compress);
    put(f.json, "paperType", options.paper_type);
    put(f.json, "paperWidth", options.paper_width);
    put(f.json, "blackOffsetLength", options.black_offset_length);
    put(f.json, "direct", options.direct);
    Answer a = call("printImage", f, Retry::never);
    return a.result(a.order());
  });
}

Result<std::string> XpyunClient::print_label(const std::string& sn, const std::string& markup,
                                             const XpyunPrintOptions& options) {
  return detail::guarded_print(kVendor, "printLabel", order_id, [&] {
    check_direct_length("printLabel", options, markup);
    Fields f;
    f.json = {{"sn", sn}, {"content", markup}};
    put(f.json, "copies", options.copies);
    put(f.json, "mode", options.mode);
    put(f.json, "direct", options.direct);
    Answer a = call("printLabel", f, Retry::never);
    return a.result(a.order());
  });
}

Result<bool> XpyunClient::del_printer_queue(const std::string& sn) {
  return detail::guarded(kVendor, "delPrinterQueue", [&] {
    Fields f;
    f.json = {{"sn", sn}};
    Answer a = call("delPrinterQueue", f, Retry::never);
    return a.result(a.data<bool>("a boolean"));
  });
}

Result<bool> XpyunClient::query_order_state(const std::string& order_id) {
  return detail::guarded(kVendor, "queryOrderState", [&] {
    Fields f;
    f.json = {{"orderId", order_id}};
    Answer a = call("queryOrderState", f, Retry::bounded);
    return a.result(a.data<bool>("a boolean"));
  });
}

Result<XpyunPrinterStatus> XpyunClient::query_printer_status(const std::string& sn) {
  return detail::guarded(kVendor, "queryPrinterStatus", [&] {
    Fields f;
    f.json = {{"sn", sn}};
    Answer a = call("queryPrinterStatus", f, Retry::bounded);
    const nlohmann::json& d = a.json["data"];
    if (!d.is_object() || !d.contains("status") || !d["status"].is_number_integer())
      a.throw_protocol_error("`data` is not {status, version}");
    XpyunPrinterStatus status;
    status.status = d["status"].get<int>();
    status.version = detail::text_of(detail::find_ci(d, "version")).value_or("");
    return a.result(std::move(status));
  });
}

Result<int> XpyunClient::get_await_tasks(const std::string& sn) {
  return detail::guarded(kVendor, "getAwaitTasks", [&] {
    Fields f;
    f.json = {{"sn", sn}};
    Answer a = call("getAwaitTasks", f, Retry::bounded);
    return a.result(a.data<int>("a number"));
  });
}

Result<std::string> XpyunClient::send_tmall_spirit_voice(const std::string& sn,
                                                         const std::string& content) {
  return detail::guarded(kVendor, "sendTmallSpiritVoice", [&] {
    Fields f;
    f.json = {{"sn", sn}, {"content", content}};
    Answer a = call("sendTmallSpiritVoice", f, Retry::never);
    return a.result(detail::text_of(&a.json["data"]).value_or(""));
  });
}

Result<std::string> XpyunClient::upload_logo(const std::string& sn, const std::string& image_base64,
                                             const XpyunLogoOptions& options) {
  return detail::guarded(kVendor, "uploadLogo", [&] {
    Fields f;
    f.json = {{"sn", sn}, {"content", image_base64}};
    put(f.json, "imageSize", options.image_size);
    put(f.json, "printLogo", options.print_logo);
    put(f.json, "paperType", options.paper_type);
    // Never retried: the vendor allows five uploads per printer and day.
    Answer a = call("uploadLogo", f, Retry::never);
    return a.result(detail::text_of(&a.json["data"]).value_or(""));
  });
}

}  // namespace dotlabel::client
