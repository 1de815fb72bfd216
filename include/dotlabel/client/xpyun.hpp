// Xpyun barcode-cloud open API (open-barcode.xpyun.net/api/openapi/sprinter/): every endpoint
// of the vendor's document "条码云打印机开放平台 开放 API 开发接入文档" v1.9.3.
//
// Errors: every call returns a Result (client/result.hpp); a vendor code other than 0 is an
// ErrorKind::vendor error whose detail is the appendix's meaning and fix. Nothing throws but
// std::bad_alloc. Thread safety: the free functions are pure; one XpyunClient may be used by
// one thread at a time, separate clients in parallel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::client {

struct XpyunCredentials {
  std::string user;  // the platform user name
  std::string key;   // UserKEY, the developer secret
};

struct XpyunPrinterStatus {
  int status = 0;  // 0 offline, 1 online and normal, 2 online with a fault (usually no paper)
  std::string version;
};

// With `direct` (pass-through) the content must be shorter than this many characters
// (UTF-16 code units, as the vendor counts them); a longer one is a config error, not sent.
inline constexpr std::size_t kXpyunDirectMaxChars = 65535;

// Optional fields of the print endpoints; absent = the vendor's default.
struct XpyunPrintOptions {
  std::optional<int> copies;
  std::optional<int> mode;     // 0: refuse when the printer is offline; 1: queue the order
  std::optional<bool> direct;  // printImage/printLabel: pass through (see kXpyunDirectMaxChars)
};

struct XpyunImageOptions : XpyunPrintOptions {
  std::optional<bool> compress;
  std::optional<std::string> paper_type;  // "N" continuous, "M" marked (gap, black mark)
  std::optional<int> paper_width;         // dots
  // Where the mark sits relative to the tear-off point, only with paper_type "M"; the vendor
  // accepts -80..283 on thermal printers (-240..566 at 600 dpi, -120..283 on others).
  std::optional<int> black_offset_length;
};

struct XpyunLogoOptions {
  std::optional<int> image_size;  // px, default 200
  std::optional<bool> print_logo;
  std::optional<int> paper_type;  // 1 gap, 2 continuous, 3 black mark (with print_logo)
};

// The appendix's meaning and fix of a vendor code; nullopt for a code it does not list.
struct XpyunCodeInfo {
  std::string_view name;     // the msg the vendor sends, e.g. "PRINTER_OFFLINE"
  std::string_view meaning;  // 状态
  std::string_view fix;      // 排错指引 (may be empty)
};
DOTLABEL_API std::optional<XpyunCodeInfo> xpyun_code_info(int code);

// sign = lowercase hex SHA-1 of user + UserKEY + timestamp. Throws std::runtime_error only
// when libcrypto cannot be loaded (docs/submit.md).
DOTLABEL_API std::string xpyun_sign(std::string_view user, std::string_view key,
                                    std::string_view timestamp);

class XpyunClient {
 public:
  static constexpr std::string_view kDefaultBaseUrl =
      "https://open-barcode.xpyun.net/api/openapi/sprinter/";

  // Sends nothing; missing credentials are a config error of the first call.
  DOTLABEL_API XpyunClient(XpyunCredentials credentials,
                           std::string base_url = std::string(kDefaultBaseUrl),
                           TransportOptions options = {});

  // One request each (queries retried as TransportOptions says, prints never); `data` is the
  // answer's data: an order id for the prints, true/false for the yes/no endpoints. A print
  // whose answer cannot be read is a protocol error with the order id, when the answer has
  // one, in Error::job_id.
  DOTLABEL_API Result<bool> verify_printer(const std::string& sn, const std::string& name);
  DOTLABEL_API Result<std::string> print(const std::string& sn, const std::string& content_url,
                                         const XpyunPrintOptions& options = {});
  DOTLABEL_API Result<std::string> print_image(const std::string& sn, const std::string& png_base64,
                                               const XpyunImageOptions& options = {});
  // `markup` is sent as is; checking it first is the caller's business (the CLI runs
  // dotlabel::check() on it).
  DOTLABEL_API Result<std::string> print_label(const std::string& sn, const std::string& markup,
                                               const XpyunPrintOptions& options = {});
  DOTLABEL_API Result<bool> del_printer_queue(const std::string& sn);
  DOTLABEL_API Result<bool> query_order_state(const std::string& order_id);
  DOTLABEL_API Result<XpyunPrinterStatus> query_printer_status(const std::string& sn);
  DOTLABEL_API Result<int> get_await_tasks(const std::string& sn);
  DOTLABEL_API Result<std::string> send_tmall_spirit_voice(const std::string& sn,
                                                           const std::string& content);
  DOTLABEL_API Result<std::string> upload_logo(const std::string& sn,
                                               const std::string& image_base64,
                                               const XpyunLogoOptions& options = {});

 private:
  struct Fields;  // the private fields of a request (JSON, defined where it is used)
  struct Answer;
  Answer call(std::string_view endpoint, const Fields& fields, Retry retry);

  XpyunCredentials credentials_;
  std::string base_url_;
  TransportOptions transport_options_;
};

}  // namespace dotlabel::client
