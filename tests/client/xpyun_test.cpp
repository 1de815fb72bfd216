// Xpyun barcode cloud: every endpoint against a fake that checks what the document requires
// and answers with the document's sample bodies.
#include "dotlabel/client/xpyun.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "envelope.hpp"
#include "fake_server.hpp"

namespace dotlabel::client {
namespace {

using json = nlohmann::json;
using test::FakeServer;

constexpr const char* kUser = "testuser@google.com";
constexpr const char* kKey = "s3cr3t-UserKEY";

class Xpyun : public ::testing::Test {
 protected:
  XpyunClient client() {
    TransportOptions o;
    o.total_timeout = std::chrono::milliseconds(3000);
    o.retry_backoff = std::chrono::milliseconds(10);
    return XpyunClient({kUser, kKey}, fake.url("/api/openapi/sprinter/"), o);
  }
  // The one request sent: method, path, content type, common fields and signature checked.
  json sent(const std::string& endpoint) {
    auto requests = fake.requests();
    EXPECT_EQ(requests.size(), 1u);
    if (requests.empty()) return {};
    const auto& r = requests.back();
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/api/openapi/sprinter/" + endpoint);
    EXPECT_EQ(r.header("Content-Type"), "application/json;charset=UTF-8");
    json body = json::parse(r.body);
    EXPECT_EQ(body["user"], kUser);
    std::string timestamp = body["timestamp"].get<std::string>();
    EXPECT_EQ(timestamp.size(), 10u);
    EXPECT_EQ(timestamp.find_first_not_of("0123456789"), std::string::npos);
    EXPECT_EQ(body["sign"], test::test_sha1(std::string(kUser) + kKey + timestamp));
    EXPECT_FALSE(body.contains("key")) << "the UserKEY itself is never sent";
    EXPECT_EQ(r.body.find(kKey), std::string::npos);
    return body;
  }
  FakeServer fake;
};

TEST(XpyunSign, DocumentExample) {
  // sign 参数说明: user=acc, UserKEY=abc, timestamp=acbc -> SHA1("accabcacbc").
  EXPECT_EQ(xpyun_sign("acc", "abc", "acbc"), test::test_sha1("accabcacbc"));
  EXPECT_EQ(xpyun_sign("acc", "abc", "acbc").size(), 40u);
}

TEST_F(Xpyun, VerifyPrinter) {
  fake.reply(R"({"msg":"ok","code":0,"data":true,"serverExecutedTime":8})");
  auto r = client().verify_printer("XPY123456789A", "测试");
  EXPECT_TRUE(r.data);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.message, "ok");
  json body = sent("verifyPrinter");
  EXPECT_EQ(body["sn"], "XPY123456789A");
  EXPECT_EQ(body["name"], "测试");
}

TEST_F(Xpyun, Print) {
  fake.reply(R"({"msg":"ok","code":0,"data":"SMI22062414383892298255","serverExecutedTime":23})");
  auto r = client().print("XPY123456789A", "https://m.starpany.cn/print_task_1.txt",
                          {.copies = 2, .mode = 1, .direct = {}});
  EXPECT_EQ(r.data, "SMI22062414383892298255");
  json body = sent("print");
  EXPECT_EQ(body["content"], "https://m.starpany.cn/print_task_1.txt");
  EXPECT_EQ(body["copies"], 2);
  EXPECT_EQ(body["mode"], 1);
}

TEST_F(Xpyun, PrintImage) {
  fake.reply(R"({"msg":"ok","code":0,"data":"SMI22062414383892298255","serverExecutedTime":23})");
  XpyunImageOptions o;
  o.paper_width = 320;
  o.compress = true;
  o.paper_type = "M";
  auto r = client().print_image("XPY123456789A", "iVBORw0KGgo=", o);
  EXPECT_EQ(r.data, "SMI22062414383892298255");
  json body = sent("printImage");
  EXPECT_EQ(body["content"], "iVBORw0KGgo=");
  EXPECT_EQ(body["paperWidth"], 320);
  EXPECT_EQ(body["compress"], true);
  EXPECT_EQ(body["paperType"], "M");
  EXPECT_FALSE(body.contains("copies")) << "absent options keep the vendor's default";
}

TEST_F(Xpyun, PrintLabel) {
  fake.reply(R"({"msg":"ok","code":0,"data":"SMI22062414383892298255","serverExecutedTime":23})");
  std::string markup =
      R"(<PAGE w="50.0" l="40.0"><LABEL id="1"><TEXT x="1" y="1">宫保鸡丁</TEXT></LABEL></PAGE>)";
  auto r = client().print_label("XPY123456789A", markup);
  EXPECT_EQ(r.data, "SMI22062414383892298255");
  EXPECT_EQ(sent("printLabel")["content"], markup);
}

TEST_F(Xpyun, DelPrinterQueue) {
  fake.reply(R"({"msg":"ok","code":0,"data":true,"serverExecutedTime":11})");
  EXPECT_TRUE(client().del_printer_queue("XPY123456789A").data);
  EXPECT_EQ(sent("delPrinterQueue")["sn"], "XPY123456789A");
}

TEST_F(Xpyun, QueryOrderState) {
  fake.reply(R"({"msg":"ok","code":0,"data":true,"serverExecutedTime":15})");
  EXPECT_TRUE(client().query_order_state("SMI22062414383892298255").data);
  EXPECT_EQ(sent("queryOrderState")["orderId"], "SMI22062414383892298255");
}

TEST_F(Xpyun, QueryPrinterStatus) {
  fake.reply(
      R"({"msg":"ok","code":0,"data":{"status":1,"version":"02.02.077.002"},"serverExecutedTime":8})");
  auto r = client().query_printer_status("XPY123456789A");
  EXPECT_EQ(r.data.status, 1);
  EXPECT_EQ(r.data.version, "02.02.077.002");
  EXPECT_EQ(sent("queryPrinterStatus")["sn"], "XPY123456789A");
}

TEST_F(Xpyun, GetAwaitTasks) {
  fake.reply(R"({"msg":"ok","code":0,"data":1,"serverExecutedTime":8})");
  EXPECT_EQ(client().get_await_tasks("XPY123456789A").data, 1);
  EXPECT_EQ(sent("getAwaitTasks")["sn"], "XPY123456789A");
}

TEST_F(Xpyun, SendTmallSpiritVoice) {
  fake.reply(R"({"msg":"ok","code":0,"data":"","serverExecutedTime":8})");
  EXPECT_EQ(client().send_tmall_spirit_voice("XPY123456789A", "好的").data, "");
  json body = sent("sendTmallSpiritVoice");
  EXPECT_EQ(body["content"], "好的");
}

TEST_F(Xpyun, UploadLogo) {
  fake.reply(R"({"msg":"ok","code":0,"data":"SM022091808094732354624L","serverExecutedTime":8})");
  XpyunLogoOptions o;
  o.image_size = 160;
  o.print_logo = true;
  o.paper_type = 2;
  EXPECT_EQ(client().upload_logo("XPY123456789A", "iVBORw0KGgo=", o).data,
            "SM022091808094732354624L");
  json body = sent("uploadLogo");
  EXPECT_EQ(body["imageSize"], 160);
  EXPECT_EQ(body["printLogo"], true);
  EXPECT_EQ(body["paperType"], 2);
}

TEST_F(Xpyun, VendorFailureCarriesCodeMeaningAndFix) {
  fake.reply(R"({"msg":"PRINTER_NOT_REGISTER","code":1002,"data":null,"serverExecutedTime":25})");
  {
    auto r = client().print_label("XPY123456789A", "<PAGE/>");
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.kind, ErrorKind::vendor);
    EXPECT_EQ(e.vendor_code, "1002");
    std::string what = describe(e);
    EXPECT_NE(what.find("xpyun printLabel"), std::string::npos) << what;
    EXPECT_NE(what.find("PRINTER_NOT_REGISTER"), std::string::npos) << what;
    EXPECT_NE(what.find("打印机未注册"), std::string::npos) << what;
    EXPECT_NE(what.find("添加打印机"), std::string::npos) << what;
    EXPECT_EQ(what.find(kKey), std::string::npos);
  }
}

