// The shared HTTP transport of the submit clients: one libcurl easy handle per request, TLS
// verification on, bounded time and response size, bounded retries for queries only.
#include "http.hpp"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <new>
#include <system_error>
#include <thread>

#include "crypto_library.hpp"
#include "curl_library.hpp"

namespace dotlabel::client {

namespace {

struct CurlDeleter {
  const Curl* curl;
  void operator()(CURL* handle) const { curl->easy_cleanup(handle); }
  void operator()(curl_slist* list) const { curl->slist_free_all(list); }
  void operator()(curl_mime* mime) const { curl->mime_free(mime); }
};

struct Sink {
  std::string body;
  std::size_t limit = 0;
  bool overflow = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t n = size * count;
  if (sink->body.size() + n > sink->limit) {
    sink->overflow = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  sink->body.append(data, n);
  return n;
}

// `which` picks the digest from the loaded libcrypto; a signature is made before anything is
// sent, so libcrypto missing is a configuration error that sent nothing (as libcurl missing is).
using DigestFunction = decltype(support::Crypto::EVP_sha1);
std::string digest_hex(DigestFunction support::Crypto::*which, std::string_view data) {
  std::string why;
  const support::Crypto* crypto = support::load_crypto(why);
  if (!crypto) throw LibraryUnavailable(why);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (crypto->EVP_Digest(data.data(), data.size(), out, &length, (crypto->*which)(), nullptr) != 1)
    throw std::bad_alloc();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 15];
  }
  return hex;
}

// getrandom(2) without flags: the kernel's CSPRNG, the source OpenSSL's RAND_bytes seeds from;
// it blocks only until the pool is first seeded at boot. The nonces it makes are not secrets,
// but a vendor may refuse one it has seen, so they must not repeat or be guessable.
void random_bytes(unsigned char* out, std::size_t count) {
  while (count > 0) {
    ssize_t got = ::getrandom(out, count, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    // Fewer bytes than asked come only for more than 256 or after a signal: ask for the rest.
    out += got;
    count -= static_cast<std::size_t>(got);
  }
}

std::string random_from(std::string_view alphabet, std::size_t count) {
  // Rejection sampling keeps every symbol equally likely.
  const unsigned limit = 256 - 256 % alphabet.size();
  std::string out;
  unsigned char bytes[64];
  while (out.size() < count) {
    random_bytes(bytes, sizeof bytes);
    for (unsigned char byte : bytes)
      if (byte < limit && out.size() < count) out += alphabet[byte % alphabet.size()];
  }
  return out;
}

bool retryable(const ClientError& e) {
  if (e.kind() == ErrorKind::transport) return true;
  long s = e.error().http_status;
  return e.kind() == ErrorKind::http && (s >= 500 || s == 429);
}

}  // namespace

std::string describe(const Error& e) {
  std::string text = e.vendor + " " + e.endpoint + ": ";
  if (e.http_status != 0 && e.kind == ErrorKind::http)
    text += "HTTP " + std::to_string(e.http_status) + ": ";
  if (!e.vendor_code.empty()) text += "vendor code " + e.vendor_code + ": ";
  return text + e.detail;
}

ClientError::ClientError(Error error, std::string body)
    : std::runtime_error(describe(error)), error_(std::move(error)), body_(std::move(body)) {}

Transport::Transport(TransportOptions options) : options_(std::move(options)) {}

HttpResponse Transport::send(const HttpRequest& request, Retry retry) const {
  int attempts = retry == Retry::bounded ? std::max(1, options_.query_attempts) : 1;
  auto wait = options_.retry_backoff;
  for (int attempt = 1;; ++attempt) {
    try {
      return send_once(request);
    } catch (const ClientError& e) {
      if (attempt >= attempts || !retryable(e)) throw;
    }
    std::this_thread::sleep_for(wait);
    wait *= 2;
  }
}

HttpResponse Transport::send_once(const HttpRequest& request) const {
  auto fail = [&](ErrorKind kind, std::string detail, long status = 0, std::string body = {},
                  bool maybe_delivered = true) {
    return ClientError(
        {kind, request.vendor, request.endpoint, status, {}, std::move(detail), maybe_delivered},
        std::move(body));
  };
  std::string why;
  const Curl* api = load_curl(why);
  if (!api) throw fail(ErrorKind::config, why, 0, {}, false);  // nothing was sent
  const Curl& curl = *api;
  std::unique_ptr<CURL, CurlDeleter> handle(curl.easy_init(), CurlDeleter{api});
  if (!handle) throw fail(ErrorKind::transport, "cannot create a libcurl handle");
  CURL* h = handle.get();
  char error[CURL_ERROR_SIZE] = {};
  Sink sink;
  sink.limit = options_.max_response_bytes;

  curl.easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  // A redirect would resend credentials and print jobs to a host nobody configured.
  curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl.easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, write_body);
  curl.easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl.easy_setopt(h, CURLOPT_USERAGENT, "dotlabel-submit");

