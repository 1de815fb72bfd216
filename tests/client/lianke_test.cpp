// Lianke cloud print: ApiKey header, multipart job submission, status, cancel, device queries.
#include "dotlabel/client/lianke.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "envelope.hpp"
#include "fake_server.hpp"

namespace dotlabel::client {
namespace {

using test::FakeServer;

constexpr const char* kApiKey = "lk-api-key-0042";
constexpr const char* kDeviceKey = "lk-device-pass";

class Lianke : public ::testing::Test {
 protected:
  LiankeClient client() {
    TransportOptions o;
    o.total_timeout = std::chrono::milliseconds(3000);
    o.retry_backoff = std::chrono::milliseconds(10);
    return LiankeClient({kApiKey, kDeviceKey}, fake.url("/api"), o);
  }
  test::Recorded sent(const std::string& method, const std::string& path) {
    auto requests = fake.requests();
    EXPECT_EQ(requests.size(), 1u);
    if (requests.empty()) return {};
    const auto& r = requests.back();
    EXPECT_EQ(r.method, method);
    EXPECT_EQ(r.path, path);
    EXPECT_EQ(r.header("ApiKey"), kApiKey);
    return r;
  }
  FakeServer fake;
};

TEST_F(Lianke, SubmitJobIsMultipartWithCustomPaperAndOurPng) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"task_id":"T-12345"}})");
  LiankePrintJob job;
  job.device_id = "lc27cs03124305";
  job.device_port = 2;
  job.printer_model = "Zebra ZD888";
  job.paper_width = 500;
  job.paper_length = 375;
  job.png = {0x89, 'P', 'N', 'G', 0, 1, 2};
  auto r = client().submit_job(job);
  EXPECT_EQ(r.data, "T-12345");
  auto req = sent("POST", "/api/print/job");
  EXPECT_NE(req.header("Content-Type").find("multipart/form-data"), std::string::npos);
  auto field = [&](const std::string& name) {
    auto it = req.files.find(name);
    return it == req.files.end() ? std::string("<missing>") : it->second.content;
  };
  EXPECT_EQ(field("deviceId"), "lc27cs03124305");
  EXPECT_EQ(field("deviceKey"), kDeviceKey);
  EXPECT_EQ(field("devicePort"), "2");
  EXPECT_EQ(field("printerModel"), "Zebra ZD888");
  EXPECT_EQ(field("dmPaperSize"), "0");
  EXPECT_EQ(field("dmPaperWidth"), "500");
  EXPECT_EQ(field("dmPaperLength"), "375");
  ASSERT_TRUE(req.files.count("jobFile"));
  const auto& file = req.files.find("jobFile")->second;
  EXPECT_EQ(file.content, std::string("\x89PNG\0\1\2", 7));
  EXPECT_EQ(file.content_type, "image/png");
  EXPECT_EQ(file.filename, "label.png");
}

TEST_F(Lianke, JobState) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"task_id":"T-12345","task_state":"SUCCESS"}})");
  EXPECT_EQ(client().job_state("lc27", 1, "T-12345").data, "SUCCESS");
  auto req = sent("GET", "/api/print/job");
  EXPECT_EQ(req.param("deviceId"), "lc27");
  EXPECT_EQ(req.param("deviceKey"), kDeviceKey);
  EXPECT_EQ(req.param("devicePort"), "1");
  EXPECT_EQ(req.param("task_id"), "T-12345");
  for (auto s : {"READY", "PARSING", "SENDING", "SUCCESS", "FAILURE", "REVOKED"})
    EXPECT_FALSE(lianke_task_state_meaning(s).empty()) << s;
}

TEST_F(Lianke, CancelJob) {
  fake.reply(R"({"code":200,"msg":"ok","data":{}})");
  client().cancel_job("lc27", 1, "T-12345");
  auto req = sent("DELETE", "/api/print/job");
  EXPECT_EQ(req.param("task_id"), "T-12345");
}

TEST_F(Lianke, DeviceInfo) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"device_id":"lc27","online":1}})");
  auto r = client().device_info("lc27");
  EXPECT_EQ(nlohmann::json::parse(r.data)["online"], 1);
  EXPECT_EQ(sent("GET", "/api/device/device_info").param("deviceId"), "lc27");
}

TEST_F(Lianke, PrinterList) {
  fake.reply(R"({"code":200,"msg":"ok","data":[{"port":1,"driver_name":"Zebra ZD888"}]})");
  auto r = client().printer_list("lc27", 3);
  EXPECT_EQ(nlohmann::json::parse(r.data)[0]["port"], 1);
  EXPECT_EQ(sent("GET", "/api/external_api/printer_list").param("printerType"), "3");
}

TEST_F(Lianke, RefusalIsReportedWithTheVendorCodeAndNotRetried) {
  fake.reply(R"({"code":401,"msg":"设备密码错误"})");
  LiankePrintJob job;
  {
    auto r = client().submit_job(job);
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.vendor_code, "401");
    std::string what = describe(e);
    EXPECT_NE(what.find("lianke POST /print/job"), std::string::npos) << what;
    EXPECT_NE(what.find("设备密码错误"), std::string::npos) << what;
    EXPECT_EQ(what.find(kDeviceKey), std::string::npos);
    EXPECT_EQ(what.find(kApiKey), std::string::npos);
  }
  EXPECT_EQ(fake.count(), 1u);
}

