package main

import (
	"fmt"
	"strings"
)

// apigw mode: random mapping templates over $input, $util, $context and
// $stageVariables, with random request bodies and parameters, rendered by
// `vtlcheck render --jsonl` (mode "apigw") and tools/java/apigw17 batch.
// #macro, #evaluate, #parse and #include are never generated: API Gateway
// (and vtlcheck's apigw mode) rejects them.

// apigwTemplate is a list of fragments, like template().
func (g *gen) apigwTemplate() []string {
	g.loopVs = nil
	g.sets = nil
	if g.r.IntN(2) == 0 {
		return g.apigwLines()
	}
	n := 1 + g.r.IntN(8)
	frags := make([]string, n)
	for i := range frags {
		frags[i] = g.aStmt()
	}
	return frags
}

// apigwLines is a JSON mapping template of whole lines, as people write them.
func (g *gen) apigwLines() []string {
	out := []string{g.pick("{\n", "{\n", "#set($inputRoot = $input.path('$'))\n{\n", "## request\n{\n")}
	n := 1 + g.r.IntN(8)
	open := 0
	var blocks []bool // per open block: #else given (or not allowed)
	for i := 0; i < n; i++ {
		ind := g.pick("  ", "    ", "", "\t")
		key := g.pick("body", "a", "id", "name", "items", "q", "ctx", "stage", "raw")
		var line string
		switch g.weighted(6, 3, 2, 2, 2, 1, 1) {
		case 0:
			line = ind + `"` + key + `": ` + g.pick(`"`+g.aRef()+`"`, g.aRef(), `"$util.escapeJavaScript(`+g.aArg()+`)"`, "$input.json("+g.jpathLit()+")") + g.pick(",", "", ",")
		case 1:
			line = ind + g.aSet()
		case 2:
			line = ind + "#if(" + g.aCond() + ")"
			open++
			blocks = append(blocks, false)
		case 3:
			v := g.pick("item", "k", "h")
			line = ind + "#foreach($" + v + " in " + g.aList() + ")"
			g.loopVs = append(g.loopVs, v)
			open++
			blocks = append(blocks, true) // #foreach has no #else
			out = append(out, line+"\n")
			line = ind + "  " + g.pick(`"$`+v+`"`, `"$util.escapeJavaScript($`+v+`)"`, `{"v": "$`+v+`", "i": $foreach.index}`, `$`+v, `"$`+v+`": "$input.params().header.get($`+v+`)"`, "$input.json('$.items['+$foreach.index+']')") + g.pick("#if($foreach.hasNext),#end", ",", "")
		case 4:
			if open > 0 {
				line = ind + g.pick("#end", "#end ", "#end")
				if top := len(blocks) - 1; !blocks[top] && g.r.IntN(3) == 0 {
					if blocks[top] = true; g.r.IntN(2) == 0 {
						line = ind + "#else"
					} else {
						line = ind + "#elseif(" + g.aCond() + ")"
						blocks[top] = false
					}
				} else {
					open--
					blocks = blocks[:top]
				}
			} else {
				line = ind + g.pick("## comment", "#* c *#", "")
			}
		case 5:
			line = ind + `"ctx": "$context.` + g.ctxKey() + `"`
		default:
			line = ind + `"params": {` + `"q": "$input.params('` + g.paramName() + `')"}` + g.pick(",", "")
		}
		out = append(out, line+g.pick("\n", "\n", "\n", "\r\n", " \n"))
	}
	for ; open > 0; open-- {
		out = append(out, g.pick("#end\n", "#end", "  #end\n"))
	}
	return append(out, g.pick("}\n", "}", "}\n\n"))
}

