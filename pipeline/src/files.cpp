#include "files.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "diagnostic_codes.hpp"
#include "dotlabel/pipeline.hpp"

namespace dotlabel {
namespace pipeline {
namespace {

std::string shown_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

Diagnostic read_error(const std::string& path, const std::string& message) {
  return {shown_name(path),
          {0, 0},
          Severity::error,
          std::string(codes::kIoError),
          shown_name(path) + ": " + message,
          {}};
}

// Maps the whole pages of [data, data + size) in one system call, before they are written.
// Touching fresh memory page by page takes one fault per 4 KB, and a fault costs far more
// than the copy into its page (a third of a batch's faults were buffers filled once). Only an
// advice: a kernel without MADV_POPULATE_WRITE (before 5.14) faults the pages in as before.
void populate(void* data, std::size_t size) {
#ifdef MADV_POPULATE_WRITE
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + page - 1) & ~(page - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(page - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)data, (void)size;
#endif
}

// With `refuse_more`, more than max_bytes is an error; without, reading stops one byte past it.
Diagnostics read_bounded(const std::string& path, std::size_t max_bytes, bool refuse_more,
                         std::string& contents) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return {read_error(path, std::strerror(errno))};
  contents.clear();
  // A file's size is known: its text read in place, not through a string doubling from empty
  // (8 MB of copying and fresh pages for a 4 MB batch, before any thread can start).
  if (struct stat st{}; file != stdin && ::fstat(::fileno(file), &st) == 0 && st.st_size > 0) {
    contents.reserve(std::min(static_cast<std::size_t>(st.st_size), max_bytes + 1));
    populate(contents.data(), contents.capacity());
  }
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
  bool failed = std::ferror(file);
  if (file != stdin) std::fclose(file);
  if (too_big) return {read_error(path, "larger than " + std::to_string(max_bytes) + " bytes")};
  if (failed) return {read_error(path, "read error")};
  return {};
}

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

// Where the bytes for `path` go. A regular file, or a new one, is replaced whole through a
// temporary beside it. A symbolic link is written through: the file it names is replaced and
// the link stays (a dangling link creates its file, as a shell's `>` does). Anything else that
// exists (a printer such as /dev/usb/lp0, /dev/null, a FIFO) cannot be replaced by a rename
// and is written in place.
struct Target {
  std::string path;       // the file to replace, or to write in place
  bool in_place = false;  // not a regular file
  int error = 0;          // errno: the path cannot be written at all
};

Target target_of(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    return {path, false, errno == ENOENT ? 0 : errno};  // ENOENT: a new file
  if (S_ISLNK(st.st_mode)) {
    if (::stat(path.c_str(), &st) == 0) {  // the file the link names
      if (!S_ISREG(st.st_mode))
        return {path, !S_ISDIR(st.st_mode), S_ISDIR(st.st_mode) ? EISDIR : 0};
      std::error_code ec;
      std::filesystem::path real = std::filesystem::canonical(path, ec);
      return {ec ? path : real.string(), false, ec.value()};
    }
    if (errno != ENOENT) return {path, false, errno};
    // A link to a file not there yet: it is created where the links lead.
    std::filesystem::path link = path;
    for (int hops = 0; hops < 40; ++hops) {
      std::error_code ec;
      if (!std::filesystem::is_symlink(link, ec)) return {link.string(), false, 0};
      std::filesystem::path to = std::filesystem::read_symlink(link, ec);
      if (ec) return {path, false, ec.value()};
      link = to.is_absolute() ? to : link.parent_path() / to;
    }
    return {path, false, ELOOP};
  }
  if (S_ISDIR(st.st_mode)) return {path, false, EISDIR};  // rename(2) cannot replace a folder
  return {path, !S_ISREG(st.st_mode), 0};
}

// Writes all of `bytes` to descriptor `fd`; false with errno set on failure.
bool write_all(int fd, std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// The first half of replacing a regular file whole: its bytes in a temporary file next to it,
// synced. Returns the temporary's path, or an empty string and `error` (about `shown`).
std::string write_temporary(const std::string& path, const std::string& shown,
                            std::span<const std::uint8_t> bytes, Diagnostic& error) {
  std::string temp;
  int fd = create_temporary(path, temp);
  if (fd < 0) {
    error = output_error(shown, std::strerror(errno));
    return {};
  }
  bool ok = write_all(fd, bytes);
  int saved = ok ? 0 : errno;
  if (ok && ::fsync(fd) != 0) ok = false, saved = errno;
  if (::close(fd) != 0 && ok) ok = false, saved = errno;
  if (!ok) {
    std::remove(temp.c_str());
    error = output_error(shown, std::strerror(saved ? saved : EIO));
    return {};
  }
  return temp;
}

// A device or a FIFO: opened as it is (a FIFO waits for its reader, as a shell's `>` does),
// never created or truncated, and written.
bool write_in_place(const std::string& path, std::span<const std::uint8_t> bytes,
                    Diagnostic& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  bool ok = fd >= 0 && write_all(fd, bytes);
  int saved = ok ? 0 : errno;
  if (fd >= 0 && ::close(fd) != 0 && ok) ok = false, saved = errno;
  if (!ok) error = output_error(path, std::strerror(saved ? saved : EIO));
  return ok;
}

// The second half: the temporary takes the file's place, or is removed.
bool rename_into_place(const std::string& temp, const std::string& path, const std::string& shown,
                       Diagnostic& error) {
  if (std::rename(temp.c_str(), path.c_str()) == 0) return true;
  error = output_error(shown, std::strerror(errno));
  std::remove(temp.c_str());
  return false;
}

}  // namespace

bool same_regular_file(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == "-" || b == "-") return false;
  struct stat sa {
  }, sb{};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && S_ISREG(sa.st_mode) &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

Diagnostic output_error(const std::string& path, const std::string& message) {
  return {path,
          {0, 0},
          Severity::error,
          std::string(codes::kOutputUnwritable),
          path + ": " + message,
          "nothing was written"};
}

StagedOutputs::StagedOutputs(std::vector<std::string> inputs) : inputs_(std::move(inputs)) {}

StagedOutputs::~StagedOutputs() {
  for (const Staged& output : staged_)
    if (!output.temp.empty()) std::remove(output.temp.c_str());
}

bool StagedOutputs::add(const std::string& path, std::span<const std::uint8_t> bytes,
                        Diagnostic& error) {
  Target target = target_of(path);
  if (target.error) {
    error = output_error(path, std::strerror(target.error));
    return false;
  }
  for (const std::string& input : inputs_)
    if (same_regular_file(input, target.path)) {
      error = output_error(path, "is an input of this run, and writing it would replace it");
      return false;
    }
  Staged output{{}, path, target.path, {}};
  if (target.in_place) {
    output.bytes.assign(bytes.begin(), bytes.end());
  } else {
    output.temp = write_temporary(target.path, path, bytes, error);
    if (output.temp.empty()) return false;
  }
  staged_.push_back(std::move(output));
  return true;
}

bool StagedOutputs::commit(Diagnostic& error) {
  std::vector<Staged> staged = std::move(staged_);
  staged_.clear();
  bool ok = true;
  for (const Staged& output : staged) {
    if (!ok) {
      if (!output.temp.empty()) std::remove(output.temp.c_str());
    } else if (output.temp.empty()) {
      ok = write_in_place(output.target, output.bytes, error);
    } else {
      ok = rename_into_place(output.temp, output.target, output.path, error);
    }
  }
  return ok;
}

Spool::~Spool() {
  if (file_) std::fclose(file_);
}

bool Spool::add(std::span<const std::uint8_t> bytes, std::string& error) {
  ++count_;
  if (!file_ && memory_.size() + bytes.size() <= kMemory) {
    if (memory_.empty()) {
      memory_.reserve(kMemory);  // no copies as it grows
      populate(memory_.data(), kMemory);
    }
    memory_.insert(memory_.end(), bytes.begin(), bytes.end());
    return true;
  }
  if (!file_) {
    if (!(file_ = std::tmpfile())) {
      error = std::string("cannot create a temporary file: ") + std::strerror(errno);
      return false;
    }
    // Big blocks, not stdio's 4 KB: the file is written by the thread that also hands out the
    // work, and read back before any output. glibc takes the size only with a buffer.
    constexpr std::size_t kFileBuffer = 256u << 10;
    file_buffer_ = std::make_unique<char[]>(kFileBuffer);
    std::setvbuf(file_, file_buffer_.get(), _IOFBF, kFileBuffer);
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    error = "cannot write the temporary file";
    return false;
  }
  return true;
}

bool Spool::replay(const std::function<bool(std::span<const std::uint8_t>)>& write,
                   std::string& error) {
  if (!memory_.empty() && !write(memory_)) return false;
  if (!file_) return true;
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    error = "cannot read the temporary file back";
    return false;
  }
  // The file is read back through the memory part, written out already: no fresh buffer.
  memory_.resize(kMemory);
  std::size_t n;
  while ((n = std::fread(memory_.data(), 1, memory_.size(), file_)) > 0)
    if (!write(std::span(memory_).first(n))) return false;
  if (std::ferror(file_)) {
    error = "cannot read the temporary file back";
    return false;
  }
  return true;
}

}  // namespace pipeline

Diagnostics read_input(const std::string& path, std::size_t max_bytes, std::string& contents) {
  return pipeline::read_bounded(path, max_bytes, true, contents);
}

Diagnostics read_markup(const std::string& path, std::size_t max_bytes, std::string& contents) {
  return pipeline::read_bounded(path, max_bytes, false, contents);
}

Diagnostics write_file_atomically(const std::string& path, std::string_view bytes,
                                  const std::vector<std::string>& inputs) {
  pipeline::StagedOutputs outputs(inputs);
  Diagnostic error;
  auto span = std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  if (!outputs.add(path, span, error) || !outputs.commit(error)) return {error};
  return {};
}

}  // namespace dotlabel
