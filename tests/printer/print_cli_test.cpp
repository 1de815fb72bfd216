// `dotlabel tspl`, `dotlabel escpos` and `dotlabel print` end to end. The printer is a fake on
// 127.0.0.1: a thread with a listening socket that counts connections and keeps the bytes,
// and can also refuse (a closed port), stall (accept, never read) or hang up mid-job.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "cli_test.hpp"

namespace {

using dotlabel::test::CliTest;

class FakePrinter {
 public:
  enum class Behaviour { read_all, stall, hang_up };

  explicit FakePrinter(Behaviour behaviour, std::size_t hang_up_after = 0)
      : behaviour_(behaviour), hang_up_after_(hang_up_after) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    // A small receive window, so that a printer that stops reading fills up quickly.
    int small = 4096;
    ::setsockopt(listener_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 4);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakePrinter() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }

  int port() const { return port_; }
  int connections() const { return connections_; }
  std::string received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  bool wait_readable(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 20) > 0;
  }

  void serve() {
    std::vector<int> stalled;
    while (!stop_) {
      if (!wait_readable(listener_)) continue;
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      ++connections_;
      if (behaviour_ == Behaviour::stall) {
        stalled.push_back(client);  // never read, closed at the end
        continue;
      }
      char buffer[65536];
      std::size_t total = 0;
      while (!stop_) {
        if (!wait_readable(client)) continue;
        std::size_t want = sizeof buffer;
        if (behaviour_ == Behaviour::hang_up) want = std::min(want, hang_up_after_ - total);
        ssize_t n = ::read(client, buffer, want);
        if (n <= 0) break;
        total += static_cast<std::size_t>(n);
        {
          std::lock_guard lock(mutex_);
          received_.append(buffer, static_cast<std::size_t>(n));
        }
        if (behaviour_ == Behaviour::hang_up && total >= hang_up_after_) break;
      }
      ::close(client);
    }
    for (int fd : stalled) ::close(fd);
  }

  Behaviour behaviour_;
  std::size_t hang_up_after_;
  int listener_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::string received_;
  std::thread thread_;
};

const char* kLabel =
    "<PAGE w=\"40\" l=\"20\"><LABEL id=\"1\" c=\"2\"><BL x=\"1\" y=\"1\" w=\"20\" h=\"3\"/>"
    "<QRC x=\"25\" y=\"2\">hello</QRC></LABEL></PAGE>";

// 16 labels of 200 x 500 mm, all black: 12.8 MB of BITMAP data, more than the socket buffers
// of both ends hold, so that a printer that stops reading stops the job.
std::string large_job() {
  std::string markup = "<PAGE w=\"200\" l=\"500\">";
  for (int id = 1; id <= 16; ++id)
    markup += "<LABEL id=\"" + std::to_string(id) +
              "\"><BL x=\"0\" y=\"0\" w=\"200\" h=\"500\"/></LABEL>";
  return markup + "</PAGE>";
}

// A port nothing listens on: bound, then closed.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

class PrintCli : public CliTest {};

TEST_F(PrintCli, TsplGoesToTheFileOrStandardOutput) {
  write("label.xml", kLabel);
  auto to_stdout = run("tspl label.xml");
  ASSERT_EQ(to_stdout.exit, 0) << to_stdout.err;
  EXPECT_EQ(to_stdout.out.rfind("SIZE 40 mm,20 mm\r\nGAP 2 mm,0 mm\r\n", 0), 0u);
  EXPECT_NE(to_stdout.out.find("PRINT 1,2\r\n"), std::string::npos);
  auto to_file = run("tspl label.xml -o label.tspl");
  ASSERT_EQ(to_file.exit, 0) << to_file.err;
  EXPECT_EQ(dotlabel::test::slurp(path("label.tspl")), to_stdout.out);
  auto native = run("tspl label.xml --mode native");
  ASSERT_EQ(native.exit, 0) << native.err;
  EXPECT_NE(native.out.find("QRCODE 200,16,L,2,A,0,\"hello\"\r\n"), std::string::npos);
  EXPECT_LT(native.out.size() * 10, to_stdout.out.size());
}

// A template's rows print as the documents they fill would: TSPL a program per row, one after
// the other; ESC/POS one job, the rows' labels on one paper as one document's labels are.
class PrintTemplates : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    write(
        "tpl.xml",
        "<PAGE w=\"20\" l=\"10\" ld=\"2\">\n<LABEL id=\"1\" c=\"{{n}}\"><TEXT x=\"1\" "
        "y=\"1\">{{name}}</TEXT><BARC x=\"1\" y=\"4\" h=\"4\">{{name}}</BARC></LABEL>\n</PAGE>\n");
    write("rows.csv", "name,n\nAB,1\nCD,2\n");
  }
  static std::string label(int id, const std::string& name, int copies) {
    return "<LABEL id=\"" + std::to_string(id) + "\" c=\"" + std::to_string(copies) +
           "\"><TEXT x=\"1\" y=\"1\">" + name + "</TEXT><BARC x=\"1\" y=\"4\" h=\"4\">" + name +
           "</BARC></LABEL>\n";
  }
  static std::string page(const std::string& labels) {
    return "<PAGE w=\"20\" l=\"10\" ld=\"2\">\n" + labels + "</PAGE>\n";
  }
};

