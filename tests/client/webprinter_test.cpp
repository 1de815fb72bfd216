// Zhimu webprinter: the document's signature vector, the token flow and every endpoint.
#include "dotlabel/client/webprinter.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "envelope.hpp"
#include "fake_server.hpp"

namespace dotlabel::client {
namespace {

using json = nlohmann::json;
using test::FakeServer;

constexpr const char* kAppId = "f03e4012f1b7471f8ab9b3e9429ed67b";
constexpr const char* kAppKey = "cdd916a412844758a63672461c85f354";
constexpr const char* kToken = "f45b72a7f76b4de0b8bc35825789818a";

TEST(WebprinterSignature, DocumentVectorReproduces) {
  // 3.1.2: appid, timestamp 1753366712000, oncestr 2154214 and the appsecret.
  EXPECT_EQ(webprinter_signature(kAppId, "1753366712000", "2154214", kAppKey),
            "aadc59381dc1ff8e55595be6b5707fc871dae6de");
}

class Webprinter : public ::testing::Test {
 protected:
  void SetUp() override {
    fake.on([this](const httplib::Request& req, httplib::Response& res) {
      if (req.path == "/openapi/getToken") {
        res.set_content(
            json{{"success", true}, {"data", {{"token", kToken}, {"expiresIn", expires_in}}}}
                .dump(),
            "application/json");
        return;
      }
      res.set_content(answer, "application/json");
    });
  }
  WebprinterClient client() {
    TransportOptions o;
    o.total_timeout = std::chrono::milliseconds(3000);
    o.retry_backoff = std::chrono::milliseconds(10);
    return WebprinterClient({kAppId, kAppKey}, fake.url(), o);
  }
  // The requests after the token: each checked for method, path, headers.
  std::vector<json> sent(const std::string& path) {
    std::vector<json> bodies;
    for (const auto& r : fake.requests()) {
      EXPECT_EQ(r.method, "POST");
      EXPECT_EQ(r.header("Content-Type"), "application/json");
      EXPECT_EQ(r.body.find(kAppKey), std::string::npos);
      if (r.path == "/openapi/getToken") {
        json body = json::parse(r.body);
        EXPECT_EQ(body["appid"], kAppId);
        std::string ts = body["timestamp"], once = body["oncestr"];
        EXPECT_EQ(ts.size(), 13u);
        EXPECT_FALSE(once.empty());
        EXPECT_EQ(body["signature"], test::test_sha1(kAppId + ts + once + kAppKey));
        EXPECT_EQ(r.header("Api-Access-Token"), "");
        continue;
      }
      EXPECT_EQ(r.path, path);
      EXPECT_EQ(r.header("Api-Access-Token"), kToken);
      bodies.push_back(json::parse(r.body));
    }
    return bodies;
  }
  FakeServer fake;
  std::string answer = R"({"success":true})";
  std::int64_t expires_in = 86400000;
};

TEST_F(Webprinter, TokenIsCachedUntilExpiry) {
  auto c = client();
  answer = R"({"success":true,"data":[]})";
  c.query_printers();
  c.query_printers();
  std::size_t token_requests = 0;
  for (const auto& r : fake.requests()) token_requests += r.path == "/openapi/getToken";
  EXPECT_EQ(token_requests, 1u);
  EXPECT_EQ(sent("/openapi/control/queryPrinters").size(), 2u);
}

TEST_F(Webprinter, ExpiredTokenIsRenewed) {
  expires_in = 1000;  // inside the renewal margin: every call needs a new one
  auto c = client();
  answer = R"({"success":true,"data":[]})";
  c.query_printers();
  c.query_printers();
  std::size_t token_requests = 0;
  for (const auto& r : fake.requests()) token_requests += r.path == "/openapi/getToken";
  EXPECT_EQ(token_requests, 2u);
}

TEST_F(Webprinter, AddSharePrinter) {
  answer =
      R"({"success":true,"data":{"sn":"pkDgrqeA","printerName":"佳能复合机","deviceType":"printer","printerAlias":"佳能复合机-pkDgrqeA"}})";
  auto r = client().add_share_printer("830487711", "1930");
  EXPECT_EQ(r.data.sn, "pkDgrqeA");
  EXPECT_EQ(r.data.printer_name, "佳能复合机");
  EXPECT_EQ(r.data.printer_alias, "佳能复合机-pkDgrqeA");
  auto bodies = sent("/openapi/control/addSharePrinter");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0], (json{{"shareTicket", "830487711"}, {"password", "1930"}}));
}

TEST_F(Webprinter, RevokeSharePrinter) {
  auto r = client().revoke_share_printer("佳能复合机", "pkDgrqeA");
  EXPECT_TRUE(r.data);
  auto bodies = sent("/openapi/control/revokeSharePrinter");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(
      bodies[0],
      (json{{"printerName", "佳能复合机"}, {"shareSn", "pkDgrqeA"}, {"deviceType", "printer"}}));
}