TEST_F(Lianke, EnvelopeFuzzNeverThrowsAndPrintsKeepTheirId) {
  LiankePrintJob job;
  nlohmann::json task = {{"code", 200}, {"msg", "ok"}, {"data", {{"task_id", "T-1"}}}};
  for (const test::Mutation& m : test::envelope_mutations(task)) {
    fake.reply(m.answer.dump());
    LiankeClient c = client();
    Result<std::string> r;
    ASSERT_NO_THROW(r = c.submit_job(job)) << m.member << " " << m.what;
    test::expect_print_sane(r, m, "T-1", "data");
    ASSERT_NO_THROW({
      test::expect_sane(c.job_state("lc27", 1, "T-1"), m);
      test::expect_sane(c.cancel_job("lc27", 1, "T-1"), m);
      test::expect_sane(c.device_info("lc27"), m);
      test::expect_sane(c.printer_list("lc27"), m);
      test::expect_sane(c.printer_params("lc27", "ZD888"), m);
      test::expect_sane(c.printer_enum(), m);
      test::expect_sane(c.printer_status("lc27", 1), m);
      test::expect_sane(c.file_pages(job), m);
    }) << m.member
       << " " << m.what;
  }
}

TEST_F(Lianke, SubmitJobSendsCallbackAndStatusReportsOnlyWhenGiven) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"task_id":"T-2"}})");
  LiankePrintJob job;
  job.callback_url = "https://example.invalid/cb";
  job.report_device_status = true;
  job.report_printer_status = false;
  EXPECT_EQ(client().submit_job(job).data, "T-2");
  auto req = sent("POST", "/api/print/job");
  auto field = [&](const std::string& name) {
    auto it = req.files.find(name);
    return it == req.files.end() ? std::string("<missing>") : it->second.content;
  };
  EXPECT_EQ(field("callbackUrl"), "https://example.invalid/cb");
  EXPECT_EQ(field("reportDeviceStatus"), "1");
  EXPECT_EQ(field("reportPrinterStatus"), "0");

  LiankePrintJob plain;
  client().submit_job(plain);
  auto second = fake.requests().back();
  for (const char* name : {"callbackUrl", "reportDeviceStatus", "reportPrinterStatus"})
    EXPECT_EQ(second.files.count(name), 0u) << name;
}

TEST_F(Lianke, PrinterParamsOfAModel) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"Capabilities":{"Papers":{"A4":9}}}})");
  auto r = client().printer_params("lc27", "Zebra ZD888");
  EXPECT_EQ(nlohmann::json::parse(r.data)["Capabilities"]["Papers"]["A4"], 9);
  auto req = sent("GET", "/api/print/printer_params");
  EXPECT_EQ(req.param("deviceId"), "lc27");
  EXPECT_EQ(req.param("deviceKey"), kDeviceKey);
  EXPECT_EQ(req.param("printerModel"), "Zebra ZD888");
}

TEST_F(Lianke, PrinterEnumNeedsOnlyTheApiKey) {
  fake.reply(R"({"code":200,"msg":"ok","data":[{"name":"Zebra ZD888"}]})");
  TransportOptions o;
  o.total_timeout = std::chrono::milliseconds(3000);
  LiankeClient no_box({kApiKey, ""}, fake.url("/api"), o);
  auto r = no_box.printer_enum();
  ASSERT_TRUE(r.ok()) << describe(*r.error);
  EXPECT_EQ(nlohmann::json::parse(r.data)[0]["name"], "Zebra ZD888");
  auto req = sent("GET", "/api/print/printer_enum");
  EXPECT_EQ(req.params.size(), 0u);
  // Every other endpoint needs the box's password, and sends nothing without it.
  EXPECT_EQ(no_box.printer_status("lc27", 1).error->kind, ErrorKind::config);
  EXPECT_EQ(fake.count(), 1u);
}

TEST_F(Lianke, PrinterStatusOfAUsbPort) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"outOfPaper":true}})");
  auto r = client().printer_status("lc27", 2);
  EXPECT_EQ(nlohmann::json::parse(r.data)["outOfPaper"], true);
  auto req = sent("GET", "/api/device/printer_status");
  EXPECT_EQ(req.param("deviceId"), "lc27");
  EXPECT_EQ(req.param("deviceKey"), kDeviceKey);
  EXPECT_EQ(req.param("usbPort"), "2");
}

TEST_F(Lianke, FilePagesSendsTheJobAsAPrintWould) {
  fake.reply(R"({"code":200,"msg":"ok","data":1})");
  LiankePrintJob job;
  job.device_id = "lc27";
  job.printer_model = "ZD888";
  job.paper_width = 500;
  job.png = {0x89, 'P', 'N', 'G'};
  EXPECT_EQ(client().file_pages(job).data, "1");
  auto req = sent("POST", "/api/print/file_pages");
  EXPECT_EQ(req.files.find("deviceKey")->second.content, kDeviceKey);
  EXPECT_EQ(req.files.find("printerModel")->second.content, "ZD888");
  EXPECT_EQ(req.files.find("dmPaperWidth")->second.content, "500");
  EXPECT_EQ(req.files.find("jobFile")->second.content, std::string("\x89PNG", 4));
}

}  // namespace
}  // namespace dotlabel::client