TEST_F(Xpyun, FailureSampleOfQueryPrinterStatus) {
  fake.reply(
      R"({"msg":"REQUEST_PARAM_INVALID","code":-2,"data":{"status":0,"version":null},"serverExecutedTime":11})");
  {
    auto r = client().query_printer_status("X");
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.vendor_code, "-2");
    EXPECT_NE(describe(e).find("参数不合法"), std::string::npos);
  }
}

TEST_F(Xpyun, UnexpectedDataIsAProtocolError) {
  fake.reply(R"({"msg":"ok","code":0,"data":{"x":1},"serverExecutedTime":1})");
  {
    auto r = client().print_label("SN", "<PAGE/>");
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.kind, ErrorKind::protocol);
  }
}

TEST_F(Xpyun, PrintAnswerWithNullMsgAndServerTimeIsRead) {
  fake.reply(R"({"msg":null,"code":0,"data":"SMI22062414383892298255","serverExecutedTime":null})");
  auto r = client().print_label("SN", "<PAGE/>");
  ASSERT_TRUE(r.ok()) << describe(*r.error);
  EXPECT_EQ(r.data, "SMI22062414383892298255");
  EXPECT_EQ(r.message, "");
}

TEST_F(Xpyun, UnreadablePrintAnswerKeepsTheOrderId) {
  fake.reply(
      R"({"msg":null,"code":null,"data":"SMI22062414383892298255","serverExecutedTime":null})");
  auto r = client().print_label("SN", "<PAGE/>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind, ErrorKind::protocol);
  EXPECT_TRUE(r.error->maybe_delivered);
  EXPECT_EQ(r.error->job_id, "SMI22062414383892298255");
  EXPECT_EQ(r.body.find("SMI22062414383892298255") != std::string::npos, true);
}

TEST_F(Xpyun, EmptyOrderIdIsNotASuccess) {
  fake.reply(R"({"msg":"ok","code":0,"data":"","serverExecutedTime":1})");
  auto r = client().print_image("SN", "iVBORw0KGgo=");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind, ErrorKind::protocol);
}