TEST_F(PrintTemplates, TsplIsAProgramPerRow) {
  write("row1.xml", page(label(1, "AB", 1)));
  write("row2.xml", page(label(1, "CD", 2)));
  for (const char* mode : {"raster", "native"}) {
    SCOPED_TRACE(mode);
    auto filled = run(std::string("tspl tpl.xml --data rows.csv --mode ") + mode);
    ASSERT_EQ(filled.exit, 0) << filled.err;
    auto one = run(std::string("tspl row1.xml --mode ") + mode);
    auto two = run(std::string("tspl row2.xml --mode ") + mode);
    EXPECT_EQ(filled.out, one.out + two.out);
    auto second = run(std::string("tspl tpl.xml --data rows.csv --rows 2 --mode ") + mode);
    EXPECT_EQ(second.out, two.out);
  }
}

TEST_F(PrintTemplates, EscPosIsOneJobOnOnePaper) {
  write("both.xml", page(label(1, "AB", 1) + label(2, "CD", 2)));
  write("row2.xml", page(label(1, "CD", 2)));
  auto filled = run("escpos tpl.xml --data rows.csv -o filled.bin");
  ASSERT_EQ(filled.exit, 0) << filled.err;
  auto both = run("escpos both.xml");
  ASSERT_EQ(both.exit, 0) << both.err;
  EXPECT_EQ(dotlabel::test::slurp(path("filled.bin")), both.out);
  // The first row selected starts the job.
  EXPECT_EQ(run("escpos tpl.xml --data rows.csv --rows 2").out, run("escpos row2.xml").out);
}

