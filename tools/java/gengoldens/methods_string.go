package main

import "strings"

// lines joins template lines, each followed by a newline.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func init() {
	a := newArchive("methods-string.txtar", `
java.lang.String methods called from templates (UTF-16 indexes, Java regexes for
replaceAll/replaceFirst/matches/split, exceptions from bad indexes abort the render, a method
that does not exist for the argument types leaves the reference's source text). The
methods are the ones API Gateway templates use (apigw.md section 2) and their neighbours.`)

	const hw = `{"s":"Hello, World"}`
	a.addj("length", lines("$s.length()", "$e.length()", "$u.length()"), `{"s":"Hello, World","e":"","u":"h\u00e9llo"}`)
	a.addj("length-surrogate-pairs", lines("$s.length()", "$s.codePointCount(0, $s.length())", "$s.indexOf('b')", "$s.substring(1, 3)", "$s.codePointAt(1)"), `{"s":"a\ud83d\ude00b"}`)
	a.addj("substring-one-arg", lines("$s.substring(7)", "$s.substring(0)", "$s.substring(12)"), hw)
	a.addj("substring-two-args", lines("$s.substring(0, 5)", "[$s.substring(5, 5)]", "$s.substring(7, 12)"), hw)
	a.addj("substring-begin-past-end-throws", "$s.substring(20)", hw)
	a.addj("substring-negative-throws", "$s.substring(-1)", hw)
	a.addj("substring-end-before-begin-throws", "$s.substring(3, 2)", hw)
	a.addj("substring-end-past-length-throws", "$s.substring(0, 99)", hw)
	a.addj("substring-wrong-argument-types", lines("$s.substring('1')", "$s.substring(1.5)", "$s.substring()", "$s.substring(1, 2, 3)"), hw)
	a.addj("substring-long-argument-not-accepted", "#set($one = 4294967296 - 4294967295)$one $s.substring($one)", hw)
	a.addj("substring-computed-index", "#set($i = $s.indexOf(','))#set($j = $i + 2)$s.substring(0, $i)|$s.substring($j)", hw)
	a.addj("charat", lines("$s.charAt(0)", "$s.charAt(4)", "$s.charAt(5)|"), hw)
	a.addj("charat-out-of-range-throws", "$s.charAt(99)", hw)
	a.addj("charat-negative-throws", "$s.charAt(-1)", hw)
	a.addj("charat-compare-with-string", "#if($s.charAt(0) == 'H')eq#{else}ne#end", hw)
	a.addj("indexof", lines("$s.indexOf('o')", "$s.indexOf('o', 5)", "$s.indexOf('xyz')", "$s.indexOf('')", "$s.indexOf('World')", "$s.indexOf('o', 99)", "$s.indexOf('o', -5)"), hw)
	a.addj("indexof-int-is-char-code", lines("$s.indexOf(111)", "$s.indexOf(44)", "$s.lastIndexOf(111)"), hw)
	a.addj("lastindexof", lines("$s.lastIndexOf('o')", "$s.lastIndexOf('o', 5)", "$s.lastIndexOf('')", "$s.lastIndexOf('q')", "$s.lastIndexOf('l', 0)"), hw)
	a.addj("contains-starts-ends", lines("$s.contains('World')", "$s.contains('world')", "$s.contains('')", "$s.startsWith('Hell')", "$s.startsWith('World', 7)", "$s.startsWith('')", "$s.endsWith('ld')", "$s.endsWith('')"), hw)
	a.addj("contains-null-throws", "$s.contains($undef)", hw)
	a.addj("isempty-and-empty-property", lines("$s.isEmpty()", "$e.isEmpty()", "$s.empty", "$e.empty"), `{"s":"x","e":""}`)
	a.addj("equals-family", lines("$s.equals('Hello, World')", "$s.equals('hello, world')", "$s.equalsIgnoreCase('HELLO, world')", "$s.equals($undef)", "$s.equalsIgnoreCase($undef)", "$n.equals('1')", "$s.equals($s)"), `{"s":"Hello, World","n":1}`)
	a.addj("compareto", lines("$s.compareTo('b')", "$s.compareTo('a')", "$s.compareTo('c')", "$s.compareTo('B')", "$s.compareTo('bbb')", "$s.compareToIgnoreCase('B')"), `{"s":"b"}`)
	a.addj("case-conversion", lines("$s.toUpperCase()", "$s.toLowerCase()", "$u.toUpperCase()", "$u.toLowerCase()"), `{"s":"Hello, World","u":"stra\u00dfe \u00c9T\u00c9"}`)
	a.addj("trim", lines("[$s.trim()]", "[$t.trim()]", "[$n.trim()]", "[$e.trim()]"), `{"s":"  \t x y \n ","t":"x","n":"\u00a0x\u00a0","e":"   "}`)
	a.addj("concat", lines("$s.concat('!')", "$s.concat('')", "$s.concat($s)"), `{"s":"ab"}`)
	a.addj("concat-null-throws", "$s.concat($undef)", `{"s":"ab"}`)
	a.addj("replace-literal", lines("$s.replace('l', 'L')", "$s.replace('ll', '')", "$s.replace('.', '!')", "$s.replace('', '-')", "$s.replace('World', '$1')"), `{"s":"Hello, World."}`)
	a.addj("replaceall-regex", lines("$s.replaceAll('[aeiou]', '*')", "$s.replaceAll('l+', 'L')", "$s.replaceAll('^H', 'J')", "$s.replaceAll('.', 'x')", "$s.replaceAll('\\.', '!')", "$s.replaceAll('z', 'Z')"), `{"s":"Hello, World."}`)
	a.addj("replaceall-groups", lines("$s.replaceAll('(\\w+)@(\\w+)', '$2 at $1')", "$s.replaceAll('(?<user>\\w+)@', '${user} AT ')", "$s.replaceAll('(o)', '[$1]')", "$s.replaceAll('o', '\\$')"), `{"s":"bob@example.org"}`)
	a.addj("replaceall-whitespace", lines("[$s.replaceAll('\\s+', ' ')]", "[$s.replaceAll('^\\s+|\\s+$', '')]", "[$s.replaceAll(' ', '')]"), `{"s":"  a   b \t c  "}`)
	a.addj("replaceall-escaped-quote-idiom", lines(`$s.replaceAll("\\'", "'")`, `$s.replaceAll("\\\\", "/")`, `$s.replaceAll('"', '\\"')`), `{"s":"it\\'s a \\\\ \"q\""}`)
	a.addj("replaceall-case-insensitive-flag", lines("$s.replaceAll('(?i)hello', 'Bye')", "$s.replaceAll('(?i)[aeiou]', '')"), hw)
	a.addj("replaceall-bad-group-throws", "$s.replaceAll('o', '$')", hw)
	a.addj("replaceall-bad-regex-throws", "$s.replaceAll('(', 'x')", hw)
	a.addj("replacefirst", lines("$s.replaceFirst('o', '0')", "$s.replaceFirst('(l+)', '<$1>')", "$s.replaceFirst('q', 'x')"), hw)
	a.addj("matches", lines("$s.matches('[A-Z].*')", "$s.matches('Hello')", "$d.matches('\\d+')", "$d.matches('[0-9]{3}')", "$e.matches('')", "$s.matches('(?s).*World')"), `{"s":"Hello, World","d":"12345","e":""}`)
	a.addj("matches-email-idiom", "#foreach($x in $xs)#if($x.matches('^[^@\\s]+@[^@\\s]+\\.[a-z]+$'))ok#{else}bad#end #end", `{"xs":["a@b.com","nope","x@y","c@d.org"]}`)
	a.addj("split-basic", "#set($p = $s.split(','))$p.size():#foreach($x in $p)[$x]#end", `{"s":"a,b,c"}`)
	a.addj("split-trailing-empties-removed", "#set($p = $s.split(','))$p.size():#foreach($x in $p)[$x]#end", `{"s":"a,b,,c,,"}`)
	a.addj("split-leading-empty-kept", "#set($p = $s.split(','))$p.size():#foreach($x in $p)[$x]#end", `{"s":",a,b"}`)
	a.addj("split-limit-negative-keeps-all", "#set($p = $s.split(',', -1))$p.size():#foreach($x in $p)[$x]#end", `{"s":"a,b,,"}`)
	a.addj("split-limit-positive", "#set($p = $s.split(',', 2))$p.size():#foreach($x in $p)[$x]#end", `{"s":"a,b,c,d"}`)
	a.addj("split-regex", "#set($p = $s.split('\\s*[,;]\\s*'))$p.size():#foreach($x in $p)[$x]#end", `{"s":"a , b;c ;  d"}`)
	a.addj("split-pipe-needs-escape", "#set($p = $s.split('|'))$p.size() #set($q = $s.split('\\|'))$q.size():#foreach($x in $q)[$x]#end", `{"s":"a|b|c"}`)
	a.addj("split-dot-is-regex", "#set($p = $s.split('.'))$p.size() #set($q = $s.split('\\.'))$q.size()", `{"s":"1.2.3"}`)
	a.addj("split-empty-regex", "#set($p = $s.split(''))$p.size():#foreach($x in $p)[$x]#end", `{"s":"abc"}`)
	a.addj("split-empty-string", "#set($p = $s.split(','))$p.size():#foreach($x in $p)[$x]#end", `{"s":""}`)
	a.addj("split-whitespace", "#set($p = $s.split(' '))$p.size():#foreach($x in $p)[$x]#end", `{"s":" a  b "}`)
	a.addj("split-result-index-and-get", "#set($p = $s.split('/'))$p[1] $p.get(2) $p[-1] $p.size()", `{"s":"/users/42/orders"}`)
	a.addj("split-form-urlencoded", "#foreach($kv in $s.split('&'))#set($p = $kv.split('='))$p[0]->#if($p.size() > 1)$p[1]#{else}(none)#end;#end", `{"s":"a=1&b=&c&d=x=y"}`)
	a.addj("tostring-and-hashcode", lines("$s.toString()", "$s.hashCode()", "$e.hashCode()"), `{"s":"abc","e":""}`)
	a.addj("chained-calls", lines("$s.trim().toLowerCase().replace(' ', '-')", "$s.trim().substring(0, 1).toUpperCase()", "$s.trim().length()"), `{"s":"  Hello Big World "}`)
	a.addj("capitalize-idiom", "$s.substring(0, 1).toUpperCase()$s.substring(1)", `{"s":"hello"}`)
	a.addj("method-in-interpolated-string", "#set($t = \"len=$s.length() up=${s.toUpperCase()}\")$t", `{"s":"abc"}`)
	a.addj("unknown-method-keeps-text", lines("$s.foo()", "$s.size()", "$!s.foo()", "${s.bar()}", "$s.foo", "$s.substring(1, 2, 3)"), `{"s":"abc"}`)
	// Velocity 1.7's MethodMap treats a zero-parameter method as applicable to any
	// arguments, so the call is made and fails.
	a.addj("zero-arg-method-with-arguments-throws", "$s.length(1)", `{"s":"abc"}`)
	a.addj("zero-arg-method-with-two-arguments-throws", "$s.trim('a', 'b')", `{"s":"abc"}`)
	a.addj("static-methods-through-instance", lines("$s.valueOf(12)", "$s.valueOf(true)", "$s.join('-', $l)", "$s.join('', $l)"), `{"s":"","l":["a","b","c"]}`)
	a.addj("class-name", lines("$s.class.name", "$s.getClass().getSimpleName()", "$n.class.name", "$l.class.name", "$m.class.name", "$d.class.name"), `{"s":"x","n":1,"l":[],"m":{},"d":1.5}`)
	a.addj("codepoint-and-char-methods", lines("$s.codePointAt(0)", "$s.charAt(1).toString()", "$s.toCharArray().size()"), `{"s":"AZ"}`)
	a.addj("unicode-escapes-in-json", lines("$s", "$s.length()", "$s.toUpperCase()"), `{"s":"caf\u00e9 \u2603"}`)
	a.addj("string-methods-on-map-values", lines("$m.name.toUpperCase()", "$m.name.length()", "$m.missing.length()", "$m.tags.get(0).substring(1)"), `{"m":{"name":"ann","tags":["xyz"]}}`)
	a.addj("methods-on-string-literal-via-set", "#set($x = 'a,b')#set($y = \"$x,c\")$x.split(',').size() $y.split(',').size() $y.length()", `{}`)
	a.addj("url-path-parsing", "#set($parts = $path.split('/'))#foreach($p in $parts)#if($p != '')<$p>#end#end", `{"path":"/v1/users/42/"}`)
	a.addj("string-repeat-via-loop", "#set($out = '')#foreach($i in [1..3])#set($out = \"$out$s\")#end$out", `{"s":"ab"}`)
	a.addj("quote-escaping-for-json", "\"$s.replace('\\', '\\\\').replace('\"', '\\\"')\"", `{"s":"say \"hi\" \\ bye"}`)
}
