// Image decoding for BMP elements (draw_image.cpp): PNG (libpng), JPEG (libjpeg-turbo) and
// BMP (by hand) to 8-bit luminance, then scaling and reduction to 1 bit.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dotlabel/bitmap.hpp"

namespace dotlabel::render {

// Luminance (BT.601: 0.299 R + 0.587 G + 0.114 B), alpha already composited on white paper.
struct GrayImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> luma;  // row-major, width*height
  std::string format;              // "PNG", "JPEG" or "BMP": what the bytes turned out to be
  std::string error;               // non-empty: nothing decoded
  bool too_large = false;          // error: the header claims more than max_pixels pixels
  std::string warning;             // decoded, but the decoder complained (corrupt JPEG data)
};

// Decodes by the data's signature (PNG, JPEG or BMP), whatever the data URI claimed. The
// header's dimensions are checked against max_pixels before any pixel memory is allocated.
// Corrupt or truncated data is an error, never a crash.
GrayImage decode_image(std::span<const std::uint8_t> data, std::int64_t max_pixels);

// True when the image has at most two distinct luminance values (a logo, line art): those are
// thresholded; everything else is dithered.
bool two_colour(const GrayImage& image);

// Scales to width x height dots by area averaging (each dot is the mean of the source area it
// covers, so downscaling keeps thin lines as grey that the threshold/dither then decides) and
// reduces to 1 bit: two-colour images are thresholded halfway between their two values,
// others are Floyd-Steinberg dithered at 128.
Bitmap to_mono(const GrayImage& image, int width, int height);

}  // namespace dotlabel::render
