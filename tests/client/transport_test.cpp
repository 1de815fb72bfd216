// The shared transport: faults (refused, timeout, 5xx, non-JSON, oversized, slow) and the
// retry policy (prints exactly once, queries a bounded number of times), and the internal
// helpers of client/src.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/client/xpyun.hpp"
#include "fake_server.hpp"
#include "http.hpp"  // client/src: the internal helpers tested below

namespace dotlabel::client {
namespace {

using test::FakeServer;
using namespace std::chrono_literals;

TransportOptions fast() {
  TransportOptions o;
  o.connect_timeout = 1000ms;
  o.total_timeout = 2000ms;
  o.retry_backoff = 10ms;
  o.query_attempts = 3;
  return o;
}

XpyunClient xpyun(const FakeServer& fake, TransportOptions options = fast()) {
  return XpyunClient({"user", "key"}, fake.url("/api/openapi/sprinter/"), options);
}

// A port on 127.0.0.1 nobody listens on: bound, then released.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
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

TEST(Transport, ConnectionRefusedIsATransportErrorNamingVendorAndEndpoint) {
  std::string base = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  XpyunClient client({"user", "key"}, base, fast());
  Error e = error_of([&] { return client.print_label("SN", "<PAGE/>"); });
  EXPECT_EQ(e.kind, ErrorKind::transport);
  EXPECT_FALSE(e.maybe_delivered);
  EXPECT_NE(describe(e).find("xpyun printLabel"), std::string::npos) << describe(e);
}

TEST(Transport, TimeoutOfAPrintIsReportedAndNotRetried) {
  FakeServer fake;
  fake.on([](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(1500ms);
    res.set_content(R"({"code":0,"msg":"ok","data":"X","serverExecutedTime":1})",
                    "application/json");
  });
  TransportOptions o = fast();
  o.total_timeout = 200ms;
  auto client = xpyun(fake, o);
  auto start = std::chrono::steady_clock::now();
  Error e = error_of([&] { return client.print_label("SN", "<PAGE/>"); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);
  EXPECT_EQ(e.kind, ErrorKind::transport);
  EXPECT_TRUE(e.maybe_delivered);
  EXPECT_NE(describe(e).find("timed out"), std::string::npos) << describe(e);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(fake.count(), 1u);
}

TEST(Transport, SlowTricklingResponseHitsTheTotalTimeout) {
  FakeServer fake;
  fake.on([](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json", [](std::size_t, httplib::DataSink& sink) {
      for (int i = 0; i < 20 && sink.is_writable(); ++i) {
        sink.write(" ", 1);
        std::this_thread::sleep_for(50ms);
      }
      sink.done();
      return true;
    });
  });
  TransportOptions o = fast();
  o.total_timeout = 300ms;
  o.query_attempts = 1;
  auto client = xpyun(fake, o);
  Error e = error_of([&] { return client.query_order_state("X"); });
  EXPECT_EQ(e.kind, ErrorKind::transport);
  EXPECT_NE(describe(e).find("timed out"), std::string::npos) << describe(e);
}

TEST(Transport, Http500OfAPrintIsNotRetried) {
  FakeServer fake;
  fake.reply("oops", 500);
  auto client = xpyun(fake);
  Error e = error_of([&] { return client.print_label("SN", "<PAGE/>"); });
  EXPECT_EQ(e.kind, ErrorKind::http);
  EXPECT_EQ(e.http_status, 500);
  EXPECT_NE(describe(e).find("HTTP 500"), std::string::npos) << describe(e);
  EXPECT_EQ(fake.count(), 1u);
}

TEST(Transport, EveryPrintEndpointIsSentExactlyOnceOnFailure) {
  FakeServer fake;
  fake.reply("busy", 503);
  auto client = xpyun(fake);
  EXPECT_FALSE(client.print("SN", "https://x/y.txt").ok());
  EXPECT_FALSE(client.print_image("SN", "iVBOR").ok());
  EXPECT_FALSE(client.print_label("SN", "<PAGE/>").ok());
  EXPECT_FALSE(client.upload_logo("SN", "iVBOR").ok());
  EXPECT_EQ(fake.count(), 4u);
}

TEST(Transport, QueriesRetryABoundedNumberOfTimes) {
  FakeServer fake;
  fake.reply("busy", 503);
  auto client = xpyun(fake);
  EXPECT_FALSE(client.query_order_state("X").ok());
  EXPECT_EQ(fake.count(), 3u);
}

TEST(Transport, QueryRetrySucceedsAfterATransientFailure) {
  FakeServer fake;
  std::atomic<int> calls = 0;
  fake.on([&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 502;
      return;
    }
    res.set_content(R"({"msg":"ok","code":0,"data":true,"serverExecutedTime":15})",
                    "application/json");
  });
  auto client = xpyun(fake);
  EXPECT_TRUE(client.query_order_state("SMI22062414383892298255").data);
  EXPECT_EQ(fake.count(), 2u);
}

