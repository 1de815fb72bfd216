#include "umask_probe.hpp"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>

namespace {
std::atomic<int> calls{0};
}

extern "C" mode_t umask(mode_t mask) noexcept {
  calls.fetch_add(1);
  return static_cast<mode_t>(syscall(SYS_umask, mask));
}

namespace dotlabel::test {

int umask_calls() {
  return calls.load();
}

}  // namespace dotlabel::test
