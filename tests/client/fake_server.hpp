// An in-process HTTP server on 127.0.0.1 (an ephemeral port) standing in for a vendor's cloud:
// it records every request and answers with whatever the test says.
#pragma once

#include <httplib.h>
#include <openssl/evp.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dotlabel::test {

struct Recorded {
  std::string method;
  std::string path;
  httplib::Headers headers;
  std::multimap<std::string, std::string> params;  // query string (and urlencoded form body)
  std::string body;
  httplib::MultipartFormDataMap files;  // multipart parts

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::string param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? "" : it->second;
  }
};

class FakeServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  FakeServer() {
    auto route = [this](const httplib::Request& request, httplib::Response& response) {
      Handler handler;
      {
        std::lock_guard lock(mutex_);
        Recorded r{request.method, request.path, request.headers,
                   request.params, request.body, request.files};
        requests_.push_back(std::move(r));
        handler = handler_;
      }
      if (handler) handler(request, response);
    };
    server_.Get(".*", route);
    server_.Post(".*", route);
    server_.Delete(".*", route);
    server_.set_keep_alive_max_count(1);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only works once the accept loop runs.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeServer() {
    server_.stop();
    thread_.join();
  }
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void on(Handler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }
  // Answers every request with this JSON body (HTTP 200).
  void reply(std::string json, int status = 200) {
    on([json = std::move(json), status](const httplib::Request&, httplib::Response& res) {
      res.status = status;
      res.set_content(json, "application/json;charset=UTF-8");
    });
  }
  std::vector<Recorded> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  Handler handler_;
  std::vector<Recorded> requests_;
};

// Independent of the library's own helper: OpenSSL's one-shot digest, lowercase hex.
inline std::string digest(const EVP_MD* md, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out, &n, md, nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < n; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", out[i]);
    hex += byte;
  }
  return hex;
}
inline std::string test_sha1(const std::string& data) {
  return digest(EVP_sha1(), data);
}
inline std::string test_md5(const std::string& data) {
  return digest(EVP_md5(), data);
}

}  // namespace dotlabel::test
