#include "json_util.hpp"

#include <algorithm>
#include <cctype>

namespace dotlabel::client::detail {

nlohmann::json parse_object(const HttpRequest& request, const HttpResponse& response) {
  nlohmann::json json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    throw_protocol(request, response, "the answer is not a JSON object");
  return json;
}

const nlohmann::json* find_ci(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& name = it.key();
    if (std::equal(name.begin(), name.end(), key.begin(), key.end(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return &it.value();
  }
  return nullptr;
}

std::optional<std::string> text_of(const nlohmann::json* value) {
  if (!value || value->is_null()) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  return value->dump();
}

std::optional<std::string> id_of(const nlohmann::json* value) {
  if (!value) return std::nullopt;
  if (value->is_string() && !value->get_ref<const std::string&>().empty())
    return value->get<std::string>();
  if (value->is_number_integer()) return value->dump();
  return std::nullopt;
}

std::string job_id_in(const std::string& body,
                      std::optional<std::string> (*find_id)(const nlohmann::json& answer)) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return {};
  return find_id(json).value_or("");
}

void throw_vendor(const HttpRequest& request, const HttpResponse& response, std::string code,
                  std::string detail) {
  throw ClientError({ErrorKind::vendor, request.vendor, request.endpoint, response.status,
                     std::move(code), std::move(detail)},
                    response.body);
}

void throw_protocol(const HttpRequest& request, const HttpResponse& response, std::string detail) {
  throw ClientError({ErrorKind::protocol,
                     request.vendor,
                     request.endpoint,
                     response.status,
                     {},
                     std::move(detail)},
                    response.body);
}

void throw_config(std::string vendor, std::string endpoint, std::string detail) {
  throw ClientError(
      {ErrorKind::config, std::move(vendor), std::move(endpoint), 0, {}, std::move(detail), false});
}

}  // namespace dotlabel::client::detail