// aStmt is one free-form statement.
func (g *gen) aStmt() string {
	if g.depth > 3 {
		return g.pick(g.text(), g.aRef(), g.ws())
	}
	g.depth++
	defer func() { g.depth-- }()
	switch g.weighted(4, 16, 6, 7, 5, 2, 2, 2, 1, 2, 2, 2) {
	case 0:
		return g.text()
	case 1:
		return g.aRef()
	case 2:
		return g.ws() + g.aSet() + g.ws()
	case 3:
		return g.aIf()
	case 4:
		return g.aForeach()
	case 5:
		return g.comment()
	case 6:
		return g.escape()
	case 7:
		// mutation of the parsed body, seen by later reads
		return g.pick("#set($o = $input.path('$'))", "#set($o = $input.path('$.a'))", "#set($o = $input.path('$.items'))") +
			g.pick("#set($o.a = 'z')", "$o.put('k', 1)", "#set($o.k = [1, 'x'])", "$o.add(7)", "$o.remove('a')", "#set($d = $o.clear())") +
			g.pick("$input.json('$')", "$input.path('$')", "$input.json('$.a')", "$input.path('$.k')", "$o")
	case 9:
		return g.pick("#set($context.requestOverride.header.x = 'y')", "$context.requestOverride.header.put('a', 'b')",
			"#set($context.responseOverride.status = 400)", "#set($context.requestOverride.querystring['q'] = $input.params('q'))",
			"#set($x = $context.identity)", "#set($context.stage = 'prod')") +
			g.pick("$context.requestOverride.header", "$context.requestOverride.header.x", "$context.responseOverride.status",
				"#foreach($k in $context.requestOverride.keySet())$k=$context.requestOverride.get($k).size();#end", "$context.stage",
				"$x.sourceIp", "$context.requestOverride.querystring.q")
	case 10:
		return g.pick("#set($x = $input.path('$.big') + 1)", "#set($x = $input.path('$.dec') * 2)", "#set($x = $input.path('$.n') / 0)",
			"#set($x = $input.path('$.n') + $input.path('$.dec'))", "#set($x = $input.path('$.items').size() - 1)",
			"#set($x = $input.path('$.n') % 3)", "#set($x = $input.path('$.s') + 1)") + g.pick("$x", "[$x]", "$x.class", "#if($x > 0)P#end")
	case 8:
		return "#foreach($i in [1..1005])#set($c = $foreach.count)#end$c" + g.pick("", "$velocityCount", "#foreach($i in $input.path('$.items'))$velocityCount#end")
	}
	return g.ws() + g.aRef() + g.ws()
}

func (g *gen) aBlock() string {
	n := g.r.IntN(4)
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(g.aStmt())
	}
	return sb.String()
}

func (g *gen) aIf() string {
	var sb strings.Builder
	sb.WriteString(g.pick("#if(", "#if (", "#{if}(", "#if( "))
	sb.WriteString(g.aCond())
	sb.WriteString(")")
	sb.WriteString(g.aBlock() + g.pick("T", "", "yes"))
	for i := g.weighted(6, 2, 1); i > 0; i-- {
		sb.WriteString("#elseif(" + g.aCond() + ")")
		sb.WriteString(g.aBlock())
	}
	if g.r.IntN(2) == 0 {
		sb.WriteString(g.pick("#else", "#{else}", "#else\n"))
		sb.WriteString(g.aBlock() + g.pick("F", "", "no"))
	}
	sb.WriteString(g.pick("#{end}", "#{end}", "#end\n", "#end "))
	return sb.String()
}

func (g *gen) aForeach() string {
	v := g.pick("i", "j", "it")
	list := g.aList()
	g.loopVs = append(g.loopVs, v)
	defer func() { g.loopVs = g.loopVs[:len(g.loopVs)-1] }()
	body := g.aBlock() + g.pick("", "$"+v, "[$"+v+"]", "$velocityCount", "$foreach.index", "$foreach.hasNext",
		"#if($foreach.hasNext),#end", "$"+v+".id", "$"+v+".get('a')", "$util.escapeJavaScript($"+v+")", "$"+v+".size()")
	return g.pick("#foreach(", "#foreach (", "#foreach( ") + "$" + v + " in " + list + g.pick(")", " )") + g.ws() + body + g.pick("#{end}", "#end\n", "#{end}", "#end ")
}

