// A shared library loaded with dlopen() when it is first used rather than named in DT_NEEDED,
// so that a process that never needs it does not pay for loading it at start-up
// (docs/performance.md). What each loader resolves, its soname, the package to install and its
// first-use step stay in its module (client/src/curl_library.hpp, render/src/cairo_library.hpp,
// crypto_library.hpp); this is the part they share.
#pragma once

#include <string>

namespace dotlabel::support {

class SharedLibrary {
 public:
  // dlopen(soname, RTLD_NOW | RTLD_LOCAL): every symbol bound now, none added to the process's
  // global scope. Never closed: the functions resolved are used until the process ends.
  explicit SharedLibrary(const char* soname);

  bool loaded() const { return handle_ != nullptr; }
  // "cannot load SONAME: <dlerror's text>" when !loaded().
  const std::string& error() const { return error_; }

  // Sets `function` to the library's symbol `name`; to nullptr, and `name` added to missing(),
  // when the library lacks it.
  template <typename Function>
  void resolve(Function*& function, const char* name) {
    function = reinterpret_cast<Function*>(symbol(name));
  }
  // The names resolve() did not find, ", "-separated; empty when every one was found.
  const std::string& missing() const { return missing_; }

 private:
  void* symbol(const char* name);

  void* handle_ = nullptr;
  std::string error_;
  std::string missing_;
};

}  // namespace dotlabel::support
