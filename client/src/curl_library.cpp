// Loads libcurl on first use (curl_library.hpp): the one place that knows its file name and
// resolves its functions.
#include "curl_library.hpp"

#include <mutex>

#include "shared_library.hpp"

namespace dotlabel::client {

const Curl* load_curl(std::string& why) {
  static std::once_flag once;
  static Curl curl;
  static std::string error;  // empty once loaded
  std::call_once(once, [] {
    support::SharedLibrary library(kCurlLibrary);
    if (!library.loaded()) {
      error = library.error() + "; install libcurl4";
      return;
    }
#define DOTLABEL_CURL_RESOLVE(name) library.resolve(curl.name, "curl_" #name);
    DOTLABEL_CURL_FUNCTIONS(DOTLABEL_CURL_RESOLVE)
#undef DOTLABEL_CURL_RESOLVE
    if (!library.missing().empty()) {
      error = std::string(kCurlLibrary) + " lacks " + library.missing() +
              "; install libcurl4 7.56 or later";
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