func (g *gen) aList() string {
	return g.pick("$input.path('$.items')", "$input.path('$')", "$input.path('$.*')", "$input.path('$.items[*].id')",
		"$input.path('$.a')", "$input.path('$.missing')", "$input.path('$..id')", "$input.params().header.keySet()",
		"$input.params().querystring.keySet()", "$input.params().path.entrySet()", "$input.params().keySet()", "$input.params()",
		"$context.keySet()", "$context.identity.keySet()", "$context.requestOverride.keySet()", "$context",
		"$stageVariables.keySet()", "$stageVariables", "$input.path('$.s').split(',')", "$util.parseJson($input.body)",
		"$util.parseJson('[1, \"a\", {\"b\": 2}]')", "$missing", "[1..3]", "$input.path('$.items').subList(0, 1)",
		"$input.path('$').keySet()", "$input.path('$').values()", "$input.path('$').entrySet()")
}

// aCond is an #if / #elseif condition, weighted toward null handling.
func (g *gen) aCond() string {
	switch g.weighted(5, 4, 3, 2, 2, 2) {
	case 0:
		return g.pick("", "!", "! ") + g.aRef()
	case 1:
		return g.aRef() + g.pick(` == ""`, ` == $null`, ` != ""`, ` != $null`, " == ''", " == 'x'", " == 1", " > 1", " < 2.5", " == true")
	case 2:
		return g.pick("$missing", "!$missing", "$missing.a.b", "${missing.a}", "$!missing", "$null", "$input.path('$.nul')", "$input.path('$.missing')", "$input.path('$.e')", "$context.authorizer.claims.sub", "$stageVariables.none")
	case 3:
		return g.aRef() + g.pick(" && ", " || ") + g.aRef()
	case 4:
		return g.pick("$input.path('$.items').size() > 0", "$input.params('q') != ''", "$input.params().header.containsKey('Content-Type')", "$input.body.length() > 2", "$input.path('$.n') == $input.path('$.n')", "$input.path('$.t')", "$input.json('$.a') == '\"\"'")
	}
	return "$" + g.aVar() + g.pick("", " == ''", " == $null", ".isEmpty()")
}

// aSet is a #set of a local variable, often to something that may be null.
func (g *gen) aSet() string {
	v := g.pick("x", "y", "body", "a", "n")
	g.sets = append(g.sets, v)
	rhs := g.aRef()
	switch g.weighted(6, 2, 2, 2, 1) {
	case 1:
		rhs = g.aRef() + g.pick(" + ", " - ", " * ", " / ", " % ") + g.pick("1", "2", "0.5", "$input.path('$.n')", "$input.path('$.dec')")
	case 2:
		rhs = g.str()
	case 3:
		rhs = g.pick("$missing", "$input.path('$.missing')", "$input.path('$.nul')", "$null", "$context.nothing", "$x.y")
	case 4:
		rhs = "[" + g.aArg() + ", " + g.number() + "]"
	}
	return g.pick("#set(", "#set (", "#set( ") + "$" + v + g.pick(" = ", "=") + rhs + g.pick(")", " )")
}

func (g *gen) aVar() string {
	if len(g.loopVs) > 0 && g.r.IntN(2) == 0 {
		return g.loopVs[g.r.IntN(len(g.loopVs))]
	}
	if len(g.sets) > 0 && g.r.IntN(2) == 0 {
		return g.sets[g.r.IntN(len(g.sets))]
	}
	return g.pick("missing", "x", "inputRoot", "o", "null", "c")
}

