// Loads libcrypto on first use (crypto_library.hpp).
#include "crypto_library.hpp"

#include "shared_library.hpp"

namespace dotlabel::support {

const Crypto* load_crypto(std::string& why) {
  return load_once<Crypto>(
      {kCryptoLibrary, "libssl3", "3.0"},
      [](SharedLibrary& library, Crypto& crypto) {
#define DOTLABEL_CRYPTO_RESOLVE(name) library.resolve(crypto.name, #name);
        DOTLABEL_CRYPTO_FUNCTIONS(DOTLABEL_CRYPTO_RESOLVE)
#undef DOTLABEL_CRYPTO_RESOLVE
      },
      [](Crypto&) { return std::string(); }, why);
}

}  // namespace dotlabel::support