  curl_slist* raw_headers = nullptr;
  for (const auto& [name, value] : request.headers)
    raw_headers = curl.slist_append(raw_headers, (name + ": " + value).c_str());
  // libcurl would otherwise send "Expect: 100-continue" for large bodies and wait for it.
  raw_headers = curl.slist_append(raw_headers, "Expect:");
  std::unique_ptr<curl_slist, CurlDeleter> headers(raw_headers, CurlDeleter{api});
  curl.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

  std::unique_ptr<curl_mime, CurlDeleter> mime(nullptr, CurlDeleter{api});
  if (!request.multipart.empty()) {
    mime.reset(curl.mime_init(h));
    for (const FormPart& part : request.multipart) {
      curl_mimepart* p = curl.mime_addpart(mime.get());
      curl.mime_name(p, part.name.c_str());
      curl.mime_data(p, part.value.data(), part.value.size());
      if (!part.filename.empty()) curl.mime_filename(p, part.filename.c_str());
      if (!part.content_type.empty()) curl.mime_type(p, part.content_type.c_str());
    }
    curl.easy_setopt(h, CURLOPT_MIMEPOST, mime.get());
  } else if (request.method == "POST" || !request.body.empty()) {
    curl.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl.easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  }
  if (request.method == "GET")
    curl.easy_setopt(h, CURLOPT_HTTPGET, 1L);
  else if (request.method != "POST")
    curl.easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());

  CURLcode rc = curl.easy_perform(h);
  if (sink.overflow)
    throw fail(ErrorKind::transport,
               "response larger than " + std::to_string(options_.max_response_bytes) + " bytes");
  if (rc != CURLE_OK) {
    std::string what = error[0] ? error : curl.easy_strerror(rc);
    bool no_connection = rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY ||
                         rc == CURLE_COULDNT_CONNECT || rc == CURLE_UNSUPPORTED_PROTOCOL ||
                         rc == CURLE_URL_MALFORMAT;
    throw fail(ErrorKind::transport, what, 0, {}, !no_connection);
  }
  HttpResponse response;
  curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(sink.body);
  if (response.status < 200 || response.status > 299)
    throw fail(ErrorKind::http, "the server did not accept the request", response.status,
               std::move(response.body));
  return response;
}

// RFC 3986: everything but the unreserved characters is percent-encoded, byte by byte.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  auto escape = [](const std::string& s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '.' || c == '_' || c == '~') {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  };
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += escape(name) + "=" + escape(value);
  }
  return out;
}

std::string join_url(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return std::string(base) + "/" + std::string(path);
}

std::string sha1_hex(std::string_view data) {
  return digest_hex(&support::Crypto::EVP_sha1, data);
}
std::string md5_hex(std::string_view data) {
  return digest_hex(&support::Crypto::EVP_md5, data);
}
std::string random_digits(std::size_t count) {
  return random_from("0123456789", count);
}
std::string random_hex(std::size_t count) {
  return random_from("0123456789abcdef", count);
}

std::string unix_seconds() {
  using namespace std::chrono;
  return std::to_string(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

std::string unix_millis() {
  using namespace std::chrono;
  return std::to_string(
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace dotlabel::client
