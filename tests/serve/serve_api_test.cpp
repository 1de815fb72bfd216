// `dotlabel serve` over HTTP: the real binary on a free loopback port, asked with
// cpp-httplib's client. Every answer is compared with what the library itself produces for
// the same markup, so the server adds transport and nothing else.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_test.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/render.hpp"
#include "dotlabel/template.hpp"
#include "serve_server.hpp"

extern char** environ;

namespace dotlabel {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono_literals;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written whole and renamed into place, as editors save.
void write_file(const fs::path& path, const std::string& text) {
  fs::path temp = path;
  temp += ".tmp";
  std::ofstream(temp, std::ios::binary) << text;
  fs::rename(temp, path);
}

const std::string kDemo = read_file(DOTLABEL_SOURCE_DIR "/examples/demo.xml");

const std::string kTwoLabels = R"(<PAGE w="50" l="30" ld="2">
  <LABEL id="1" c="2">
    <TEXT x="2" y="2" f="3">ONE</TEXT>
    <SQ x="1" y="1" xe="49" ye="29"/>
  </LABEL>
  <LABEL id="7" m="1">
    <BL x="2" y="3" w="10" h="5"/>
    <TEXT x="2" y="12" f="3">SEVEN</TEXT>
  </LABEL>
</PAGE>
)";

// Line 3 has a value that is no number.
const std::string kBroken = R"(<PAGE w="50" l="30">
  <LABEL id="1">
    <TEXT x="two" y="2">ONE</TEXT>
  </LABEL>
</PAGE>
)";

const httplib::Headers kPageHeader = {{"X-Dotlabel", "1"}};

const Renderer& renderer() {
  static const Renderer instance;
  return instance;
}

ir::Document compiled(const std::string& markup) {
  CompileResult result = compile(markup);
  EXPECT_TRUE(result.ok()) << format_json(result.diagnostics);
  return std::move(*result.document);
}

Bitmap expected_label(const std::string& markup, std::optional<std::int64_t> id = std::nullopt) {
  ir::Document doc = compiled(markup);
  RenderResult result = renderer().render(doc, {}, id ? *id : doc.labels.front().id);
  return result.labels.front().bitmap;
}

Bitmap decoded(const std::string& png) {
  std::optional<Bitmap> bitmap =
      decode_png({reinterpret_cast<const std::uint8_t*>(png.data()), png.size()});
  EXPECT_TRUE(bitmap.has_value());
  return bitmap.value_or(Bitmap());
}

// `dotlabel serve ARGS...` as a child process; the port comes from the URL it prints.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {DOTLABEL_CLI, "serve"});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    url_ = read_line(out[0]);
    close(out[0]);
    auto colon = url_.rfind(':');
    if (url_.starts_with("http://127.0.0.1:") && colon != std::string::npos)
      port_ = std::stoi(url_.substr(colon + 1));
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  const std::string& url() const { return url_; }
  int port() const { return port_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60s);
    return c;
  }

  // The exit status after `signal` (none: just wait), or nullopt when it took over `limit`.
  std::optional<int> finish(int signal, std::chrono::milliseconds limit = 5s) {
    if (signal) kill(pid_, signal);
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

 private:
  // The first line on the child's stdout: the URL, printed once it listens.
  static std::string read_line(int fd) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char c;
      if (read(fd, &c, 1) != 1 || c == '\n') break;
      line += c;
    }
    return line;
  }

  pid_t pid_ = -1;
  bool exited_ = false;
  std::string url_;
  int port_ = 0;
};

class ServeApi : public testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServeProcess({"--port", "0"}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_GT(server_->port(), 0) << "no URL printed"; }

  // As the page posts: with the header a page on another site cannot send.
  static httplib::Result post(const std::string& path, const std::string& body) {
    return server_->client().Post(path, kPageHeader, body, "text/plain");
  }

  static std::string origin() { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  static ServeProcess* server_;
};

ServeProcess* ServeApi::server_ = nullptr;

TEST_F(ServeApi, PrintsTheLoopbackUrl) {
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(server_->port()) + "/");
}

TEST_F(ServeApi, ServesThePageFromTheBinaryAndNothingFromElsewhere) {
  httplib::Client c = server_->client();
  for (const char* path : {"/", "/index.html", "/app.js", "/style.css"}) {
    httplib::Result res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_FALSE(res->body.empty()) << path;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos);
  }
  httplib::Result page = c.Get("/");
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->body.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page->body.find("href=\"http"), std::string::npos);
  EXPECT_EQ(c.Get("/app.js")->get_header_value("Content-Type"), "text/javascript; charset=utf-8");

  httplib::Result missing = c.Get("/nothing-here");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_TRUE(json::parse(missing->body).contains("error"));
}

TEST_F(ServeApi, RenderGivesTheLibrarysFirstLabel) {
  httplib::Result res = post("/api/render", kDemo);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(decoded(res->body), expected_label(kDemo));
  EXPECT_EQ(res->body, [] {
    std::vector<std::uint8_t> png = encode_png(expected_label(kDemo));
    return std::string(png.begin(), png.end());
  }());
}

