// `dotlabel submit` end to end: the tool against fake vendor servers on 127.0.0.1, with
// credentials in the environment that must never appear in its output.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dotlabel/base64.hpp"
#include "fake_server.hpp"

extern char** environ;

namespace dotlabel::test {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kSecrets[] = {"xp-USERKEY-5ecret", "mst-APPSECRET-5ecret",
                                    "wp-APPKEY-5ecret",  "lk-APIKEY-5ecret",
                                    "lk-DEVKEY-5ecret",  "cp-PRINTERKEY-5ecret"};

struct CliRun {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SubmitCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("dotlabel_submit_" + std::to_string(::getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    env = {{"XPYUN_USER", "testuser@google.com"},
           {"XPYUN_KEY", kSecrets[0]},
           {"MSTCHING_APPID", "mst-app"},
           {"MSTCHING_APPSECRET", kSecrets[1]},
           {"WEBPRINTER_APPID", "wp-app"},
           {"WEBPRINTER_APPKEY", kSecrets[2]},
           {"LIANKE_APIKEY", kSecrets[3]},
           {"LIANKE_DEVICE_KEY", kSecrets[4]},
           {"COLORPARK_PRINTER_KEY", kSecrets[5]},
           {"COLORPARK_SIGN_FIELDS", "printer_id,once,time,printer_key"},
           {"COLORPARK_SIGN_HASH", "md5"}};
  }
  void TearDown() override { fs::remove_all(dir); }

  fs::path write(const std::string& name, const std::string& text) {
    fs::path path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // Runs the tool with the inherited environment minus anything vendor-related and anything
  // `env` sets, plus `env`.
  CliRun run(std::vector<std::string> args) {
    std::vector<std::string> vars;
    for (char** e = environ; *e; ++e) {
      std::string v = *e;
      bool ours = false;
      for (const char* prefix :
           {"XPYUN_", "MSTCHING_", "WEBPRINTER_", "LIANKE_", "COLORPARK_", "DOTLABEL_XPYUN",
            "DOTLABEL_MSTCHING", "DOTLABEL_WEBPRINTER", "DOTLABEL_LIANKE", "DOTLABEL_COLORPARK",
            "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"})
        ours = ours || v.rfind(prefix, 0) == 0;
      ours = ours || env.count(v.substr(0, v.find('='))) != 0;
      if (!ours) vars.push_back(v);
    }
    for (const auto& [name, value] : env) vars.push_back(name + "=" + value);
    std::vector<char*> envp, argv;
    for (auto& v : vars) envp.push_back(v.data());
    envp.push_back(nullptr);
    // Every request is bounded, whatever the test forgot.
    if (std::find(args.begin(), args.end(), "--timeout") == args.end())
      args.insert(args.end(), {"--timeout", "5"});
    args.insert(args.begin(), DOTLABEL_CLI);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    fs::path out = dir / "stdout", err = dir / "stderr";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    CliRun r;
    if (posix_spawn(&pid, DOTLABEL_CLI, &actions, nullptr, argv.data(), envp.data()) == 0) {
      int status = 0;
      waitpid(pid, &status, 0);
      r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    r.out = slurp(out);
    r.err = slurp(err);
    for (const char* secret : kSecrets) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << "secret on stdout: " << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << "secret on stderr: " << r.err;
    }
    return r;
  }

  fs::path dir;
  std::map<std::string, std::string> env;
  FakeServer fake;
  const std::string label =
      R"(<PAGE w="40" l="30"><LABEL id="1"><TEXT x="1" y="1">OK</TEXT></LABEL></PAGE>)";
  const std::string order =
      R"({"msg":"ok","code":0,"data":"SMI22062414383892298255","serverExecutedTime":23})";
};

TEST_F(SubmitCli, XpyunPrintLabelPrintsTheOrderId) {
  fake.reply(order);
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "xpyun", "print-label", "--sn", "XPY123456789A", "--base-url",
                  fake.url("/sprinter/"), "--timeout", "5", file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "SMI22062414383892298255\n");
  auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/sprinter/printLabel");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/json;charset=UTF-8");
  json body = json::parse(requests[0].body);
  EXPECT_EQ(body["sn"], "XPY123456789A");
  EXPECT_EQ(body["content"], label);
  EXPECT_EQ(body["user"], "testuser@google.com");
  EXPECT_EQ(body["sign"], test_sha1(std::string("testuser@google.com") + kSecrets[0] +
                                    body["timestamp"].get<std::string>()));
}

TEST_F(SubmitCli, BaseUrlFromTheEnvironmentAndJsonOutput) {
  fake.reply(order);
  env["DOTLABEL_XPYUN_BASE_URL"] = fake.url("/x/");
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "xpyun", "print-label", "--sn", "SN", "--json", file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out), json::parse(order));
  ASSERT_EQ(fake.count(), 1u);
  EXPECT_EQ(fake.requests()[0].path, "/x/printLabel");
}

