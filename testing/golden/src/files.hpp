// Whole-file I/O for expected images and reports.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace dotlabel::golden {

// Reads the whole file, refusing more than max_bytes. Returns false and sets `error`.
bool read_file(const std::filesystem::path& path, std::vector<std::uint8_t>& bytes,
               std::string& error, std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

// Writes the whole file or nothing (temporary file in the same folder, then rename), so an
// interrupted --update never leaves a truncated expected image. Returns false and sets `error`.
bool write_file(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                std::string& error);

}  // namespace dotlabel::golden
