// Base64 (RFC 4648 standard alphabet), used for BMP content and printImage payloads.
// Both functions are pure and thread-safe; neither throws but std::bad_alloc.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dotlabel/export.hpp"

namespace dotlabel {

// Standard alphabet with padding, no line breaks.
DOTLABEL_API std::string base64_encode(std::span<const std::uint8_t> bytes);
// Accepts missing padding and ignores ASCII whitespace; nullopt on any other invalid input
// (a decoder whose only failure is "not base64" says so with nullopt, see docs/api.md).
DOTLABEL_API std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace dotlabel
