// Mstching (对对机) open platform (www.open.mstching.com/home/...): every endpoint of the
// vendor's "对对机开放平台 API 接口说明" V3.0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/client/transport.hpp"

namespace dotlabel::client {

struct MstchingCredentials {
  std::string appid;      // the platform's AppKey
  std::string appsecret;  // the platform's AppSecret
};

// The common answer: Code (200 = success), Message, and one endpoint-specific value.
template <typename T>
struct MstchingResult {
  int code = 0;
  std::string message;
  T value{};
  std::string body;
};

// The meaning of a status code of the document's 状态码说明; empty for an unlisted one.
std::string_view mstching_code_meaning(int code);
// getdevicestate State: -1 错误 0 正常 1 缺纸 2 温度保护报警 3 忙碌 4 离线.
std::string_view mstching_device_state_meaning(int state);
// getprinttaskstate State: 0 待处理 1 成功 2 失败 3 任务过期 4 拒绝打印.
std::string_view mstching_task_state_meaning(int state);

// signature = lowercase hex SHA-1 of appsecret, timestamp and nonce sorted ascending and
// concatenated.
std::string mstching_signature(std::string_view appsecret, std::string_view timestamp,
                               std::string_view nonce);

class MstchingClient {
 public:
  static constexpr std::string_view kDefaultBaseUrl = "http://www.open.mstching.com/home/";

  MstchingClient(MstchingCredentials credentials,
                 std::string base_url = std::string(kDefaultBaseUrl),
                 TransportOptions options = {});

  // value = OpenUserId
  MstchingResult<std::int64_t> user_bind(const std::string& uuid, const std::string& user_id);
  // value = State
  MstchingResult<int> get_device_state(const std::string& uuid);
  // `print_content` is the JSON text of the item list, sent as a string; value = TaskId.
  MstchingResult<std::int64_t> print_content2(const std::string& uuid,
                                              const std::string& print_content,
                                              std::int64_t open_user_id);
  MstchingResult<std::int64_t> print_html_content(const std::string& uuid,
                                                  const std::string& print_url,
                                                  std::int64_t open_user_id);
  // value = State
  MstchingResult<int> get_print_task_state(std::int64_t task_id);
  // value = DeviceMac
  MstchingResult<std::string> get_device_mac(const std::string& uuid);

 private:
  struct Fields;
  struct Answer;
  Answer call(std::string_view endpoint, const Fields& fields, Retry retry);

  MstchingCredentials credentials_;
  std::string base_url_;
  Transport transport_;
};

}  // namespace dotlabel::client
