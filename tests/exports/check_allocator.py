#!/usr/bin/env python3
"""The dotlabel program runs on mimalloc with 2 MiB pages preferred, and the shared library
does not bring mimalloc to the programs embedding it (tools/dotlabel/CMakeLists.txt,
docs/performance.md). mimalloc prints its options when MIMALLOC_VERBOSE=1: large_os_pages is
1 by default (set before mimalloc starts, tools/dotlabel/main.cpp) and 0 when the environment
says so.

    check_allocator.py LIBDOTLABEL_SO DOTLABEL
"""
import os
import re
import subprocess
import sys

from check_needed import needed


def large_pages(program, extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIMALLOC_")}
    env.update(MIMALLOC_VERBOSE="1", **extra)
    run = subprocess.run([program, "--version"], env=env, capture_output=True, text=True)
    if run.returncode != 0 or not run.stdout.startswith("dotlabel "):
        return f"exit {run.returncode}, stdout {run.stdout!r}"
    found = re.findall(r"option 'large_os_pages': (\d+)", run.stderr)
    return found[0] if len(found) == 1 else f"stderr {run.stderr[:400]!r}"


def main():
    library, program = sys.argv[1:3]
    failures = []
    if any(name.startswith("libmimalloc") for name in needed(library)):
        failures.append(f"{library} needs mimalloc: the embedding program's allocator is its own")
    if not any(name.startswith("libmimalloc") for name in needed(program)):
        failures.append(f"{program} does not need mimalloc")
    for extra, want in (({}, "1"), ({"MIMALLOC_LARGE_OS_PAGES": "0"}, "0")):
        got = large_pages(program, extra)
        if got != want:
            failures.append(f"large_os_pages with {extra or 'no setting'}: {got}, want {want}")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
