// Internal to the submit clients: the HTTP transport (libcurl), the exception that carries a
// failure from deep inside a call up to the public method that turns it into a Result, and
// the hashing, nonce and clock helpers the vendors' signatures need.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dotlabel/client/transport.hpp"

namespace dotlabel::client {

// A failure inside a client; never leaves the library (see detail::guarded).
class ClientError : public std::runtime_error {
 public:
  explicit ClientError(Error error, std::string body = {});
  const Error& error() const { return error_; }
  ErrorKind kind() const { return error_.kind; }
  const std::string& body() const { return body_; }  // the answer, when there was one

 private:
  Error error_;
  std::string body_;
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

// A library loaded on first use that cannot be: what() says which and what to install.
class LibraryUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Lowercase hex digests, by libcrypto loaded on first use (support/src/crypto_library.hpp):
// LibraryUnavailable when it cannot be loaded. OpenSSL fails to digest only when it cannot
// allocate, so another failure is std::bad_alloc.
std::string sha1_hex(std::string_view data);
std::string md5_hex(std::string_view data);
std::string random_digits(std::size_t count);  // from the kernel's CSPRNG (getrandom)
std::string random_hex(std::size_t count);

// Seconds / milliseconds since the Unix epoch, as decimal strings.
std::string unix_seconds();
std::string unix_millis();

}  // namespace dotlabel::client
