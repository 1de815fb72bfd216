#include "gbk.hpp"

#include <iconv.h>

#include <cerrno>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace dotlabel {
namespace {

struct IconvCloser {
  void operator()(iconv_t cd) const { iconv_close(cd); }
};
using Converter = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

// Length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot lead one. iconv
// rejects malformed sequences, so this only has to find where a character ends.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 0;
}

}  // namespace

GbkText to_gbk(std::string_view utf8) {
  Converter cd(iconv_open("GBK", "UTF-8"));
  if (cd.get() == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error("iconv cannot convert UTF-8 to GBK on this system");
  GbkText result;
  // One character at a time, so that a failure names the character and its index.
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < utf8.size(); ++index) {
    std::size_t length = sequence_length(static_cast<unsigned char>(utf8[pos]));
    if (length == 0 || pos + length > utf8.size()) length = 1;
    char in_buffer[4];
    utf8.copy(in_buffer, length, pos);
    char out_buffer[8];
    char* in = in_buffer;
    char* out = out_buffer;
    std::size_t in_left = length, out_left = sizeof out_buffer;
    if (iconv(cd.get(), &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1) ||
        in_left != 0) {
      result.failure = GbkText::Failure{index, std::string(utf8.substr(pos, length))};
      return result;
    }
    result.bytes.append(out_buffer, out);
    pos += length;
  }
  return result;
}

}  // namespace dotlabel
