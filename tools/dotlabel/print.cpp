// `dotlabel print FILE --to DEST`: builds the TSPL or ESC/POS job and sends it once, to
// tcp://HOST[:PORT] (raw port 9100), file:PATH or a device such as /dev/usb/lp0
// (docs/printing.md). A job is never sent twice: once a byte has gone out, any failure ends
// the run, as a printer may already be printing the first labels.
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "printer_job.hpp"

namespace dotlabel::cli {
namespace {

struct PrintArgs {
  PrinterJobArgs job;
  std::string to;
  bool dry_run = false;
  double connect_timeout = 5;  // seconds
  double write_timeout = 30;   // seconds without progress while writing
};

struct Destination {
  enum class Kind { tcp, file, device } kind = Kind::device;
  std::string host, port, path;
};

std::optional<Destination> parse_destination(const std::string& to, std::string& error) {
  Destination d;
  if (to.rfind("tcp://", 0) == 0) {
    d.kind = Destination::Kind::tcp;
    std::string rest = to.substr(6);
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    std::size_t colon = std::string::npos;
    if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
      std::size_t close = rest.find(']');
      d.host = rest.substr(1, close == std::string::npos ? 0 : close - 1);
      if (close != std::string::npos && close + 1 < rest.size())
        colon = rest[close + 1] == ':' ? close + 1 : 0;  // 0: junk after ], refused below
    } else {
      colon = rest.rfind(':');
      d.host = rest.substr(0, colon);
    }
    d.port = colon == std::string::npos ? "9100" : colon == 0 ? "" : rest.substr(colon + 1);
    bool digits = !d.port.empty() && d.port.size() <= 5 &&
                  d.port.find_first_not_of("0123456789") == std::string::npos;
    if (d.host.empty() || !digits || std::stoi(d.port) < 1 || std::stoi(d.port) > 65535) {
      error = "--to " + to + ": expected tcp://HOST or tcp://HOST:PORT (port 1..65535)";
      return std::nullopt;
    }
  } else if (to.rfind("file:", 0) == 0) {
    d.kind = Destination::Kind::file;
    d.path = to.substr(5);
  } else if (to.rfind("/", 0) == 0) {
    d.path = to;
  } else {
    error = "--to " + to + ": expected tcp://HOST[:PORT], file:PATH or a device path (/dev/...)";
    return std::nullopt;
  }
  if (d.kind != Destination::Kind::tcp && d.path.empty()) {
    error = "--to " + to + ": no path";
    return std::nullopt;
  }
  return d;
}

int milliseconds(double seconds) {
  return static_cast<int>(std::min(std::ceil(seconds * 1000), 2'000'000'000.0));
}

// An error on the way to the printer: the input was fine, the printer or the network not.
int send_error(const std::string& message) {
  std::cerr << "dotlabel: " << message << "\n";
  return kInputError;
}

struct FileCloser {
  int fd;
  ~FileCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Writes all of `bytes` to a non-blocking descriptor, waiting at most `timeout_ms` each time
// it takes nothing. Returns the error, empty when everything went out.
std::string write_all(int fd, const std::vector<std::uint8_t>& bytes, int timeout_ms, bool socket) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = socket ? ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL)
                       : ::write(fd, bytes.data() + sent, bytes.size() - sent);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    std::string progress = " after " + std::to_string(sent) + " of " +
                           std::to_string(bytes.size()) +
                           " bytes; the job is not sent again, as the printer may have printed "
                           "part of it";
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
      return std::string(socket && (errno == EPIPE || errno == ECONNRESET)
                             ? "the printer closed the connection"
                             : std::strerror(errno)) +
             progress;
    pollfd p{fd, POLLOUT, 0};
    int ready;
    do ready = ::poll(&p, 1, timeout_ms);
    while (ready < 0 && errno == EINTR);
    if (ready == 0)
      return "the printer took nothing for " + std::to_string(timeout_ms) + " ms" + progress;
    if (ready < 0) return std::strerror(errno) + progress;
  }
  return {};
}

int send_tcp(const Destination& d, const std::vector<std::uint8_t>& bytes, const PrintArgs& args) {
  std::string where = d.host + ":" + d.port;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(d.host.c_str(), d.port.c_str(), &hints, &found); rc != 0)
    return send_error("cannot resolve " + d.host + ": " + ::gai_strerror(rc));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);

  // Each address is tried until one connects; nothing has been sent before that.
  std::string failure;
  for (addrinfo* a = found; a; a = a->ai_next) {
    FileCloser socket{
        ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol)};
    if (socket.fd < 0) {
      failure = std::strerror(errno);
      continue;
    }
    if (::connect(socket.fd, a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        failure = std::strerror(errno);
        continue;
      }
      pollfd p{socket.fd, POLLOUT, 0};
      int ready;
      do ready = ::poll(&p, 1, milliseconds(args.connect_timeout));
      while (ready < 0 && errno == EINTR);
      if (ready == 0) {
        failure = "no answer within " + std::to_string(milliseconds(args.connect_timeout)) + " ms";
        continue;
      }
      int error = 0;
      socklen_t length = sizeof error;
      ::getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (ready < 0 || error != 0) {
        failure = std::strerror(ready < 0 ? errno : error);
        continue;
      }
    }
    std::string error = write_all(socket.fd, bytes, milliseconds(args.write_timeout), true);
    if (!error.empty()) return send_error(where + ": " + error);
    return kOk;
  }
  return send_error("cannot connect to " + where + ": " + failure);
}

