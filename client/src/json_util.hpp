// Internal helpers shared by the vendor clients: parsing a vendor's JSON answer and raising
// the errors every vendor reports the same way.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/client/transport.hpp"

namespace dotlabel::client::detail {

// The body as JSON; a protocol error naming the vendor and endpoint when it is not JSON (or
// not an object).
nlohmann::json parse_object(const HttpRequest& request, const HttpResponse& response);

// The member named `key`, compared case-insensitively: the Mstching document spells its
// fields "Code"/"Message" while its servers are known to answer in other cases.
const nlohmann::json* find_ci(const nlohmann::json& object, std::string_view key);

// A member as text whatever its JSON type (numbers written as numbers); nullopt when absent
// or null.
std::optional<std::string> text_of(const nlohmann::json* value);

[[noreturn]] void throw_vendor(const HttpRequest& request, const HttpResponse& response,
                               std::string code, std::string detail);
[[noreturn]] void throw_protocol(const HttpRequest& request, const HttpResponse& response,
                                 std::string detail);
[[noreturn]] void throw_config(std::string vendor, std::string endpoint, std::string detail);

}  // namespace dotlabel::client::detail
