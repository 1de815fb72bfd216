#include "cli.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>

namespace dotlabel::cli {

void add_diagnostic_options(CLI::App& command, DiagnosticOptions& options) {
  command.add_option("--diagnostics", options.format, "Diagnostics format on stderr")
      ->check(CLI::IsMember({"text", "json"}));
  command.add_flag("--werror", options.werror, "Treat warnings as errors");
}

DiagnosticPrinter::~DiagnosticPrinter() {
  if (options_.format == "json") std::cerr << format_json(pending_json_) << '\n';
}

bool DiagnosticPrinter::report(Diagnostics diagnostics) {
  bool failed = false;
  for (Diagnostic& d : diagnostics) {
    if (options_.werror && d.severity == Severity::warning) d.severity = Severity::error;
    failed = failed || d.severity == Severity::error;
    if (options_.format == "json")
      pending_json_.push_back(std::move(d));
    else
      std::cerr << format_text(d) << '\n';
  }
  return failed;
}

namespace {

// With `refuse_more`, more than max_bytes is an error; without, reading stops one byte past it.
bool read_bounded(const std::string& path, std::size_t max_bytes, bool refuse_more,
                  std::string& contents, std::string& error) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  contents.clear();
  char buffer[1 << 16];
  std::size_t n;
  bool too_big = false;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    if (contents.size() + n > max_bytes) {
      too_big = refuse_more;
      if (!refuse_more) contents.append(buffer, max_bytes + 1 - contents.size());
      break;
    }
    contents.append(buffer, n);
  }
  bool read_error = std::ferror(file);
  if (file != stdin) std::fclose(file);
  if (too_big) {
    error = path + ": larger than " + std::to_string(max_bytes) + " bytes";
    return false;
  }
  if (read_error) {
    error = path + ": read error";
    return false;
  }
  return true;
}

}  // namespace

bool read_input(const std::string& path, std::size_t max_bytes, std::string& contents,
                std::string& error) {
  return read_bounded(path, max_bytes, true, contents, error);
}

bool read_markup(const std::string& path, std::size_t max_bytes, std::string& contents,
                 std::string& error) {
  return read_bounded(path, max_bytes, false, contents, error);
}

bool write_output(const std::string& path, std::span<const std::uint8_t> bytes, std::string& error) {
  if (path == "-") {
    std::cout.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) {
      error = "cannot write to standard output";
      return false;
    }
    return true;
  }
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  int saved = errno;
  // mkstemp creates 0600; give the file the usual permissions of a new file.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  bool ok = done == bytes.size() && ::fsync(fd) == 0;
  if (::close(fd) != 0) ok = false;
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    std::remove(temp.c_str());
    error = path + ": " + std::strerror(saved ? saved : EIO);
    return false;
  }
  return true;
}

int fail(const std::string& message) {
  std::cerr << "dotlabel: " << message << '\n';
  return kUsageError;
}

}  // namespace dotlabel::cli
