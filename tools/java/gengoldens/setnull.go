package main

func init() {
	a := newArchive("set-null.txtar", `
#set with a null right-hand side leaves the target unchanged in Velocity 1.7
(directive.set.null.allowed=false): undefined variables, missing keys, null-returning
methods, math on non-numbers and division by zero all give null. An interpolated string is
never null. Null values inside list and map literals are kept as null elements.`)

	a.add("undefined-keeps-old-value", "#set($a = 1)#set($a = $undef)$a")
	a.add("undefined-on-fresh-variable", "#set($a = $undef)$a|$!a")
	a.addj("missing-key-keeps-old-value", "#set($a = 'old')#set($a = $m.missing)$a", `{"m":{}}`)
	a.addj("json-null-keeps-old-value", "#set($a = 'old')#set($a = $m.n)$a", `{"m":{"n":null}}`)
	a.addj("null-method-result-keeps-old-value", "#set($a = 'old')#set($a = $m.put('k', 'v'))$a $m", `{"m":{}}`)
	a.addj("non-null-method-result-sets", "#set($a = 'old')#set($a = $m.put('k', 'w'))$a", `{"m":{"k":"v"}}`)
	a.add("math-null-keeps-old-value", "#set($a = 'old')#set($a = 'x' * 2)$a|#set($b = 'old')#set($b = 1 / 0)$b")
	a.add("interpolated-undefined-is-not-null", "#set($c = 'old')#set($c = \"$undef\")$c|#set($d = \"$!undef\")[$d]")
	a.add("single-quoted-dollar-is-not-null", "#set($c = '$undef')$c")
	a.addj("stale-value-in-loop", "#foreach($k in ['a','b','c'])#set($v = $m.get($k))$k=$v #end", `{"m":{"a":"A","c":"C"}}`)
	a.addj("set-property-to-null-keeps", "#set($m.k = $undef)$m", `{"m":{"k":"v"}}`)
	a.addj("set-new-property-to-null-does-nothing", "#set($m.k = $undef)$m $m.size()", `{"m":{}}`)
	a.addj("set-list-index-to-null-keeps", "#set($l[0] = $undef)$l", `{"l":[1,2]}`)
	a.add("null-inside-list-literal", "#set($x = [$undef])$x $x.size()")
	a.add("null-inside-map-literal", "#set($x = {'k': $undef})$x")
	a.add("null-concatenation-is-not-null", "#set($x = 'old')#set($x = 'a' + $undef)$x")
	a.addj("quiet-reference-on-right-is-still-null", "#set($a = 'old')#set($a = $!undef)$a", `{}`)
	a.add("null-in-condition-after-failed-set", "#set($a = $undef)#if($a)T#{else}F#end #if(!$a)N#end #if($a == $null)eq#end")
	a.add("reset-idiom-with-empty-string", "#foreach($k in ['x','y'])#set($v = '')#set($v = $m.get($k))[$v]#end")
	a.addj("reset-idiom-with-map-default", "#foreach($k in ['a','b'])#set($v = $m.getOrDefault($k, '-'))$k=$v #end", `{"m":{"a":"A"}}`)
	a.addj("set-from-missing-then-quiet-print", "#set($a = $body.name)[$!a][$a]", `{"body":{}}`)
	a.addj("set-from-chain-with-null-middle", "#set($a = 'old')#set($a = $m.x.y.z)$a", `{"m":{"x":null}}`)
	a.add("set-to-false-is-not-null", "#set($a = 'old')#set($a = false)$a")
	a.add("set-null-then-interpolate", "#set($a = $undef)#set($s = \"[$a]\")$s")
}
