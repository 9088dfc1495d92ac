package main

func init() {
	a := newArchive("whitespace.txtar", `
Whitespace and newline handling of Velocity 1.7 (spec velocity-1.7.md section 9): text is
copied verbatim; the ")" closing a directive, and #else/#end, eat trailing blanks plus one
newline only when nothing else follows on the line; blanks before a directive are text;
#set also eats the blanks in front of it when they start a new token; ## eats its newline;
#* *# only itself; directives without parentheses never eat the newline.`)

	// Section 9 examples a..z of the spec (x, the CRLF one, cannot be stored in txtar).
	a.add("spec-a-set-eats-newline", "#set($a = 1)\n$a\n")
	a.add("spec-b-set-indented-at-start", "  #set($a = 1)\n$a\n")
	a.add("spec-c-set-indented-after-text", "x\n  #set($a = 1)\n$a\n")
	a.add("spec-d-tab-set-after-text-then-after-set", "A\n\t#set($a = 1)\n\t#set($b = 2)\n\t$a$b\n")
	a.add("spec-e-tab-sets-at-start", "\t#set($a = 1)\n\t#set($b = 2)\n\t$a$b\n")
	a.add("spec-f-space-after-reference-eaten-by-set", "$a #set($b = 1)|")
	a.add("spec-g-set-then-blanks-then-comment", "#set($a = 1)   ## comment\nx")
	a.add("spec-h-set-trailing-space-newline", "#set($a = 1) \n#set($b = 2)x\n|$a$b")
	a.add("spec-i-set-inside-if", "#if(true)\n  #set($a = 1)\n#end\n$a")
	a.add("spec-j-indented-if-block", "<a>\n  #if(true)\n    x\n  #end\n</a>\n")
	a.add("spec-k-foreach-body-lines", "#foreach($i in [1..3])\n  $i\n#end\n")
	a.add("spec-l-inline-if-keeps-spaces", "a #if(true) b #end c")
	a.add("spec-m-trailing-blanks-after-if-and-end", "#if(true)   \nx\n#end   \ny")
	a.add("spec-n-text-after-if-paren", "#if(true) x\n#end|")
	a.add("spec-o-else-with-trailing-blanks", "A\n#if(false)\nno\n#else  \nyes\n#end  \nB")
	a.add("spec-p-indented-if-else-end", "A\n  #if(true)  \n  yes\n  #end  \nB")
	a.add("spec-q-blank-line-inside-if", "#if(true)\n\n#end|")
	a.add("spec-r-end-eats-newline-after-loop", "#foreach($i in [1,2])$i#end\n|")
	a.add("spec-s-macro-lines", "#macro(m)\nbody\n#end\n#m()\n#m()\n")
	a.add("spec-t-macro-call-mid-line", "#macro(m $p)\n  [$p]\n#end\nA#m(1)B\n#m(2)\nC")
	a.add("spec-u-macro-call-without-parens", "#macro(m)X#end\n#m\nY|#m()\nY")
	a.add("spec-v-block-comment-keeps-newline", "#* c *#\nx")
	a.add("spec-w-indented-line-comment", "  ## indented comment\nx")
	a.add("spec-y-foreach-indented-set", "a\n  #foreach($i in [1])\n  #set($x = $i)\n  x$x\n  #end\nb")
	a.add("spec-z-foreach-if-comma", "#foreach($i in [1..3])\n  #if($foreach.count > 1),#end\n  $i\n#end\n")

	// Rule 1: text verbatim.
	a.add("text-only", "  plain text\n\n\twith tabs  \n")
	a.add("text-blank-lines", "\n\n\n")
	a.add("text-trailing-spaces-kept", "a   \nb\t\n")
	a.add("text-dollar-and-hash-alone", "cost: $ 5 # 3\n")
	a.add("empty-template", "")
	a.add("single-newline", "\n")
	a.addj("reference-lines", "$a\n  $b\n\t$a $b\n", `{"a":"A","b":"B"}`)

	// Rule 2: ")" of a directive.
	a.add("set-newline-eaten-once", "#set($a = 1)\n\n$a")
	a.add("set-trailing-tab-newline", "#set($a = 1)\t\n$a")
	a.add("set-mixed-blanks-newline", "#set($a = 1) \t \t\n$a")
	a.add("set-followed-by-text", "#set($a = 1)text\n$a")
	a.add("set-followed-by-blanks-then-text", "#set($a = 1)   text\n$a")
	a.add("set-at-end-of-template", "x#set($a = 1)")
	a.add("set-at-end-with-blanks", "x#set($a = 1)   ")
	a.add("two-sets-one-line", "#set($a = 1)#set($b = 2)\n$a$b")
	a.add("two-sets-one-line-spaced", "#set($a = 1) #set($b = 2) \n$a$b")
	a.add("set-spaces-inside-parens", "#set(  $a   =   1  )\n$a")
	a.add("set-newline-inside-parens", "#set(\n  $a = 1\n)\n$a")
	a.add("set-space-before-paren", "#set ($a = 1)\n$a")
	a.add("set-braced-name", "#{set}($a = 1)\n$a")
	a.add("if-space-before-paren", "#if (true)\nyes\n#end\n")
	a.add("if-newline-inside-parens", "#if(\ntrue\n)\nyes\n#end\n")
	a.add("if-braced", "#{if}(true)\nyes\n#{end}\nafter")
	a.add("elseif-eats-newline", "#if(false)\na\n#elseif(true)\nb\n#else\nc\n#end\n")
	a.add("elseif-trailing-blanks", "#if(false)\na\n#elseif(true)   \nb\n#end")
	a.add("elseif-followed-by-text", "#if(false)a#elseif(true) b\n#end|")
	a.add("foreach-trailing-blanks", "#foreach($i in [1,2])  \n$i\n#end  \n|")
	a.add("foreach-same-line-body", "#foreach($i in [1,2]) $i #end\n|")
	a.add("foreach-body-starts-after-paren", "#foreach($i in [1,2])$i\n#end|")
	a.add("if-directive-closing-at-eof", "#if(true)x#end")
	a.add("end-blanks-at-eof", "#if(true)x#end   ")
	a.add("end-followed-by-text", "#if(true)x#end y\nz")
	a.add("end-tab-newline", "#if(true)x#end\t\ny")
	a.add("end-end-same-line", "#if(true)#if(true)x#end#end\ny")
	a.add("end-end-separate-lines", "#if(true)\n#if(true)\nx\n#end\n#end\ny")
	a.add("empty-if-line", "#if(true)#end\nx")
	a.add("if-false-lines-vanish", "a\n#if(false)\nhidden\n#end\nb\n")
	a.add("if-false-inline", "a #if(false)hidden#end b")
	a.add("else-followed-by-text", "#if(false)\na\n#else b\n#end|")
	a.add("else-braced-text-follows", "#if(false)a#{else}b#{end}c")
	a.add("else-braced-newline", "#if(false)\na\n#{else}\nb\n#{end}\nc")
	a.add("else-then-comment", "#if(false)\na\n#else## note\nb\n#end\n")
	a.add("curly-directive-text", "#if(true)sometext#{else}more#{end}and yet more")
	a.add("end-double-newline", "#if(true)\nx\n#end\n\ny")
	a.add("nested-if-indented", "{\n  #if(true)\n    #if(true)\n      deep\n    #end\n  #end\n}\n")
	a.add("nested-if-else-indented", "#if(false)\n  a\n#else\n  #if(false)\n    b\n  #else\n    c\n  #end\n#end\n")

	// Rule 4: indentation of directive lines is text, repeated per iteration.
	a.add("foreach-indented-end", "#foreach($i in [1,2])\n$i\n    #end\n|")
	a.add("foreach-indented-everything", "  #foreach($i in [1,2])\n    item $i\n  #end\n|")
	a.add("foreach-inline-list", "[#foreach($i in [1..3])$i#if($foreach.hasNext), #end#end]")
	a.add("foreach-nested-indented", "#foreach($i in [1,2])\n  #foreach($j in ['a','b'])\n    $i$j\n  #end\n#end\n")
	a.add("foreach-blank-line-in-body", "#foreach($i in [1,2])\n$i\n\n#end\n")
	a.add("foreach-empty-list-lines", "a\n#foreach($i in [])\n  $i\n#end\nb")

	// Rule 5: #set eats the blanks in front of it when they start a new token.
	a.add("set-prefix-after-text-same-line", "x  #set($a = 1)y$a")
	a.add("set-prefix-after-reference", "#set($r = 'R')$r   #set($a = 1)|$a")
	a.add("set-prefix-after-formal-reference", "#set($r = 'R')${r}\t#set($a = 1)|$a")
	a.add("set-prefix-after-block-comment", "#* c *#   #set($a = 1)|$a")
	a.add("set-prefix-after-line-comment", "## c\n   #set($a = 1)|$a")
	a.add("set-prefix-after-if-line", "#if(true)\n    #set($a = 1)\n#end\n$a")
	a.add("set-prefix-after-foreach-line", "#foreach($i in [1,2])\n    #set($a = $i)\n    [$a]\n#end\n")
	a.add("set-prefix-after-end-line", "#if(true)\n#end\n  #set($a = 1)\n$a")
	a.add("set-prefix-after-else-line", "#if(false)\n#else\n\t#set($a = 2)\n#end\n$a")
	a.add("set-prefix-after-set-line", "#set($a = 1)\n  #set($b = 2)\n    #set($c = 3)\n$a$b$c")
	a.add("set-prefix-after-set-same-line", "#set($a = 1)   #set($b = 2)|$a$b")
	a.add("set-prefix-after-inline-set-text", "#set($a = 1)x  #set($b = 2)|$a$b")
	a.add("set-prefix-after-text-line", "text\n  #set($a = 1)\n  $a\n")
	a.add("set-prefix-blank-line-before", "text\n\n  #set($a = 1)\n$a")
	a.add("set-prefix-after-macro-call-line", "#macro(m)M#end\n#m()\n  #set($a = 1)\n$a")
	a.add("if-prefix-not-eaten", "#set($a = 1)\n  #if(true)x#end\n")
	a.add("foreach-prefix-not-eaten", "#set($a = 1)\n  #foreach($i in [1])x#end\n")
	a.add("set-prefix-inside-foreach-after-text", "#foreach($i in [1,2])\n  x\n  #set($y = $i)\n  $y\n#end\n")
	a.add("json-object-with-sets", "{\n  #set($name = 'n')\n  #set($v = 2)\n  \"$name\": $v\n}\n")
	a.add("set-prefix-after-evaluate-line", "#evaluate('')\n  #set($a = 1)\n$a")

	// Rules 6 and 7: comments.
	a.add("line-comment-eats-newline", "x ## comment\ny")
	a.add("line-comment-at-eof", "x ## comment")
	a.add("line-comment-whole-line", "a\n## comment\nb")
	a.add("line-comments-consecutive", "a\n## one\n## two\n  ## three\nb")
	a.add("line-comment-after-directive", "#if(true) ## c\nx\n#end\n")
	a.add("line-comment-after-end", "#if(true)\nx\n#end ## c\ny")
	a.add("line-comment-empty", "a##\nb")
	a.add("line-comment-hash-hash-hash", "a ### c\nb")
	a.add("block-comment-inline", "a #* c *# b")
	a.add("block-comment-multiline", "a\n#*\n  many\n  lines\n*#\nb")
	a.add("block-comment-doc-style", "#** doc *#\nx")
	a.add("block-comment-then-directive", "#* c *##if(true)\ny\n#end\n")
	a.add("block-comment-at-eof", "x#* c *#")
	a.add("block-comment-with-directives-inside", "a#* #if(true) $x #end *#b")
	a.add("block-comment-empty", "a#**#b")
	a.add("comment-inside-foreach", "#foreach($i in [1,2])\n## skip\n$i\n#end\n")
	a.add("line-comment-after-set-same-line", "#set($a = 1)## c\n$a")

	// Rule 8: no-parenthesis directives keep the newline.
	a.add("stop-without-parens-newline", "a\n#stop\nb")
	a.add("break-without-parens-in-loop", "#foreach($i in [1,2,3])\n$i\n#if($i == 2)#break\n#end\n#end\n|")
	a.add("unknown-directive-keeps-newline", "#foo\nx")
	a.add("unknown-directive-with-parens-keeps-text", "#nope(1)\n#nope\n|")
	a.add("macro-call-no-parens-newline", "#macro(m)M#end\n#m\n#m\n|")
	a.add("macro-call-braced", "#macro(m)M#end\n#{m}()\n#{m}\n|")
	a.add("else-no-newline-rule", "#if(false)a#else\nb#end")

	// Macros and other directives.
	a.add("macro-definition-line-vanishes", "a\n#macro(m)\nX\n#end\nb")
	a.add("macro-body-indentation", "#macro(m)\n  line1\n  line2\n#end\n#m()\n#m()\n")
	a.add("macro-call-indented", "#macro(m)X#end\n  #m()\n  #m()\n|")
	a.add("macro-call-trailing-blanks", "#macro(m)X#end\n#m()   \n|")
	a.add("macro-args-spacing", "#macro(m $a $b)[$a,$b]#end\n#m( 1  2 )\n#m(1,2)\n#m( 1 , 2 )\n")
	a.add("macro-call-args-newlines", "#macro(m $a $b)[$a,$b]#end\n#m(\n 1\n 2\n)\n|")
	a.add("macro-body-with-set-lines", "#macro(m $x)\n  #set($y = $x)\n  y=$y\n#end\n#m(1)\n#m(2)\n")
	a.add("define-lines", "#define($b)\n  block\n#end\n[$b]\n")
	a.add("define-use-twice", "#define($b)x#end\n$b$b\n")
	a.add("evaluate-line", "#evaluate('a')\nb")
	a.add("evaluate-with-newline-inside", "#set($t = \"x\n\")#evaluate($t)|")
	a.add("literal-block-lines", "#literal()\n$x\n#end\ny")
	a.add("unparsed-block-lines", "#[[\n$x\n]]#\ny")
	a.add("stop-mid-line", "a#stop b")
	a.add("break-in-loop-lines", "#foreach($i in [1..5])\n  $i\n  #if($i == 2)\n    #break\n  #end\n#end\ndone")

	// Realistic API Gateway mapping templates (spec section 9 and apigw.md).
	a.addj("json-items-list", "{\n  \"items\": [\n  #foreach($i in $list)\n    \"$i\"#if($foreach.hasNext),#end\n  #end\n  ]\n}\n",
		`{"list":["a","b"]}`)
	a.addj("json-items-single", "{\n  \"items\": [\n  #foreach($i in $list)\n    \"$i\"#if($foreach.hasNext),#end\n  #end\n  ]\n}\n",
		`{"list":["a"]}`)
	a.addj("json-items-empty", "{\n  \"items\": [\n  #foreach($i in $list)\n    \"$i\"#if($foreach.hasNext),#end\n  #end\n  ]\n}\n",
		`{"list":[]}`)
	a.addj("petstore-example", "#set($inputRoot = $root)\n[\n#foreach($elem in $inputRoot)\n  {\n    \"description\" : \"Item $elem.id is a $elem.type.\",\n    \"askingPrice\" : $elem.price\n  }#if($foreach.hasNext),#end\n\n#end\n]\n",
		`{"root":[{"id":1,"type":"dog","price":249.99},{"id":2,"type":"cat","price":124.99},{"id":3,"type":"fish","price":0.99}]}`)
	a.addj("path-params-example", "{\n  \"pathParams\": {\n#foreach ($key in $params.path.keySet())\n    \"$key\": \"$params.path.get($key)\"#if ($foreach.hasNext),#end\n#end\n  }\n}\n",
		`{"params":{"path":{"hoge":"fuga","id":"7"}}}`)
	a.addj("optional-field-present", "#set($root = $body)\n{\n  \"name\": \"$root.name\",\n  #if($root.age)\n  \"age\": $root.age,\n  #end\n  \"ok\": true\n}\n",
		`{"body":{"name":"Ann","age":31}}`)
	a.addj("optional-field-missing", "#set($root = $body)\n{\n  \"name\": \"$root.name\",\n  #if($root.age)\n  \"age\": $root.age,\n  #end\n  \"ok\": true\n}\n",
		`{"body":{"name":"Ann"}}`)
	a.addj("map-to-json-object", "{\n#foreach($k in $m.keySet())\n  \"$k\": \"$m.get($k)\"#if($foreach.hasNext),#end\n\n#end\n}",
		`{"m":{"a":"1","b":"2","c":"3"}}`)
	a.addj("nested-loops-json", "[\n#foreach($o in $orders)\n  {\"id\": $o.id, \"items\": [#foreach($it in $o.items)\"$it\"#if($foreach.hasNext), #end#end]}#if($foreach.hasNext),#end\n#end\n]\n",
		`{"orders":[{"id":1,"items":["a","b"]},{"id":2,"items":[]}]}`)
	a.addj("if-elseif-status-mapping", "#set($s = $status)\n#if($s == 200)\nOK\n#elseif($s == 404)\nNot Found\n#else\nError $s\n#end\n",
		`{"status":404}`)
	a.addj("form-body-split", "{\n#foreach($kv in $body.split('&'))\n  #set($p = $kv.split('='))\n  \"$p[0]\": \"$p[1]\"#if($foreach.hasNext),#end\n#end\n}\n",
		`{"body":"a=1&b=two&c=3"}`)
	a.addj("set-lines-then-json", "#set($id = $ctx.requestId)\n#set($stage = $ctx.stage)\n{\n  \"id\": \"$id\",\n  \"stage\": \"$stage\"\n}\n",
		`{"ctx":{"requestId":"r-1","stage":"prod"}}`)
	a.addj("comment-header-then-json", "## Request template for createUser\n## Version 2\n#set($b = $body)\n{\"user\": \"$b.user\"}\n",
		`{"body":{"user":"u1"}}`)
	a.addj("foreach-with-index-lines", "#foreach($x in $xs)\n$foreach.index: $x\n#end\n", `{"xs":["a","b","c"]}`)
	a.addj("foreach-map-entries-lines", "#foreach($e in $m.entrySet())\n  $e.key=$e.value\n#end\n", `{"m":{"x":1,"y":2}}`)
}
