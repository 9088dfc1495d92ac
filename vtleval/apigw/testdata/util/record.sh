#!/bin/sh
# Re-records the Java goldens that vtleval/apigw's tests check:
#
#   <fn>.jsonl.gz          $util string functions (util_test.go), from tools/java/src/vtlutil/UtilGolden.java
#                          over the input set it generates itself (UtilGolden --generate)
#   regex.golden.jsonl.gz  selectionPattern matches (selection_test.go), from RegexGolden.java
#                          over the hand-written regex.cases.json
#   jsonpath.golden.jsonl  JSONPath reads (jsonpath_test.go), from JsonPathGolden.java (Jayway
#                          JsonPath through reflection) over the hand-written jsonpath.cases.json
#
# Usage: vtleval/apigw/testdata/util/record.sh
# Needs javac/java 17 and, from Debian 12: libcommons-lang-java (2.6), libjsonpath-java (2.0.0),
# libjson-smart-java, libasm-java, libslf4j-java. Set VTLUTIL_CLASSES to a directory already
# holding the compiled vtlutil classes (for example the output of tools/java/install.sh) to skip
# compiling. Output is deterministic: re-running without changes rewrites identical files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
j=/usr/share/java
lang=${COMMONS_LANG_JAR:-$j/commons-lang.jar}
jsonpath=${JSONPATH_CLASSPATH:-$j/json-path.jar:$j/json-smart.jar:$j/accessors-smart.jar:$j/asm.jar:$j/slf4j-api.jar:$j/slf4j-nop.jar}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

classes=${VTLUTIL_CLASSES:-}
if [ -z "$classes" ]; then
	classes="$tmp/classes"
	mkdir -p "$classes"
	javac -nowarn -encoding UTF-8 -cp "$lang" -d "$classes" "$root"/tools/java/src/vtlutil/*.java
fi

java -cp "$classes:$lang" vtlutil.UtilGolden --generate >"$tmp/in.jsonl"
java -cp "$classes:$lang" vtlutil.UtilGolden <"$tmp/in.jsonl" >"$tmp/out.jsonl"
for fn in escapeJavaScript urlEncode urlDecode base64Encode base64Decode utf8Decode; do
	grep "^{\"fn\":\"$fn\"," "$tmp/out.jsonl" | gzip -9 -n >"$here/$fn.jsonl.gz"
done

java -cp "$classes" vtlutil.RegexGolden <"$here/regex.cases.json" | gzip -9 -n >"$here/regex.golden.jsonl.gz"

java -cp "$classes:$jsonpath" vtlutil.JsonPathGolden <"$here/jsonpath.cases.json" >"$here/jsonpath.golden.jsonl"

echo "recorded with $(java -version 2>&1 | head -n 1)" >&2
