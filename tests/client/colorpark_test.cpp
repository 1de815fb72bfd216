// ColorPark: form fields as documented; the signature recipe is configuration only.
#include "dotlabel/client/colorpark.hpp"

#include <gtest/gtest.h>

#include "envelope.hpp"
#include "fake_server.hpp"

namespace dotlabel::client {
namespace {

using test::FakeServer;

constexpr const char* kPrinterKey = "cp-printer-key";

ColorparkSignRecipe recipe() {
  return {{"printer_id", "once", "time", "printer_key"}, "md5", "", false};
}

class Colorpark : public ::testing::Test {
 protected:
  ColorparkClient client(std::optional<ColorparkSignRecipe> sign = recipe()) {
    TransportOptions o;
    o.total_timeout = std::chrono::milliseconds(3000);
    o.retry_backoff = std::chrono::milliseconds(10);
    return ColorparkClient({kPrinterKey, sign}, fake.url("/api/Printer/"), o);
  }
  test::Recorded sent(const std::string& endpoint) {
    auto requests = fake.requests();
    EXPECT_EQ(requests.size(), 1u);
    if (requests.empty()) return {};
    const auto& r = requests.back();
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/api/Printer/" + endpoint);
    EXPECT_EQ(r.header("Content-Type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(r.param("printer_id"), "500001");
    EXPECT_FALSE(r.param("once").empty());
    EXPECT_EQ(r.param("time").size(), 10u);
    EXPECT_EQ(r.param("sign"),
              test::test_md5("500001" + r.param("once") + r.param("time") + kPrinterKey));
    EXPECT_EQ(r.body.find(kPrinterKey), std::string::npos);
    return r;
  }
  FakeServer fake;
};

TEST_F(Colorpark, MulPrint) {
  fake.reply(
      R"({"code":0,"msg":"Submitted Successfully","data":{"taskid":20000196,"order_id":"164679033555822","status":0}})");
  ColorparkPrintJob job;
  job.printer_id = "500001";
  job.order_id = "164679033555822";
  job.name = "Product A";
  job.file_url = "https://img.example.invalid/render/1.png";
  job.width_mm = 50;
  job.height_mm = 37.5;
  job.callback_url = "http://www.abc.com/api/callback";
  auto r = client().mul_print(job);
  EXPECT_EQ(r.data.taskid, "20000196");
  EXPECT_EQ(r.data.status, 0);
  auto req = sent("mulPrint");
  EXPECT_EQ(req.param("order_id"), "164679033555822");
  EXPECT_EQ(req.param("name"), "Product A");
  EXPECT_EQ(req.param("file"), "https://img.example.invalid/render/1.png");
  EXPECT_EQ(req.param("width"), "50");
  EXPECT_EQ(req.param("height"), "37.5");
  EXPECT_EQ(req.param("callback"), "http://www.abc.com/api/callback");
}

TEST_F(Colorpark, GetTask) {
  fake.reply(R"({"code":0,"msg":"ok","data":{"taskid":20000196,"printer_id":500001,"status":2}})");
  auto r = client().get_task("500001", "20000196");
  EXPECT_EQ(r.data.status, 2);
  EXPECT_EQ(colorpark_status_meaning(2), "Completed");
  EXPECT_EQ(sent("getTask").param("taskid"), "20000196");
}

TEST_F(Colorpark, CancelPrint) {
  fake.reply(R"({"code":0,"msg":"ok","data":{"taskid":20000196,"status":3}})");
  EXPECT_EQ(client().cancel_print("500001", "20000196").data.status, 3);
  EXPECT_EQ(sent("cancelPrint").param("taskid"), "20000196");
}

TEST_F(Colorpark, MissingRecipeSaysSoAndSendsNothing) {
  {
    auto r = client(std::nullopt).get_task("500001", "1");
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.kind, ErrorKind::config);
    EXPECT_NE(describe(e).find("does not say how `sign` is computed"), std::string::npos)
        << describe(e);
  }
  EXPECT_EQ(fake.count(), 0u);
}

TEST_F(Colorpark, RecipeIsAppliedAsConfigured) {
  ColorparkSignRecipe r{{"time", "printer_key"}, "sha1", "|", true};
  std::string sign = colorpark_sign(r, {{"time", "123"}}, "K").data;
  std::string expected = test::test_sha1("123|K");
  for (char& c : expected) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(sign, expected);
  EXPECT_FALSE(colorpark_sign({{"nope"}, "md5", "", false}, {}, "K").ok());
  EXPECT_FALSE(colorpark_sign({{"time"}, "crc32", "", false}, {{"time", "1"}}, "K").ok());
}

TEST_F(Colorpark, FailureCode) {
  fake.reply(R"({"code":1,"msg":"sign error"})");
  {
    auto r = client().get_task("500001", "1");
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.vendor_code, "1");
    EXPECT_NE(describe(e).find("colorpark getTask"), std::string::npos);
    EXPECT_NE(describe(e).find("sign error"), std::string::npos);
  }
}

TEST_F(Colorpark, EnvelopeFuzzNeverThrowsAndPrintsKeepTheirId) {
  ColorparkPrintJob job;
  job.printer_id = "500001";
  nlohmann::json task = {{"code", 0},
                         {"msg", "ok"},
                         {"data", {{"taskid", 20000196}, {"order_id", "A1"}, {"status", 0}}}};
  for (const test::Mutation& m : test::envelope_mutations(task)) {
    fake.reply(m.answer.dump());
    ColorparkClient c = client();
    Result<ColorparkTask> r;
    ASSERT_NO_THROW(r = c.mul_print(job)) << m.member << " " << m.what;
    test::expect_print_sane(r, m, "20000196", "data");
    ASSERT_NO_THROW({
      test::expect_sane(c.get_task("500001", "1"), m);
      test::expect_sane(c.cancel_print("500001", "1"), m);
    }) << m.member
       << " " << m.what;
  }
}

}  // namespace
}  // namespace dotlabel::client
