#include "files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dotlabel/pipeline.hpp"

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
  // The library's one atomic write (temporary file beside it, then rename), as the CLI's.
  Diagnostics problems = write_file_atomically(
      path.string(), {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
  if (problems.empty()) return true;
  error = problems.front().message;
  return false;
}

}  // namespace dotlabel::golden