TEST_F(ServeApi, RenderSelectsALabelOrTheStrip) {
  httplib::Result seven = post("/api/render?label=7", kTwoLabels);
  ASSERT_TRUE(seven);
  ASSERT_EQ(seven->status, 200) << seven->body;
  EXPECT_EQ(decoded(seven->body), expected_label(kTwoLabels, 7));
  EXPECT_NE(decoded(seven->body), expected_label(kTwoLabels, 1));

  httplib::Result strip = post("/api/render?strip=1", kTwoLabels);
  ASSERT_TRUE(strip);
  ASSERT_EQ(strip->status, 200) << strip->body;
  ir::Document doc = compiled(kTwoLabels);
  EXPECT_EQ(decoded(strip->body), renderer().strip(doc, renderer().render(doc).labels).bitmap);

  httplib::Result absent = post("/api/render?label=3", kTwoLabels);
  ASSERT_TRUE(absent);
  EXPECT_EQ(absent->status, 404);
  EXPECT_EQ(json::parse(absent->body)["error"], "no LABEL with id 3");

  for (const char* bad :
       {"/api/render?label=one", "/api/render?strip=maybe", "/api/render?label=1&strip=1"}) {
    httplib::Result res = post(bad, kTwoLabels);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad;
    EXPECT_FALSE(json::parse(res->body)["error"].get<std::string>().empty()) << bad;
  }
}

TEST_F(ServeApi, ErrorsComeAsJsonWithTheCompilersDiagnostics) {
  Diagnostics expected = compile(kBroken).diagnostics;
  ASSERT_TRUE(has_errors(expected));
  for (const char* path : {"/api/render", "/api/base64", "/api/mstching"}) {
    httplib::Result res = post(path, kBroken);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 422) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    json body = json::parse(res->body);
    EXPECT_EQ(body["error"], "the markup has errors");
    EXPECT_EQ(body["diagnostics"], json::parse(format_json(expected))) << path;
    EXPECT_EQ(body["diagnostics"][0]["line"], 3);
  }
}

TEST_F(ServeApi, CheckListsEveryDiagnostic) {
  httplib::Result broken = post("/api/check", kBroken);
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 200);
  EXPECT_EQ(json::parse(broken->body), json::parse(format_json(compile(kBroken).diagnostics)));

  // Valid markup: dotlabel::check(), compile + resolve, whose diagnostics a render repeats.
  // It draws nothing, so the raster's clipping warning is not among them.
  const std::string content = R"(<PAGE w="30" l="20"><LABEL id="1">
<BL x="25" y="2" w="10" h="2"/><BMP x="1" y="1">iVBORw0KGgo=</BMP>
</LABEL></PAGE>)";
  Diagnostics expected = check(content);
  ASSERT_EQ(expected.size(), 1u);  // the image that is no image (a PNG signature alone)
  EXPECT_EQ(expected[0].severity, Severity::error);
  EXPECT_EQ(expected[0].pos.line, 2);
  httplib::Result res = post("/api/check", content);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body), json::parse(format_json(expected)));
  EXPECT_EQ(res->body.find("DL0410"), std::string::npos) << res->body;
}

TEST_F(ServeApi, Base64IsOneLinePerLabel) {
  httplib::Result all = post("/api/base64", kTwoLabels);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->status, 200) << all->body;
  std::istringstream lines(all->body);
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], base64_encode(encode_png(expected_label(kTwoLabels, 1))));
  EXPECT_EQ(got[1], base64_encode(encode_png(expected_label(kTwoLabels, 7))));

  httplib::Result one = post("/api/base64?label=7", kTwoLabels);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->body, got[1] + "\n");
  EXPECT_EQ(post("/api/base64?strip=1", kTwoLabels)->status, 400);
}

TEST_F(ServeApi, MstchingIsTheBackEndsJson) {
  ir::Document doc = compiled(kDemo);
  mstching::Result items = mstching::convert(doc, renderer());
  ASSERT_TRUE(items.ok());
  httplib::Result res = post("/api/mstching", kDemo);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->body, mstching::to_json(items.items));

  mstching::Options image;
  image.mode = mstching::Mode::image;
  image.paper_width = 576;
  httplib::Result pictures = post("/api/mstching?mode=image&paper_width=576", kDemo);
  ASSERT_TRUE(pictures);
  EXPECT_EQ(pictures->body, mstching::to_json(mstching::convert(doc, renderer(), image).items));
  EXPECT_EQ(post("/api/mstching?mode=pdf", kDemo)->status, 400);
  EXPECT_EQ(post("/api/mstching?paper_width=0", kDemo)->status, 400);
}

