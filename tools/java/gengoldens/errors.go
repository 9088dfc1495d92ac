package main

func init() {
	a := newArchive("errors.txtar", `
Templates Velocity 1.7 rejects. Parse errors: stray #end/#else/#elseif, unclosed blocks,
bad #set/#if expressions ("5-5" is two literals, "=" is not a comparison), arithmetic as a
method argument or list element, malformed references and literals. Render errors:
exceptions thrown by called methods, index out of range, missing #parse/#include
resources, macro recursion deeper than 20, #break with a non-scope argument. The Go test
only checks that these fail; the .err text is the Java exception, for information. Cases
named *-is-accepted look malformed but are not errors in 1.7.`)

	// Stray and unclosed blocks.
	a.add("stray-end", "x\n#end\n")
	a.add("stray-else", "a#else b")
	a.add("stray-elseif", "a#elseif(true)b")
	a.add("unclosed-if", "#if(true)x")
	a.add("unclosed-nested-if", "#if(true)#if(true)x#end")
	a.add("unclosed-foreach", "#foreach($i in [1])x")
	a.add("unclosed-macro", "#macro(m)x")
	a.add("unclosed-define", "#define($b)x")
	a.add("unclosed-literal", "#literal()x")
	a.add("else-after-else", "#if(true)a#{else}b#{else}c#end")
	a.add("elseif-after-else", "#if(true)a#{else}b#elseif(true)c#end")
	a.add("foreach-with-else", "#foreach($i in [])a#{else}b#end")

	// Expressions.
	a.add("if-assignment", "#if($a = 1)x#end")
	a.add("if-empty-condition", "#if()x#end")
	a.add("if-unclosed-paren", "#if(true x#end")
	a.add("set-minus-without-space", "#set($a = 5-5)")
	a.add("set-missing-value", "#set($a = )")
	a.add("set-no-assignment", "#set($a)")
	a.add("set-lhs-not-reference", "#set(a = 1)")
	a.add("set-lhs-literal", "#set(1 = 1)")
	a.add("set-double-operator", "#set($a = 1 + * 2)")
	a.add("set-unclosed-string", "#set($a = \"x)")
	a.add("set-unclosed-single-quote", "#set($a = 'x)")
	a.add("set-unclosed-list", "#set($a = [1, 2)")
	a.add("set-list-trailing-comma", "#set($a = [1,])")
	a.add("set-map-missing-colon", "#set($a = {'a' 1})")
	a.add("arithmetic-in-method-argument", "#set($i = 1)$s.substring($i + 1)")
	a.add("arithmetic-in-list-literal", "#set($a = [1, 2 + 3])")
	a.add("arithmetic-in-index", "$l[1 + 1]")
	a.add("backslash-quote-in-string-argument", "$s.replace(\"\\\"\", \"'\")")
	a.add("foreach-missing-in-is-accepted", "#foreach($i [1, 2])x#end")
	a.add("foreach-missing-list-is-accepted", "#foreach($i in)x#end")
	a.add("foreach-non-reference-variable", "#foreach(i in [1])x#end")
	a.add("macro-name-with-hyphen", "#macro(my-macro)H#end")
	a.add("macro-without-name", "#macro()x#end")
	a.add("macro-literal-parameter-is-accepted", "#macro(m 1)x#end")

	// Malformed references.
	a.add("empty-index", "$x[]")
	a.add("unclosed-index", "$x[0")
	a.add("unclosed-index-at-end", "$x[")
	a.add("unclosed-formal-reference", "${x")
	a.add("unclosed-formal-chain", "${x.y")
	a.add("unclosed-quiet-formal", "$!{x")

	// Render errors.
	a.addj("method-throws", "ok $l.get(5) never", `{"l":[1]}`)
	a.addj("index-out-of-range", "$l[3]", `{"l":[1,2,3]}`)
	a.addj("zero-arg-method-with-argument", "$l.size(1)", `{"l":[1]}`)
	a.addj("map-keyset-with-argument", "$m.keySet('a')", `{"m":{"a":1}}`)
	a.add("parse-missing-resource", "#parse('missing.vm')")
	a.add("include-missing-resource", "#include('missing.txt')")
	a.add("parse-without-argument", "#parse()")
	a.add("include-without-argument-is-accepted", "#include()")
	a.add("evaluate-without-argument", "#evaluate()")
	a.add("evaluate-with-bad-template", "#evaluate('#end')")
	a.add("macro-recursion", "#macro(loop)#loop()#end#loop()")
	a.add("break-with-non-scope", "#break($x)")
	a.addj("error-after-output", "partial output #set($x = $l.get(1))", `{"l":[1]}`)
	a.addj("error-inside-loop", "#foreach($i in [0..3])$s.charAt($i)#end", `{"s":"abc"}`)
	a.addj("error-inside-macro", "#macro(m $s)$s.substring(5)#end#m($t)", `{"t":"abc"}`)
	a.addj("error-in-condition", "#if($s.substring(9) == '')x#end", `{"s":"abc"}`)
	a.addj("error-in-set", "#set($x = $s.substring(9))", `{"s":"abc"}`)
	a.addj("error-in-interpolated-string", "#set($x = \"v=$s.substring(9)\")", `{"s":"abc"}`)
	a.addj("error-in-foreach-list", "#foreach($i in $l.subList(0, 5))$i#end", `{"l":[1]}`)
}
