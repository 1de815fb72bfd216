// Zhimu cloud print (智睦云打印, any.webprinter.cn): every endpoint of the vendor's
// "云打印 Cloud OpenAPI 文档".
//
// Errors: every call returns a Result (client/result.hpp) and `success: false` is an
// ErrorKind::vendor error with the vendor's message; nothing throws but std::bad_alloc. Thread
// safety: the free functions are pure; one client object may be used by one thread at a time,
// separate clients in parallel.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::client {

struct WebprinterCredentials {
  std::string appid;
  std::string appkey;
};

struct WebprinterPrinter {
  std::string sn;  // the print server's SN (shareSn / controlSn in other requests)
  std::string printer_name;
  std::string device_type;
  std::string printer_alias;
};

struct WebprinterTask {
  std::string task_id;
  std::string task_status;  // SUBMITTED QUEUED PRINTING FINISHED ERROR CANCELED
  std::string status_detail;
};
// The document's meaning of a taskStatus; empty for an unlisted one.
DOTLABEL_API std::string_view webprinter_task_status_meaning(std::string_view status);

// A print of PNG bytes (sent as mediaSource BASE64, mediaFormat PNG) on paper of the given
// size in millimetres.
struct WebprinterPrintJob {
  std::string name;
  std::string device_name;  // printerName
  std::string device_type = "printer";
  std::string control_sn;  // the print server's SN
  std::string png_base64;
  double paper_width_mm = 0;
  double paper_height_mm = 0;
};

// signature = lowercase hex SHA-1 of appid + timestamp + oncestr + appkey. Throws
// std::runtime_error only when libcrypto cannot be loaded (docs/submit.md).
DOTLABEL_API std::string webprinter_signature(std::string_view appid, std::string_view timestamp,
                                              std::string_view oncestr, std::string_view appkey);

class WebprinterClient {
 public:
  static constexpr std::string_view kDefaultBaseUrl = "https://any.webprinter.cn";

  // Sends nothing; missing credentials are a config error of the first call.
  DOTLABEL_API WebprinterClient(WebprinterCredentials credentials,
                                std::string base_url = std::string(kDefaultBaseUrl),
                                TransportOptions options = {});

  // getToken; the other calls fetch a token when none is cached or it has expired, and send
  // it as Api-Access-Token. data = the token (kept in memory only; `body` is empty).
  DOTLABEL_API Result<std::string> token();

  DOTLABEL_API Result<WebprinterPrinter> add_share_printer(const std::string& share_ticket,
                                                           const std::string& password);
  DOTLABEL_API Result<bool> revoke_share_printer(const std::string& printer_name,
                                                 const std::string& share_sn,
                                                 const std::string& device_type = "printer");
  DOTLABEL_API Result<std::vector<WebprinterPrinter>> query_printers();
  // data = the printer's capabilities, the JSON text the vendor sends as a string.
  DOTLABEL_API Result<std::string> query_printer_detail(const std::string& printer_name,
                                                        const std::string& share_sn,
                                                        const std::string& device_type = "printer");
  // data = taskId
  DOTLABEL_API Result<std::string> new_print_task(const WebprinterPrintJob& job);
  DOTLABEL_API Result<WebprinterTask> get_task(const std::string& task_id,
                                               const std::string& control_sn);

 private:
  struct Fields;
  struct Answer;
  Answer call(std::string_view endpoint, std::string_view path, const Fields& fields, Retry retry,
              bool with_token);
  std::string current_token();  // token(), failing by throwing inside a call

  WebprinterCredentials credentials_;
  std::string base_url_;
  TransportOptions transport_options_;
  std::string token_;
  std::chrono::steady_clock::time_point token_expiry_{};
};

}  // namespace dotlabel::client