TEST_F(ServeApi, PreviewHasPictureLabelsBoxesAndDiagnostics) {
  httplib::Result res = post("/api/preview?label=7", kTwoLabels);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json body = json::parse(res->body);
  EXPECT_TRUE(body["ok"].get<bool>());
  EXPECT_EQ(body["labels"], json::parse(R"([{"id":1,"copies":2},{"id":7,"copies":1}])"));
  EXPECT_EQ(body["page"], json::parse(R"({"width":400,"length":240,"gap":16})"));
  EXPECT_EQ(body["view"], json::parse(R"({"label":7,"strip":false,"width":400,"height":240})"));
  std::optional<std::vector<std::uint8_t>> png = base64_decode(body["png"].get<std::string>());
  ASSERT_TRUE(png);
  EXPECT_EQ(decode_png(*png), expected_label(kTwoLabels, 7));
  EXPECT_TRUE(body["diagnostics"].is_array());

  // Label 7 is mirrored: the boxes are where the elements show on the picture. The BL at
  // (2, 3) mm, 10 x 5 mm is 80 x 40 dots at (16, 24); mirrored on 400 dots, its left edge is
  // 400 - 16 - 80 = 304 dots in.
  ir::Document doc = compiled(kTwoLabels);
  RenderedLabel rendered = renderer().render(doc, {}, 7).labels.front();
  ASSERT_EQ(body["boxes"].size(), rendered.boxes.size());
  EXPECT_EQ(
      body["boxes"][0],
      json::parse(R"({"label":7,"line":7,"column":5,"x":304,"y":24,"width":80,"height":40})"));

  // The strip: label 1 twice, then label 7, 240 dots each and 16 dots of gap between them.
  json strip = json::parse(post("/api/preview?strip=1", kTwoLabels)->body);
  EXPECT_EQ(strip["view"]["height"], 3 * 240 + 2 * 16);
  std::size_t first = renderer().render(doc, {}, 1).labels.front().boxes.size();
  ASSERT_EQ(strip["boxes"].size(), 2 * first + rendered.boxes.size());
  EXPECT_EQ(strip["boxes"][first]["y"].get<int>() - strip["boxes"][0]["y"].get<int>(), 256);
  json moved = body["boxes"][0];
  moved["y"] = moved["y"].get<int>() + 2 * 256;
  EXPECT_EQ(strip["boxes"][2 * first], moved);

  json broken = json::parse(post("/api/preview", kBroken)->body);
  EXPECT_FALSE(broken["ok"].get<bool>());
  EXPECT_FALSE(broken.contains("png"));
  EXPECT_EQ(broken["diagnostics"], json::parse(format_json(compile(kBroken).diagnostics)));
}

TEST_F(ServeApi, PreviewDiagnosticsCoverEveryLabel) {
  // Label 2 overflows; the page shows label 1 and must still list label 2's warning.
  const std::string markup = R"(<PAGE w="30" l="20">
<LABEL id="1"><BL x="2" y="2" w="10" h="2"/></LABEL>
<LABEL id="2"><BL x="25" y="2" w="10" h="2"/></LABEL></PAGE>)";
  CompileResult result = compile(markup);
  ASSERT_TRUE(result.ok());
  Diagnostics expected = result.diagnostics;
  Diagnostics lint = renderer().render(*result.document).diagnostics;
  ASSERT_FALSE(lint.empty());
  expected.insert(expected.end(), lint.begin(), lint.end());
  json body = json::parse(post("/api/preview?label=1", markup)->body);
  EXPECT_EQ(body["view"]["label"], 1);
  EXPECT_EQ(body["diagnostics"], json::parse(format_json(expected)));
  EXPECT_EQ(body["boxes"].size(), 1u);
}

TEST_F(ServeApi, AsFedTurnsTheLabelAndItsBoxes) {
  const std::string fed = R"(<PAGE w="40" l="20"><LABEL id="1" d="0">
<BL x="2" y="3" w="10" h="5"/></LABEL></PAGE>)";
  ir::Document doc = compiled(fed);
  RenderOptions turned;
  turned.as_fed = true;
  RenderedLabel rendered = renderer().render(doc, turned).labels.front();

  httplib::Result png = post("/api/render?as_fed=1", fed);
  ASSERT_TRUE(png);
  EXPECT_EQ(decoded(png->body), rendered.bitmap);
  EXPECT_NE(decoded(png->body), expected_label(fed));

  // The BL is 80 x 40 dots at (16, 24) as read; turned on the 320 x 160 label it is at
  // (320 - 16 - 80, 160 - 24 - 40).
  json body = json::parse(post("/api/preview?as_fed=1", fed)->body);
  ASSERT_EQ(body["boxes"].size(), 1u);
  EXPECT_EQ(body["boxes"][0]["x"], 224);
  EXPECT_EQ(body["boxes"][0]["y"], 96);
  EXPECT_EQ(body["boxes"][0]["width"], 80);
  EXPECT_EQ(body["boxes"][0]["height"], 40);
}

TEST_F(ServeApi, BodiesOverTheInputLimitAre413) {
  std::string huge(Limits{}.max_input_bytes + 1, ' ');
  httplib::Result res = post("/api/render", huge);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  json body = json::parse(res->body);
  EXPECT_EQ(body["error"], "the markup is larger than the input limit");
  EXPECT_TRUE(body["diagnostics"].is_array());
}

