// Mstching (对对机) open platform (www.open.mstching.com/home/...): every endpoint of the
// vendor's "对对机开放平台 API 接口说明" V3.0.
//
// Errors: every call returns a Result (client/result.hpp) and a `Code` other than 200 is an
// ErrorKind::vendor error with the document's meaning; nothing throws but std::bad_alloc. Thread
// safety: the free functions are pure; one client object may be used by one thread at a time,
// separate clients in parallel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::client {

struct MstchingCredentials {
  std::string appid;      // the platform's AppKey
  std::string appsecret;  // the platform's AppSecret
};

// The meaning of a status code of the document's 状态码说明; empty for an unlisted one.
DOTLABEL_API std::string_view mstching_code_meaning(int code);
// getdevicestate State: -1 错误 0 正常 1 缺纸 2 温度保护报警 3 忙碌 4 离线.
DOTLABEL_API std::string_view mstching_device_state_meaning(int state);
// getprinttaskstate State: 0 待处理 1 成功 2 失败 3 任务过期 4 拒绝打印.
DOTLABEL_API std::string_view mstching_task_state_meaning(int state);

// signature = lowercase hex SHA-1 of appsecret, timestamp and nonce sorted ascending and
// concatenated. Throws std::runtime_error only when libcrypto cannot be loaded (docs/submit.md).
DOTLABEL_API std::string mstching_signature(std::string_view appsecret, std::string_view timestamp,
                                            std::string_view nonce);

class MstchingClient {
 public:
  static constexpr std::string_view kDefaultBaseUrl = "http://www.open.mstching.com/home/";

  // Sends nothing; missing credentials are a config error of the first call.
  DOTLABEL_API MstchingClient(MstchingCredentials credentials,
                              std::string base_url = std::string(kDefaultBaseUrl),
                              TransportOptions options = {});

  // Each `data` is the answer's one endpoint-specific value. data = OpenUserId
  DOTLABEL_API Result<std::int64_t> user_bind(const std::string& uuid, const std::string& user_id);
  // data = State
  DOTLABEL_API Result<int> get_device_state(const std::string& uuid);
  // `print_content` is the JSON text of the item list, sent as a string; data = TaskId.
  DOTLABEL_API Result<std::int64_t> print_content2(const std::string& uuid,
                                                   const std::string& print_content,
                                                   std::int64_t open_user_id);
  // data = TaskId
  DOTLABEL_API Result<std::int64_t> print_html_content(const std::string& uuid,
                                                       const std::string& print_url,
                                                       std::int64_t open_user_id);
  // data = State
  DOTLABEL_API Result<int> get_print_task_state(std::int64_t task_id);
  // data = DeviceMac
  DOTLABEL_API Result<std::string> get_device_mac(const std::string& uuid);

 private:
  struct Fields;
  struct Answer;
  Answer call(std::string_view endpoint, const Fields& fields, Retry retry);

  MstchingCredentials credentials_;
  std::string base_url_;
  TransportOptions transport_options_;
};

}  // namespace dotlabel::client
