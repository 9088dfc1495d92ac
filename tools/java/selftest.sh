#!/usr/bin/env bash
# Self-tests of the Velocity 1.7 driver (tools/java/src/velocity17): JSON typing, batch
# isolation and error lines, and byte-exact txtar rewriting. Last line: "N passed, M failed".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cp="$("$here/install.sh" | tail -n 1)" || exit 1
drv() { java -Xss64m -Xmx1g -cp "$cp" velocity17.Driver "$@"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name got want
  if [ "$2" == "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); printf 'FAIL %s\n got: %q\nwant: %q\n' "$1" "$2" "$3"; fi
}

# Batch mode: JSON typing as the API contract describes, and one output line per input line.
cat > "$tmp/in.jsonl" <<'JSONL'
{"id":1,"template":"$a $b $c $d $e $f $g","context":{"a":2147483647,"b":2147483648,"c":9223372036854775808,"d":1e2,"e":-0.0,"f":{"x":null,"y":[1,"s",true]},"g":null}}
{"id":"two","template":"$a.class.simpleName $b.class.simpleName $c.class.simpleName $d.class.simpleName","context":{"a":1,"b":4294967296,"c":18446744073709551616,"d":1.5}}
{"id":[3],"template":"#macro(m)first#end#m()"}
{"id":4,"template":"#macro(m)second#end#m()"}
{"id":5,"template":"#m()"}
{"id":6,"template":"$l.get(5)","context":{"l":[]}}
{"id":7,"template":"#if("}
not json
{"id":8,"template":"#parse('r.vm')|#include('r.vm')","resources":{"r.vm":"R$x"},"context":{"x":"é😀"}}
{"id":9,"template":"#foreach($i in [1..5])$i#end","maxLoops":2}
{"id":10,"template":"\"\\\t\u0001\u2028"}
JSONL
drv batch < "$tmp/in.jsonl" > "$tmp/out.jsonl" 2>"$tmp/err.txt"
check "batch line count" "$(wc -l < "$tmp/out.jsonl" | tr -d ' ')" "11"
check "batch typing" "$(sed -n 1p "$tmp/out.jsonl")" '{"id":1,"output":"2147483647 2147483648 9223372036854775808 100.0 -0.0 {x=null, y=[1, s, true]} $g"}'
check "batch classes" "$(sed -n 2p "$tmp/out.jsonl")" '{"id":"two","output":"Integer Long BigInteger Double"}'
check "macro isolation 1" "$(sed -n 3p "$tmp/out.jsonl")" '{"id":[3],"output":"first"}'
check "macro isolation 2" "$(sed -n 4p "$tmp/out.jsonl")" '{"id":4,"output":"second"}'
check "macro isolation 3" "$(sed -n 5p "$tmp/out.jsonl")" '{"id":5,"output":"#m()"}'
check "method exception" "$(sed -n 6p "$tmp/out.jsonl" | cut -c1-52)" '{"id":6,"error":"MethodInvocationException: Invocati'
check "parse error" "$(sed -n 7p "$tmp/out.jsonl" | cut -c1-45)" '{"id":7,"error":"ParseErrorException: Encount'
check "bad input line" "$(sed -n 8p "$tmp/out.jsonl" | cut -c1-36)" '{"id":null,"error":"BadInput: line 8'
check "resources" "$(sed -n 9p "$tmp/out.jsonl")" '{"id":8,"output":"Ré😀|R$x"}'
check "maxLoops" "$(sed -n 10p "$tmp/out.jsonl")" '{"id":9,"output":"12"}'
check "json escaping" "$(sed -n 11p "$tmp/out.jsonl")" '{"id":10,"output":"\"\\\t\u0001\u2028"}'

# Golden mode: results are added/replaced in place; everything else is kept byte for byte
# (non-canonical and CRLF marker lines, unknown sections, the comment).
printf 'comment\n--  a.vm  --\n#set($x = 1)\n$x\n\n-- a.json --\n{}\n-- keep.txt --\nraw\n-- b.vm --\r\n$y\n-- b.json --\n{"y":[1,2]}\n-- b.err --\nstale\n-- c.vm --\n#end\n-- c.out --\nstale\n-- d.vm --\n#parse('"'"'x.vm'"'"')\n-- d/x.vm --\nX$z\n-- d.json --\n{"z":"Z"}\n' > "$tmp/g.txtar"
drv golden "$tmp/g.txtar" > /dev/null 2>&1
want=$'comment\n--  a.vm  --\n#set($x = 1)\n$x\n\n-- a.json --\n{}\n-- a.out --\n1\n\n-- keep.txt --\nraw\n-- b.vm --\r\n$y\n-- b.json --\n{"y":[1,2]}\n-- b.out --\n[1, 2]\n-- c.vm --\n#end\n-- c.err --\nParseErrorException: Encountered "#end" at c[line 1, column 1]\n-- d.vm --\n#parse(\'x.vm\')\n-- d/x.vm --\nX$z\n-- d.json --\n{"z":"Z"}\n-- d.out --\nXZ\n'
check "golden rewrite" "$(cat "$tmp/g.txtar"; echo .)" "$want."
cp "$tmp/g.txtar" "$tmp/g2.txtar"
drv golden "$tmp/g.txtar" > /dev/null 2>&1
check "golden idempotent" "$(cmp "$tmp/g.txtar" "$tmp/g2.txtar" && echo same)" "same"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