TEST_F(ServeApi, RefusesRequestsForAnotherHost) {
  // A DNS-rebinding page sends its own name as Host.
  httplib::Result res =
      server_->client().Post("/api/render", {{"Host", "evil.example"}}, kDemo, "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = server_->client().Get("/", {{"Host", "localhost:" + std::to_string(server_->port())}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

// The error an answer gives, or what it is when it gives none.
std::string error_of(const httplib::Result& res) {
  if (!res) return "no answer";
  json body = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
  return body.is_object() ? body.value("error", "no error") : "HTTP " + std::to_string(res->status);
}

TEST_F(ServeApi, RefusesApiRequestsFromAnotherOrigin) {
  // What a page elsewhere sends with fetch(..., {method: "POST", mode: "no-cors"}): the Host is
  // this server's, the Origin is the page's.
  for (const std::string& other : {std::string("http://evil.example"), std::string("null"),
                                   "http://127.0.0.1:" + std::to_string(server_->port() + 1),
                                   std::string("https://127.0.0.1")}) {
    httplib::Headers headers = kPageHeader;
    headers.emplace("Origin", other);
    httplib::Result res = server_->client().Post("/api/render", headers, kDemo, "text/plain");
    ASSERT_TRUE(res) << other;
    EXPECT_EQ(res->status, 403) << other;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    EXPECT_NE(error_of(res).find("Origin \"" + other + "\""), std::string::npos) << res->body;
    res = server_->client().Get("/api/file", {{"Origin", other}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << "GET /api/file from " << other;
  }

  // The page's own requests name its origin, as served on either loopback name.
  httplib::Headers own = kPageHeader;
  own.emplace("Origin", origin());
  httplib::Result res = server_->client().Post("/api/render", own, kDemo, "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  std::string localhost = "localhost:" + std::to_string(server_->port());
  res = server_->client().Post("/api/check",
                               {{"X-Dotlabel", "1"},
                                {"Host", localhost},
                                {"Origin", "http://" + localhost},
                                {"Sec-Fetch-Site", "same-origin"}},
                               kDemo, "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(ServeApi, RefusesCrossSiteRequestsThatNameNoOrigin) {
  // Browsers leave Origin out of GETs but say where every request comes from.
  for (const char* site : {"cross-site", "same-site"}) {
    httplib::Result res = server_->client().Get("/api/file", {{"Sec-Fetch-Site", site}});
    ASSERT_TRUE(res) << site;
    EXPECT_EQ(res->status, 403) << site;
    EXPECT_NE(error_of(res).find(site), std::string::npos) << res->body;
    httplib::Headers headers = kPageHeader;
    headers.emplace("Sec-Fetch-Site", site);
    res = server_->client().Post("/api/check", headers, kDemo, "text/plain");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << site;
  }
  // The page's own GET, and one typed into the address bar, get the usual answer (no FILE).
  for (const char* site : {"same-origin", "none"}) {
    httplib::Result res = server_->client().Get("/api/file", {{"Sec-Fetch-Site", site}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 404) << site;
  }
  // A link on another site still opens the page and its assets load.
  for (const char* path : {"/", "/app.js", "/style.css"}) {
    httplib::Result res = server_->client().Get(
        path, {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://evil.example"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << path;
  }
}

// The statuses of the answers to `bytes`, sent at once on one connection and read until the
// server closes it (idle for its keep-alive time): what a browser's connection carries,
// without a client library's own checks.
std::vector<int> statuses_on_one_connection(int port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answers;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size())) {
    char buffer[4096];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 60'000) <= 0) break;
      ssize_t n = read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      answers.append(buffer, static_cast<std::size_t>(n));
    }
  }
  close(fd);
  std::vector<int> statuses;
  for (std::size_t at = answers.find("HTTP/1.1 "); at != std::string::npos;
       at = answers.find("HTTP/1.1 ", at + 1))
    statuses.push_back(std::stoi(answers.substr(at + 9, 3)));
  return statuses;
}

// POST /api/check with `header` whose body is spaces and then `tail`, at byte `tail_at` of
// the request.
std::string post_with_tail(const std::string& host, const std::string& header,
                           const std::string& tail, std::size_t tail_at) {
  std::string head = "POST /api/check HTTP/1.1\r\nHost: " + host + "\r\n" + header +
                     "\r\nContent-Type: text/plain\r\nContent-Length: ";
  for (std::size_t digits = 1;; ++digits) {  // of the Content-Length, which counts the spaces
    std::size_t spaces = tail_at - head.size() - digits - 4;
    std::string length = std::to_string(spaces + tail.size());
    if (length.size() == digits)
      return head + length + "\r\n\r\n" + std::string(spaces, ' ') + tail;
  }
}

TEST_F(ServeApi, ARefusedRequestsBodyIsNotReadAsAnotherRequest) {
  // A form can post any text, such as a request that passes every check. Were the body left
  // unread after the refusal, the server would read it as the next request on the connection.
  // It starts at byte 4096: httplib reads a request's start in blocks of that size.
  std::string host = "127.0.0.1:" + std::to_string(server_->port());
  std::string smuggled = "POST /api/check HTTP/1.1\r\nHost: " + host +
                         "\r\nX-Dotlabel: 1\r\nContent-Length: " + std::to_string(kDemo.size()) +
                         "\r\n\r\n" + kDemo;
  for (const std::string& refused :
       {post_with_tail(host, "Origin: http://evil.example", smuggled, 4096),
        post_with_tail(host, "X-Other: 1", smuggled, 4096),
        post_with_tail("evil.example", "X-Dotlabel: 1", smuggled, 4096)}) {
    ASSERT_EQ(refused.find("POST", 1), 4096u);
    EXPECT_EQ(statuses_on_one_connection(server_->port(), refused), std::vector<int>{403})
        << refused.substr(0, refused.find("\r\n\r\n"));
  }
}

TEST_F(ServeApi, PostsWithoutThePagesHeaderAreRefused) {
  // The content types a form or a no-cors fetch may send, without the header it cannot send.
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    std::string body = std::string_view(type).starts_with("multipart/")
                           ? "--x\r\nContent-Disposition: form-data; name=\"markup\"\r\n\r\n" +
                                 kDemo + "\r\n--x--\r\n"
                           : kDemo;
    httplib::Result res = server_->client().Post("/api/render", body, type);
    ASSERT_TRUE(res) << type;
    EXPECT_EQ(res->status, 403) << type;
    EXPECT_NE(error_of(res).find("X-Dotlabel: 1"), std::string::npos) << res->body;
  }
  httplib::Result wrong =
      server_->client().Post("/api/check", {{"X-Dotlabel", "0"}}, kDemo, "text/plain");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  httplib::Result right = post("/api/check", kDemo);
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);
}

TEST_F(ServeApi, TheStripIsBoundedInCopiesAndArea) {
  // The copies are the library's to bound (Limits::max_copies per LABEL, DL0111), not the
  // server's: two labels of 10,000 and 1 copies make one strip.
  const std::string many =
      R"(<PAGE w="10" l="1" ld="0"><LABEL id="1" c="10000"/><LABEL id="2"/></PAGE>)";
  httplib::Result most = post("/api/render?strip=1", many);
  ASSERT_TRUE(most);
  ASSERT_EQ(most->status, 200) << most->body;
  EXPECT_EQ(decoded(most->body).height(), 10'001 * 8);

  // The page lists a box per element per copy: 100,000 at most.
  std::string elements;
  for (int i = 0; i < 11; ++i) elements += R"(<BL x="1" y="0.5" w="1" h="0.25"/>)";
  const std::string many_boxes =
      R"(<PAGE w="10" l="2"><LABEL id="1" c="10000">)" + elements + "</LABEL></PAGE>";
  EXPECT_EQ(post("/api/render?strip=1", many_boxes)->status, 200);
  json boxed = json::parse(post("/api/preview?strip=1", many_boxes)->body);
  EXPECT_FALSE(boxed["ok"].get<bool>());
  EXPECT_EQ(boxed["error"],
            "the strip would have 110000 element boxes: more than the limit of 100000; show one "
            "label at a time");
  EXPECT_EQ(json::parse(post("/api/preview?label=1", many_boxes)->body)["boxes"].size(), 11u);

  // 800 dots wide, a strip may be 80,000 dots long: 100 copies of 792 dots and 99 gaps of 8.
  auto wide = [](int copies) {
    return R"(<PAGE w="100" l="99" ld="1"><LABEL id="1" c=")" + std::to_string(copies) +
           R"("><BL x="1" y="1" w="10" h="1"/></LABEL></PAGE>)";
  };
  httplib::Result longest = post("/api/render?strip=1", wide(100));
  ASSERT_TRUE(longest);
  ASSERT_EQ(longest->status, 200) << longest->body;
  // Its height, from the PNG header (IHDR): the picture is over decode_png's limit.
  ASSERT_GT(longest->body.size(), 24u);
  std::uint32_t height = 0;
  for (int at = 20; at < 24; ++at)
    height = height << 8 | static_cast<std::uint8_t>(longest->body[at]);
  EXPECT_EQ(height, 100u * 800 - 8);
  // One more is over: Renderer::strip refuses it (DL0404) before allocating.
  httplib::Result too_long = post("/api/render?strip=1", wide(101));
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 422);
  EXPECT_EQ(error_of(too_long), "the strip cannot be drawn");
  EXPECT_NE(too_long->body.find(R"("code":"DL0404")"), std::string::npos) << too_long->body;
  json preview = json::parse(post("/api/preview?strip=1", wide(101))->body);
  EXPECT_FALSE(preview["ok"].get<bool>());
  EXPECT_FALSE(preview.contains("boxes"));
}

TEST_F(ServeApi, MstchingIsBoundedInCopies) {
  const std::string markup = R"(<PAGE w="10" l="5"><LABEL id="1" c="10001">
<BL x="1" y="1" w="5" h="1"/></LABEL></PAGE>)";
  for (const char* mode : {"items", "image"}) {
    httplib::Result res = post(std::string("/api/mstching?mode=") + mode, markup);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << mode;
    // The library's copy limit (Limits::max_copies), reported where c is written.
    EXPECT_NE(res->body.find(R"("code":"DL0111")"), std::string::npos) << res->body;
    EXPECT_NE(res->body.find(R"(c=\"10001\")"), std::string::npos) << res->body;
  }
}

TEST(ServeSurvival, TheStripBombIsAnErrorAndTheServerServesOn) {
  // A page on another site could once post this in a no-cors fetch and end the server: the
  // strip's height overflowed. Sent as the page sends it, it is an error like any other.
  ServeProcess server({"--port", "0"});
  ASSERT_GT(server.port(), 0);
  const std::string bomb = R"(<PAGE w="10" l="1" ld="0"><LABEL id="1" c="536870913"/></PAGE>)";
  for (const char* path : {"/api/render?strip=1", "/api/preview?strip=1", "/api/mstching"}) {
    httplib::Result res = server.client().Post(path, kPageHeader, bomb, "text/plain");
    ASSERT_TRUE(res) << path << ": no answer";
    EXPECT_NE(res->body.find(R"("code":"DL0111")"), std::string::npos) << path << ": " << res->body;
  }
  httplib::Result next = server.client().Post("/api/render", kPageHeader, kDemo, "text/plain");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServeApi, ConcurrentRequestsShareOneRenderer) {
  std::vector<std::future<std::string>> answers;
  for (int i = 0; i < 8; ++i) {
    const std::string& markup = i % 2 ? kDemo : kTwoLabels;
    answers.push_back(std::async(std::launch::async, [&markup] {
      httplib::Result res = post("/api/render", markup);
      return res && res->status == 200 ? res->body : std::string();
    }));
  }
  for (int i = 0; i < 8; ++i) {
    std::vector<std::uint8_t> png = encode_png(expected_label(i % 2 ? kDemo : kTwoLabels));
    EXPECT_EQ(answers[i].get(), std::string(png.begin(), png.end())) << i;
  }
}

TEST_F(ServeApi, WithoutFileThereIsNothingToFollow) {
  httplib::Result res = server_->client().Get("/api/file");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

class ServeFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dotlabel-serve-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    file_ = dir_ / "label.xml";
    write_file(file_, kDemo);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_, file_;
};

TEST_F(ServeFile, FollowsTheFileAsItChanges) {
  ServeProcess server({"--port", "0", file_.string()});
  ASSERT_GT(server.port(), 0);
  httplib::Result first = server.client().Get("/api/file");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  json now = json::parse(first->body);
  EXPECT_EQ(now["path"], file_.string());
  EXPECT_EQ(now["content"], kDemo);
  std::string version = now["version"];

  auto start = std::chrono::steady_clock::now();
  auto waiting = std::async(std::launch::async, [&server, version] {
    return server.client().Get("/api/file?since=" + version);
  });
  std::this_thread::sleep_for(300ms);
  write_file(file_, kTwoLabels);
  httplib::Result changed = waiting.get();
  ASSERT_TRUE(changed);
  json next = json::parse(changed->body);
  EXPECT_NE(next["version"], version);
  EXPECT_EQ(next["content"], kTwoLabels);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(server.finish(SIGTERM), 0);
}

TEST_F(ServeFile, SaysWhenTheFileIsGoneAndWhenItIsBack) {
  ServeProcess server({"--port", "0", file_.string()});
  ASSERT_GT(server.port(), 0);
  std::string version = json::parse(server.client().Get("/api/file")->body)["version"];
  fs::remove(file_);
  json gone = json::parse(server.client().Get("/api/file?since=" + version)->body);
  EXPECT_EQ(gone["version"], "missing");
  EXPECT_FALSE(gone.contains("content"));
  EXPECT_NE(gone["error"].get<std::string>().find("no such file"), std::string::npos);
  write_file(file_, kTwoLabels);
  json back = json::parse(server.client().Get("/api/file?since=missing")->body);
  EXPECT_EQ(back["content"], kTwoLabels);
}

// A template of one label: a block at x = {{x}} mm and the row's name.
const std::string kTemplate = R"(<PAGE w="20" l="10">
  <LABEL id="1">
    <BL x="{{x}}" y="1" w="2" h="2"/>
    <TEXT x="1" y="5" f="3">{{name}}</TEXT>
  </LABEL>
</PAGE>
)";

