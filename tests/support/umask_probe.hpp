// Counts the calls to umask() in a test executable that links umask_probe.cpp: its umask()
// takes the place of the C library's (the executable's definition comes first) and still sets
// the mask through the system call.
#pragma once

namespace dotlabel::test {

int umask_calls();

}  // namespace dotlabel::test
