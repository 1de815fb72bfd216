// What the image readers share (image_png.cpp, image_jpeg.cpp, image_bmp.cpp): each format's
// decoder to 8-bit luminance, and the rules they all follow.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "image_decode.hpp"

namespace dotlabel::render {

// Alpha composited on white paper, then BT.601 luminance (what JPEG's Y channel is).
inline std::uint8_t luminance(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  unsigned y = (299 * r + 587 * g + 114 * b + 500) / 1000;
  return static_cast<std::uint8_t>((y * a + 255 * (255 - a) + 127) / 255);
}

inline std::string too_large_message(std::int64_t w, std::int64_t h, std::int64_t max_pixels) {
  return std::to_string(w) + "x" + std::to_string(h) + " pixels is more than the limit of " +
         std::to_string(max_pixels) + " pixels";
}

// One decoder per format; each checks the header's size against max_pixels before allocating.
GrayImage decode_png(std::span<const std::uint8_t> data, std::int64_t max_pixels);
GrayImage decode_jpeg(std::span<const std::uint8_t> data, std::int64_t max_pixels);
GrayImage decode_bmp(std::span<const std::uint8_t> data, std::int64_t max_pixels);

}  // namespace dotlabel::render
