#include "gbk.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <stdexcept>
#include <type_traits>

#include "utf8.hpp"

namespace dotlabel {
namespace {

struct IconvCloser {
  void operator()(iconv_t cd) const { iconv_close(cd); }
};
using Converter = std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvCloser>;

}  // namespace

GbkText to_gbk(std::string_view utf8) {
  Converter cd(iconv_open("GBK", "UTF-8"));
  if (cd.get() == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error("iconv cannot convert UTF-8 to GBK on this system");
  GbkText result;
  // One character at a time, so that a failure names the character and its index.
  std::size_t index = 0;
  for (std::size_t pos = 0; pos < utf8.size(); ++index) {
    // A byte that starts no well-formed sequence goes to iconv alone, which refuses it.
    std::size_t length = std::max<std::size_t>(utf8::sequence_length(utf8, pos), 1);
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