TEST_F(SubmitCli, MarkupErrorsRefuseToSendUnlessForced) {
  fake.reply(order);
  fs::path file = write(
      "bad.xml", R"(<PAGE w="40" l="30"><LABEL id="1"><TEXT x="1">no y</TEXT></LABEL></PAGE>)");
  CliRun r = run(
      {"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), file.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not sent"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(fake.count(), 0u);

  r = run({"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), "--force",
           file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(fake.count(), 1u);
}

// The vendor takes image content without a data: prefix: the label is not sent.
TEST_F(SubmitCli, XpyunPrintLabelRefusesAnImageBehindADataPrefix) {
  fake.reply(order);
  const std::string png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQAAAAA3bvkkAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg="
      "=";
  fs::path file = write("prefixed.xml", R"(<PAGE w="40" l="30"><LABEL id="1"><BMP x="1" y="1">)"
                                        "data:image/png;base64," +
                                            png + "</BMP></LABEL></PAGE>");
  CliRun r = run(
      {"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), file.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("DL0313"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not sent"), std::string::npos) << r.err;
  EXPECT_EQ(fake.count(), 0u);

  fs::path bare = write("bare.xml", R"(<PAGE w="40" l="30"><LABEL id="1"><BMP x="1" y="1">)" + png +
                                        "</BMP></LABEL></PAGE>");
  r = run(
      {"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), bare.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(fake.count(), 1u);
}

TEST_F(SubmitCli, XpyunPrintImageSendsOurPngWithThePaperWidthInDots) {
  fake.reply(order);
  fs::path file = write("label.xml", label);
  CliRun r = run(
      {"submit", "xpyun", "print-image", "--sn", "SN", "--base-url", fake.url("/"), file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "SMI22062414383892298255\n");
  ASSERT_EQ(fake.count(), 1u);
  json body = json::parse(fake.requests()[0].body);
  EXPECT_EQ(fake.requests()[0].path, "/printImage");
  EXPECT_EQ(body["paperWidth"], 320);
  auto png = base64_decode(body["content"].get<std::string>());
  ASSERT_TRUE(png);
  ASSERT_GT(png->size(), 8u);
  EXPECT_EQ(std::string(png->begin() + 1, png->begin() + 4), "PNG");
}

TEST_F(SubmitCli, VendorRefusalExitsOneWithCodeAndMeaning) {
  fake.reply(R"({"msg":"PRINTER_NOT_REGISTER","code":1002,"data":null,"serverExecutedTime":25})");
  fs::path file = write("label.xml", label);
  CliRun r = run(
      {"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), file.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("xpyun printLabel"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1002"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("打印机未注册"), std::string::npos) << r.err;
}

TEST_F(SubmitCli, ServerErrorOnAPrintExitsThreeAndIsNotResent) {
  fake.reply("down", 500);
  fs::path file = write("label.xml", label);
  CliRun r = run(
      {"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), file.string()});
  EXPECT_EQ(r.status, 3) << "the print may have been delivered";
  EXPECT_NE(r.err.find("HTTP 500"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not resent"), std::string::npos) << r.err;
  EXPECT_EQ(fake.count(), 1u);
}

TEST_F(SubmitCli, QueriesPrintTheirResult) {
  fake.reply(R"({"msg":"ok","code":0,"data":true,"serverExecutedTime":15})");
  CliRun r = run({"submit", "xpyun", "order-state", "--order", "SMI22062414383892298255",
                  "--base-url", fake.url("/")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "printed\n");
  EXPECT_EQ(json::parse(fake.requests()[0].body)["orderId"], "SMI22062414383892298255");
}

TEST_F(SubmitCli, MissingCredentialsAreAUsageError) {
  env.erase("XPYUN_KEY");
  CliRun r = run({"submit", "xpyun", "order-state", "--order", "X", "--base-url", fake.url("/")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("XPYUN_KEY"), std::string::npos) << r.err;
  EXPECT_EQ(fake.count(), 0u);
}

TEST_F(SubmitCli, CredentialsFileReplacesTheEnvironment) {
  fake.reply(R"({"msg":"ok","code":0,"data":1,"serverExecutedTime":8})");
  env.clear();
  fs::path creds =
      write("creds.json", json{{"xpyun", {{"user", "fileuser"}, {"key", kSecrets[0]}}}}.dump());
  CliRun r = run({"submit", "xpyun", "await-tasks", "--sn", "SN", "--credentials", creds.string(),
                  "--base-url", fake.url("/")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
  json body = json::parse(fake.requests()[0].body);
  EXPECT_EQ(body["user"], "fileuser");
  EXPECT_EQ(body["sign"], test_sha1("fileuser" + std::string(kSecrets[0]) +
                                    body["timestamp"].get<std::string>()));
}

TEST_F(SubmitCli, ConnectionRefusedSaysTheJobWasNotDelivered) {
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "xpyun", "print-label", "--sn", "SN", "--base-url",
                  "http://127.0.0.1:1/", "--timeout", "2", file.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("xpyun printLabel"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("may have reached"), std::string::npos) << r.err;
}

// libcurl is loaded when the first request is sent: without it, the request fails as a
// configuration error (nothing was sent, not "maybe delivered") that names the package.
TEST_F(SubmitCli, WithoutLibcurlSaysWhatToInstallAndSendsNothing) {
  fake.reply(order);
  fs::path fake_libraries = dir / "lib";
  fs::create_directories(fake_libraries);
  write("lib/libcurl.so.4", "not a shared object");  // found first, refused by the loader
  env["LD_LIBRARY_PATH"] = fake_libraries.string();
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "xpyun", "print-label", "--sn", "SN", "--base-url",
                  fake.url("/sprinter/"), file.string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("xpyun printLabel: cannot load libcurl.so.4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("install libcurl4"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("may have been delivered"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(fake.count(), 0u);
}

TEST_F(SubmitCli, MstchingPrintContentSendsTheItemList) {
  fake.reply(R"({"Code":200,"Message":"","TaskId":77})");
  fs::path items = write(
      "items.json", R"([{"Alignment":0,"BaseText":"T0s=","Bold":0,"FontSize":0,"PrintType":0}])");
  CliRun r = run({"submit", "mstching", "print-content", "--uuid", "U1", "--open-user-id", "9",
                  "--base-url", fake.url("/home/"), items.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "77\n");
  auto req = fake.requests().at(0);
  EXPECT_EQ(req.path, "/home/printcontent2");
  EXPECT_EQ(json::parse(json::parse(req.body)["PrintContent"].get<std::string>())[0]["BaseText"],
            "T0s=");
}

TEST_F(SubmitCli, WebprinterPrintImageUsesTheTokenAndPaperInMm) {
  fake.on([](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/openapi/getToken")
      res.set_content(R"({"success":true,"data":{"token":"TKN","expiresIn":86400000}})",
                      "application/json");
    else
      res.set_content(R"({"success":true,"data":{"taskId":"pkDgrqeA-amehsz9mg0e8"}})",
                      "application/json");
  });
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "webprinter", "print-image", "--printer", "佳能复合机", "--share-sn",
                  "pkDgrqeA", "--base-url", fake.url(), file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "pkDgrqeA-amehsz9mg0e8\n");
  auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].header("Api-Access-Token"), "TKN");
  json task = json::parse(requests[1].body)["data"]["task"];
  EXPECT_EQ(task["config"]["paperConfig"]["width"], 40.0);
  EXPECT_EQ(task["config"]["paperConfig"]["height"], 30.0);
  EXPECT_EQ(task["mediaSource"], "BASE64");
}

TEST_F(SubmitCli, LiankePrintImageSendsTenthsOfAMillimetre) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"task_id":"T-1"}})");
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "lianke", "print-image", "--device", "lc27", "--model", "ZD888",
                  "--base-url", fake.url("/api"), file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "T-1\n");
  auto req = fake.requests().at(0);
  EXPECT_EQ(req.files.find("dmPaperWidth")->second.content, "400");
  EXPECT_EQ(req.files.find("dmPaperLength")->second.content, "300");
  EXPECT_EQ(req.header("ApiKey"), kSecrets[3]);
}

TEST_F(SubmitCli, ColorparkPrintSignsWithTheConfiguredRecipe) {
  fake.reply(
      R"({"code":0,"msg":"Submitted Successfully","data":{"taskid":20000196,"order_id":"A1","status":0}})");
  fs::path file = write("label.xml", label);
  CliRun r =
      run({"submit", "colorpark", "print", "--printer", "500001", "--order", "A1", "--name",
           "Product A", "--image-url", "https://img.example.invalid/1.png", "--callback",
           "http://cb.example.invalid/", "--base-url", fake.url("/api/Printer/"), file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "20000196\t0 Waiting\n");
  auto req = fake.requests().at(0);
  EXPECT_EQ(req.path, "/api/Printer/mulPrint");
  EXPECT_EQ(req.param("width"), "40");
  EXPECT_EQ(req.param("height"), "30");
  EXPECT_EQ(req.param("sign"),
            test_md5("500001" + req.param("once") + req.param("time") + kSecrets[5]));
}

TEST_F(SubmitCli, WebprinterAddPrinterNeedsTheVerificationCodeOutsideArgv) {
  fake.reply(R"({"success":true,"data":{"token":"T","expiresIn":86400000}})");
  CliRun r = run(
      {"submit", "webprinter", "add-printer", "--ticket", "830487711", "--base-url", fake.url()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("WEBPRINTER_SHARE_PASSWORD"), std::string::npos) << r.err;
}

TEST_F(SubmitCli, ColorparkWithoutARecipeSaysSo) {
  env.erase("COLORPARK_SIGN_FIELDS");
  CliRun r = run({"submit", "colorpark", "task-state", "--printer", "500001", "--task", "1",
                  "--base-url", fake.url("/")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("does not say how `sign` is computed"), std::string::npos) << r.err;
  EXPECT_EQ(fake.count(), 0u);
}

// Every vendor, success and failure, with secrets in the environment: none is ever printed
// (run() checks stdout and stderr of each).
TEST_F(SubmitCli, SecretsNeverAppearInOutput) {
  std::vector<std::vector<std::string>> commands = {
      {"submit", "xpyun", "printer-status", "--sn", "SN"},
      {"submit", "mstching", "device-state", "--uuid", "U"},
      {"submit", "webprinter", "printers"},
      {"submit", "lianke", "device-info", "--device", "lc27"},
      {"submit", "colorpark", "task-state", "--printer", "500001", "--task", "1"},
  };
  for (const char* answer :
       {R"({"code":1,"Code":1001,"success":false,"msg":"bad","message":"bad"})", "not json"}) {
    fake.reply(answer);
    for (auto args : commands) {
      args.insert(args.end(), {"--base-url", fake.url("/"), "--json", "--timeout", "5"});
      CliRun r = run(args);
      EXPECT_NE(r.status, 0) << args[1];
      EXPECT_NE(r.err.find("dotlabel: " + args[1]), std::string::npos) << r.err;
    }
  }
  for (auto args : commands) {
    args.insert(args.end(), {"--base-url", "http://127.0.0.1:1/", "--timeout", "2"});
    EXPECT_EQ(run(args).status, 2);
  }
}

TEST_F(SubmitCli, XpyunPrintWithNullMsgAndServerTimePrintsTheOrderId) {
  fake.reply(R"({"msg":null,"code":0,"data":"SMI22062414383892298255","serverExecutedTime":null})");
  fs::path file = write("label.xml", label);
  for (const char* action : {"print-label", "print-image"}) {
    CliRun r =
        run({"submit", "xpyun", action, "--sn", "SN", "--base-url", fake.url("/"), file.string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "SMI22062414383892298255\n");
  }
}

// An answer that cannot be read after a print: the id it holds goes to stdout, the warning to
// stderr, and the exit status (3) says the label may have printed.
TEST_F(SubmitCli, UnreadablePrintAnswerSaysMaybeDeliveredAndPrintsTheId) {
  fs::path file = write("label.xml", label);
  for (const char* answer :
       {R"({"msg":null,"code":null,"data":"SMI22062414383892298255","serverExecutedTime":null})",
        R"({"msg":null,"code":"0","data":"SMI22062414383892298255"})",
        R"({"data":"SMI22062414383892298255"})"}) {
    fake.reply(answer);
    CliRun r = run({"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"),
                    file.string()});
    EXPECT_EQ(r.status, 3) << answer << r.err;
    EXPECT_EQ(r.out, "SMI22062414383892298255\n") << answer;
    EXPECT_NE(r.err.find("may have been delivered"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("xpyun printLabel"), std::string::npos) << r.err;
  }
  // Without an id in it, the warning and the status stay.
  fake.reply(R"({"msg":null,"code":null,"data":null})");
  CliRun r = run({"submit", "lianke", "print-image", "--device", "lc27", "--model", "M",
                  "--base-url", fake.url("/api"), file.string()});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("may have been delivered"), std::string::npos) << r.err;
}

TEST_F(SubmitCli, XpyunPrintLabelRefusesWhatRenderWouldRefuse) {
  fake.reply(order);
  // Compiles, but no code128 symbol holds 200 characters: a resolve error, as in `render`.
  fs::path file = write(
      "long.xml", R"(<PAGE w="40" l="30"><LABEL id="1"><BARC x="20" y="1" h="10" ct="code128">)" +
                      std::string(200, '1') + "</BARC></LABEL></PAGE>");
  CliRun r = run(
      {"submit", "xpyun", "print-label", "--sn", "SN", "--base-url", fake.url("/"), file.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("not sent"), std::string::npos) << r.err;
  EXPECT_EQ(fake.count(), 0u);
}

TEST_F(SubmitCli, XpyunUploadLogoRefusesANonImageBeforeAnyRequest) {
  fake.reply(R"({"msg":"ok","code":0,"data":"SM0","serverExecutedTime":8})");
  for (const std::string& bytes :
       {std::string("hello, not an image"), std::string("GIF89a\x01\x00"), std::string()}) {
    fs::path text = write("logo.png", bytes);
    CliRun r = run({"submit", "xpyun", "upload-logo", "--sn", "SN", "--base-url", fake.url("/"),
                    text.string()});
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("not a PNG, JPG or BMP"), std::string::npos) << r.err;
  }
  EXPECT_EQ(fake.count(), 0u) << "each upload counts against five a day";
  for (const std::string& magic : {std::string("\x89PNG\r\n\x1a\n", 8),
                                   std::string("\xFF\xD8\xFF\xE0"), std::string("BM\x36\x00")}) {
    fs::path image = write("logo.bin", magic + "rest");
    CliRun r = run({"submit", "xpyun", "upload-logo", "--sn", "SN", "--base-url", fake.url("/"),
                    image.string()});
    EXPECT_EQ(r.status, 0) << r.err;
  }
  EXPECT_EQ(fake.count(), 3u);
}

TEST_F(SubmitCli, XpyunPrintImageDirectAndBlackOffsetLength) {
  fake.reply(order);
  fs::path file = write("label.xml", label);
  CliRun r = run({"submit", "xpyun", "print-image", "--sn", "SN", "--base-url", fake.url("/"),
                  "--direct", "--paper-type", "M", "--black-offset-length", "-40", file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(fake.count(), 1u);
  json body = json::parse(fake.requests()[0].body);
  EXPECT_EQ(body["direct"], true);
  EXPECT_EQ(body["paperType"], "M");
  EXPECT_EQ(body["blackOffsetLength"], -40);

  // The vendor ignores the offset without marked paper, and takes -80..283 on thermal printers.
  for (std::vector<std::string> bad : {std::vector<std::string>{"--black-offset-length", "10"},
                                       {"--paper-type", "M", "--black-offset-length", "284"}}) {
    std::vector<std::string> args = {"submit", "xpyun",      "print-image", "--sn",
                                     "SN",     "--base-url", fake.url("/"), file.string()};
    args.insert(args.end(), bad.begin(), bad.end());
    EXPECT_EQ(run(args).status, 2);
  }
  EXPECT_EQ(fake.count(), 1u);
}

TEST_F(SubmitCli, LiankePrinterStatusParamsEnumAndPrintParameters) {
  fake.reply(R"({"code":200,"msg":"ok","data":{"outOfPaper":true}})");
  CliRun r = run({"submit", "lianke", "printer-status", "--device", "lc27", "--port", "2",
                  "--base-url", fake.url("/api")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["outOfPaper"], true);
  EXPECT_EQ(fake.requests().back().path, "/api/device/printer_status");
  EXPECT_EQ(fake.requests().back().param("usbPort"), "2");

  r = run({"submit", "lianke", "printer-params", "--device", "lc27", "--model", "ZD888",
           "--base-url", fake.url("/api")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(fake.requests().back().path, "/api/print/printer_params");
  EXPECT_EQ(fake.requests().back().param("printerModel"), "ZD888");

  r = run({"submit", "lianke", "printer-enum", "--base-url", fake.url("/api")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(fake.requests().back().path, "/api/print/printer_enum");

  fake.reply(R"({"code":200,"msg":"ok","data":{"task_id":"T-1"}})");
  fs::path file = write("label.xml", label);
  r = run({"submit", "lianke", "print-image", "--device", "lc27", "--model", "ZD888",
           "--callback-url", "https://example.invalid/cb", "--report-device-status", "true",
           "--report-printer-status", "false", "--base-url", fake.url("/api"), file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  auto req = fake.requests().back();
  EXPECT_EQ(req.files.find("callbackUrl")->second.content, "https://example.invalid/cb");
  EXPECT_EQ(req.files.find("reportDeviceStatus")->second.content, "1");
  EXPECT_EQ(req.files.find("reportPrinterStatus")->second.content, "0");

  fake.reply(
      R"({"code":200,"msg":"ok","data":{"task_id":"T-1","task_state":"FAILURE","task_result":{"code":500,"msg":"out of paper"}}})");
  r = run({"submit", "lianke", "job-state", "--device", "lc27", "--task", "T-1", "--base-url",
           fake.url("/api")});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("FAILURE failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("out of paper"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace dotlabel::test
