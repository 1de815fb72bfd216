// Loads libcurl on first use (curl_library.hpp): the one place that knows its file name and
// resolves its functions.
#include "curl_library.hpp"

#include "shared_library.hpp"

namespace dotlabel::client {

const Curl* load_curl(std::string& why) {
  return support::load_once<Curl>(
      {kCurlLibrary, "libcurl4", "7.56"},
      [](support::SharedLibrary& library, Curl& curl) {
#define DOTLABEL_CURL_RESOLVE(name) library.resolve(curl.name, "curl_" #name);
        DOTLABEL_CURL_FUNCTIONS(DOTLABEL_CURL_RESOLVE)
#undef DOTLABEL_CURL_RESOLVE
      },
      // Not thread-safe in libcurl before 7.84, hence here, under the loader's once_flag.
      [](Curl& curl) {
        return curl.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK
                   ? std::string()
                   : std::string(kCurlLibrary) + ": curl_global_init failed";
      },
      why);
}

}  // namespace dotlabel::client
