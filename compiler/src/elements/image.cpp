// BMP: an image given as base64 content, or the printer's uploaded logo when empty.
#include <array>
#include <cstdint>
#include <string>

#include "diagnostic_codes.hpp"
#include "dotlabel/base64.hpp"
#include "elements/elements.hpp"

namespace dotlabel {
namespace {

std::optional<ir::ImageFormat> sniff_format(const std::vector<std::uint8_t>& data) {
  auto starts_with = [&](std::initializer_list<std::uint8_t> signature) {
    return data.size() >= signature.size() &&
           std::equal(signature.begin(), signature.end(), data.begin());
  };
  if (starts_with({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) return ir::ImageFormat::png;
  if (starts_with({0xFF, 0xD8, 0xFF})) return ir::ImageFormat::jpeg;
  if (starts_with({'B', 'M'})) return ir::ImageFormat::bmp;
  return std::nullopt;
}

std::uint32_t read_be16(const std::vector<std::uint8_t>& d, std::size_t i) {
  return i + 2 <= d.size() ? (d[i] << 8) | d[i + 1] : 0;
}
std::uint32_t read_be32(const std::vector<std::uint8_t>& d, std::size_t i) {
  return i + 4 <= d.size() ? (read_be16(d, i) << 16) | read_be16(d, i + 2) : 0;
}
std::uint32_t read_le16(const std::vector<std::uint8_t>& d, std::size_t i) {
  return i + 2 <= d.size() ? d[i] | (d[i + 1] << 8) : 0;
}
std::int64_t read_le32(const std::vector<std::uint8_t>& d, std::size_t i) {
  if (i + 4 > d.size()) return 0;
  auto value = static_cast<std::int32_t>(d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) |
                                         (static_cast<std::uint32_t>(d[i + 3]) << 24));
  return value;
}

// Width x height from the file header, so a decompression bomb is refused before the
// renderer decodes it; 0 when the header does not say.
std::int64_t header_pixels(const std::vector<std::uint8_t>& data, ir::ImageFormat format) {
  switch (format) {
    case ir::ImageFormat::png:  // IHDR is the first chunk: width, height at 16 and 20
      return std::int64_t{read_be32(data, 16)} * read_be32(data, 20);
    case ir::ImageFormat::bmp: {
      // The DIB header's size at 14 says which: the OS/2 BITMAPCOREHEADER (12 bytes) has 16-bit
      // unsigned width and height at 18 and 20; the others 32-bit signed ones at 18 and 22
      // (a negative height is top-down), as the decoder (render/src/image_bmp.cpp) reads them.
      if (read_le32(data, 14) == 12) return std::int64_t{read_le16(data, 18)} * read_le16(data, 20);
      std::int64_t width = read_le32(data, 18), height = read_le32(data, 22);
      return (width < 0 ? -width : width) * (height < 0 ? -height : height);
    }
    case ir::ImageFormat::jpeg:  // walk the segments to the first SOFn frame header
      for (std::size_t i = 2; i + 9 < data.size();) {
        if (data[i] != 0xFF) return 0;
        std::uint8_t marker = data[i + 1];
        bool start_of_frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) return std::int64_t{read_be16(data, i + 5)} * read_be16(data, i + 7);
        i += 2 + read_be16(data, i + 2);
      }
      return 0;
  }
  return 0;
}

}  // namespace

std::optional<ir::Image> lower_image(const ElementInput& input, Context& context) {
  const Attributes& a = input.attributes;
  ir::Image image;
  image.at = input.at;
  image.x = a.dots("x");
  image.y = a.dots("y");
  if (a.present("w")) image.width = a.dots("w");

  std::string_view payload = input.content.text;
  std::size_t first = payload.find_first_not_of(" \t\n\r");
  if (first == std::string_view::npos) return a.ok() ? std::optional(image) : std::nullopt;  // logo
  payload.remove_prefix(first);
  if (payload.size() > context.limits().max_base64_bytes) {
    context.error(codes::kBase64TooLarge, input.content_at,
                  "BMP content is " + std::to_string(payload.size()) +
                      " bytes of base64, more than the limit of " +
                      std::to_string(context.limits().max_base64_bytes),
                  "scale the image down to the label's size in dots");
    return std::nullopt;
  }
  if (payload.starts_with("data:")) {
    constexpr std::string_view kMarker = ";base64,";
    std::size_t marker = payload.find(kMarker);
    if (marker == std::string_view::npos) {
      context.error(codes::kBadBase64, input.content_at, "BMP data: URL is not base64",
                    "write data:image/png;base64,... or the bare base64");
      return std::nullopt;
    }
    // The preview reads it, but the vendor says image content must come without the prefix
    // (printImage, logo upload); `dotlabel submit` refuses to send it.
    context.warning(codes::kImageDataPrefix, input.content_at,
                    "BMP content starts with a data: prefix, which the cloud does not accept",
                    "remove " + quote(payload.substr(0, marker + kMarker.size())) +
                        " and keep the bare base64");
    payload.remove_prefix(marker + kMarker.size());
  }
  std::optional<std::vector<std::uint8_t>> data = base64_decode(payload);
  if (!data) {
    context.error(codes::kBadBase64, input.content_at, "BMP content is not valid base64",
                  "the content must be the base64 of a PNG, JPEG or BMP file");
    return std::nullopt;
  }
  std::optional<ir::ImageFormat> format = sniff_format(*data);
  if (!format) {
    context.error(codes::kUnknownImageFormat, input.content_at,
                  "BMP content decodes to " + std::to_string(data->size()) +
                      " bytes that are not a PNG, JPEG or BMP file",
                  "encode a PNG, JPEG or BMP file");
    return std::nullopt;
  }
  std::int64_t pixels = header_pixels(*data, *format);
  if (pixels > context.limits().max_image_pixels) {
    context.error(codes::kImageTooLarge, input.content_at,
                  "BMP image has " + std::to_string(pixels) + " pixels, more than the limit of " +
                      std::to_string(context.limits().max_image_pixels),
                  "scale the image down to the label's size in dots");
    return std::nullopt;
  }
  if (!a.ok()) return std::nullopt;
  image.data = std::move(*data);
  image.format = *format;
  return image;
}

}  // namespace dotlabel
