// The verified-digest cache (font_digest_cache.hpp): one text file, `font-digests-v1`, a line
// per verified font file:
//   DEV INO SIZE MTIME_NS CTIME_NS XXH3_128 PATH\n
// PATH is the rest of the line and only says which file it was (an entry is found by its
// identity); it also lets a changed file's new entry replace its old one.
#include "font_digest_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string_view>
#include <vector>

namespace dotlabel::render {
namespace {

constexpr const char* kFileName = "font-digests-v1";
// A handful of fonts need a few hundred bytes; a larger file is not ours and is ignored.
constexpr std::size_t kMaxBytes = std::size_t{64} << 10;
// A line's fields other than its path, at their longest (a bound for the cap).
constexpr std::size_t kLineBytes = 6 * 20 + 32 + 1;
constexpr std::int64_t kSettleNs = 1'000'000'000;

// Within a process: two font files may load at once on two threads.
std::mutex cache_mutex;

struct Entry {
  FontFileIdentity id;
  std::string digest;
  std::string path;
};

std::int64_t ns(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

bool same_identity(const FontFileIdentity& a, const FontFileIdentity& b) {
  return a.dev == b.dev && a.ino == b.ino && a.size == b.size && a.mtime_ns == b.mtime_ns &&
         a.ctime_ns == b.ctime_ns;
}

// The next space-separated field of `line`, as a whole number.
template <typename Int>
bool take_number(std::string_view& line, Int& value) {
  std::size_t end = line.find(' ');
  if (end == std::string_view::npos || end == 0) return false;
  auto [ptr, ec] = std::from_chars(line.data(), line.data() + end, value);
  if (ec != std::errc() || ptr != line.data() + end) return false;
  line.remove_prefix(end + 1);
  return true;
}

bool is_digest(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// One line without its newline; false for anything but exactly the format above.
bool parse_line(std::string_view line, Entry& e) {
  if (!take_number(line, e.id.dev) || !take_number(line, e.id.ino) ||
      !take_number(line, e.id.size) || !take_number(line, e.id.mtime_ns) ||
      !take_number(line, e.id.ctime_ns))
    return false;
  if (line.size() < 34 || line[32] != ' ' || !is_digest(line.substr(0, 32))) return false;
  e.digest = line.substr(0, 32);
  e.path = line.substr(33);
  return e.id.size >= 0;
}

// The file's well-formed entries. A line counts only with its newline, so a file cut short
// loses its last line, never reads it wrong.
std::vector<Entry> read_entries(const std::filesystem::path& file) {
  std::vector<Entry> entries;
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return entries;
  std::string text(kMaxBytes + 1, '\0');
  std::size_t size = 0;
  while (size < text.size()) {
    ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (size > kMaxBytes) return entries;
  std::string_view rest(text.data(), size);
  for (std::size_t end; (end = rest.find('\n')) != std::string_view::npos;) {
    Entry e;
    if (parse_line(rest.substr(0, end), e)) entries.push_back(std::move(e));
    rest.remove_prefix(end + 1);
  }
  return entries;
}

// mkdir -p, each missing folder private to the user.
bool make_dirs(const std::filesystem::path& dir) {
  std::filesystem::path at;
  for (const auto& part : dir) {
    at /= part;
    if (::mkdir(at.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  struct stat st {};
  return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// The whole file written beside it and renamed over it: a concurrent reader sees the old file
// or the new one, never a part. Two processes recording at once may lose one's entry, which
// costs that file one more hash later.
void write_entries(const std::filesystem::path& dir, const std::vector<Entry>& entries) {
  std::string text;
  for (const Entry& e : entries)
    text += std::to_string(e.id.dev) + ' ' + std::to_string(e.id.ino) + ' ' +
            std::to_string(e.id.size) + ' ' + std::to_string(e.id.mtime_ns) + ' ' +
            std::to_string(e.id.ctime_ns) + ' ' + e.digest + ' ' + e.path + '\n';
  static std::atomic<unsigned> serial{0};
  const std::filesystem::path temp =
      dir / ("." + std::string(kFileName) + "." + std::to_string(::getpid()) + "." +
             std::to_string(serial++));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return;
  bool ok = write_all(fd, text);
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(temp.c_str(), (dir / kFileName).c_str()) != 0) ::unlink(temp.c_str());
}

}  // namespace

FontFileIdentity font_file_identity(const struct stat& st) {
  FontFileIdentity id;
  id.dev = static_cast<std::uint64_t>(st.st_dev);
  id.ino = static_cast<std::uint64_t>(st.st_ino);
  id.size = static_cast<std::int64_t>(st.st_size);
  id.mtime_ns = ns(st.st_mtim);
  id.ctime_ns = ns(st.st_ctim);
  struct timespec now {};
  id.settled = ::clock_gettime(CLOCK_REALTIME, &now) == 0 && id.ctime_ns < ns(now) - kSettleNs;
  return id;
}

std::filesystem::path FontDigestCache::default_dir() {
  if (const char* dir = std::getenv("DOTLABEL_CACHE_DIR")) return dir;
  // The XDG base-directory rules: a relative $XDG_CACHE_HOME is ignored.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/')
    return std::filesystem::path(xdg) / "dotlabel";
  if (const char* home = std::getenv("HOME"); home && home[0] == '/')
    return std::filesystem::path(home) / ".cache" / "dotlabel";
  return {};
}

std::string FontDigestCache::lookup(const FontFileIdentity& id) const {
  if (dir_.empty()) return {};
  std::lock_guard lock(cache_mutex);
  for (Entry& e : read_entries(dir_ / kFileName))
    if (same_identity(e.id, id)) return std::move(e.digest);
  return {};
}

void FontDigestCache::record(const std::filesystem::path& file, const FontFileIdentity& id,
                             const std::string& xxh3_128) const {
  const std::string path = file.string();
  if (dir_.empty() || !id.settled || !is_digest(xxh3_128) || path.empty() ||
      path.find('\n') != std::string::npos)
    return;
  std::lock_guard lock(cache_mutex);
  if (!make_dirs(dir_)) return;
  std::vector<Entry> entries;
  std::size_t bytes = 0;
  for (Entry& e : read_entries(dir_ / kFileName))
    if (e.path != path && !(e.id.dev == id.dev && e.id.ino == id.ino)) {
      bytes += e.path.size() + kLineBytes;
      entries.push_back(std::move(e));
    }
  // Under the cap with room to spare: the oldest entries go first.
  std::size_t first = 0;
  while (first < entries.size() && bytes + path.size() + kLineBytes > kMaxBytes)
    bytes -= entries[first++].path.size() + kLineBytes;
  entries.erase(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(first));
  entries.push_back({id, xxh3_128, path});
  write_entries(dir_, entries);
}

}  // namespace dotlabel::render