TEST_F(Webprinter, QueryPrinters) {
  answer =
      R"({"success":true,"data":[{"sn":"pkDgrqeA","printerName":"佳能复合机","deviceType":"printer","printerAlias":"1 楼公区打印机"}]})";
  auto r = client().query_printers();
  ASSERT_EQ(r.data.size(), 1u);
  EXPECT_EQ(r.data[0].printer_alias, "1 楼公区打印机");
  auto bodies = sent("/openapi/control/queryPrinters");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0], json::object());
}

TEST_F(Webprinter, QueryPrinterDetail) {
  answer = R"({"success":true,"data":"{\"supportedColors\":[\"MONOCHROME\"],\"dpi\":300}"})";
  auto r = client().query_printer_detail("佳能复合机", "pkDgrqeA");
  EXPECT_EQ(json::parse(r.data)["dpi"], 300);
  EXPECT_EQ(sent("/openapi/control/queryPrinterDetail").size(), 1u);
}

TEST_F(Webprinter, NewPrintTaskSendsBase64PngWithPaperInMm) {
  answer = R"({"success":true,"data":{"taskId":"pkDgrqeA-amehsz9mg0e8"}})";
  WebprinterPrintJob job;
  job.name = "label 1";
  job.device_name = "佳能复合机";
  job.control_sn = "pkDgrqeA";
  job.png_base64 = "iVBORw0KGgo=";
  job.paper_width_mm = 50;
  job.paper_height_mm = 37.5;
  auto r = client().new_print_task(job);
  EXPECT_EQ(r.data, "pkDgrqeA-amehsz9mg0e8");
  auto bodies = sent("/openapi");
  ASSERT_EQ(bodies.size(), 1u);
  json task = bodies[0]["data"]["task"];
  EXPECT_EQ(bodies[0]["command"], "newPrintTask");
  EXPECT_EQ(task["mediaSource"], "BASE64");
  EXPECT_EQ(task["mediaFormat"], "PNG");
  EXPECT_EQ(task["content"], "iVBORw0KGgo=");
  EXPECT_EQ(task["controlSn"], "pkDgrqeA");
  EXPECT_EQ(task["deviceName"], "佳能复合机");
  EXPECT_EQ(task["deviceType"], "printer");
  EXPECT_EQ(task["config"]["paperConfig"]["width"], 50.0);
  EXPECT_EQ(task["config"]["paperConfig"]["height"], 37.5);
}

TEST_F(Webprinter, GetTask) {
  answer =
      R"({"success":true,"data":{"taskId":"pkDgrqeA-amel55ta2gw0","taskName":"Task001","taskStatus":"FINISHED","statusDetail":"PRINTING","unimsn":"pkDgrqeA"}})";
  auto r = client().get_task("pkDgrqeA-amel55ta2gw0", "pkDgrqeA");
  EXPECT_EQ(r.data.task_status, "FINISHED");
  EXPECT_EQ(webprinter_task_status_meaning(r.data.task_status), "成功");
  auto bodies = sent("/openapi/task/get");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0], (json{{"taskId", "pkDgrqeA-amel55ta2gw0"}, {"controlSn", "pkDgrqeA"}}));
}

TEST_F(Webprinter, RefusalCarriesTheMessageAndIsNotRetried) {
  answer = R"({"success":false,"message":"打印机不在线","data":null})";
  WebprinterPrintJob job;
  {
    auto r = client().new_print_task(job);
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.kind, ErrorKind::vendor);
    EXPECT_NE(describe(e).find("webprinter newPrintTask"), std::string::npos);
    EXPECT_NE(describe(e).find("打印机不在线"), std::string::npos);
  }
  EXPECT_EQ(sent("/openapi").size(), 1u);
}

TEST_F(Webprinter, EnvelopeFuzzNeverThrowsAndPrintsKeepTheirId) {
  WebprinterPrintJob job;
  job.png_base64 = "iVBORw0KGgo=";
  json task = {{"success", true}, {"message", "ok"}, {"data", {{"taskId", "T1"}}}};
  for (const test::Mutation& m : test::envelope_mutations(task)) {
    answer = m.answer.dump();
    WebprinterClient c = client();
    Result<std::string> r;
    ASSERT_NO_THROW(r = c.new_print_task(job)) << m.member << " " << m.what;
    test::expect_print_sane(r, m, "T1", "data");
  }
  for (const json& valid :
       {json{{"success", true}, {"message", "ok"}, {"data", json::array()}},
        json{{"success", true}, {"message", "ok"}, {"data", {{"taskStatus", "QUEUED"}}}},
        json{{"success", true}, {"message", "ok"}, {"data", {{"sn", "S"}}}}})
    for (const test::Mutation& m : test::envelope_mutations(valid)) {
      answer = m.answer.dump();
      WebprinterClient c = client();
      ASSERT_NO_THROW({
        test::expect_sane(c.query_printers(), m);
        test::expect_sane(c.get_task("T1", "S"), m);
        test::expect_sane(c.add_share_printer("t", "p"), m);
        test::expect_sane(c.revoke_share_printer("p", "s", "printer"), m);
        test::expect_sane(c.query_printer_detail("p", "s", "printer"), m);
      }) << m.member
         << " " << m.what;
    }
}

}  // namespace
}  // namespace dotlabel::client