// The library's picture of `row` (its fields) filled into kTemplate.
Bitmap template_row(std::vector<std::pair<std::string, std::string>> fields, std::size_t number,
                    const std::string& data_file) {
  Template form = compile_template(kTemplate);
  data::Row row;
  row.number = number;
  row.line = static_cast<int>(number) + 1;
  row.fields = std::move(fields);
  CompileResult bound = form.bind(row, data_file);
  EXPECT_TRUE(bound.ok()) << format_json(bound.diagnostics);
  return renderer().render(*bound.document).labels.front().bitmap;
}

TEST_F(ServeFile, DataRowsFillTheMarkupRowByRow) {
  fs::path rows = dir_ / "rows.csv";
  write_file(rows, "x,name\n1,ANN\n5,BOB\n9,CY\n");
  ServeProcess server({"--port", "0", "--data", rows.string()});
  ASSERT_GT(server.port(), 0);
  auto preview = [&](const std::string& query) {
    httplib::Result res =
        server.client().Post("/api/preview" + query, kPageHeader, kTemplate, "text/plain");
    return res ? json::parse(res->body) : json();
  };
  json first = preview("");
  ASSERT_TRUE(first["ok"].get<bool>()) << first.dump();
  EXPECT_EQ(first["data"], json::parse(R"({"name":")" + rows.string() +
                                       R"(","rows":3,"row":1,"columns":["x","name"]})"));
  json second = preview("?row=2");
  ASSERT_TRUE(second["ok"].get<bool>()) << second.dump();
  EXPECT_EQ(second["data"]["row"], 2);
  EXPECT_EQ(decode_png(*base64_decode(second["png"].get<std::string>())),
            template_row({{"x", "5"}, {"name", "BOB"}}, 2, rows.string()));
  // The block's box: x = 5 mm is 40 dots.
  EXPECT_EQ(second["boxes"][0]["x"], 40);
  httplib::Result png = server.client().Post("/api/render?row=3", kPageHeader, kTemplate, "");
  ASSERT_TRUE(png);
  EXPECT_EQ(decoded(png->body), template_row({{"x", "9"}, {"name", "CY"}}, 3, rows.string()));

  // Rows that are not there.
  httplib::Result past = server.client().Post("/api/render?row=4", kPageHeader, kTemplate, "");
  ASSERT_TRUE(past);
  EXPECT_EQ(past->status, 404);
  EXPECT_EQ(json::parse(past->body)["error"], "no row 4: " + rows.string() + " has 3 rows");
  EXPECT_EQ(server.client().Post("/api/render?row=0", kPageHeader, kTemplate, "")->status, 400);

  // base64 and mstching fill the chosen row too.
  httplib::Result line = server.client().Post("/api/base64?row=2", kPageHeader, kTemplate, "");
  ASSERT_TRUE(line);
  EXPECT_EQ(
      line->body,
      base64_encode(encode_png(template_row({{"x", "5"}, {"name", "BOB"}}, 2, rows.string()))) +
          "\n");
  EXPECT_EQ(server.finish(SIGTERM), 0);
}

