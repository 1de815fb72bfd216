// libcrypto, loaded the first time a digest is made rather than at every start: libcrypto.so.3
// alone cost ~8 ms and ~180 page faults at the start of every process that loads dotlabel,
// and only the submit clients' request signatures and the font check's error message use it
// (docs/performance.md).
#pragma once

#include <openssl/evp.h>

#include <string>

namespace dotlabel::support {

// The libcrypto functions dotlabel uses, each declared once here: one-shot digests (the submit
// clients' signatures, client/src/transport.cpp) and streamed ones (a font file's sha256,
// render/src/font_files.cpp).
#define DOTLABEL_CRYPTO_FUNCTIONS(X) \
  X(EVP_Digest)                      \
  X(EVP_MD_CTX_new)                  \
  X(EVP_MD_CTX_free)                 \
  X(EVP_DigestInit_ex)               \
  X(EVP_DigestUpdate)                \
  X(EVP_DigestFinal_ex)              \
  X(EVP_md5)                         \
  X(EVP_sha1)                        \
  X(EVP_sha256)

struct Crypto {
#define DOTLABEL_CRYPTO_MEMBER(name) decltype(&::name) name = nullptr;
  DOTLABEL_CRYPTO_FUNCTIONS(DOTLABEL_CRYPTO_MEMBER)
#undef DOTLABEL_CRYPTO_MEMBER
};

// The name dlopen() is given: the soname of Debian's libssl3 (OpenSSL 3's libcrypto).
inline constexpr const char* kCryptoLibrary = "libcrypto.so.3";

// libcrypto loaded once per process, whichever thread asks first; nullptr when it cannot be
// loaded, with `why` saying so and what to install. It stays loaded until the process ends.
const Crypto* load_crypto(std::string& why);

}  // namespace dotlabel::support
