#!/usr/bin/env bash
# Installs what the API Gateway reference driver (tools/java/src/apigw17) needs at run time and
# prints its class path on the last line. Idempotent: runs tools/java/install.sh (velocity,
# commons-lang, commons-collections; compiles every src/**/*.java, apigw17 included — it calls
# Jayway and json-smart by reflection, so it compiles without them), then apt-installs the
# JSON libraries only when missing: libjsonpath-java (Jayway JsonPath 2.0.0),
# libjson-smart-java (2.2), libasm-java (json-smart's accessors-smart needs it),
# libslf4j-java (Jayway logs through slf4j; slf4j-nop keeps it quiet).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="$("$here/install.sh" | tail -n 1)"

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
  sudo_cmd=(sudo)
fi
pkgs=(libjsonpath-java libjson-smart-java libasm-java libslf4j-java)
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
jars=(/usr/share/java/json-path.jar /usr/share/java/json-smart.jar /usr/share/java/accessors-smart.jar /usr/share/java/asm.jar
  /usr/share/java/slf4j-api.jar /usr/share/java/slf4j-nop.jar)
for j in "${jars[@]}"; do
  [ -f "$j" ] || { echo "tools/java: $j is missing after installing the packages" >&2; exit 1; }
done
echo "$base:$(IFS=:; echo "${jars[*]}")"
