// The verified-digest cache of the printer's font files (docs/fonts.md, "The digest cache").
// Hashing wqy-zenhei.ttc (16 MB) was a third of a one-label run, and every process hashed it
// again. As fontconfig does, a file's digest is remembered under the file's identity (device,
// inode, size, mtime, ctime), so a process hashes a font file only when that exact file has not
// been verified before. ctime cannot be set back (utimensat sets only atime and mtime), so any
// write to the file changes its identity and the entry stops counting. Only digests that matched
// the manifest are recorded. The cache is an optimisation and nothing else: every failure of it
// (no directory, unreadable, unwritable, garbage) is a miss, never a diagnostic.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace dotlabel::render {

// What a digest is recorded under: the fstat of the open file.
struct FontFileIdentity {
  std::uint64_t dev = 0, ino = 0;
  std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0;
  // The ctime was over a second old when the file was stat'ed. Timestamps advance by kernel
  // ticks, so a write in the same tick as a fresh file's last change would leave its ctime as it
  // was: a file changed that recently is hashed every time and never recorded.
  bool settled = false;
};

// `st` is the fstat just made; the clock is read now.
FontFileIdentity font_file_identity(const struct stat& st);

class FontDigestCache {
 public:
  // $DOTLABEL_CACHE_DIR when set (empty: no cache), else $XDG_CACHE_HOME/dotlabel, else
  // $HOME/.cache/dotlabel; empty when none of them names a folder.
  static std::filesystem::path default_dir();

  // `dir` empty: no cache (every lookup misses, nothing is recorded).
  explicit FontDigestCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The xxh3_128 recorded for a file of exactly this identity; empty when none is.
  std::string lookup(const FontFileIdentity& id) const;
  // Records that `file`, of identity `id`, has the manifest's digest `xxh3_128`; replaces the
  // entries of the same path or inode. Nothing when the file is not settled.
  void record(const std::filesystem::path& file, const FontFileIdentity& id,
              const std::string& xxh3_128) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace dotlabel::render
