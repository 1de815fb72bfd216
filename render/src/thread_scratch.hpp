// A thread's own object, for buffers and caches reused from one label to the next.
#pragma once

namespace dotlabel::render {

// This thread's T, made on first use. Not inlined on purpose: in a shared library the address
// of a thread_local is a call to __tls_get_addr, and GCC, propagating that address into the
// functions the object is passed to, repeated the call inside their loops (5 % of a batch's
// time). Returned by a call, the address is an ordinary pointer.
template <typename T>
[[gnu::noinline]] T& thread_scratch() {
  thread_local T value;
  return value;
}

}  // namespace dotlabel::render
