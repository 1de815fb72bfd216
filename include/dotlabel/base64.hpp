// Base64 (RFC 4648 standard alphabet), used for BMP content and printImage payloads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dotlabel {

// Standard alphabet with padding, no line breaks.
std::string base64_encode(std::span<const std::uint8_t> bytes);
// Accepts missing padding and ignores ASCII whitespace; nullopt on any other invalid input.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace dotlabel
