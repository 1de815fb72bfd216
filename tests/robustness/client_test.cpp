// Issue #7, clients: tests/client/transport_test.cpp covers refused connections, timeouts,
// 5xx, non-JSON and oversized bodies. These add the servers that answer with nothing at all:
// a connection closed without a reply, an accepted connection that stays silent, and an empty
// 200 body. Each is a typed client Error within the timeout.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/client/xpyun.hpp"

namespace dotlabel::client {
namespace {

using namespace std::chrono_literals;

// A listener on 127.0.0.1 that reads each request and then does `answer` to the connection:
// raw sockets, because an HTTP server library always answers something.
class RawServer {
 public:
  enum class Answer { close, silent, empty_200 };

  explicit RawServer(Answer answer) : answer_(answer) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(listener_, 8);
    thread_ = std::thread([this] { serve(); });
  }
  ~RawServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  void serve() {
    while (!stopping_) {
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      char buffer[4096];
      (void)::recv(fd, buffer, sizeof buffer, 0);
      if (answer_ == Answer::silent) {
        // Holds the connection open until the client gives up.
        while (!stopping_ && ::recv(fd, buffer, sizeof buffer, 0) > 0) {
        }
      } else if (answer_ == Answer::empty_200) {
        const std::string reply =
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      }
      ::close(fd);
    }
  }

  Answer answer_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

TransportOptions quick() {
  TransportOptions o;
  o.connect_timeout = 1000ms;
  o.total_timeout = 500ms;
  o.retry_backoff = 10ms;
  o.query_attempts = 1;
  return o;
}

// The error of a call that must fail.
template <typename F>
Error error_of(F&& call) {
  auto result = call();
  if (result.ok()) {
    ADD_FAILURE() << "the call succeeded";
    return {};
  }
  return *result.error;
}

// The print call against `answer`: its error, and that it came within the total timeout
// (plus a wide margin for a loaded machine).
Error print_against(RawServer::Answer answer) {
  RawServer server(answer);
  XpyunClient client({"user", "key"}, server.url(), quick());
  auto start = std::chrono::steady_clock::now();
  Error e = error_of([&] { return client.print_label("SN", "<PAGE/>"); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  return e;
}

TEST(ClientFaults, ConnectionClosedWithoutAReplyIsATransportError) {
  Error e = print_against(RawServer::Answer::close);
  EXPECT_EQ(e.kind, ErrorKind::transport) << describe(e);
  EXPECT_TRUE(e.maybe_delivered);  // the request was sent: never resent
}

TEST(ClientFaults, SilentServerIsATimeout) {
  Error e = print_against(RawServer::Answer::silent);
  EXPECT_EQ(e.kind, ErrorKind::transport) << describe(e);
  EXPECT_NE(describe(e).find("timed out"), std::string::npos) << describe(e);
}

TEST(ClientFaults, EmptyBodyIsAProtocolError) {
  Error e = print_against(RawServer::Answer::empty_200);
  EXPECT_EQ(e.kind, ErrorKind::protocol) << describe(e);
}

}  // namespace
}  // namespace dotlabel::client