// aRef is a reference, weighted toward the API Gateway objects.
func (g *gen) aRef() string {
	var base string
	switch g.weighted(10, 4, 6, 6, 4, 3, 3, 3) {
	case 0:
		base = "input.path(" + g.jpathLit() + ")" + g.aChain()
	case 1:
		base = "input.json(" + g.jpathLit() + ")" + g.pick("", "", ".length()", ".replaceAll('\"', '')")
	case 2:
		base = g.pick("input.body", "input.params()", "input.params('"+g.paramName()+"')", "input.params()."+g.pick("header", "querystring", "path"),
			"input.params().header.get('"+g.paramName()+"')", "input.params().querystring."+g.paramName(), "input.params().path.size()",
			"input", "input.getBody()", "input.params($missing)", "input.body.length()")
		if g.r.IntN(20) == 0 {
			base = g.pick("input.params(1)", "input.params('q', 'x')", "input.path('$.a', 1)", "input.json(1)")
		}
	case 3:
		fn := g.pick("escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode", "parseJson", "escapeJavaScript", "urlEncode")
		base = "util." + fn + "(" + g.aArg() + ")" + g.aChain()
		if g.r.IntN(8) == 0 {
			base = g.pick("util", "util.nothing('a')", "util.escapeJavaScript()", "util.urlEncode('a', 'b')")
		}
	case 4:
		base = "context." + g.ctxKey() + g.pick("", "", "", ".size()", ".keySet()", ".get('header')", ".toString()", ".length()")
	case 5:
		base = g.pick("stageVariables", "stageVariables.s1", "stageVariables.stage", "stageVariables.get('s1')", "stageVariables.none", "stageVariables.size()")
	case 6:
		base = g.pick("missing", "missing.a", "missing.a.b", "null", "missing.size()", "x.y")
	default:
		base = g.aVar() + g.aChain()
	}
	switch g.weighted(10, 3, 3, 2) {
	case 1:
		return "$!" + base
	case 2:
		if !strings.ContainsAny(base, "'\"") || g.r.IntN(2) == 0 {
			return "${" + base + "}"
		}
	case 3:
		if !strings.ContainsAny(base, "'\"") || g.r.IntN(2) == 0 {
			return "$!{" + base + "}"
		}
	}
	return "$" + base
}

func (g *gen) aChain() string {
	if g.r.IntN(2) == 0 {
		return ""
	}
	return g.pick(".size()", "[0]", "[1]", ".a", ".id", ".get('a')", ".keySet()", ".toString()", ".length()", ".isEmpty()",
		".class", ".substring(1)", ".get(0).class", ".set(0, 'x')", ".indexOf('x')", ".contains(1)", ".a.class", ".toString().length()", ".entrySet()", ".toUpperCase()", ".split(',')", ".contains('a')", ".get(0)", ".b.c", ".values()", ".intValue()", ".equals('x')")
}

// aArg is an argument of a $util function.
func (g *gen) aArg() string {
	switch g.weighted(4, 4, 2, 2, 2, 1) {
	case 0:
		return g.pick("$input.body", "$input.json('$')", "$input.path("+g.jpathLit()+")", "$input.json("+g.jpathLit()+")", "$input.params('"+g.paramName()+"')")
	case 1:
		return g.pick(`"a b&c=d"`, `'é/日本'`, `"x\y"`, `'{"a": 1}'`, `'[1, 2.50, "x"]'`, `"%41%20b%zz"`, `'a+b%2B'`, `"aGVsbG8="`, `'w7k='`, `"not base64!"`,
			`'hello'`, `''`, `"it's"`, `'tab	and
newline'`, `"😀"`, `'~*._-'`, `"12345678901234567890"`, `'1.50'`, `'{"a":'`, `"{'a': 1}"`, `'a'`)
	case 2:
		return g.pick("$missing", "$null", "$context.requestId", "$context.identity", "$stageVariables", "$input.params()")
	case 3:
		return g.pick(g.number(), "$input.path('$')", "$input.path('$.items')", "$input.path('$.a')", "$input.path('$.dec')", "$input.path('$.big')")
	case 4:
		return "$" + g.aVar()
	}
	return g.pick("true", "[1, 2]", "{'k': 'v'}", `"%F0%9F%98%80"`, `'%C3%28'`, `"😀 é"`, `'%'`, `"a+b c"`, `'8J+YgA=='`, `"/w=="`, `'4pyT'`, `"YQ"`, `'</script>'`, `" "`, `'%E2%9C%93+%2x'`, `"a%"`)
}

