#!/usr/bin/env bash
# The dotlabel serve page in headless Chromium. Installs the pinned playwright-core
# (package-lock.json) into WORK_DIR when missing or out of date, then runs test.mjs.
# Chromium is Debian's (tools/install-deps.sh); nothing downloads a browser.
# Usage: run.sh DOTLABEL_CLI WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=$1
work=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "run.sh: no $chromium: install the Debian package chromium (tools/install-deps.sh)" >&2
  exit 1
fi
mkdir -p "$work"
# The stamp is the lock file that was installed, copied only once npm ci succeeded.
if ! cmp -s "$here/package-lock.json" "$work/installed-package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  (cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
  cp "$here/package-lock.json" "$work/installed-package-lock.json"
fi
CHROMIUM=$chromium exec node "$here/test.mjs" "$cli" "$work"
