package main

func init() {
	a := newArchive("literals.txtar", `
Literals: double-quoted strings (interpolated as templates when they hold $ or #; the only
escape is \uXXXX; "" is a quote), single-quoted strings (never interpolated, '' is a
quote), integer literals (Integer, else Long, else BigInteger), floating literals (Double),
true/false, list literals [..], integer ranges [n..m], and map literals {k: v}
(LinkedHashMap).`)

	a.addj("interpolation", "#set($s = \"a $x b ${x}c $!nope $nope\")$s", `{"x":"X"}`)
	a.addj("interpolation-of-directives", "#set($a = \"#if(true)yes#end\")$a|#set($b = \"#foreach($i in [1..3])$i#end\")$b|#set($c = \"x##y\")$c|#set($d = \"p#* c *#q\")$d", `{}`)
	a.addj("interpolation-of-chains", "#set($s = \"v=$m.a.b m=$m.get('a') n=$m.nope\")$s", `{"m":{"a":{"b":1}}}`)
	a.addj("interpolation-set-inside-string", "#set($s = \"#set($z = 5)z=$z\")$s $z", `{}`)
	a.addj("interpolation-result-is-string", "#set($n = 5)#set($s = \"$n\")$s.class.simpleName #set($t = \"$n\" + 1)$t", `{}`)
	a.addj("interpolation-quiet-null-is-empty", "#set($s = \"[$!nope]\")$s|#set($t = \"$!nope\")[$t]", `{}`)
	a.add("single-quotes-not-interpolated", "#set($s = 'x$y ${z} #if(true)no#end ##c')$s")
	a.add("single-quotes-no-escapes", "#set($s = '\\u0041\\n\\t\\\\')$s $s.length()")
	a.add("doubled-quotes", "#set($a = \"say \"\"hi\"\"\")$a|#set($b = 'it''s')$b|#set($c = \"it's\")$c|#set($d = 'say \"x\"')$d")
	a.add("doubled-quotes-empty-and-only", "#set($a = \"\"\"\")[$a]|#set($b = '''')[$b]|#set($c = \"\")[$c]|#set($d = '')[$d]")
	a.add("unicode-escapes", "#set($a = \"\\u0041\\u00e9\\u263A\")$a $a.length()|#set($b = \"x\\u0024y\")$b")
	a.add("backslash-sequences-kept", "#set($a = \"a\\nb\\t\")$a $a.length()|#set($b = \"\\\")$b.length()")
	a.add("real-newlines-in-strings", "#set($a = \"line1\nline2\")$a|#set($b = 'p\n  q')$b")
	a.add("integer-literal-types", "#set($a = 2147483647)$a.class.simpleName #set($b = 2147483648)$b.class.simpleName #set($c = 9223372036854775808)$c.class.simpleName #set($d = -2147483648)$d.class.simpleName")
	a.add("float-literal-types", "#set($a = 1.5)$a.class.simpleName #set($b = 1e3)$b.class.simpleName $b #set($c = .5)$c")
	a.add("booleans", "#set($t = true)#set($f = false)$t $f $t.class.simpleName")
	a.addj("list-literals", "#set($l = [1, 'a', \"b$x\", true, 2.5, [1], {}, $x])$l $l.size()", `{"x":"X"}`)
	a.add("list-literal-with-undefined-element", "#set($l = [1, $nope, 3])$l $l.size()")
	a.add("list-literal-empty-and-nested", "#set($e = [])$e $e.size()|#set($n = [[], [[1]], [1, [2, [3]]]])$n")
	a.add("list-literal-multiline", "#set($l = [\n  1,\n  2\n])$l")
	a.add("range-ascending", "#set($r = [1..5])$r")
	a.add("range-descending", "#set($r = [3..1])$r|#set($s = [0..-2])$s")
	a.add("range-single", "#set($r = [4..4])$r $r.size()")
	a.addj("range-with-references", "#set($r = [$a..$b])$r|#foreach($i in [$b..$a])$i#end", `{"a":2,"b":5}`)
	a.addj("range-with-non-integers", "#set($r = [1..3])#set($r = [$s..3])$r|#set($q = [1..$d])$q", `{"s":"1","d":2.9}`)
	a.addj("range-with-undefined-end", "#set($r = [1..3])#set($r = [1..$nope])$r", `{}`)
	a.add("range-spaces", "#set($r = [ 1 .. 3 ])$r")
	a.add("range-negative", "#set($r = [-2..2])$r")
	a.add("range-is-arraylist", "#set($r = [1..3])#set($d = $r.add(9))$r $r.class.simpleName")
	a.addj("map-literals", "#set($m = {'a': 1, \"b\": $x, 'c': [1, 2], 'd': {'e': true}})$m $m.size() $m.d.e", `{"x":"X"}`)
	a.add("map-literal-empty", "#set($m = {})$m $m.size() $m.isEmpty()")
	a.add("map-literal-key-types", "#set($m = {1: 'one', true: 'yes', 2.5: 'x', 'k': 'v'})$m $m.get(1) $m.get(true)")
	a.addj("map-literal-reference-keys", "#set($m = {$k: $v, \"${k}2\": 'w'})$m", `{"k":"key","v":"val"}`)
	a.add("map-literal-duplicate-keys", "#set($m = {'a': 1, 'b': 2, 'a': 3})$m")
	a.add("map-literal-multiline", "#set($m = {\n  'a': 1,\n  'b': 2\n})$m")
	a.add("map-literal-with-undefined-value", "#set($m = {'a': $nope})$m $m.size() $m.containsKey('a')")
	a.add("map-literal-interpolated-json-idiom", "#set($m = {\"hoge\": \"huga\", \"hoge2\": {\"hello\": \"world\"}})$m")
	a.add("literal-types-in-equality", "#if(\"1\" == 1)a#end#if('true' == true)b#end#if([1] == '[1]')c#end")
	a.addj("string-literal-as-method-argument", "$s.replace(\"a\", 'b')|$s.concat(\"-$x\")|$s.concat('-$x')", `{"s":"aaa","x":"X"}`)
	a.addj("string-concat-vs-interpolation", "#set($a = $x + '-' + $y)$a|#set($b = \"$x-$y\")$b|#set($c = '$x-$y')$c", `{"x":"X","y":"Y"}`)
}