TEST_F(Xpyun, EnvelopeFuzzNeverThrowsAndPrintsKeepTheirId) {
  using Print = std::function<Result<std::string>(XpyunClient&)>;
  const std::vector<Print> prints = {
      [](XpyunClient& c) { return c.print("SN", "https://example.invalid/1.txt"); },
      [](XpyunClient& c) { return c.print_image("SN", "iVBORw0KGgo="); },
      [](XpyunClient& c) { return c.print_label("SN", "<PAGE/>"); },
  };
  json order = {{"msg", "ok"}, {"code", 0}, {"data", "SMI1"}, {"serverExecutedTime", 23}};
  for (const test::Mutation& m : test::envelope_mutations(order)) {
    fake.reply(m.answer.dump());
    for (const Print& print : prints) {
      XpyunClient c = client();
      Result<std::string> r;
      ASSERT_NO_THROW(r = print(c)) << m.member << " " << m.what;
      test::expect_print_sane(r, m, "SMI1", "data");
      if (r.ok()) {
        EXPECT_FALSE(r.data.empty());
      }
    }
  }
  const std::vector<json> answers = {
      {{"msg", "ok"}, {"code", 0}, {"data", true}, {"serverExecutedTime", 8}},
      {{"msg", "ok"}, {"code", 0}, {"data", {{"status", 1}, {"version", "1"}}}},
      {{"msg", "ok"}, {"code", 0}, {"data", 1}, {"serverExecutedTime", 8}},
  };
  for (const json& valid : answers)
    for (const test::Mutation& m : test::envelope_mutations(valid)) {
      fake.reply(m.answer.dump());
      XpyunClient c = client();
      ASSERT_NO_THROW({
        test::expect_sane(c.verify_printer("SN", "n"), m);
        test::expect_sane(c.del_printer_queue("SN"), m);
        test::expect_sane(c.query_order_state("O"), m);
        test::expect_sane(c.query_printer_status("SN"), m);
        test::expect_sane(c.get_await_tasks("SN"), m);
        test::expect_sane(c.send_tmall_spirit_voice("SN", "t"), m);
        test::expect_sane(c.upload_logo("SN", "iVBORw0KGgo="), m);
      }) << m.member
         << " " << m.what;
    }
}

