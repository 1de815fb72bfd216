// BMP resolved: an embedded PNG/JPEG/BMP image (image_decode.cpp), scaled to `w` dots keeping
// its aspect ratio and reduced to 1 bit; an empty <BMP/> is the printer's uploaded logo. Every
// content diagnostic of an image (decoding, size) is raised here.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>

#include "diagnostic_codes.hpp"
#include "image_decode.hpp"
#include "resolve/resolve.hpp"

namespace dotlabel::render {

namespace {

// Side of the placeholder square when <BMP/> has no `w`: 12 mm, a typical logo.
constexpr int kPlaceholderSide = 96;

bool over_limit(SourcePos at, std::int64_t w, std::int64_t h, const ResolveContext& context) {
  const Limits& limits = context.limits;
  if (w * h <= limits.max_image_pixels) return false;
  context.report(at, Severity::error, codes::kImageOverLimit,
                 "BMP scaled to " + std::to_string(w) + "x" + std::to_string(h) +
                     " dots is more than the limit of " + std::to_string(limits.max_image_pixels) +
                     " pixels; nothing is drawn",
                 "give a smaller w");
  return true;
}

// Dashed 2-dot outline with a cross, so the reserved area is obvious and cannot be mistaken
// for a printed box.
Bitmap placeholder(int side) {
  constexpr int kStroke = 2, kDash = 8, kGap = 4;
  Bitmap sprite(side, side);
  for (int i = 0; i < side; i += kDash + kGap) {
    const int n = std::min(kDash, side - i);
    sprite.fill(i, 0, n, kStroke);
    sprite.fill(i, side - kStroke, n, kStroke);
    sprite.fill(0, i, kStroke, n);
    sprite.fill(side - kStroke, i, kStroke, n);
  }
  // Close the corners the dash pattern may end short of.
  const int end = std::min(kDash, side);
  sprite.fill(side - end, 0, end, kStroke);
  sprite.fill(side - end, side - kStroke, end, kStroke);
  sprite.fill(0, side - end, kStroke, end);
  sprite.fill(side - kStroke, side - end, kStroke, end);
  for (int i = 0; i < side; ++i) {
    if (i % (kDash + kGap) >= kDash) continue;
    sprite.set(i, i, true);
    sprite.set(side - 1 - i, i, true);
  }
  return sprite;
}

}  // namespace

ResolvedElement resolve_image(const ir::Image& image, const ResolveContext& context) {
  std::span<const std::uint8_t> bytes = image.data;
  const bool logo = bytes.empty();
  if (logo) {
    if (context.options.logo.empty()) {
      const int side = image.width.value_or(kPlaceholderSide);
      context.report(image.at, Severity::warning, codes::kLogoPlaceholder,
                     "empty BMP: the printer prints the logo uploaded to it here; the preview "
                     "shows a " +
                         std::to_string(side) + "x" + std::to_string(side) + "-dot placeholder",
                     "give the logo image to the renderer (RenderOptions::logo) to preview it");
      if (side <= 0 || over_limit(image.at, side, side, context)) return {};
      return ResolvedImage{&image, placeholder(side)};
    }
    bytes = context.options.logo;
  }
  const std::string what = logo ? "the logo image for the empty BMP" : "BMP image";

  GrayImage decoded = decode_image(bytes, context.limits.max_image_pixels);
  if (!decoded.error.empty()) {
    context.report(image.at, Severity::error,
                   decoded.too_large ? codes::kImageOverLimit : codes::kImageUndecodable,
                   (decoded.too_large ? what + " is too large; nothing is drawn"
                                      : what + " cannot be decoded; nothing is drawn"),
                   (decoded.format.empty() ? "" : decoded.format + ": ") + decoded.error);
    return {};
  }
  if (!decoded.warning.empty())
    context.report(image.at, Severity::warning, codes::kImageDamaged,
                   what + " has damaged " + decoded.format + " data; it may print wrongly",
                   decoded.warning);

  const int width = image.width.value_or(decoded.width);
  if (width <= 0) {
    context.report(image.at, Severity::warning, codes::kImageNoWidth,
                   "BMP w=" + std::to_string(width) + " draws nothing", "give w of 1 dot or more");
    return {};
  }
  const std::int64_t height = std::max<std::int64_t>(
      1, std::llround(static_cast<double>(decoded.height) * width / decoded.width));
  if (over_limit(image.at, width, height, context)) return {};
  return ResolvedImage{&image, to_mono(decoded, width, static_cast<int>(height))};
}

}  // namespace dotlabel::render
