// Mstching open platform: URL signature, JSON bodies, documented status codes.
#include "dotlabel/client/mstching.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "envelope.hpp"
#include "fake_server.hpp"

namespace dotlabel::client {
namespace {

using json = nlohmann::json;
using test::FakeServer;

constexpr const char* kAppId = "app-0001";
constexpr const char* kSecret = "mst-secret-7c1e";

class Mstching : public ::testing::Test {
 protected:
  MstchingClient client() {
    TransportOptions o;
    o.total_timeout = std::chrono::milliseconds(3000);
    o.retry_backoff = std::chrono::milliseconds(10);
    return MstchingClient({kAppId, kSecret}, fake.url("/home/"), o);
  }
  json sent(const std::string& endpoint) {
    auto requests = fake.requests();
    EXPECT_EQ(requests.size(), 1u);
    if (requests.empty()) return {};
    const auto& r = requests.back();
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/home/" + endpoint);
    EXPECT_NE(r.header("Content-Type").find("application/json"), std::string::npos);
    EXPECT_EQ(r.param("appid"), kAppId);
    std::string nonce = r.param("nonce"), timestamp = r.param("timestamp");
    EXPECT_GE(nonce.size(), 8u);
    EXPECT_EQ(nonce.find_first_not_of("0123456789"), std::string::npos);
    EXPECT_EQ(timestamp.size(), 10u);
    std::vector<std::string> parts = {kSecret, timestamp, nonce};
    std::sort(parts.begin(), parts.end());
    EXPECT_EQ(r.param("signature"), test::test_sha1(parts[0] + parts[1] + parts[2]));
    EXPECT_EQ(r.body.find(kSecret), std::string::npos);
    return json::parse(r.body);
  }
  FakeServer fake;
};

TEST(MstchingSignature, SortsTheThreeValues) {
  // "1700000000" < "2718281828" < "secret" in byte order.
  EXPECT_EQ(mstching_signature("secret", "1700000000", "2718281828"),
            test::test_sha1("17000000002718281828secret"));
}

TEST_F(Mstching, UserBind) {
  fake.reply(R"({"Code":200,"Message":"成功","OpenUserId":4321})");
  auto r = client().user_bind("DEVICE-UUID", "my-user-7");
  EXPECT_EQ(r.data, 4321);
  EXPECT_TRUE(r.ok());
  json body = sent("userbind");
  EXPECT_EQ(body["Uuid"], "DEVICE-UUID");
  EXPECT_EQ(body["UserId"], "my-user-7");
}

TEST_F(Mstching, GetDeviceState) {
  fake.reply(R"({"Code":200,"Message":"","State":1})");
  EXPECT_EQ(client().get_device_state("DEVICE-UUID").data, 1);
  EXPECT_EQ(sent("getdevicestate")["Uuid"], "DEVICE-UUID");
  EXPECT_EQ(mstching_device_state_meaning(1), "缺纸");
  EXPECT_EQ(mstching_device_state_meaning(4), "离线");
}

TEST_F(Mstching, PrintContent2SendsTheItemListAsAString) {
  fake.reply(R"({"Code":200,"Message":"","TaskId":998877665544})");
  std::string items =
      R"([{"Alignment":0,"BaseText":"5paH5pys","Bold":0,"FontSize":0,"PrintType":0}])";
  EXPECT_EQ(client().print_content2("DEVICE-UUID", items, 4321).data, 998877665544);
  json body = sent("printcontent2");
  ASSERT_TRUE(body["PrintContent"].is_string());
  EXPECT_EQ(body["PrintContent"], items);
  EXPECT_EQ(body["OpenUserId"], 4321);
}

TEST_F(Mstching, PrintHtmlContent) {
  fake.reply(R"({"Code":200,"Message":"","TaskId":12})");
  EXPECT_EQ(client().print_html_content("DEVICE-UUID", "https://example.invalid/a", 7).data, 12);
  json body = sent("printhtmlcontent");
  EXPECT_EQ(body["PrintUrl"], "https://example.invalid/a");
  EXPECT_EQ(body["OpenUserId"], 7);
}

TEST_F(Mstching, GetPrintTaskState) {
  fake.reply(R"({"Code":200,"Message":"","State":3})");
  EXPECT_EQ(client().get_print_task_state(998877665544).data, 3);
  EXPECT_EQ(sent("getprinttaskstate")["TaskId"], 998877665544);
  EXPECT_EQ(mstching_task_state_meaning(3), "任务过期");
}

TEST_F(Mstching, GetDeviceMac) {
  fake.reply(R"({"Code":200,"Message":"","DeviceMac":"AA:BB:CC:DD:EE:FF"})");
  EXPECT_EQ(client().get_device_mac("DEVICE-UUID").data, "AA:BB:CC:DD:EE:FF");
  sent("getdevicemac");
}

TEST_F(Mstching, StatusCodesAreMappedAndPrintsNotRetried) {
  fake.reply(R"({"Code":1010,"Message":"device offline"})");
  {
    auto r = client().print_content2("DEVICE-UUID", "[]", 1);
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.kind, ErrorKind::vendor);
    EXPECT_EQ(e.vendor_code, "1010");
    std::string what = describe(e);
    EXPECT_NE(what.find("mstching printcontent2"), std::string::npos) << what;
    EXPECT_NE(what.find("设备未连接"), std::string::npos) << what;
  }
  EXPECT_EQ(fake.count(), 1u);
  const std::vector<std::pair<int, std::string>> table = {{200, "成功"},
                                                          {1000, "服务处理异常"},
                                                          {1001, "验证签名错误"},
                                                          {1002, "链接失效"},
                                                          {1003, "参数错误"},
                                                          {1004, "AppId 不存在"},
                                                          {1005, "设备不存在"},
                                                          {1006, "开发者账号已被禁用"},
                                                          {1007, "任务不存在或权限不足"},
                                                          {1008, "未通过认证"},
                                                          {1009, "限制调用"},
                                                          {1010, "设备未连接"},
                                                          {1011, "与服务器断开链接"},
                                                          {1012, "打印任务不能为空"}};
  for (const auto& [code, meaning] : table) EXPECT_EQ(mstching_code_meaning(code), meaning);
}

TEST_F(Mstching, LowercaseFieldNamesAreAccepted) {
  fake.reply(R"({"code":200,"message":"ok","taskId":5})");
  EXPECT_EQ(client().print_html_content("U", "https://example.invalid/", 1).data, 5);
}

TEST_F(Mstching, EnvelopeFuzzNeverThrowsAndPrintsKeepTheirId) {
  json task = {{"Code", 200}, {"Message", ""}, {"TaskId", 77}};
  for (const test::Mutation& m : test::envelope_mutations(task)) {
    fake.reply(m.answer.dump());
    MstchingClient c = client();
    Result<std::int64_t> r;
    ASSERT_NO_THROW(r = c.print_content2("U", "[]", 9)) << m.member << " " << m.what;
    test::expect_print_sane(r, m, "77", "TaskId");
    ASSERT_NO_THROW(r = c.print_html_content("U", "https://example.invalid/", 9));
    test::expect_print_sane(r, m, "77", "TaskId");
  }
  for (const json& valid : {json{{"Code", 200}, {"Message", ""}, {"OpenUserId", 5}},
                            json{{"Code", 200}, {"Message", ""}, {"State", 0}},
                            json{{"Code", 200}, {"Message", ""}, {"DeviceMac", "AA"}}})
    for (const test::Mutation& m : test::envelope_mutations(valid)) {
      fake.reply(m.answer.dump());
      MstchingClient c = client();
      ASSERT_NO_THROW({
        test::expect_sane(c.user_bind("U", "u"), m);
        test::expect_sane(c.get_device_state("U"), m);
        test::expect_sane(c.get_print_task_state(1), m);
        test::expect_sane(c.get_device_mac("U"), m);
      }) << m.member
         << " " << m.what;
    }
}

TEST_F(Mstching, TaskIdAsTextIsKeptWhenItCannotBeRead) {
  fake.reply(R"({"Code":200,"Message":null,"TaskId":"77"})");
  auto r = client().print_content2("U", "[]", 9);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind, ErrorKind::protocol);
  EXPECT_EQ(r.error->job_id, "77");
}

}  // namespace
}  // namespace dotlabel::client
