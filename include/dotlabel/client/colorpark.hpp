// ColorPark UV cloud print (www.colorpark.cn/api/Printer/): mulPrint, getTask, cancelPrint.
// The public API text names a `sign` field but not how it is computed ("see 《Generating
// Signatures》", which is not public), so the recipe is configuration, never guessed.
//
// Errors: every call returns a Result (client/result.hpp) and a `code` other than 0 is an
// ErrorKind::vendor error; nothing throws but std::bad_alloc. Thread safety: the free functions are
// pure; one client object may be used by one thread at a time, separate clients in parallel.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::client {

// How `sign` is made: the values of `fields`, in that order, joined with `separator`, hashed
// with `hash` ("md5" or "sha1") as hex (uppercase when `uppercase`). A field is the name of a
// request field (printer_id, once, time, order_id, taskid, ...) or "printer_key".
struct ColorparkSignRecipe {
  std::vector<std::string> fields;
  std::string hash;
  std::string separator;
  bool uppercase = false;
};

struct ColorparkCredentials {
  std::string printer_key;
  std::optional<ColorparkSignRecipe> sign;  // required: there is no default
};

struct ColorparkTask {
  std::string taskid;
  std::string order_id;
  int status = 0;  // 0 waiting 1 printing 2 completed 3 cancelled 4 failure
};
DOTLABEL_API std::string_view colorpark_status_meaning(int status);

struct ColorparkPrintJob {
  std::string printer_id;
  std::string order_id;  // the caller's order id, up to 32 characters
  std::string name;      // product name, up to 32 characters
  std::string file_url;  // the image's URL, up to 255 characters
  std::optional<double> width_mm, height_mm, left_mm, top_mm;
  std::string callback_url;
};

// Applies the recipe to the request fields: data = the sign. A config error when the recipe
// is incomplete or names an unknown field or hash. Pure; thread-safe.
DOTLABEL_API Result<std::string> colorpark_sign(
    const ColorparkSignRecipe& recipe,
    const std::vector<std::pair<std::string, std::string>>& fields, std::string_view printer_key);

class ColorparkClient {
 public:
  static constexpr std::string_view kDefaultBaseUrl = "http://www.colorpark.cn/api/Printer/";

  // Sends nothing; missing credentials or recipe are a config error of the first call.
  DOTLABEL_API ColorparkClient(ColorparkCredentials credentials,
                               std::string base_url = std::string(kDefaultBaseUrl),
                               TransportOptions options = {});

  // One request each (getTask retried as TransportOptions says); data = the task.
  DOTLABEL_API Result<ColorparkTask> mul_print(const ColorparkPrintJob& job);
  DOTLABEL_API Result<ColorparkTask> get_task(const std::string& printer_id,
                                              const std::string& taskid);
  DOTLABEL_API Result<ColorparkTask> cancel_print(const std::string& printer_id,
                                                  const std::string& taskid);

 private:
  Result<ColorparkTask> call(std::string_view endpoint, const std::string& printer_id,
                             std::vector<std::pair<std::string, std::string>> fields, Retry retry);

  ColorparkCredentials credentials_;
  std::string base_url_;
  TransportOptions transport_options_;
};

}  // namespace dotlabel::client