TEST(Transport, VendorRefusalsAreNotRetried) {
  FakeServer fake;
  fake.reply(R"({"msg":"ORDER_NOT_FOUND","code":1005,"data":false,"serverExecutedTime":13})");
  auto client = xpyun(fake);
  EXPECT_FALSE(client.query_order_state("X").ok());
  EXPECT_EQ(fake.count(), 1u);
}

TEST(Transport, NonJsonBodyIsAProtocolError) {
  FakeServer fake;
  fake.on([](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html>gateway</html>", "text/html");
  });
  auto client = xpyun(fake);
  auto r = client.print_label("SN", "<PAGE/>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind, ErrorKind::protocol);
  EXPECT_EQ(r.body, "<html>gateway</html>");
  EXPECT_NE(describe(*r.error).find("not a JSON object"), std::string::npos);
}

TEST(Transport, OversizedBodyIsCutOff) {
  FakeServer fake;
  fake.on([](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(3u << 20, 'x'), "application/json");
  });
  TransportOptions o = fast();
  o.max_response_bytes = 1u << 20;
  auto client = xpyun(fake, o);
  Error e = error_of([&] { return client.print_label("SN", "<PAGE/>"); });
  EXPECT_EQ(e.kind, ErrorKind::transport);
  EXPECT_NE(describe(e).find("larger than 1048576 bytes"), std::string::npos) << describe(e);
}

TEST(Transport, RedirectsAreNotFollowed) {
  FakeServer fake;
  fake.on([](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("http://127.0.0.1:1/elsewhere");
  });
  auto client = xpyun(fake);
  Error e = error_of([&] { return client.print_label("SN", "<PAGE/>"); });
  EXPECT_EQ(e.kind, ErrorKind::http);
  EXPECT_EQ(e.http_status, 302);
  EXPECT_EQ(fake.count(), 1u);
}

TEST(Transport, OnlyHttpAndHttpsAreSpoken) {
  XpyunClient client({"user", "key"}, "file:///etc/", fast());
  EXPECT_EQ(error_of([&] { return client.get_await_tasks("SN"); }).kind, ErrorKind::transport);
}

TEST(Helpers, FormEncodingAndUrlJoining) {
  EXPECT_EQ(form_encode({{"a b", "x&y=z"}, {"c", "中"}}), "a%20b=x%26y%3Dz&c=%E4%B8%AD");
  EXPECT_EQ(join_url("http://h/a/", "/b"), "http://h/a/b");
  EXPECT_EQ(join_url("http://h/a", "b"), "http://h/a/b");
}

TEST(Helpers, HashesMatchOpenSsl) {
  EXPECT_EQ(sha1_hex("accabcacbc"), test::test_sha1("accabcacbc"));
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  std::string digits = random_digits(10);
  EXPECT_EQ(digits.size(), 10u);
  EXPECT_EQ(digits.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(random_hex(32).find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(unix_seconds().size(), 10u);
  EXPECT_EQ(unix_millis().size(), 13u);
}

}  // namespace
}  // namespace dotlabel::client
