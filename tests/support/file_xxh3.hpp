// A file's XXH3-128 in the canonical form `xxhsum -H2` prints, computed here from the file read
// whole (not by the renderer's code, which compares it with fonts/manifest.json).
#pragma once

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace dotlabel::testing {

inline std::string file_xxh3_128(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  char hex[3];
  std::string out;
  for (unsigned char byte : canonical.digest) {
    std::snprintf(hex, sizeof hex, "%02x", byte);
    out += hex;
  }
  return out;
}

}  // namespace dotlabel::testing
