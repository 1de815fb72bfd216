// Loads libcrypto on first use (crypto_library.hpp).
#include "crypto_library.hpp"

#include <mutex>

#include "shared_library.hpp"

namespace dotlabel::support {

const Crypto* load_crypto(std::string& why) {
  static std::once_flag once;
  static Crypto crypto;
  static std::string error;  // empty once loaded
  std::call_once(once, [] {
    SharedLibrary library(kCryptoLibrary);
    if (!library.loaded()) {
      error = library.error() + "; install libssl3";
      return;
    }
#define DOTLABEL_CRYPTO_RESOLVE(name) library.resolve(crypto.name, #name);
    DOTLABEL_CRYPTO_FUNCTIONS(DOTLABEL_CRYPTO_RESOLVE)
#undef DOTLABEL_CRYPTO_RESOLVE
    if (!library.missing().empty())
      error = std::string(kCryptoLibrary) + " lacks " + library.missing() +
              "; install libssl3 3.0 or later";
  });
  if (!error.empty()) {
    why = error;
    return nullptr;
  }
  return &crypto;
}

}  // namespace dotlabel::support
