// UTF-8 -> GBK, the text encoding of Mstching BaseText and of TSPL printers' Chinese fonts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dotlabel {

struct GbkText {
  std::string bytes;  // complete only when there is no failure
  // When a character cannot be encoded: its index in code points and the character itself
  // (its UTF-8 bytes, or the offending byte when the input is not UTF-8).
  struct Failure {
    std::size_t index = 0;
    std::string character;
  };
  std::optional<Failure> failure;
};

GbkText to_gbk(std::string_view utf8);

}  // namespace dotlabel
