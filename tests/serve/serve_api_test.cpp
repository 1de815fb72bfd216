// `dotlabel serve` over HTTP: the real binary on a free loopback port, asked with
// cpp-httplib's client. Every answer is compared with what the library itself produces for
// the same markup, so the server adds transport and nothing else.
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
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

#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/render.hpp"

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

  static httplib::Result post(const std::string& path, const std::string& body) {
    return server_->client().Post(path, body, "text/plain");
  }

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

  // Valid markup: the compiler's notes and the renderer's layout lint (here: clipping).
  const std::string clipped = R"(<PAGE w="30" l="20"><LABEL id="1">
<BL x="25" y="2" w="10" h="2"/></LABEL></PAGE>)";
  CompileResult result = compile(clipped);
  ASSERT_TRUE(result.ok());
  Diagnostics expected = result.diagnostics;
  Diagnostics lint = renderer().render(*result.document).diagnostics;
  expected.insert(expected.end(), lint.begin(), lint.end());
  httplib::Result res = post("/api/check", clipped);
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body), json::parse(format_json(expected)));
  EXPECT_FALSE(lint.empty()) << "the renderer reports clipping";
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

  // Label 7 is mirrored: the boxes are where the elements show on the picture.
  ir::Document doc = compiled(kTwoLabels);
  RenderedLabel rendered = renderer().render(doc, {}, 7).labels.front();
  ASSERT_EQ(body["boxes"].size(), rendered.boxes.size());
  for (std::size_t i = 0; i < rendered.boxes.size(); ++i) {
    const ElementBox& b = rendered.boxes[i];
    EXPECT_EQ(body["boxes"][i], json({{"label", 7},
                                      {"line", b.at.line},
                                      {"column", b.at.column},
                                      {"x", 400 - b.x - b.width},
                                      {"y", b.y},
                                      {"width", b.width},
                                      {"height", b.height}}));
  }
  ASSERT_FALSE(rendered.boxes.empty());
  EXPECT_EQ(rendered.boxes[0].at.line, 7);  // the BL

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

  json body = json::parse(post("/api/preview?as_fed=1", fed)->body);
  ASSERT_EQ(rendered.boxes.size(), 1u);
  const ElementBox& b = rendered.boxes[0];
  EXPECT_EQ(body["boxes"][0]["x"], 320 - b.x - b.width);
  EXPECT_EQ(body["boxes"][0]["y"], 160 - b.y - b.height);
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
  httplib::Result res = server.client().Post("/api/render", markup, "text/plain");
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

}  // namespace
}  // namespace dotlabel
