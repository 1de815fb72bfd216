// Loads libcurl on first use (curl_library.hpp): the one place that knows its file name and
// resolves its functions.
#include "curl_library.hpp"

#include <dlfcn.h>

#include <mutex>

namespace dotlabel::client {

const Curl* load_curl(std::string& why) {
  static std::once_flag once;
  static Curl curl;
  static std::string error;  // empty once loaded
  std::call_once(once, [] {
    void* library = ::dlopen(kCurlLibrary, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
      const char* reason = ::dlerror();
      error = std::string("cannot load ") + kCurlLibrary + ": " + (reason ? reason : "unknown") +
              "; install libcurl4";
      return;
    }
    std::string missing;
#define DOTLABEL_CURL_RESOLVE(name)                                                   \
  curl.name = reinterpret_cast<decltype(curl.name)>(::dlsym(library, "curl_" #name)); \
  if (!curl.name) missing += (missing.empty() ? "curl_" : ", curl_") + std::string(#name);
    DOTLABEL_CURL_FUNCTIONS(DOTLABEL_CURL_RESOLVE)
#undef DOTLABEL_CURL_RESOLVE
    if (!missing.empty()) {
      error = std::string(kCurlLibrary) + " lacks " + missing + "; install libcurl4 7.56 or later";
      return;
    }
    // Not thread-safe in libcurl before 7.84, hence here, under the once_flag.
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      error = std::string(kCurlLibrary) + ": curl_global_init failed";
  });
  if (!error.empty()) {
    why = error;
    return nullptr;
  }
  return &curl;
}

}  // namespace dotlabel::client
