// libcurl, loaded the first time a request is sent rather than at every start: libcurl.so.4
// brings ~45 libraries (TLS, Kerberos, LDAP, SSH, ...) whose loading and relocation were most of
// the start-up of a dotlabel process that never submits (docs/performance.md).
#pragma once

#include <curl/curl.h>

#include <string>

namespace dotlabel::client {

// The libcurl functions the transport uses, each declared once here. Listed without their
// "curl_" prefix so that curl.h's type-checking macros (curl_easy_setopt(...)) do not apply.
#define DOTLABEL_CURL_FUNCTIONS(X) \
  X(global_init)                   \
  X(easy_init)                     \
  X(easy_cleanup)                  \
  X(easy_setopt)                   \
  X(easy_perform)                  \
  X(easy_getinfo)                  \
  X(easy_strerror)                 \
  X(slist_append)                  \
  X(slist_free_all)                \
  X(mime_init)                     \
  X(mime_free)                     \
  X(mime_addpart)                  \
  X(mime_name)                     \
  X(mime_data)                     \
  X(mime_filename)                 \
  X(mime_type)

struct Curl {
#define DOTLABEL_CURL_MEMBER(name) decltype(&curl_##name) name = nullptr;
  DOTLABEL_CURL_FUNCTIONS(DOTLABEL_CURL_MEMBER)
#undef DOTLABEL_CURL_MEMBER
};

// The name dlopen() is given: the soname of Debian's libcurl4 (OpenSSL flavour).
inline constexpr const char* kCurlLibrary = "libcurl.so.4";

// libcurl loaded and initialised (curl_global_init) once per process, whichever thread asks
// first; nullptr when it cannot be loaded, with `why` saying so and what to install. It stays
// loaded until the process ends.
const Curl* load_curl(std::string& why);

}  // namespace dotlabel::client
