#include "dotlabel/client/colorpark.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "json_util.hpp"

namespace dotlabel::client {

namespace {

constexpr std::string_view kVendor = "colorpark";
constexpr std::string_view kRecipeHelp =
    "ColorPark's public API text does not say how `sign` is computed; put the recipe your "
    "ColorPark contact gave you in the credentials file (colorpark.sign: fields, hash, "
    "separator) or in COLORPARK_SIGN_FIELDS / COLORPARK_SIGN_HASH (see docs/submit.md)";

std::optional<std::string> taskid_of(const nlohmann::json& answer) {
  const nlohmann::json* data = detail::find_ci(answer, "data");
  return data ? detail::id_of(detail::find_ci(*data, "taskid")) : std::nullopt;
}

std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// colorpark_sign, reporting a bad recipe by throwing (inside a call, which makes it its Result).
std::string sign_with(const ColorparkSignRecipe& recipe,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      std::string_view printer_key);

}  // namespace

std::string_view colorpark_status_meaning(int status) {
  switch (status) {
    case 0:
      return "Waiting";
    case 1:
      return "Printing";
    case 2:
      return "Completed";
    case 3:
      return "Cancelled";
    case 4:
      return "Failure";
    default:
      return {};
  }
}

Result<std::string> colorpark_sign(const ColorparkSignRecipe& recipe,
                                   const std::vector<std::pair<std::string, std::string>>& fields,
                                   std::string_view printer_key) {
  return detail::guarded(kVendor, "sign", [&] {
    Result<std::string> signed_;
    signed_.data = sign_with(recipe, fields, printer_key);
    return signed_;
  });
}

namespace {

std::string sign_with(const ColorparkSignRecipe& recipe,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      std::string_view printer_key) {
  if (recipe.fields.empty())
    detail::throw_config(std::string(kVendor), "sign",
                         "the signature recipe has no fields; " + std::string(kRecipeHelp));
  std::string joined;
  for (std::size_t i = 0; i < recipe.fields.size(); ++i) {
    const std::string& name = recipe.fields[i];
    if (i > 0) joined += recipe.separator;
    if (name == "printer_key") {
      joined += printer_key;
      continue;
    }
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const auto& field) { return field.first == name; });
    if (it == fields.end())
      detail::throw_config(
          std::string(kVendor), "sign",
          "the signature recipe names `" + name + "`, which this request does not have");
    joined += it->second;
  }
  std::string sign;
  if (recipe.hash == "md5")
    sign = md5_hex(joined);
  else if (recipe.hash == "sha1")
    sign = sha1_hex(joined);
  else
    detail::throw_config(
        std::string(kVendor), "sign",
        "the signature recipe's hash must be md5 or sha1; " + std::string(kRecipeHelp));
  if (recipe.uppercase)
    std::transform(sign.begin(), sign.end(), sign.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return sign;
}

}  // namespace

ColorparkClient::ColorparkClient(ColorparkCredentials credentials, std::string base_url,
                                 TransportOptions options)
    : credentials_(std::move(credentials)),
      base_url_(std::move(base_url)),
      transport_options_(std::move(options)) {}

Result<ColorparkTask> ColorparkClient::call(std::string_view endpoint,
                                            const std::string& printer_id,
                                            std::vector<std::pair<std::string, std::string>> fields,
                                            Retry retry) {
  return detail::guarded(kVendor, endpoint, [&] {
    if (credentials_.printer_key.empty())
      detail::throw_config(std::string(kVendor), std::string(endpoint),
                           "no credentials: set COLORPARK_PRINTER_KEY");
    if (!credentials_.sign)
      detail::throw_config(std::string(kVendor), std::string(endpoint),
                           "no signature recipe configured; " + std::string(kRecipeHelp));
    fields.insert(
        fields.begin(),
        {{"printer_id", printer_id}, {"once", random_digits(4)}, {"time", unix_seconds()}});
    fields.emplace_back("sign", sign_with(*credentials_.sign, fields, credentials_.printer_key));

    HttpRequest request;
    request.vendor = kVendor;
    request.endpoint = endpoint;
    request.url = join_url(base_url_, endpoint);
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = form_encode(fields);
    HttpResponse response = Transport(transport_options_).send(request, retry);
    nlohmann::json json = detail::parse_object(request, response);
    const nlohmann::json* code = detail::find_ci(json, "code");
    if (!code || !code->is_number_integer())
      detail::throw_protocol(request, response, "the answer has no integer `code`");
    std::string msg = detail::text_of(detail::find_ci(json, "msg")).value_or("");
    if (code->get<int>() != 0)
      detail::throw_vendor(request, response, std::to_string(code->get<int>()),
                           (msg.empty() ? std::string("failure") : msg) +
                               " (the document defines only 0 success, 1 failure)");
    Result<ColorparkTask> result;
    result.message = msg;
    result.body = response.body;
    const nlohmann::json* data = detail::find_ci(json, "data");
    if (data && data->is_object()) {
      result.data.taskid = detail::text_of(detail::find_ci(*data, "taskid")).value_or("");
      result.data.order_id = detail::text_of(detail::find_ci(*data, "order_id")).value_or("");
      const nlohmann::json* status = detail::find_ci(*data, "status");
      if (status && status->is_number_integer())
        result.data.status = status->get<int>();
      else if (status && status->is_string())
        result.data.status = std::atoi(status->get<std::string>().c_str());
    }
    if (result.data.taskid.empty())
      detail::throw_protocol(request, response, "`data` has no taskid");
    return result;
  });
}

Result<ColorparkTask> ColorparkClient::mul_print(const ColorparkPrintJob& job) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"order_id", job.order_id}, {"name", job.name}, {"file", job.file_url}};
  if (job.width_mm) fields.emplace_back("width", mm(*job.width_mm));
  if (job.height_mm) fields.emplace_back("height", mm(*job.height_mm));
  if (job.left_mm) fields.emplace_back("left", mm(*job.left_mm));
  if (job.top_mm) fields.emplace_back("top", mm(*job.top_mm));
  fields.emplace_back("callback", job.callback_url);
  Result<ColorparkTask> result = call("mulPrint", job.printer_id, std::move(fields), Retry::never);
  detail::keep_job_id(result, taskid_of);
  return result;
}

Result<ColorparkTask> ColorparkClient::get_task(const std::string& printer_id,
                                                const std::string& taskid) {
  return call("getTask", printer_id, {{"taskid", taskid}}, Retry::bounded);
}

Result<ColorparkTask> ColorparkClient::cancel_print(const std::string& printer_id,
                                                    const std::string& taskid) {
  return call("cancelPrint", printer_id, {{"taskid", taskid}}, Retry::never);
}

}  // namespace dotlabel::client
