#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dotlabel::golden {

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
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::string temp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(temp.data());
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
  // mkstemp creates 0600; give the file the permissions of any new file.
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
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