TEST_F(Xpyun, DirectContentMustBeShorterThan65535CharactersAndIsNotSentOtherwise) {
  fake.reply(R"({"msg":"ok","code":0,"data":"SMI1","serverExecutedTime":1})");
  XpyunPrintOptions direct;
  direct.direct = true;
  auto r = client().print_label("SN", std::string(kXpyunDirectMaxChars, 'a'), direct);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind, ErrorKind::config);
  EXPECT_FALSE(r.error->maybe_delivered);
  EXPECT_NE(describe(*r.error).find("65535"), std::string::npos) << describe(*r.error);
  XpyunImageOptions image;
  image.direct = true;
  EXPECT_EQ(client().print_image("SN", std::string(70000, 'A'), image).error->kind,
            ErrorKind::config);
  // Counted as the vendor counts characters: 宫 is one, 😀 (outside the BMP) two.
  std::string cjk;
  for (std::size_t i = 0; i < kXpyunDirectMaxChars - 1; ++i) cjk += "宫";
  EXPECT_FALSE(client().print_label("SN", cjk + "😀", direct).ok());
  EXPECT_EQ(fake.count(), 0u);

  EXPECT_TRUE(client().print_label("SN", cjk, direct).ok());
  EXPECT_EQ(json::parse(fake.requests().back().body)["direct"], true);
  // Without direct the length is the vendor's business.
  EXPECT_TRUE(client().print_label("SN", cjk + "😀").ok());
  EXPECT_EQ(fake.count(), 2u);
}

TEST(XpyunCodes, EveryAppendixCodeIsMapped) {
  const std::vector<std::pair<int, std::string>> appendix = {
      {0, "ok"},
      {-1, "REQUEST_HEADER_ERROR"},
      {-2, "REQUEST_PARAM_INVALID"},
      {-3, "REQUEST_SIGN_FAILED"},
      {-4, "REQUEST_USER_NOT_REGISTER"},
      {1001, "SN_USER_NOT_MATCH"},
      {1002, "PRINTER_NOT_REGISTER"},
      {1003, "PRINTER_OFFLINE"},
      {1004, "ADD_ORDER_FAILED"},
      {1005, "ORDER_NOT_FOUND"},
      {1006, "ORDER_DATE_INVALID"},
      {1008, "SN_INVALID"},
      {1009, "PRINTER_EXIST"},
      {1010, "PRINTER_EXCEPTION"},
      {1011, "PRINTER_NOT_REPORT_VERSION"},
      {1012, "USER_NOT_REGISTER"},
      {1013, "ORDER_IDEMPOTENT"},
      {1014, "ORDER_IDEMPOTENT_LIMITLEN"},
      {1015, "PRINTER_UNKNOW_ERROR"},
      {1016, "LOGO_FORMAT_ERROR"},
      {1017, "LOGO_SIZE_LARGE"},
      {1018, "LOGO_UPLOAD_TIMES"},
  };
  for (const auto& [code, name] : appendix) {
    auto info = xpyun_code_info(code);
    ASSERT_TRUE(info) << code;
    EXPECT_EQ(info->name, name);
    EXPECT_FALSE(info->meaning.empty());
  }
  EXPECT_FALSE(xpyun_code_info(1007));
  EXPECT_EQ(xpyun_code_info(1003)->fix.find("网络") != std::string_view::npos, true);
}

TEST(XpyunCredentials, MissingCredentialsSendNothing) {
  FakeServer fake;
  XpyunClient client({"", ""}, fake.url("/"));
  {
    auto r = client.print_label("SN", "<PAGE/>");
    ASSERT_FALSE(r.ok());
    const Error& e = *r.error;
    EXPECT_EQ(e.kind, ErrorKind::config);
    EXPECT_NE(describe(e).find("XPYUN_USER"), std::string::npos);
  }
  EXPECT_EQ(fake.count(), 0u);
}

}  // namespace
}  // namespace dotlabel::client
