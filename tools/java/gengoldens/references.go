package main

func init() {
	a := newArchive("references.txtar", `
References: identifier syntax (the hyphen is an identifier character in 1.7), where a
reference ends, the forms $a ${a} $!a $!{a}, null references printing their exact source
text, property lookup on maps (get("name"), getters first), chains with missing parts, and
index notation $a[i] (new in 1.7: negative indexes count from the end).`)

	a.addj("hyphen-in-identifier", "$foo-bar|$foo -bar|${foo}-bar", `{"foo":"X"}`)
	a.addj("hyphen-variable-defined", "$foo-bar|${foo-bar}|$foo", `{"foo-bar":"FB","foo":"F"}`)
	a.addj("hyphen-minus-ambiguity", "$a-$b|$a - $b", `{"a":1,"b":2}`)
	a.add("hyphen-in-set-expression", "#set($a = 5)#set($b = $a-1)$b|#set($c = $a - 1)$c")
	a.addj("identifier-characters", "$_x|$x1|$x_y|$X|$1x|$-x|$é", `{"_x":"U","x1":"D","x_y":"S","X":"C"}`)
	a.addj("reference-ends", "$x.|$x..|$x)|$x@y.com|#$x|$x.1|$x.-y|$x,|$x;", `{"x":"X"}`)
	a.addj("adjacent-references", "$x$y|$x$x|${x}${y}|$x.$y", `{"x":"X","y":"Y"}`)
	a.addj("reference-followed-by-paren-text", "$x(1)|$x{}|a[$x]|$x.y(|$x.y)", `{"x":"X"}`)
	a.add("dollar-signs-alone", "$|$$|$ x|$!|$!!x|$%|$(x)|${}|$!{}")
	a.addj("double-dollar", "$$x|$$$x", `{"x":"X"}`)
	a.add("null-forms", "$undefined|${undefined}|$!undefined|$!{undefined}|")
	a.addj("defined-forms", "$x|${x}|$!x|$!{x}|${x}y|$xy", `{"x":"X"}`)
	a.add("null-prints-exact-source", "$p.m( [ $A.g(1), $title ])|$q.x(  'a' ,\"b\" )|${ r }")
	a.addj("formal-with-chains", "${m.a.b}|${l.get(0)[1]}|${m.a.c}|$!{m.a.c}", `{"m":{"a":{"b":"B"}},"l":[[1,2]]}`)
	a.addj("property-case-sensitive", "$m.Foo|$m.foo|$m.FOO", `{"m":{"foo":1}}`)
	a.addj("nested-properties", "$o.a.b|$o.list[1]|$o.list.size()|$o.a", `{"o":{"a":{"b":"B"},"list":[1,2]}}`)
	a.addj("missing-parts-of-chains", "$a.b.c|$m.x|$m.x.y|$m.get('x')|$m.x.size()", `{"m":{}}`)
	a.addj("quiet-missing-chains", "[$!a.b.c][$!m.x][$!m.x.y][$!{m.x}][$!m.get('x')]", `{"m":{}}`)
	a.addj("chain-through-list-and-map", "$d.users[0].name|$d.users[1].roles[0]|$d.users.get(1).roles.size()|$d['users'][0]['name']", `{"d":{"users":[{"name":"ann"},{"name":"bob","roles":["admin"]}]}}`)
	a.addj("index-notation", "$a[0]|$a[-1]|$m['k']|$m.k|$m[\"k\"]|$n[0].x", `{"a":[1,2,3],"m":{"k":"v"},"n":[{"x":7}]}`)
	a.addj("brackets-that-are-not-indexes", "$[1]|$.[]|${a[0]}[]|$red.[]|$a [0]", `{"a":[1],"red":"blue"}`)
	a.addj("index-with-reference-and-boolean", "$a[$i]|$m[$k]|$b[true]", `{"a":["x","y"],"i":1,"m":{"k":"K","kk":"KK"},"k":"kk","b":{"true":"T"}}`)
	a.addj("index-on-non-list-keeps-text", "$s[0]|$n[0]|$m[0]", `{"s":"abc","n":5,"m":{"a":1}}`)
	a.addj("index-chains", "$m.l[0].get('k').length()|$m['l'][0]['k']|$m.l[-1].k", `{"m":{"l":[{"k":"vvv"}]}}`)
	a.addj("json-null-is-undefined", "$n|$!n|$m.n|$l[0]|$l", `{"n":null,"m":{"n":null},"l":[null]}`)
	a.addj("loop-helpers-outside-loops", "$velocityCount|$foreach|$foreach.count|$velocityHasNext", `{}`)
	a.addj("getter-wins-over-map-key", "$m.class.simpleName|$m.empty|$m.get('empty')", `{"m":{"empty":"E","class":"C"}}`)
	a.addj("boolean-is-property", "$l.empty|$s.empty|$e.empty", `{"l":[1],"s":"x","e":""}`)
	a.addj("reference-in-text-with-punctuation", "Hello $name! You have $count new messages.", `{"name":"Ann","count":3}`)
	a.addj("email-like-text", "Contact: $user@example.com or ${user}@example.com", `{"user":"bob"}`)
	a.addj("price-like-text", "Total: $$amount USD, $5.00, $ 5", `{"amount":"12.50"}`)
	a.addj("reference-to-map-prints-java-form", "$m|$m.inner|$l", `{"m":{"a":"x y","inner":{"b":[1,"2"]}},"l":[{"k":null}]}`)
	a.addj("string-with-dollar-not-reevaluated", "$s|$t", `{"s":"$x and ${x}","t":"#if(true)no#end","x":"X"}`)
	a.addj("method-with-reference-arguments", "$m.get($k)|$s.substring($i, $j)|$m.get($nope)", `{"m":{"a":"A"},"k":"a","s":"abcdef","i":1,"j":3}`)
	a.addj("method-with-list-and-map-arguments", "$l.addAll([4, 5])|$l|$m.putAll({'y': 2})|$m", `{"l":[1],"m":{"x":1}}`)
	a.addj("method-args-multiline", "$s.substring(\n  1,\n  3\n)", `{"s":"abcdef"}`)
	a.addj("references-in-json-template", "{\"name\": \"$u.name\", \"age\": $u.age, \"missing\": \"$u.email\", \"quiet\": \"$!u.email\"}", `{"u":{"name":"Ann","age":30}}`)
}
