// A shared library loaded with dlopen() when it is first used rather than named in DT_NEEDED,
// so that a process that never needs it does not pay for loading it at start-up
// (docs/performance.md). What each loader resolves, its soname, the package to install and its
// first-use step stay in its module (client/src/curl_library.hpp, render/src/cairo_library.hpp,
// crypto_library.hpp); this is the part they share.
#pragma once

#include <mutex>
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

// What a loader knows of its library: the soname, the Debian package that installs it and the
// oldest version with every function the loader resolves.
struct LibrarySpec {
  const char* soname;
  const char* package;
  const char* oldest;
};

// Loads `spec` once per process, whichever thread asks first: `resolve(library, table)` fills
// the loader's Table of functions, then `start(table)` runs its first-use step and returns an
// error, or "". nullptr with `why` saying what failed and what to install; every later call
// gives the same answer. One Table type per loader: the statics are the Table's.
template <typename Table, typename Resolve, typename Start>
const Table* load_once(const LibrarySpec& spec, Resolve resolve, Start start, std::string& why) {
  static std::once_flag once;
  static Table table;
  static std::string error;  // empty once loaded
  std::call_once(once, [&] {
    SharedLibrary library(spec.soname);
    if (!library.loaded()) {
      error = library.error() + "; install " + spec.package;
      return;
    }
    resolve(library, table);
    if (!library.missing().empty()) {
      error = std::string(spec.soname) + " lacks " + library.missing() + "; install " +
              spec.package + " " + spec.oldest + " or later";
      return;
    }
    error = start(table);
  });
  if (!error.empty()) {
    why = error;
    return nullptr;
  }
  return &table;
}

}  // namespace dotlabel::support