// jpathLit is a JSONPath as a VTL string literal: single-quoted unless the
// path has a quote (a double-quoted literal is interpolated, but "$[" and
// "$." are not references).
func (g *gen) jpathLit() string {
	p := g.jpath()
	if strings.Contains(p, "'") {
		return `"` + p + `"`
	}
	return "'" + p + "'"
}

func (g *gen) jpath() string {
	if g.r.IntN(25) == 0 {
		// malformed: Jayway rejects them
		return g.pick("a", "$.", "$[", "$.items[", "@", "$..", "$.a[?(@.x]", "$['a]")
	}
	return g.pick("$", "$", "$.a", "$.a.b", "$.items", "$.items[0]", "$.items[1].id", "$.items[*].id", "$..id", "$.n", "$.big",
		"$.dec", "$.s", "$.u", "$.url", "$.missing", "$.nul", "$.t", "$.e", "$['a']", "$.items.length()", "$.items[-1]",
		"$.items[0:2]", "$.*", "$.items[?(@.id > 1)]", "$.a.*", "$[0]", "$[*]", "$.items[0].name", "$.a.missing.x", "$..*", "$.items[*]", "$.items[0,1]", "$..name", "$.a['b']", `$["a"]`, "$.items[:1]", "$.items[-2:]",
		"$.a.b.c", "$.items[*].name", "$..a", "$['a','b']", "$.items[0]['id']", "$ .a", "$.items[2]", "$.items[10]",
		"$.a[0]", "$.n.x", "$.items[1:]", "$['items'][0]", "$.a..id", "$.*.id", "$[1:2]", "$.items[?(@.id)]")
}

func (g *gen) ctxKey() string {
	return g.pick("requestId", "stage", "httpMethod", "resourcePath", "path", "accountId", "apiId", "requestTimeEpoch",
		"identity.sourceIp", "identity.userAgent", "identity.caller", "identity", "requestOverride", "requestOverride.header",
		"responseOverride.header", "authorizer.claims.sub", "authorizer", "nothing", "domainName", "requestTime", "protocol",
		"extendedRequestId", "deploymentId", "requestOverride.querystring.keySet()")
}

func (g *gen) paramName() string {
	return g.pick("q", "x", "id", "p", "name", "Content-Type", "content-type", "User-Agent", "X-Api-Key", "missing", "Q", "")
}

// request is a random method request.
func (g *gen) request() map[string]any {
	req := map[string]any{"body": g.body()}
	if m := g.paramMap([]string{"p", "id", "proxy"}, 2); m != nil {
		req["path"] = m
	}
	if m := g.paramMap([]string{"q", "x", "name", "Q", "id"}, 3); m != nil {
		req["querystring"] = m
	}
	if m := g.paramMap([]string{"Content-Type", "User-Agent", "X-Api-Key", "x", "Accept"}, 3); m != nil {
		req["header"] = m
	}
	if m := g.paramMap([]string{"s1", "stage", "url"}, 2); m != nil {
		req["stageVariables"] = m
	}
	return req
}

func (g *gen) paramMap(names []string, most int) map[string]any {
	n := g.r.IntN(most + 1)
	if n == 0 {
		return nil
	}
	m := map[string]any{}
	for i := 0; i < n; i++ {
		m[names[g.r.IntN(len(names))]] = g.pick("v", "1", "a b", "é", "x&y=z", "100%", `"q"`, "", "a,b,c", "application/json", "Mozilla/5.0", "/a/b", "😀", "it's")
	}
	return m
}

