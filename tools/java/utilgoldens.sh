#!/usr/bin/env bash
# Re-records the Java goldens of vtleval/apigw ($util functions, selection-pattern regexes,
# Jayway JSONPath) with vtleval/apigw/testdata/util/record.sh, installing what it needs first.
#
#   tools/java/utilgoldens.sh            re-record in place
#   tools/java/utilgoldens.sh --check    same, then fail if any golden changed
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
"$here/install.sh" >/dev/null   # JDK, commons-lang
pkgs=(libjsonpath-java libjson-smart-java libasm-java libslf4j-java)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" != 0 ] && sudo_cmd=(sudo)
  echo "tools/java: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
"$root/vtleval/apigw/testdata/util/record.sh"
if [ "$check" = 1 ]; then
  cd "$root"
  if ! git diff --exit-code --stat -- vtleval/apigw/testdata/util; then
    echo "\$util/regex/JSONPath goldens changed when re-recorded from Java: run 'make goldens' and commit" >&2
    exit 1
  fi
fi
