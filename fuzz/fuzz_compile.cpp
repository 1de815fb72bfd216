// Any byte string fed to the compiler yields a result and diagnostics, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dotlabel/compiler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dotlabel::compile(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
