// dlopen()/dlsym() with their errors as text (shared_library.hpp).
#include "shared_library.hpp"

#include <dlfcn.h>

namespace dotlabel::support {

SharedLibrary::SharedLibrary(const char* soname)
    : handle_(::dlopen(soname, RTLD_NOW | RTLD_LOCAL)) {
  if (!handle_) {
    const char* reason = ::dlerror();
    error_ = std::string("cannot load ") + soname + ": " + (reason ? reason : "unknown");
  }
}

void* SharedLibrary::symbol(const char* name) {
  void* address = handle_ ? ::dlsym(handle_, name) : nullptr;
  if (!address) missing_ += (missing_.empty() ? "" : ", ") + std::string(name);
  return address;
}

}  // namespace dotlabel::support
