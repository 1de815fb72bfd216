#include "files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

namespace dotlabel::golden {
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

}  // namespace

bool read_file(const std::filesystem::path& path, std::vector<std::uint8_t>& bytes,
               std::string& error, std::size_t max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    error = path.string() + ": " + std::strerror(errno);
    return false;
  }
  bytes.clear();
  std::uint8_t buffer[1 << 16];
  std::size_t n;
  bool too_big = false;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    if (bytes.size() + n > max_bytes) {
      too_big = true;
      break;
    }
    bytes.insert(bytes.end(), buffer, buffer + n);
  }
  bool read_error = std::ferror(file);
  std::fclose(file);
  if (too_big || read_error) {
    error = path.string() +
            (too_big ? ": larger than " + std::to_string(max_bytes) + " bytes" : ": read error");
    return false;
  }
  return true;
}

bool write_file(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                std::string& error) {
  std::string temp;
  int fd = create_temporary(path, temp);
  if (fd < 0) {
    error = path.string() + ": " + std::strerror(errno);
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
  bool ok = done == bytes.size();
  if (::close(fd) != 0) ok = false;
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    std::remove(temp.c_str());
    error = path.string() + ": " + std::strerror(saved ? saved : EIO);
    return false;
  }
  return true;
}

}  // namespace dotlabel::golden