TEST_F(ServeFile, ABadValueNamesItsRowAndColumn) {
  fs::path rows = dir_ / "rows.csv";
  write_file(rows, "x,name\n1,ANN\nabc,BOB\n");
  ServeProcess server({"--port", "0", "--data", rows.string()});
  ASSERT_GT(server.port(), 0);
  httplib::Result res =
      server.client().Post("/api/preview?row=2", kPageHeader, kTemplate, "text/plain");
  ASSERT_TRUE(res);
  json body = json::parse(res->body);
  EXPECT_FALSE(body["ok"].get<bool>());
  EXPECT_EQ(body["error"], "the markup has errors");
  // The data file's line 3, then a note at the placeholder (line 3, column 12).
  ASSERT_GE(body["diagnostics"].size(), 2u) << res->body;
  EXPECT_EQ(body["diagnostics"][0]["file"], rows.string());
  EXPECT_EQ(body["diagnostics"][0]["line"], 3);
  EXPECT_NE(body["diagnostics"][0]["message"].get<std::string>().find("column x"),
            std::string::npos);
  EXPECT_EQ(body["diagnostics"][1]["severity"], "note");
  EXPECT_EQ(body["diagnostics"][1]["line"], 3);
  EXPECT_EQ(body["diagnostics"][1]["column"], 12);
  // /api/check says the same for the row, and row 1 is fine.
  httplib::Result checked = server.client().Post("/api/check?row=2", kPageHeader, kTemplate, "");
  ASSERT_TRUE(checked);
  EXPECT_EQ(json::parse(checked->body), body["diagnostics"]);
  EXPECT_TRUE(json::parse(
      server.client().Post("/api/preview?row=1", kPageHeader, kTemplate, "")->body)["ok"]);
}

