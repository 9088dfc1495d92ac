#!/usr/bin/env bash
# Re-records every golden test in vtleval/testdata/golden/*.txtar from Apache Velocity 1.7.
#
#   tools/java/goldens.sh            install/build if needed, then re-record in place
#   tools/java/goldens.sh --check    same, then fail if any golden file changed
#                                    (git diff --exit-code plus untracked files)
#
# Only .out/.err sections are rewritten; templates, contexts and comments are kept byte for byte.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="$root/vtleval/testdata/golden"

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

cp="$("$here/install.sh" | tail -n 1)"
shopt -s nullglob
files=("$dir"/*.txtar)
if [ "${#files[@]}" -eq 0 ]; then
  echo "tools/java/goldens.sh: no golden files in $dir" >&2
  exit 1
fi
# Reflection stays on the native accessor (its IllegalArgumentException says "wrong number
# of arguments"); after 15 calls JDK 17 would switch to a generated one with no message,
# so the recorded text would depend on how many cases ran before.
java -Dsun.reflect.inflationThreshold=2147483647 -Xss64m -Xmx1g -cp "$cp" velocity17.Driver golden "${files[@]}"

if [ "$check" = 1 ]; then
  cd "$root"
  if ! git diff --exit-code --stat -- vtleval/testdata/golden; then
    echo "goldens changed when re-recorded from Velocity 1.7: run 'make goldens' and commit" >&2
    exit 1
  fi
  untracked="$(git ls-files --others --exclude-standard -- vtleval/testdata/golden)"
  if [ -n "$untracked" ]; then
    echo "untracked golden files: $untracked" >&2
    exit 1
  fi
fi
