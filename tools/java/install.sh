#!/usr/bin/env bash
# Installs what the repo's Java drivers need and compiles them into tools/java/build/.
#
# Idempotent: Debian packages are apt-installed only when missing (after one apt-get update),
# and the sources are recompiled only when one of them is newer than the last build.
# Every tools/java/src/**/*.java is compiled together, with one class path:
#   velocity 1.7 (Debian `velocity`), commons-collections 3 and commons-lang 2.6 (its runtime deps).
# The drivers carry their own JSON code, so no JSON library is needed.
# Prints the class path to use on its last line (also written to build/classpath).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build"

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
  sudo_cmd=(sudo)
fi

pkgs=(velocity libcommons-collections3-java libcommons-lang-java)
if ! command -v javac >/dev/null 2>&1; then
  pkgs+=(openjdk-17-jdk-headless)
fi
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "tools/java: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

jars=(/usr/share/java/velocity.jar /usr/share/java/commons-collections3.jar /usr/share/java/commons-lang.jar)
for j in "${jars[@]}"; do
  [ -f "$j" ] || { echo "tools/java: $j is missing after installing the packages" >&2; exit 1; }
done
deps="$(IFS=:; echo "${jars[*]}")"
cp="$build/classes:$deps"

mapfile -t srcs < <(find "$here/src" -name '*.java' | LC_ALL=C sort)
if [ "${#srcs[@]}" -eq 0 ]; then
  echo "tools/java: no sources under $here/src" >&2
  exit 1
fi
stamp="$build/.stamp"
stale=1
if [ -f "$stamp" ] && [ "$(cat "$build/classpath" 2>/dev/null)" = "$cp" ]; then
  stale=0
  # Recompile when a source is newer than the stamp or the set of sources changed.
  if [ -n "$(find "$here/src" -name '*.java' -newer "$stamp" -print -quit)" ] ||
     [ "$(printf '%s\n' "${srcs[@]}")" != "$(cat "$build/sources" 2>/dev/null)" ]; then
    stale=1
  fi
fi
if [ "$stale" = 1 ]; then
  rm -rf "$build/classes"
  mkdir -p "$build/classes"
  javac -encoding UTF-8 --release 17 -nowarn -Xlint:-options -d "$build/classes" -cp "$deps" "${srcs[@]}"
  printf '%s\n' "${srcs[@]}" > "$build/sources"
  printf '%s\n' "$cp" > "$build/classpath"
  touch "$stamp"
  echo "tools/java: compiled ${#srcs[@]} sources into $build/classes" >&2
fi
echo "$cp"