TEST_F(ServeFile, ThePageLoadsDataAndBadDataLeavesTheServerServing) {
  ServeProcess server({"--port", "0"});
  ASSERT_GT(server.port(), 0);
  httplib::Client c = server.client();
  // Without data the placeholders print as written, and ?row= has nothing to pick from.
  EXPECT_EQ(c.Get("/api/data")->status, 404);
  EXPECT_EQ(c.Post("/api/render?row=1", kPageHeader, kTemplate, "")->status, 400);

  const std::string rows = R"([{"x": 3, "name": "张伟"}, {"x": 7, "name": "李娜"}])";
  // Loading data is work: the page's header is needed, and another site's page is refused.
  EXPECT_EQ(c.Post("/api/data?name=orders.json", rows, "text/plain")->status, 403);
  httplib::Headers foreign = {{"X-Dotlabel", "1"}, {"Origin", "https://evil.example"}};
  EXPECT_EQ(c.Post("/api/data?name=orders.json", foreign, rows, "text/plain")->status, 403);

  httplib::Result loaded = c.Post("/api/data?name=orders.json", kPageHeader, rows, "");
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->status, 200) << loaded->body;
  EXPECT_EQ(json::parse(loaded->body),
            json::parse(R"({"name":"orders.json","rows":2,"columns":["name","x"]})"));
  EXPECT_EQ(json::parse(c.Get("/api/data")->body)["rows"], 2);
  httplib::Result second = c.Post("/api/render?row=2", kPageHeader, kTemplate, "");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(decoded(second->body), template_row({{"x", "7"}, {"name", "李娜"}}, 2, "orders.json"));

  // Bad data: an error with the data file's diagnostics; the data loaded before stays.
  httplib::Result broken = c.Post("/api/data?name=bad.json", kPageHeader, R"([{"x": 1}, )", "");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 422);
  json error = json::parse(broken->body);
  EXPECT_EQ(error["error"], "the data file has errors");
  ASSERT_FALSE(error["diagnostics"].empty());
  EXPECT_EQ(error["diagnostics"][0]["file"], "bad.json");
  EXPECT_EQ(c.Post("/api/data?name=rows.txt", kPageHeader, "x\n1\n", "")->status, 400);
  EXPECT_EQ(c.Post("/api/data?name=rows&format=xls", kPageHeader, "x\n1\n", "")->status, 400);
  EXPECT_EQ(
      c.Post("/api/data", kPageHeader, std::string(Limits{}.max_input_bytes + 1, 'x'), "")->status,
      413);
  EXPECT_EQ(json::parse(c.Get("/api/data")->body)["name"], "orders.json");

  // A CSV given by ?format= (tab-separated), then unloaded.
  httplib::Result tabs =
      c.Post("/api/data?name=rows&format=tsv", kPageHeader, "x\tname\n2\tA\n", "");
  ASSERT_TRUE(tabs);
  EXPECT_EQ(json::parse(tabs->body)["columns"], json::parse(R"(["x","name"])")) << tabs->body;
  EXPECT_EQ(c.Delete("/api/data", kPageHeader)->status, 200);
  EXPECT_EQ(c.Get("/api/data")->status, 404);
  EXPECT_EQ(c.Post("/api/render", kPageHeader, kDemo, "")->status, 200);
}

