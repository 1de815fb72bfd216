// Internal helpers shared by the vendor clients: parsing a vendor's JSON answer, raising the
// errors every vendor reports the same way, and turning them into the Result a public call
// returns.
#pragma once

#include <exception>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "dotlabel/client/result.hpp"
#include "http.hpp"

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

// A member that can be an id: a non-empty string, or an integer written as digits; nullopt for
// anything else (absent, null, a boolean, an object, an array, a fraction).
std::optional<std::string> id_of(const nlohmann::json* value);

[[noreturn]] void throw_vendor(const HttpRequest& request, const HttpResponse& response,
                               std::string code, std::string detail);
[[noreturn]] void throw_protocol(const HttpRequest& request, const HttpResponse& response,
                                 std::string detail);
[[noreturn]] void throw_config(std::string vendor, std::string endpoint, std::string detail);

// Runs the body of a public call, which returns a Result<T> and reports failures by throwing,
// and returns its Result: a ClientError becomes the Result's error, LibraryUnavailable a
// configuration error (nothing was sent), any other exception (an
// answer of a shape nobody foresaw, the OS's random source failing) a protocol error of
// `vendor`. Only std::bad_alloc passes through, as the error convention says (docs/api.md).
template <typename Body>
auto guarded(std::string_view vendor, std::string_view endpoint, Body&& body) -> decltype(body()) {
  decltype(body()) failed;
  try {
    return body();
  } catch (const ClientError& e) {
    failed.error = e.error();
    failed.body = e.body();
  } catch (const LibraryUnavailable& e) {
    failed.error = Error{
        ErrorKind::config, std::string(vendor), std::string(endpoint), 0, {}, e.what(), false};
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    failed.error =
        Error{ErrorKind::protocol, std::string(vendor), std::string(endpoint), 0, {}, e.what()};
  }
  return failed;
}

// The id `find_id` reads from an answer `body` that failed to be read as a whole; empty when
// the body is not a JSON object or `find_id` finds nothing. Never throws but std::bad_alloc.
std::string job_id_in(const std::string& body,
                      std::optional<std::string> (*find_id)(const nlohmann::json& answer));

// For a print that failed after an answer arrived that carries no vendor verdict (a protocol
// error, or an HTTP error with a body): the job may have printed, so its id is looked for in
// that answer with `find_id` and kept in Error::job_id.
template <typename T>
void keep_job_id(Result<T>& result,
                 std::optional<std::string> (*find_id)(const nlohmann::json& answer)) {
  if (result.error && result.error->maybe_delivered &&
      (result.error->kind == ErrorKind::protocol || result.error->kind == ErrorKind::http))
    result.error->job_id = job_id_in(result.body, find_id);
}

// guarded() for a print: keep_job_id() on its failure.
template <typename Body>
auto guarded_print(std::string_view vendor, std::string_view endpoint,
                   std::optional<std::string> (*find_id)(const nlohmann::json& answer), Body&& body)
    -> decltype(body()) {
  auto result = guarded(vendor, endpoint, std::forward<Body>(body));
  keep_job_id(result, find_id);
  return result;
}

}  // namespace dotlabel::client::detail
