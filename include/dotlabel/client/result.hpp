// What every submit client call returns: the endpoint's value, the vendor's answer, or why
// there is none. The submit clients follow the library's error convention (docs/api.md): a
// call that fails because of its settings, the network or the vendor returns a Result that is
// not ok(), and never throws (except std::bad_alloc).
#pragma once

#include <optional>
#include <string>

#include "dotlabel/export.hpp"

namespace dotlabel::client {

// What went wrong, which decides the CLI's exit status and whether a query is retried.
enum class ErrorKind {
  config,     // missing credentials or settings, or no libcurl to load: nothing was sent
  transport,  // no HTTP answer: connection refused, timeout, TLS, response too large
  http,       // an HTTP answer other than 2xx
  protocol,   // a 2xx answer that is not the JSON the vendor documents
  vendor,     // the vendor answered and refused (its own error code)
};

// Every failure names the vendor, the endpoint and the HTTP status or vendor code, with the
// meaning (and fix) the vendor's documentation gives. Never contains a credential.
struct Error {
  ErrorKind kind = ErrorKind::transport;
  std::string vendor;       // "xpyun", "mstching", ...
  std::string endpoint;     // the vendor's name of the endpoint, e.g. "printLabel"
  long http_status = 0;     // 0 = no HTTP answer
  std::string vendor_code;  // empty unless the vendor answered with a code
  std::string detail;       // what happened / the documented meaning and fix
  // False only when the request certainly never reached the server (no connection), so a
  // failed print is known not to have printed.
  bool maybe_delivered = true;
  // A print's order or task id, found in an answer that could not be read otherwise (a
  // protocol error: `code` missing or of the wrong type, `data` of another shape): the job
  // may have printed, and this id lets the caller follow it. Empty when there is none.
  std::string job_id = {};
};

// One line for people: "xpyun printLabel: vendor code 1002: 打印机未注册; fix: ...".
// Pure; thread-safe.
DOTLABEL_API std::string describe(const Error& error);

// The outcome of one call. When ok(), `data` is the endpoint's value as the client's header
// documents it; otherwise `error` says why and `data` is value-initialised.
template <typename T>
struct Result {
  T data{};
  std::string message;  // the vendor's own message (msg / Message / message), may be empty
  // The vendor's whole answer as it was sent, whether ok() or not; empty when no answer
  // arrived. Never contains a credential the client sent.
  std::string body;
  std::optional<Error> error;  // set exactly when the call failed

  bool ok() const { return !error.has_value(); }
};

}  // namespace dotlabel::client
