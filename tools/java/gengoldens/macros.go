package main

func init() {
	a := newArchive("macros.txtar", `
#macro in Velocity 1.7: global definitions usable before the definition, arguments passed
by name (a reference argument is re-evaluated each time the parameter is read), null
arguments printing the caller's source text, too few / too many arguments, #set of a
parameter, recursion and its depth limit (20), body macros #@name ... #end.`)

	a.add("simple", "#macro(hello)Hello!#end#hello() #hello()")
	a.add("arguments", "#macro(pair $a $b)<$a,$b>#end#pair(1 2)#pair('x', \"y\")#pair([1], {'k': 1})")
	a.add("arguments-commas-in-definition", "#macro(pair, $a, $b)<$a,$b>#end#pair(1, 2)")
	a.add("call-before-definition", "#early()#macro(early)E#end")
	a.add("by-name-reevaluation", "#macro(twice $v)$v $v#end#set($l=[])#twice($l.add(1)) $l.size()")
	a.add("by-name-sees-changes", "#macro(show $v)#set($x = 'changed')$v#end#set($x = 'orig')#show($x)")
	a.add("by-name-interpolated-string", "#macro(two $v)$v|#set($n = 2)$v#end#set($n = 1)#two(\"n=$n\")")
	a.add("null-argument-prints-caller-text", "#macro(hi $n)Hi $n!#end#hi('Bob') #hi($x) #hi($m.missing)")
	a.add("null-argument-quiet-in-body", "#macro(hi $n)[$!n]#end#hi($x)")
	a.add("too-few-arguments", "#macro(two $a $b)[$a][$b]#end#two(1)")
	a.add("too-many-arguments", "#macro(one $a)[$a]#end#one(1 2 3)")
	a.add("no-parens-call", "#macro(m)M#end#m|#m()")
	a.add("braced-call", "#macro(m $x)M$x#end#{m}(1)x")
	a.add("set-parameter-does-not-change-caller", "#macro(inc $c)#set($c = $c + 1)$c#end#set($c = 1)#inc($c) $c")
	a.add("set-parameter-of-literal", "#macro(inc $c)#set($c = $c + 1)$c#end#inc(1) [$c]")
	a.add("set-other-variable-is-global", "#macro(s)#set($g = 1)#end#s()$g")
	a.add("parameter-shadows-global", "#macro(m $x)[$x]#end#set($x = 'global')#m('arg') $x")
	a.add("macro-calls-macro", "#macro(inner $v)($v)#end#macro(outer $v)#inner($v)#inner(\"$v$v\")#end#outer('a')")
	a.add("recursion-factorial", "#macro(fact $n)#if($n <= 1)1#{else}#set($m = $n - 1)$n*#fact($m)#end#end#fact(5)")
	a.add("recursion-countdown", "#macro(down $n)$n#if($n > 0)#set($k = $n - 1)#down($k)#end#end#down(3)")
	a.add("recursion-too-deep-throws", "#macro(r $n)#set($k = $n + 1)#r($k)#end#r(1)")
	a.add("body-macro", "#macro(wrap $tag)<$tag>$bodyContent</$tag>#end#@wrap('b')bold $x#end")
	a.add("body-macro-twice", "#macro(twice)$bodyContent$bodyContent#end#@twice()#set($n = 'x')$n#end")
	a.add("body-macro-without-body-reference", "#macro(m)plain#end#@m()ignored#end")
	a.add("undefined-macro-prints-call", "#nope(1 2)|#nope()|#nope")
	a.add("redefinition-in-same-template", "#macro(m)first#end#m() #macro(m)second#end#m()")
	a.add("defined-inside-false-if", "#if(false)#macro(hidden)H#end#end#hidden()")
	a.add("list-and-range-arguments", "#macro(each $l)#foreach($x in $l)$x#end#end#each([1, 2])|#each([3..5])")
	a.add("map-argument", "#macro(kv $m)#foreach($e in $m.entrySet())$e.key=$e.value #end#end#kv({'a': 1, 'b': 2})")
	a.addj("reference-argument-properties", "#macro(name $u)$u.first $u.last#end#name($user)", `{"user":{"first":"Ann","last":"Lee"}}`)
	a.add("macro-in-loop", "#macro(item $i)<$i>#end#foreach($x in [1..3])#item($x)#end")
	a.add("macro-output-in-set", "#macro(m)val#end#set($s = \"#m()\")[$s]")
	a.add("macro-with-foreach-helpers", "#macro(list $l)#foreach($x in $l)$x#if($foreach.hasNext),#end#end#end[#list(['a','b','c'])]")
	a.add("underscore-and-digit-names", "#macro(my_macro)U#end#macro(m2)D#end#my_macro()#m2()")
	a.add("argument-expression-literals", "#macro(m $a $b $c)$a|$b|$c#end#m(true 1.5 -3)")
	a.add("argument-quiet-reference", "#macro(m $a)[$a]#end#m($!nope)")
	a.add("json-building-macro", "#macro(field $k $v)\"$k\": \"$v\"#end{#field('a' 1), #field('b' $nope)}")
	a.add("macro-named-like-directive-property", "#macro(m $foreach)$foreach#end#m('x')")
}
