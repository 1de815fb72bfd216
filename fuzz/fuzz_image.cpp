// Arbitrary bytes as the content of a BMP element: PNG/JPEG/BMP decoding must refuse bad or
// oversized images with a diagnostic, never crash or allocate without bound.
#include <cstddef>
#include <cstdint>

#include "dotlabel/ir.hpp"
#include "dotlabel/render.hpp"
#include "fuzz_limits.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dotlabel::Renderer renderer({.font_dir = {}, .limits = fuzz_limits()});
  if (size == 0) return 0;
  dotlabel::ir::Document document;
  document.page.width = 384;
  document.page.length = 240;
  dotlabel::ir::Label label;
  label.id = 1;
  dotlabel::ir::Image image;
  // The first byte picks the declared format so each decoder sees every input.
  image.format = static_cast<dotlabel::ir::ImageFormat>(data[0] % 3);
  if (data[0] & 0x80) image.width = 1 + data[0] % 64;
  image.data.assign(data + 1, data + size);
  if (image.data.empty()) return 0;
  label.elements.emplace_back(std::move(image));
  document.labels.push_back(std::move(label));
  renderer.render(document);
  return 0;
}