TEST_F(PrintTemplates, EveryRowGoesOverOneConnectionOnce) {
  std::string tspl = run("tspl tpl.xml --data rows.csv").out;
  ASSERT_FALSE(tspl.empty());
  FakePrinter printer(FakePrinter::Behaviour::read_all);
  auto sent = run("print tpl.xml --data rows.csv -j 2 --to tcp://127.0.0.1:" +
                  std::to_string(printer.port()));
  ASSERT_EQ(sent.exit, 0) << sent.err;
  for (int i = 0; i < 500 && printer.received().size() < tspl.size(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(printer.connections(), 1);
  EXPECT_EQ(printer.received(), tspl);
}

TEST_F(PrintTemplates, PrintSendsTheRowsAndABadRowSendsNothing) {
  std::string tspl = run("tspl tpl.xml --data rows.csv").out;
  auto sent = run("print tpl.xml --data rows.csv --to file:job.tspl");
  ASSERT_EQ(sent.exit, 0) << sent.err;
  EXPECT_EQ(dotlabel::test::slurp(path("job.tspl")), tspl);

  write("bad.csv", "name,n\nAB,1\nCD,x\n");
  for (const char* args :
       {"print tpl.xml --data bad.csv --to file:bad.tspl",
        "tspl tpl.xml --data bad.csv -o bad.tspl", "escpos tpl.xml --data bad.csv -o bad.tspl"}) {
    SCOPED_TRACE(args);
    auto refused = run(args);
    EXPECT_EQ(refused.exit, 1);
    EXPECT_NE(refused.err.find("bad.csv:3: error: "), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("(row 2, column n) [DL0203]"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(path("bad.tspl")));
  }
  // The data file is an input: never the job's output.
  auto over = run("tspl tpl.xml --data rows.csv -o rows.csv");
  EXPECT_EQ(over.exit, 2);
  EXPECT_EQ(dotlabel::test::slurp(path("rows.csv")), "name,n\nAB,1\nCD,2\n");
}

TEST_F(PrintCli, EscPosRefusesALabelWiderThanThePaper) {
  write("label.xml", kLabel);  // 320 dots wide
  auto refused = run("escpos label.xml --width 256 -o out.bin");
  EXPECT_EQ(refused.exit, 1);
  EXPECT_NE(refused.err.find("[DL0551]"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(path("out.bin")));
  auto scaled = run("escpos label.xml --width 256 --scale -o out.bin");
  EXPECT_EQ(scaled.exit, 0) << scaled.err;
  EXPECT_NE(scaled.err.find("[DL0552]"), std::string::npos);
  EXPECT_EQ(dotlabel::test::slurp(path("out.bin")).rfind("\x1B@\x1Dv0", 0), 0u);
}

TEST_F(PrintCli, SendsTheJobOnceOverOneConnection) {
  write("label.xml", kLabel);
  std::string tspl = run("tspl label.xml").out;
  FakePrinter printer(FakePrinter::Behaviour::read_all);
  auto sent = run("print label.xml --to tcp://127.0.0.1:" + std::to_string(printer.port()));
  ASSERT_EQ(sent.exit, 0) << sent.err;
  // The run is over once the bytes are in the kernel; wait for the fake to have them all.
  for (int i = 0; i < 500 && printer.received().size() < tspl.size(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(printer.connections(), 1);
  EXPECT_EQ(printer.received(), tspl);
}

TEST_F(PrintCli, SendsEscPosWhenAsked) {
  write("label.xml", kLabel);
  std::string escpos = run("escpos label.xml").out;
  FakePrinter printer(FakePrinter::Behaviour::read_all);
  auto sent =
      run("print label.xml --lang escpos --to tcp://127.0.0.1:" + std::to_string(printer.port()));
  ASSERT_EQ(sent.exit, 0) << sent.err;
  for (int i = 0; i < 500 && printer.received().size() < escpos.size(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(printer.connections(), 1);
  EXPECT_EQ(printer.received(), escpos);
}

TEST_F(PrintCli, DryRunSendsNothingAndShowsTheJob) {
  write("label.xml", kLabel);
  FakePrinter printer(FakePrinter::Behaviour::read_all);
  auto dry =
      run("print label.xml --dry-run --to tcp://127.0.0.1:" + std::to_string(printer.port()));
  ASSERT_EQ(dry.exit, 0) << dry.err;
  EXPECT_EQ(dry.out, run("tspl label.xml").out);
  EXPECT_NE(dry.err.find("nothing sent"), std::string::npos);
  EXPECT_EQ(printer.connections(), 0);
}

TEST_F(PrintCli, FileAndDeviceDestinations) {
  write("label.xml", kLabel);
  std::string tspl = run("tspl label.xml").out;
  ASSERT_EQ(run("print label.xml --to file:" + path("job.prn")).exit, 0);
  EXPECT_EQ(dotlabel::test::slurp(path("job.prn")), tspl);
  // A device path is opened, never created.
  auto missing = run("print label.xml --to " + path("lp0"));
  EXPECT_EQ(missing.exit, 1);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(path("lp0")));
  write("lp0", "");
  ASSERT_EQ(run("print label.xml --to " + path("lp0")).exit, 0);
  EXPECT_EQ(dotlabel::test::slurp(path("lp0")), tspl);
}

TEST_F(PrintCli, ARefusedConnectionIsAnError) {
  write("label.xml", kLabel);
  auto refused = run("print label.xml --to tcp://127.0.0.1:" + std::to_string(closed_port()));
  EXPECT_EQ(refused.exit, 1);
  EXPECT_NE(refused.err.find("cannot connect to 127.0.0.1:"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("refused"), std::string::npos) << refused.err;
}

TEST_F(PrintCli, APrinterThatStopsReadingTimesOutAndIsNotRetried) {
  write("large.xml", large_job());
  FakePrinter printer(FakePrinter::Behaviour::stall);
  auto stalled = run("print large.xml --write-timeout 0.3 --to tcp://127.0.0.1:" +
                     std::to_string(printer.port()));
  EXPECT_EQ(stalled.exit, 1);
  EXPECT_NE(stalled.err.find("took nothing for 300 ms"), std::string::npos) << stalled.err;
  EXPECT_NE(stalled.err.find("not sent again"), std::string::npos);
  EXPECT_EQ(printer.connections(), 1);
}

TEST_F(PrintCli, APrinterThatHangsUpMidJobIsAnErrorAndIsNotRetried) {
  write("large.xml", large_job());
  FakePrinter printer(FakePrinter::Behaviour::hang_up, 100'000);
  auto cut = run("print large.xml --write-timeout 5 --to tcp://127.0.0.1:" +
                 std::to_string(printer.port()));
  EXPECT_EQ(cut.exit, 1);
  EXPECT_NE(cut.err.find("closed the connection"), std::string::npos) << cut.err;
  EXPECT_EQ(printer.connections(), 1);
  EXPECT_EQ(printer.received().size(), 100'000u);
}

TEST_F(PrintCli, BadDestinationsAreUsageErrors) {
  write("label.xml", kLabel);
  EXPECT_EQ(run("print label.xml --to lpt1").exit, 2);
  EXPECT_EQ(run("print label.xml --to tcp://").exit, 2);
  EXPECT_EQ(run("print label.xml --to tcp://host:99999").exit, 2);
  EXPECT_EQ(run("print label.xml --to tcp://host:x").exit, 2);
  EXPECT_EQ(run("print label.xml --to file:").exit, 2);
}

// A timeout that is not a number of seconds would wait forever: "nan" passes every comparison.
TEST_F(PrintCli, TimeoutsAreFiniteSeconds) {
  write("label.xml", kLabel);
  for (const char* value : {"nan", "-nan", "inf", "0", "-1", "86401", "x"})
    for (const char* option : {"--connect-timeout", "--write-timeout"}) {
      auto r = run(std::string("print label.xml --to tcp://127.0.0.1:9 ") + option + " " + value);
      EXPECT_EQ(r.exit, 2) << option << " " << value;
      EXPECT_NE(r.err.find("seconds above 0, at most 86400"), std::string::npos) << r.err;
    }
  write("out.tspl", "");
  EXPECT_EQ(
      run("print label.xml --to file:out.tspl --write-timeout 0.5 --connect-timeout 86400").exit,
      0);
}

}  // namespace
