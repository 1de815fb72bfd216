#!/usr/bin/env python3
"""Fails when a built program or library searches for its libraries in the current folder:
an empty or relative entry in its DT_RUNPATH or DT_RPATH (readelf -d). The loader reads such an
entry relative to the folder the program runs in, so a libc.so.6 planted there would be loaded.
Entries must be absolute or start with $ORIGIN. Prints each file's search path.
"""
import re
import subprocess
import sys


def search_paths(path):
    dynamic = subprocess.run(["readelf", "-d", path], check=True, capture_output=True,
                             text=True).stdout
    return re.findall(r"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[([^\]]*)\]", dynamic)


def main():
    failed = False
    for path in sys.argv[1:]:
        for value in search_paths(path):
            print(f"{path}: {value}")
            for entry in value.split(":"):
                if not entry.startswith(("/", "$ORIGIN")):
                    print(f"{path}: search path entry {entry!r} is the current folder or "
                          "relative to it")
                    failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
