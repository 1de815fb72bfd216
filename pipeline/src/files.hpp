// Reading inputs and writing outputs all or nothing, for the runs (run.cpp).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "dotlabel/diagnostics.hpp"

namespace dotlabel::pipeline {

// An error diagnostic (DL0623) about output `path`.
Diagnostic output_error(const std::string& path, const std::string& message);

// Whether `a` and `b` name one existing regular file (through links, or two hard links).
bool same_regular_file(const std::string& a, const std::string& b);

// Several files all or nothing: add() writes each to a temporary file next to it (nothing held
// in memory) and only commit() renames them into place, so a failure while writing any of them
// (disk full, a folder in the way) leaves every existing file as it was. Temporaries not
// committed are removed. A symbolic link is written through (the file it names is replaced).
// A device or a FIFO cannot be replaced: its bytes are held and written to it in place, in
// order, by commit(). An output that is one of `inputs` is refused.
class StagedOutputs {
 public:
  explicit StagedOutputs(std::vector<std::string> inputs = {});
  ~StagedOutputs();
  StagedOutputs(const StagedOutputs&) = delete;
  StagedOutputs& operator=(const StagedOutputs&) = delete;

  // On failure, sets `error` (DL0623).
  bool add(const std::string& path, std::span<const std::uint8_t> bytes, Diagnostic& error);
  bool commit(Diagnostic& error);

 private:
  struct Staged {
    std::string temp;                 // the temporary to rename; empty: written in place
    std::string path;                 // as given, for diagnostics
    std::string target;               // the file replaced or written (a link's file)
    std::vector<std::uint8_t> bytes;  // for in place
  };
  std::vector<std::string> inputs_;
  std::vector<Staged> staged_;
};

// Output bytes held until the run is known to succeed: in memory up to kMemory bytes, the rest
// in an unnamed temporary file, so that memory stays bounded (and constant: no per-output
// record) for any number of outputs. kMemory holds a few dozen labels' PNGs: more would only
// be fresh pages to fault in before the bytes go through the file's page cache anyway.
class Spool {
 public:
  static constexpr std::size_t kMemory = 256u << 10;
  Spool() = default;
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  bool add(std::span<const std::uint8_t> bytes, std::string& error);
  // Calls write(block) for the bytes in order, in blocks; stops at the first false.
  bool replay(const std::function<bool(std::span<const std::uint8_t>)>& write, std::string& error);
  std::size_t count() const { return count_; }  // add() calls

 private:
  std::size_t count_ = 0;
  std::vector<std::uint8_t> memory_;
  std::unique_ptr<char[]> file_buffer_;  // stdio's, given: setvbuf without one keeps 4 KB
  std::FILE* file_ = nullptr;
};

}  // namespace dotlabel::pipeline
