package main

func init() {
	a := newArchive("directives.txtar", `
Directives other than #foreach and #macro: #if/#elseif/#else, #set targets (properties,
indexes), #define (late-bound blocks), #evaluate, #literal and #[[ ]]#, #parse/#include
(no resources unless the case supplies NAME/FILE sections), #stop and #break.`)

	// #if.
	a.addj("if-elseif-else-chain", "#foreach($n in [1, 2, 3])#if($n == 1)one#elseif($n == 2)two#{else}many#end #end", `{}`)
	a.add("if-nested", "#if(true)a#if(false)b#elseif(true)c#end#{else}d#end")
	a.add("if-elseif-without-else", "#if(false)a#elseif(false)b#end|")
	a.add("if-multiple-elseif", "#set($x = 3)#if($x == 1)1#elseif($x == 2)2#elseif($x == 3)3#elseif($x == 3)3b#{else}x#end")
	a.add("if-space-and-newline-in-condition", "#if( true\n && \n true )ok#end")
	a.addj("if-object-condition", "#if($m)map#end #if($m.a)a#end #if($m.b)b#{else}no-b#end", `{"m":{"a":[]}}`)

	// #set targets.
	a.addj("set-map-property", "#set($m.k = 'v')$m|#set($m.a = 2)$m", `{"m":{"a":1}}`)
	a.addj("set-nested-map-property", "#set($m.a.b = 'x')$m|#set($m.q.r = 1)$m", `{"m":{"a":{}}}`)
	a.addj("set-list-index", "#set($l[0] = 9)$l|#set($l[-1] = 'last')$l", `{"l":[1,2,3]}`)
	a.addj("set-map-index", "#set($m['k'] = 1)#set($m[\"j\"] = 2)$m|#set($key = 'z')#set($m[$key] = 3)$m", `{"m":{}}`)
	a.addj("set-list-index-out-of-range-throws", "#set($l[5] = 9)", `{"l":[1,2,3]}`)
	a.add("set-property-of-undefined-does-nothing", "#set($u.x = 1)$u|$u.x")
	a.addj("set-property-of-string-does-nothing", "#set($s.x = 1)$s", `{"s":"str"}`)
	a.add("set-formal-and-quiet-lhs", "#set(${c} = 3)[$c]|#set($!d = 4)[$d]")
	a.add("set-overwrites-type", "#set($a = 1)#set($a = 'one')#set($a = [$a])$a")
	a.add("set-self-reference", "#set($a = 1)#set($a = $a + 1)#set($a = \"$a$a\")$a")
	a.add("set-global-from-blocks", "#if(true)#set($i = 1)#end#foreach($x in [1])#set($f = 2)#end$i$f")
	a.add("set-chained-with-method", "#set($l = [])#set($ok = $l.add('x'))#set($size = $l.size())$ok $size $l")

	// Strings built by interpolation past 32 KiB (a writer's flush size):
	// nothing may be lost.
	a.add("long-interpolated-string", "#set($s = 'abcdefghij')#set($t = \"#foreach($i in [1..5000])$s#end\")$t.length() $t.substring(49990)")
	a.add("long-string-from-long-string", "#set($s = \"#foreach($i in [1..4000])0123456789#end\")#set($b = \"$s$s\")$b.length() $b.endsWith('89')")
	a.add("long-define-block", "#define($b)#foreach($i in [1..4000])abcdefghij#end#end#set($c = \"$b\")$c.length()")

	// #define.
	a.add("define-late-binding", "#define($b)x$i#end#set($i=1)$b #set($i=2)$b")
	a.add("define-with-directives", "#define($b)#foreach($i in [1..3])$i#end#end$b|$b")
	a.add("define-truthy", "#define($b)#end#if($b)defined#end|[$b]")
	a.add("define-runs-set-each-use", "#set($n = 0)#define($inc)#set($n = $n + 1)#end$inc$inc$inc$n")
	a.add("define-redefine", "#define($b)one#end#define($b)two#end$b")
	a.add("define-as-value", "#define($b)blk#end#set($c = $b)$c|#set($s = \"[$b]\")$s")
	a.add("define-in-loop", "#foreach($i in [1..2])#define($b)v$i#end#end$b")

	// #evaluate.
	a.addj("evaluate-string", "#evaluate('$x and #if(true)yes#end')", `{"x":"X"}`)
	a.add("evaluate-set-is-global", "#set($t = '#set($z = 5)$z')#evaluate($t) $z")
	a.addj("evaluate-reference", "#evaluate($tpl)", `{"tpl":"Hello $name!","name":"Ann"}`)
	a.add("evaluate-interpolated", "#set($v = 'x')#evaluate(\"[$v]\")")
	a.add("evaluate-undefined-renders-nothing", "a#evaluate($nope)b")
	a.add("evaluate-number-literal-is-parse-error", "#evaluate(42)")
	a.add("evaluate-list-literal-is-parse-error", "#evaluate([1, 2])")
	a.addj("evaluate-non-string-reference", "#evaluate($n)|#evaluate($l)", `{"n":42,"l":[1,"$x"],"x":"X"}`)
	a.add("evaluate-nested", "#evaluate('#evaluate(''inner'')')")
	a.add("evaluate-stop-ends-only-evaluate", "a#evaluate('b#stop c')d")
	a.add("evaluate-parse-error-throws", "#evaluate('#if(')")
	a.add("evaluate-macro-definition", "#evaluate('#macro(em)EM#end')#em()")

	// #literal and #[[ ]]#.
	a.add("literal-directive", "#literal()$x #if(true)y#end#end")
	a.add("unparsed-content", "#[[$x #if( ## not a comment]]#")
	a.add("unparsed-multiline", "#[[\n#foreach($i in $list)\n  $i\n#end\n]]#")
	a.add("unparsed-adjacent-text", "a#[[b]]#c#[[]]#d")

	// #parse and #include.
	a.add("parse-without-resources-throws", "#parse('header.vm')")
	a.add("include-without-resources-throws", "#include('header.txt')")
	a.cases = append(a.cases,
		testCase{name: "parse-resource", vm: "#set($who = 'W')#parse('greet.vm')|$after",
			res: []resource{{"greet.vm", "Hello $who!#set($after = 'set in parsed')"}}},
		testCase{name: "include-resource-is-raw", vm: "#include('raw.txt')|",
			res: []resource{{"raw.txt", "$not #parsed"}}},
		testCase{name: "include-several", vm: "#include('a.txt', 'b.txt')",
			res: []resource{{"a.txt", "A"}, {"b.txt", "B"}}},
		testCase{name: "parse-name-from-variable", vm: "#set($n = 'p.vm')#parse($n)",
			res: []resource{{"p.vm", "parsed"}}},
		testCase{name: "parse-macro-from-resource", vm: "#parse('lib.vm')#lm()",
			res: []resource{{"lib.vm", "#macro(lm)LM#end"}}},
		testCase{name: "parse-stop-in-resource-stops-all", vm: "a#parse('s.vm')c",
			res: []resource{{"s.vm", "b#stop x"}}},
		testCase{name: "parse-recursion-stops-at-max-depth", vm: "#parse('r.vm')",
			res: []resource{{"r.vm", "r#parse('r.vm')"}}},
		testCase{name: "parse-missing-one-of-several-throws", vm: "#parse('there.vm')#parse('missing.vm')",
			res: []resource{{"there.vm", "t"}}},
	)

	// #stop and #break.
	a.add("stop-top-level", "a#stop b")
	a.add("stop-in-loop", "#foreach($i in [1..3])$i#if($i == 2)#stop#end#end|after")
	a.add("stop-in-macro", "#macro(m)m#stop x#end#m()after")
	a.add("stop-with-parens", "a#stop()b")
	a.add("break-in-loop", "#foreach($i in [1..5])$i#if($i == 2)#break#end#end")
	a.add("break-outside-loop-stops-template", "#if(true)a#break b#end c")
	a.add("break-in-nested-loop", "#foreach($i in [1..3])#foreach($j in [1..3])#if($j == 2)#break#end$i$j #end#end")
	a.add("break-parent-loop", "#foreach($i in [1..3])#foreach($j in [1..3])#if($j == 2)#break($foreach.parent)#end$i$j #end#end|")
	a.add("break-foreach-scope-argument", "#foreach($i in [1..3])$i#break($foreach)#end|")
	a.add("break-in-macro-ends-call", "#macro(m)a#break b#end#m() c")
	a.add("break-in-define", "#define($b)x#break y#end$b|$b")
	a.add("break-in-evaluate", "a#evaluate('b#break c')d")
	a.add("break-invalid-argument-throws", "#foreach($i in [1])#break($i)#end")
}