// body is a random request body: JSON (objects, arrays, scalars, numbers of
// every shape, unicode, '/'), empty, or text that is not JSON.
func (g *gen) body() string {
	switch g.weighted(12, 3, 2, 2, 2, 1) {
	case 0:
		return g.jsonObject(0, true)
	case 1:
		return "[" + g.jsonItems(0) + "]"
	case 2:
		return g.pick("", "", " ", "\n")
	case 3:
		return g.pick("hello", "a=1&b=2", "x y", "<xml/>", "hello world", "a,b", "true", "null", "1.50", "123", `"str"`, "-0", "1e400")
	case 4:
		return g.pick(`{"a":`, `{"a": 1,}`, `{a: 1}`, `{'a': 'x'}`, `[1, 2,]`, `{"a": 1} trailing`, `{"a": 01}`, `{"a": 1, , "b": 2}`, `{"a": }`)
	}
	return g.jsonScalar()
}

func (g *gen) jsonObject(depth int, top bool) string {
	keys := []string{"a", "b", "id", "name", "n", "big", "dec", "s", "u", "url", "nul", "t", "e", "items"}
	n := g.r.IntN(6)
	if top {
		n += 2
	}
	seen := map[string]bool{}
	var parts []string
	for i := 0; i < n; i++ {
		k := keys[g.r.IntN(len(keys))]
		if seen[k] {
			continue
		}
		seen[k] = true
		var v string
		switch {
		case k == "items" && depth < 2:
			v = "[" + g.jsonItems(depth+1) + "]"
		case k == "a" && depth < 2 && g.r.IntN(2) == 0:
			v = g.jsonObject(depth+1, false)
		default:
			v = g.jsonValueFor(k)
		}
		parts = append(parts, jsonString(k)+g.pick(":", ": ")+v)
	}
	return "{" + strings.Join(parts, g.pick(",", ", ", ",\n  ")) + "}"
}

func (g *gen) jsonItems(depth int) string {
	n := g.r.IntN(5)
	parts := make([]string, n)
	for i := range parts {
		if depth < 2 && g.r.IntN(2) == 0 {
			parts[i] = g.jsonObject(depth+1, false)
		} else {
			parts[i] = g.jsonScalar()
		}
	}
	return strings.Join(parts, ", ")
}

func (g *gen) jsonValueFor(k string) string {
	switch k {
	case "n", "id":
		return fmt.Sprint(g.r.IntN(10) - 2)
	case "big":
		return g.pick("9223372036854775807", "9223372036854775808", "12345678901234567890", "2147483648", "-2147483649", "1e20")
	case "dec":
		return g.pick("1.5", "1.50", "0.1", "2.0", "-0.0", "1e3", "1E-7", "3.14159265358979", "100.25", "1.0E10",
			"1e400", "0.1e1", "1.0E+2", "-1.5", "123456789.123456789", "5e-324", "1.7976931348623157e308", "0.30000000000000004")
	case "nul":
		return "null"
	case "t":
		return g.pick("true", "false")
	case "e":
		return g.pick(`""`, "[]", "{}")
	case "url":
		return g.pick(`"http://x.com/a?b=c"`, `"a\/b"`, `"/"`)
	case "u":
		return g.pick(`"é"`, `"日本語"`, `"😀"`, `"\u00e9\u2028"`, `"a\"b"`, `"tab\tnl\n"`, `"back\\slash"`, `"\ud83d\ude00"`,
			`"\u0000\u001f\u007f"`, `"</script>"`, `"\u00"`, `'single'`, `"a\/b"`, `"\b\f\r"`)
	}
	return g.jsonScalar()
}

func (g *gen) jsonScalar() string {
	switch g.weighted(4, 3, 2, 1, 1) {
	case 0:
		return jsonString(g.pick("x", "hello world", "a,b,c", "", "é", "x/y", "it's", "Q", "1", "true", "a b"))
	case 1:
		return g.pick("0", "1", "-3", "42", "2147483647", "2147483648", "9223372036854775808")
	case 2:
		return g.pick("1.5", "0.10", "2.0", "-1.25e2", "6.02E23", "1e-10")
	case 3:
		return g.pick("true", "false", "null")
	}
	return g.pick("[]", "{}", "[1, [2, 3]]", `{"k": "v"}`)
}
