// Encoders for rendered bitmaps. Every function here is pure and thread-safe. An encoder
// cannot fail on a Bitmap and throws nothing but std::bad_alloc (and encode_pdf, see there); the
// decoder's only failure, "not a usable PNG", is nullopt (docs/api.md).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dotlabel/bitmap.hpp"
#include "dotlabel/export.hpp"
#include "dotlabel/limits.hpp"

// Every encoder here is exported (the push is DOTLABEL_API for the whole header, so a
// declaration that changes keeps being exported).
#pragma GCC visibility push(default)

namespace dotlabel {

// Greyscale 1-bit PNG with a pHYs chunk of 203 dpi (7992 dots per metre), no row filter,
// deflated by dotlabel's writer for labels (docs/performance.md). Never an empty vector: throws
// std::invalid_argument for a bitmap without dots (a PNG is at least 1 x 1; a rendered label always
// is) and std::bad_alloc when memory runs out. Safe to call from several threads at once (each
// keeps its own buffers).
std::vector<std::uint8_t> encode_png(const Bitmap& bitmap);
// Decodes a PNG (any colour type; luminance < 50% = black, transparency counts as white);
// nullopt when it is not a PNG, is broken, or has more than max_pixels pixels.
std::optional<Bitmap> decode_png(std::span<const std::uint8_t> png,
                                 std::int64_t max_pixels = Limits{}.max_image_pixels);

std::vector<std::uint8_t> encode_pbm(const Bitmap& bitmap);  // P4
std::string encode_svg(const Bitmap& bitmap);                // dots as merged rectangles
// A page the label's size in mm, dots as rectangles, drawn by Cairo, which is loaded the first
// time a PDF is made: throws std::runtime_error saying what to install when libcairo.so.2 cannot
// be loaded.
std::vector<std::uint8_t> encode_pdf(const Bitmap& bitmap);

}  // namespace dotlabel

#pragma GCC visibility pop
