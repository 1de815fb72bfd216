#include "cli.hpp"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

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

namespace {

// Creates `.NAME.XXXXXX` (a random suffix) next to `target`, exclusively, with mode 0666 for
// the kernel to reduce by the umask (or a default ACL) as for any new file. Not mkstemp: it
// creates 0600, and learning the umask to widen that takes umask(0) + umask(mask), which
// changes the mask of every thread in the process for that moment. Returns the descriptor and
// sets `temp`, or -1 with errno set.
int create_temporary(const std::filesystem::path& target, std::string& temp) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string suffix(6, ' ');
    for (char& c : suffix) c = kChars[random() % (sizeof kChars - 1)];
    temp = (dir / ("." + target.filename().string() + "." + suffix)).string();
    int fd = ::open(temp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;  // errno is EEXIST
}

// The first half of writing a file whole: its bytes in a temporary file next to it, synced.
// Returns the temporary's path, or an empty string and `error`.
std::string write_temporary(const std::string& path, std::span<const std::uint8_t> bytes,
                            std::string& error) {
  std::filesystem::path target(path);
  // rename(2) cannot replace a folder: refuse before anything is written.
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) {
    error = path + ": " + std::strerror(EISDIR);
    return {};
  }
  std::string temp;
  int fd = create_temporary(target, temp);
  if (fd < 0) {
    error = path + ": " + std::strerror(errno);
    return {};
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
  bool ok = done == bytes.size();
  int saved = ok ? 0 : errno;
  if (ok && ::fsync(fd) != 0) ok = false, saved = errno;
  if (::close(fd) != 0 && ok) ok = false, saved = errno;
  if (!ok) {
    std::remove(temp.c_str());
    error = path + ": " + std::strerror(saved ? saved : EIO);
    return {};
  }
  return temp;
}

// The second half: the temporary takes the file's place, or is removed.
bool rename_into_place(const std::string& temp, const std::string& path, std::string& error) {
  if (std::rename(temp.c_str(), path.c_str()) == 0) return true;
  error = path + ": " + std::strerror(errno);
  std::remove(temp.c_str());
  return false;
}

}  // namespace

bool write_output(const std::string& path, std::span<const std::uint8_t> bytes,
                  std::string& error) {
  if (path == "-") {
    std::cout.write(reinterpret_cast<const char*>(bytes.data()),
                    static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) {
      error = "cannot write to standard output";
      return false;
    }
    return true;
  }
  std::string temp = write_temporary(path, bytes, error);
  return !temp.empty() && rename_into_place(temp, path, error);
}

StagedOutputs::~StagedOutputs() {
  for (const auto& [temp, path] : staged_) std::remove(temp.c_str());
}

bool StagedOutputs::add(const std::string& path, std::span<const std::uint8_t> bytes,
                        std::string& error) {
  std::string temp = write_temporary(path, bytes, error);
  if (temp.empty()) return false;
  staged_.emplace_back(std::move(temp), path);
  return true;
}

bool StagedOutputs::commit(std::string& error) {
  std::vector<std::pair<std::string, std::string>> staged = std::move(staged_);
  staged_.clear();
  bool ok = true;
  for (const auto& [temp, path] : staged) {
    if (ok)
      ok = rename_into_place(temp, path, error);
    else
      std::remove(temp.c_str());
  }
  return ok;
}

int available_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(CPU_COUNT(&set), 1);
  return static_cast<int>(std::max(std::thread::hardware_concurrency(), 1u));
}

int fail(const std::string& message) {
  std::cerr << "dotlabel: " << message << '\n';
  return kUsageError;
}

}  // namespace dotlabel::cli