int send_device(const Destination& d, const std::vector<std::uint8_t>& bytes,
                const PrintArgs& args) {
  // No O_CREAT: a device that is not there is an error, not a new file.
  FileCloser device{::open(d.path.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (device.fd < 0) return send_error("cannot open " + d.path + ": " + std::strerror(errno));
  std::string error = write_all(device.fd, bytes, milliseconds(args.write_timeout), false);
  if (!error.empty()) return send_error(d.path + ": " + error);
  return kOk;
}

int run_print(const PrintArgs& args) {
  std::string error;
  std::optional<Destination> destination = parse_destination(args.to, error);
  if (!destination) return fail(error);

  DiagnosticPrinter printer(args.job.diagnostics);
  std::vector<std::uint8_t> bytes;
  if (std::optional<int> exit = build_printer_job(args.job, printer, bytes)) return *exit;

  if (args.dry_run) {
    std::cerr << "dotlabel: dry run: " << bytes.size() << " bytes of "
              << (args.job.language == "escpos" ? "ESC/POS" : "TSPL") << " for " << args.to
              << " (on standard output; nothing sent)\n";
    return write_output("-", bytes, {}, error) ? kOk : fail(error);
  }
  switch (destination->kind) {
    case Destination::Kind::tcp:
      return send_tcp(*destination, bytes, args);
    case Destination::Kind::file:
      if (!write_output(destination->path, bytes, job_inputs(args.job), error))
        return send_error(error);
      return kOk;
    case Destination::Kind::device:
      return send_device(*destination, bytes, args);
  }
  return kOk;
}

// A timeout: more than 0 and at most a day. CLI::PositiveNumber and CLI::Range let "nan"
// through (every comparison with it is false), and a NaN timeout would wait forever.
CLI::Validator seconds_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double seconds = 0;
        if (!CLI::detail::lexical_cast(text, seconds) || !std::isfinite(seconds) || seconds <= 0 ||
            seconds > 86400)
          return "expected a number of seconds above 0, at most 86400: " + text;
        return {};
      },
      "SECONDS");
}

}  // namespace

void add_print_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<PrintArgs>();
  CLI::App* command = app.add_subcommand(
      "print", "Send FILE to a label or receipt printer (TCP port 9100, a device or a file)");
  add_printer_job_options(*command, args->job, true, true);
  command
      ->add_option("--to", args->to,
                   "tcp://HOST[:PORT] (port 9100 by default), file:PATH, or a device path such "
                   "as /dev/usb/lp0")
      ->required();
  command->add_option("--lang", args->job.language, "Printer language")
      ->check(CLI::IsMember({"tspl", "escpos"}))
      ->capture_default_str();
  command->add_flag("--dry-run", args->dry_run,
                    "Write the job to standard output instead of sending it");
  command
      ->add_option("--connect-timeout", args->connect_timeout,
                   "Seconds to wait for the printer to accept the connection")
      ->check(seconds_validator())
      ->capture_default_str();
  command
      ->add_option("--write-timeout", args->write_timeout,
                   "Seconds the printer may take no data before the job is abandoned")
      ->check(seconds_validator())
      ->capture_default_str();
  command->callback([&action, args] { action = [args] { return run_print(*args); }; });
}

}  // namespace dotlabel::cli
