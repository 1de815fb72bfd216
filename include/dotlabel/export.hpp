// DOTLABEL_API marks what the shared library exports. The library is built with hidden
// visibility by default, so only declarations carrying this macro are part of its ABI; the
// static module libraries and every consumer see it as the default visibility.
#pragma once

#if defined(_WIN32)
#define DOTLABEL_API
#else
#define DOTLABEL_API __attribute__((visibility("default")))
#endif
