#include "dotlabel/version.hpp"

namespace dotlabel {

std::string_view version() {
  return DOTLABEL_VERSION;
}

}  // namespace dotlabel
