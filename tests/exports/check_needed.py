#!/usr/bin/env python3
"""Fails when the shared library or the CLI needs, at start-up, a library dotlabel loads only
when it is used: libcurl (the submit clients, client/src/curl_library.hpp), Cairo (PDF,
render/src/cairo_library.hpp), libcrypto (digests, support/src/crypto_library.hpp), and
libcpp-httplib with libssl (`dotlabel serve`'s module, tools/dotlabel/serve_server.hpp). Each
would bring libraries or start-up work into every process (docs/performance.md). Reads the
DT_NEEDED entries (readelf -d) of each file given.
"""
import re
import subprocess
import sys

LOADED_ON_USE = ("libcurl", "libcairo", "libcrypto", "libcpp-httplib", "libssl")


def needed(path):
    dynamic = subprocess.run(["readelf", "-d", path], check=True, capture_output=True,
                             text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)


def main():
    failed = False
    for path in sys.argv[1:]:
        names = needed(path)
        if not names:
            print(f"{path}: no DT_NEEDED entries read")
            failed = True
        for name in names:
            if name.startswith(LOADED_ON_USE):
                print(f"{path} needs {name} at start-up; it is to be loaded on first use")
                failed = True
        print(f"{path}: {len(names)} needed libraries")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