TEST_F(ServeFile, TheLogoIsPrintedForAnEmptyBmp) {
  Bitmap logo(24, 16);
  logo.fill(0, 0, 24, 8);
  std::vector<std::uint8_t> png = encode_png(logo);
  fs::path logo_file = dir_ / "logo.png";
  std::ofstream(logo_file, std::ios::binary)
      .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
  ServeProcess server({"--port", "0", "--logo", logo_file.string()});
  ASSERT_GT(server.port(), 0);

  const std::string markup =
      R"(<PAGE w="20" l="10"><LABEL id="1"><BMP x="1" y="1"/></LABEL></PAGE>)";
  RenderOptions with_logo;
  with_logo.logo = png;
  Bitmap expected = renderer().render(compiled(markup), with_logo).labels.front().bitmap;
  httplib::Result res = server.client().Post("/api/render", kPageHeader, markup, "text/plain");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(decoded(res->body), expected);
  EXPECT_NE(decoded(res->body), expected_label(markup)) << "not the placeholder";
}

TEST_F(ServeFile, StopsPromptlyOnSigtermAndSigintEvenWithWaitingRequests) {
  for (int signal : {SIGTERM, SIGINT}) {
    ServeProcess server({"--port", "0", file_.string()});
    ASSERT_GT(server.port(), 0);
    std::string version = json::parse(server.client().Get("/api/file")->body)["version"];
    auto waiting = std::async(std::launch::async, [&server, version] {
      return server.client().Get("/api/file?since=" + version);
    });
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(server.finish(signal, 4s), 0) << "signal " << signal;
    waiting.get();
  }
}

TEST(ServeCommand, PortInUseIsAUsageError) {
  ServeProcess first({"--port", "0"});
  ASSERT_GT(first.port(), 0);
  ServeProcess second({"--port", std::to_string(first.port())});
  EXPECT_EQ(second.port(), 0);
  EXPECT_EQ(second.finish(0), 2);
}

TEST(ServeCommand, MissingFileIsAUsageError) {
  ServeProcess server({"--port", "0", "/nonexistent/label.xml"});
  EXPECT_EQ(server.finish(0), 2);
}

// A copy of the binary in a tree of its own (bin/dotlabel) where serve's HTTP server module is
// missing, or is one from another build: serve refuses to start, the other commands work.
class ServeModule : public test::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    fs::create_directories(dir_ / "bin");
    fs::copy_file(DOTLABEL_CLI, binary());
    // The binary finds libdotlabel beside it, in ../lib, as in the build tree ($ORIGIN).
    fs::create_directories(dir_ / "lib");
    fs::create_symlink(fs::path(DOTLABEL_CLI).parent_path() / "../lib/libdotlabel.so.0",
                       dir_ / "lib/libdotlabel.so.0");
    // Where the binary looks for it, as in the build tree: e.g. bin/../lib/dotlabel/.
    module_ =
        (dir_ / "bin" /
         fs::path(DOTLABEL_SERVE_MODULE).lexically_relative(fs::path(DOTLABEL_CLI).parent_path()))
            .lexically_normal();
  }
  std::string binary() const { return (dir_ / "bin/dotlabel").string(); }

  fs::path module_;
};

TEST_F(ServeModule, MissingServeSaysWhatToDoAndListensNowhere) {
  test::CliRun r = run("serve --port 0", binary());
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "");  // the URL is printed once the server listens
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(
      r.err.starts_with("dotlabel: cannot load serve's HTTP server " + module_.string() + ": "))
      << r.err;
  EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;  // dlerror()
  EXPECT_NE(r.err.find("reinstall"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("libcpp-httplib0.11"), std::string::npos) << r.err;
}

TEST_F(ServeModule, OneOfAnotherBuildIsRefused) {
  // The real module with its version changed, as another build's would be.
  const std::string version = cli::kServeModuleVersion;
  const std::string other(version.size(), 'x');
  std::string bytes = read_file(DOTLABEL_SERVE_MODULE);
  std::size_t at = bytes.find(version + '\0');
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, version.size(), other);
  fs::create_directories(module_.parent_path());
  std::ofstream(module_, std::ios::binary) << bytes;

  test::CliRun r = run("serve --port 0", binary());
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "dotlabel: " + module_.string() +
                       " is serve's HTTP server of another dotlabel build (version " + other +
                       ", this dotlabel needs " + version +
                       "); rebuild dotlabel (cmake --build) or reinstall it, with "
                       "libcpp-httplib0.11 (the Debian package) installed\n");
}

TEST_F(ServeModule, EveryOtherCommandWorksWithoutIt) {
  write("two.xml", kTwoLabels);
  test::CliRun r = run("base64 two.xml", binary());
  EXPECT_EQ(r.exit, 0) << r.err;
  EXPECT_EQ(r.out, base64_encode(encode_png(expected_label(kTwoLabels, 1))) + "\n" +
                       base64_encode(encode_png(expected_label(kTwoLabels, 7))) + "\n");
  EXPECT_EQ(run("check two.xml", binary()).exit, 0);
}

}  // namespace
}  // namespace dotlabel
