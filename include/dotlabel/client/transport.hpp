// The one HTTP transport every submit client uses (libcurl underneath), its error type and
// the hashing helpers the vendors' signatures need. Public headers depend on the standard
// library only, so consumers of the installed library need nothing else.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dotlabel::client {

// What went wrong, which decides the CLI's exit status and whether a query is retried.
enum class ErrorKind {
  config,     // missing credentials or settings: nothing was sent
  transport,  // no HTTP answer: connection refused, timeout, TLS, response too large
  http,       // an HTTP answer other than 2xx
  protocol,   // a 2xx answer that is not the JSON the vendor documents
  vendor,     // the vendor answered and refused (its own error code)
};

// Every failure names the vendor, the endpoint and the HTTP status or vendor code, with the
// meaning (and fix) the vendor's documentation gives. Never contains a credential.
class ClientError : public std::runtime_error {
 public:
  struct Details {
    ErrorKind kind = ErrorKind::transport;
    std::string vendor;       // "xpyun", "mstching", ...
    std::string endpoint;     // the vendor's name of the endpoint, e.g. "printLabel"
    long http_status = 0;     // 0 = no HTTP answer
    std::string vendor_code;  // empty unless the vendor answered with a code
    std::string detail;       // what happened / the documented meaning and fix
    std::string body;         // the response body, when there was one
    // False only when the request certainly never reached the server (no connection), so a
    // failed print is known not to have printed.
    bool maybe_delivered = true;
  };
  explicit ClientError(Details details);
  const Details& details() const { return details_; }
  ErrorKind kind() const { return details_.kind; }

 private:
  Details details_;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};
  std::size_t max_response_bytes = 4u << 20;
  // Queries only: how many attempts in all, and the wait before the second one (doubled
  // before each further one). Print submissions are always sent exactly once.
  int query_attempts = 3;
  std::chrono::milliseconds retry_backoff{500};
};

// A multipart/form-data part; a file part when `filename` is not empty.
struct FormPart {
  std::string name;
  std::string value;
  std::string filename;
  std::string content_type;
};

struct HttpRequest {
  std::string vendor;    // for messages
  std::string endpoint;  // for messages; the URL itself is never printed (it may hold keys)
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;                 // sent as is when `multipart` is empty
  std::vector<FormPart> multipart;  // sent as multipart/form-data when not empty
};

struct HttpResponse {
  long status = 0;
  std::string body;
};

// Whether a request may be sent again after a transport failure or a 5xx answer. A print
// that timed out may still have printed, so anything that is not a pure query is `never`.
enum class Retry { never, bounded };

class Transport {
 public:
  explicit Transport(TransportOptions options = {});
  const TransportOptions& options() const { return options_; }

  // Returns a 2xx response; throws ClientError (transport or http) otherwise.
  HttpResponse send(const HttpRequest& request, Retry retry) const;

 private:
  HttpResponse send_once(const HttpRequest& request) const;
  TransportOptions options_;
};

// "a=1&b=2" with RFC 3986 percent-encoding of names and values.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
// base + "/" + path, tolerating a trailing slash on base and a leading one on path.
std::string join_url(std::string_view base, std::string_view path);

std::string sha1_hex(std::string_view data);   // lowercase hex
std::string md5_hex(std::string_view data);    // lowercase hex
std::string random_digits(std::size_t count);  // from the OS's CSPRNG
std::string random_hex(std::size_t count);

// Seconds / milliseconds since the Unix epoch, as decimal strings.
std::string unix_seconds();
std::string unix_millis();

}  // namespace dotlabel::client
