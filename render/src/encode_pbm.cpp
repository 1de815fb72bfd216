// PBM P4: the bitmap's own row layout (MSB first, 1 = black), behind a text header.
#include <string>

#include "dotlabel/encode.hpp"

namespace dotlabel {

std::vector<std::uint8_t> encode_pbm(const Bitmap& bitmap) {
  std::string header =
      "P4\n" + std::to_string(bitmap.width()) + " " + std::to_string(bitmap.height()) + "\n";
  std::vector<std::uint8_t> out(header.begin(), header.end());
  out.insert(out.end(), bitmap.bits().begin(), bitmap.bits().end());
  return out;
}

}  // namespace dotlabel
