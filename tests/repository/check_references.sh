#!/usr/bin/env bash
# Fails when a tracked text file refers to material outside the repository: the sibling
# folder of design notes and vendor samples that only a development machine has, or a
# design-note page under spec/ that the repository does not contain. A fresh clone must build
# and test with what it holds, and every citation must lead to a file a reader has.
# Usage: check_references.sh REPOSITORY_ROOT. Exit 77 (skipped) outside a git checkout.
set -euo pipefail
root=$1
cd "$root"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || {
  echo "not a git checkout: nothing to check"
  exit 77
}

status=0
# -I skips binary files (PNG, fonts): only text can cite a path.
outside='\.\./shared|shared/(corpus|reference)'
if matches=$(git grep -nIE "$outside" -- .); then
  echo "These lines refer to a folder outside the repository; cite or copy what is in it:"
  echo "$matches"
  status=1
fi

# A page under spec/ is fine only when that file is in the repository (relative to the citing
# file's folder or to the root).
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  line=${rest%%:*}
  path=${rest#*:}
  dir=$(dirname "$file")
  if [ ! -f "$dir/$path" ] && [ ! -f "${path#../}" ]; then
    echo "$file:$line: cites $path, which is not in the repository (cite docs/ instead)"
    status=1
  fi
done < <(git grep -nIoE '([A-Za-z0-9_.-]+/)*spec/[A-Za-z0-9_-]+\.md' -- . || true)
exit $status
