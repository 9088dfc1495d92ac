package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// gen writes random VTL templates. The weights lean toward what differs
// between engines: whitespace around directives, escapes, references and
// their null rendering, number arithmetic and printing, and Java methods.
type gen struct {
	r      *rand.Rand
	depth  int
	macros []macroSig // macros defined so far in this template
	loopVs []string   // loop variables in scope
	sets   []string   // variables #set so far (apigw mode)
}

type macroSig struct {
	name  string
	nargs int
}

// A template is a list of top-level fragments, so the reducer can drop them.
// Half of them are free-form; the others are line-structured like real
// mapping templates (indented directives on their own lines, JSON text).
func (g *gen) template() []string {
	g.macros = nil
	g.loopVs = nil
	if g.r.IntN(2) == 0 {
		return g.lines()
	}
	n := 1 + g.r.IntN(8)
	frags := make([]string, n)
	for i := range frags {
		frags[i] = g.stmt()
	}
	return frags
}

// lines is a template of whole lines: indentation, then a directive, a
// JSON-ish text line with references, or a blank line.
func (g *gen) lines() []string {
	n := 2 + g.r.IntN(10)
	var out []string
	open := 0
	for i := 0; i < n; i++ {
		ind := strings.Repeat(g.pick("", " ", "  ", "    ", "\t"), g.r.IntN(3))
		var line string
		switch g.weighted(5, 3, 3, 2, 2, 1, 1, 1, 2) {
		case 0:
			line = ind + g.pick(`"`+g.pick("a", "id", "name", "key")+`": `, "", `{"x": `) + g.jsonValue() + g.pick(",", "", " ,", "}")
		case 1:
			line = ind + g.set() + g.pick("", " ", "  ")
		case 2:
			line = ind + g.pick("#if(", "#if (") + g.expr(1) + ")" + g.pick("", " ")
			open++
		case 3:
			v := g.pick("i", "item", "k")
			line = ind + "#foreach($" + v + " in " + g.pick("$l", "$m.keySet()", "$nested", "[1..3]", "$m.entrySet()", "$undefined") + ")"
			g.loopVs = append(g.loopVs, v)
			open++
		case 4:
			if open > 0 {
				line = ind + g.pick("#end", "#end ", "#{end}")
				open--
			} else {
				line = ind + g.pick("## comment", "#* c *#", "")
			}
		case 5:
			if open > 0 {
				line = ind + g.pick("#else", "#elseif($b)", "#{else}")
			}
		case 6:
			line = ind + g.pick("#if($foreach.hasNext),#end", "#if($velocityHasNext),#end", "$foreach.count", "#break")
		case 7:
			line = ind + g.macroDef()
		default:
			line = ind + g.ref() + g.pick("", " ", ",")
		}
		out = append(out, line+g.pick("\n", "\n", "\n", "\r\n", " \n"))
	}
	for ; open > 0; open-- {
		out = append(out, g.pick("#end\n", "#end", "  #end\n"))
	}
	return out
}

func (g *gen) jsonValue() string {
	switch g.weighted(4, 3, 2, 2, 1) {
	case 0:
		return `"` + g.ref() + `"`
	case 1:
		return g.ref()
	case 2:
		return `"$util"`
	case 3:
		return g.number()
	}
	return `[#foreach($e in $l)"$e"#if($foreach.hasNext),#end#end]`
}

func (g *gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// weighted picks an index with the given weights.
func (g *gen) weighted(ws ...int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	k := g.r.IntN(total)
	for i, w := range ws {
		if k < w {
			return i
		}
		k -= w
	}
	return len(ws) - 1
}

func (g *gen) ws() string {
	switch g.weighted(6, 3, 3, 1, 1, 1) {
	case 0:
		return ""
	case 1:
		return " "
	case 2:
		return "\n"
	case 3:
		return "  \n"
	case 4:
		return "\t"
	}
	return " \n  "
}

func (g *gen) text() string {
	return g.pick("a", "b c", " ", "  ", "\n", "\n\n", "\t", " \n", "x\n", "{", "}", "(", ")",
		"[", "]", ",", ".", "!", "\"", "'", "*", "=", ":", "-", "1", "x.y", "a-b", "@", "%", "&", "<")
}

// stmt is one statement: text, a reference or a directive.
func (g *gen) stmt() string {
	if g.depth > 3 {
		return g.pick(g.text(), g.ref(), g.ws())
	}
	g.depth++
	defer func() { g.depth-- }()
	switch g.weighted(10, 14, 6, 7, 5, 4, 3, 2, 2, 3, 2, 2, 4, 2, 1) {
	case 0:
		return g.text()
	case 1:
		return g.ref()
	case 2:
		return g.ws() + g.set() + g.ws()
	case 3:
		return g.ifStmt()
	case 4:
		return g.foreach()
	case 5:
		return g.macroDef()
	case 6:
		return g.macroCall()
	case 7:
		return g.comment()
	case 8:
		return g.escape()
	case 9:
		return g.oddDirective()
	case 10:
		return g.pick("#define($dd)", "#define( $dd )") + g.block() + "#end" + g.pick("$dd", "", " $dd$dd", "${dd}")
	case 11:
		return "#evaluate(" + g.pick(`'#set($z = 1)$z'`, `"$s"`, `$ev`, `'$n + 1'`, `"#if($b)yes#end"`, `'#foreach($q in [1,2])$q#end'`, `$undefined`) + ")"
	case 12:
		return g.ws() + g.ref() + g.ws()
	case 13:
		return "#[[" + g.pick("$x #if", "", " ]] ", "#end") + "]]#"
	}
	return g.pick("#stop", "#break", "#literal()$s#end", "#{stop}", "#break($foreach)")
}

func (g *gen) block() string {
	n := g.r.IntN(4)
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(g.stmt())
	}
	return sb.String()
}

func (g *gen) varName() string {
	if len(g.loopVs) > 0 && g.r.IntN(3) == 0 {
		return g.loopVs[g.r.IntN(len(g.loopVs))]
	}
	return g.pick("s", "n", "d", "b", "l", "m", "big", "e", "x", "y", "z", "undefined", "nested", "neg", "dbl", "word", "velocityCount", "foreach")
}

// ref is a reference with optional quiet/formal forms and a chain.
func (g *gen) ref() string {
	name := g.varName()
	chain := ""
	for i := g.weighted(5, 4, 2, 1); i > 0; i-- {
		chain += g.part()
	}
	switch g.weighted(10, 3, 3, 2, 1, 1, 1) {
	case 0:
		return "$" + name + chain
	case 1:
		return "$!" + name + chain
	case 2:
		return "${" + name + chain + "}"
	case 3:
		return "$!{" + name + chain + "}"
	case 4:
		return `\$` + name + chain
	case 5:
		return `\\$` + name
	}
	return g.pick("$", "$1", "$-", "$!", "${", "$.", "$[", "$$", "$ ", "$!{}") + g.pick("", "x", " ")
}

func (g *gen) part() string {
	switch g.weighted(3, 8, 2) {
	case 0:
		return "." + g.pick("size", "empty", "class", "length", "a", "b", "key", "value", "foo", "bar", "first", "count", "index", "hasNext", "last", "parent")
	case 1:
		return g.method()
	}
	return "[" + g.pick("0", "1", "-1", "'a'", `"b"`, "$n", "2", "$i", "99") + "]"
}

func (g *gen) method() string {
	type m struct {
		name string
		args int
	}
	ms := []m{
		{"length", 0}, {"size", 0}, {"isEmpty", 0}, {"toString", 0}, {"trim", 0}, {"toUpperCase", 0},
		{"toLowerCase", 0}, {"substring", 1}, {"substring", 2}, {"indexOf", 1}, {"lastIndexOf", 1},
		{"charAt", 1}, {"contains", 1}, {"startsWith", 1}, {"endsWith", 1}, {"equals", 1},
		{"replace", 2}, {"replaceAll", 2}, {"split", 1}, {"concat", 1}, {"matches", 1},
		{"get", 1}, {"put", 2}, {"add", 1}, {"remove", 1}, {"containsKey", 1}, {"keySet", 0},
		{"values", 0}, {"entrySet", 0}, {"set", 2}, {"intValue", 0}, {"doubleValue", 0},
		{"longValue", 0}, {"compareTo", 1}, {"hashCode", 0}, {"getClass", 0}, {"parseInt", 1},
		{"valueOf", 1}, {"isNaN", 0}, {"booleanValue", 0}, {"getKey", 0}, {"getValue", 0},
		{"subList", 2}, {"indexOf", 2}, {"equalsIgnoreCase", 1}, {"repeat", 1}, {"join", 2},
		{"max", 2}, {"signum", 1}, {"floatValue", 0}, {"toString", 1}, {"size", 1}, {"containsValue", 1},
		{"replaceFirst", 2}, {"replaceAll", 2}, {"matches", 1}, {"split", 2}, {"lastIndexOf", 2}, {"startsWith", 2},
		{"substring", 1}, {"charAt", 1}, {"trim", 0}, {"isEmpty", 0}, {"equals", 1}, {"toLowerCase", 0},
		{"contains", 1}, {"getOrDefault", 2}, {"putIfAbsent", 2}, {"isBlank", 0}, {"strip", 0}, {"codePointAt", 1},
	}
	c := ms[g.r.IntN(len(ms))]
	args := make([]string, c.args)
	for i := range args {
		args[i] = g.param()
	}
	return "." + c.name + "(" + strings.Join(args, g.pick(", ", ",", " , ")) + ")"
}

// param is a method or macro argument (no arithmetic: Velocity 1.7 allows
// none there).
func (g *gen) param() string {
	switch g.weighted(5, 5, 2, 4, 1, 1, 1) {
	case 0:
		return g.number()
	case 1:
		return g.str()
	case 2:
		return g.pick("true", "false")
	case 3:
		return "$" + g.varName() + g.pick("", "", ".size()", ".length()", "[0]")
	case 4:
		return "[" + g.number() + ", " + g.str() + "]"
	case 5:
		return "{" + g.str() + ": " + g.number() + "}"
	}
	return "[1..3]"
}

func (g *gen) number() string {
	switch g.weighted(8, 3, 3, 2, 2, 1, 1, 1) {
	case 0:
		return fmt.Sprint(g.r.IntN(20) - 5)
	case 1:
		return g.pick("0", "1", "-1", "2147483647", "-2147483648", "2147483648")
	case 2:
		return g.pick("1.5", "0.1", "2.0", "-0.5", "3.14159", "0.0", "100.25", "1.0")
	case 3:
		return g.pick("1e3", "1E-4", "2.5e10", "1e7", "0.001", "1.0E-3", "12345678.9")
	case 4:
		return g.pick("9223372036854775807", "-9223372036854775808", "99999999999999999999", "4294967296")
	case 5:
		return g.pick(".5", "5.", "-.5")
	case 6:
		return g.pick("007", "-0", "10000000")
	}
	return fmt.Sprint(g.r.IntN(1000))
}

func (g *gen) str() string {
	body := g.pick("", "a", "abc", "a b", " x ", "A,B", "hello world", "12", "3.5", "true", "a.b.c", "x\\y", "é", "a'b", "$s", "${n}!", "#if($b)t#else f#end", "$n$n", "\\$x", "#set($w = 2)$w", "a\"b", "ABC", "  ", "\\n", "-7", "null",
		"\\s+", "[a-z]+", "\\d", "^H", "(l+)(o)", "$1-$2", "\\$", ".", "|", "\\.", "[,]", "o$", "(?i)h", "\\w*", "a{2}", "\\\\", "\\p{Upper}", "[^a-z]")
	if g.r.IntN(2) == 0 && !strings.Contains(body, "'") {
		return "'" + body + "'"
	}
	return `"` + strings.ReplaceAll(body, `"`, `""`) + `"`
}

// expr is an expression for #set and #if.
func (g *gen) expr(depth int) string {
	if depth > 2 {
		return g.operand()
	}
	switch g.weighted(6, 6, 3, 2, 1) {
	case 0:
		return g.operand()
	case 1:
		op := g.pick("+", "-", "*", "/", "%", "+", "+")
		return g.expr(depth+1) + g.pick(" ", "") + op + g.pick(" ", "") + g.expr(depth+1)
	case 2:
		op := g.pick("==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt")
		return g.expr(depth+1) + " " + op + " " + g.expr(depth+1)
	case 3:
		op := g.pick("&&", "||", "and", "or")
		return g.expr(depth+1) + " " + op + " " + g.expr(depth+1)
	}
	return g.pick("!", "! ", "not ") + g.operand()
}

func (g *gen) operand() string {
	switch g.weighted(5, 6, 3, 1, 1, 1, 2) {
	case 0:
		return g.number()
	case 1:
		return g.ref()
	case 2:
		return g.str()
	case 3:
		return "[" + g.number() + "," + g.pick(g.str(), "$n", g.number()) + "]"
	case 4:
		return "{" + g.str() + " : " + g.number() + "}"
	case 5:
		return "[" + g.pick("1", "$n", "-2", "0") + ".." + g.pick("3", "$n", "-1", "0", "'5'") + "]"
	}
	return "(" + g.expr(2) + ")"
}

func (g *gen) set() string {
	lhs := "$" + g.pick("x", "y", "z", "n", "s", "l", "m", "w", "x.a", "m.k", "l[0]", "m['q']", "undefined.a")
	return g.pick("#set(", "#set (", "#{set}(", "#set( ") + lhs + g.pick(" = ", "=", " =") + g.expr(0) + g.pick(")", " )")
}

func (g *gen) ifStmt() string {
	var sb strings.Builder
	sb.WriteString(g.pick("#if(", "#if (", "#{if}(", "#if( "))
	sb.WriteString(g.expr(0))
	sb.WriteString(")")
	sb.WriteString(g.block())
	for i := g.weighted(6, 2, 1); i > 0; i-- {
		sb.WriteString(g.pick("#elseif(", "#{elseif}(", "#elseif ("))
		sb.WriteString(g.expr(0))
		sb.WriteString(")")
		sb.WriteString(g.block())
	}
	if g.r.IntN(2) == 0 {
		sb.WriteString(g.pick("#else", "#{else}", "#else\n", "#else "))
		sb.WriteString(g.block())
	}
	sb.WriteString(g.pick("#end", "#{end}", "#end\n", "#end  \n"))
	return sb.String()
}

func (g *gen) foreach() string {
	v := g.pick("i", "j", "k", "it")
	list := g.pick("$l", "$m", "[1, 2, 3]", "[]", "$s", "$undefined", "[1..4]", "$m.keySet()", "$m.entrySet()",
		"['a', $n, 2.5]", "$nested", "[$n..2]", "$l.subList(0, 1)", "{'a': 1, 'b': 2}")
	g.loopVs = append(g.loopVs, v)
	defer func() { g.loopVs = g.loopVs[:len(g.loopVs)-1] }()
	body := g.block() + g.pick("", "$"+v, "$velocityCount", "$foreach.index", "$foreach.hasNext", "$velocityHasNext",
		"#if($foreach.last)L#end", "$foreach.count", "#if($velocityCount > 1)#break#end")
	return g.pick("#foreach(", "#foreach (", "#{foreach}(", "#foreach( ") + "$" + v + " in " + list + g.pick(")", " )") + g.ws() + body + g.pick("#end", "#end\n", "#{end}")
}

func (g *gen) macroDef() string {
	name := g.pick("m", "mac", "tbl", "show")
	nargs := g.r.IntN(3)
	params := make([]string, nargs)
	for i := range params {
		params[i] = "$" + g.pick("a", "b", "c", "s", "n")
	}
	g.macros = append(g.macros, macroSig{name, nargs})
	body := g.block() + g.pick("", "$a", "[$a][$b]", "$!a", "$bodyContent", "#if($a)A#end")
	return g.pick("#macro(", "#macro( ") + name + g.pick(" ", ", ") + strings.Join(params, " ") + ")" + body + "#end" + g.ws()
}

func (g *gen) macroCall() string {
	name, nargs := g.pick("m", "mac", "undefinedmacro"), g.r.IntN(3)
	if len(g.macros) > 0 && g.r.IntN(3) > 0 {
		m := g.macros[g.r.IntN(len(g.macros))]
		name, nargs = m.name, m.nargs
		if g.r.IntN(4) == 0 {
			nargs += g.r.IntN(3) - 1
		}
	}
	args := make([]string, max(nargs, 0))
	for i := range args {
		args[i] = g.param()
	}
	call := "#" + name + "(" + strings.Join(args, g.pick(" ", ", ")) + ")"
	if g.r.IntN(5) == 0 {
		return "#@" + name + "(" + strings.Join(args, " ") + ")" + g.block() + "#end"
	}
	return call
}

func (g *gen) comment() string {
	return g.pick("## c\n", "##\n", "#* c *#", "#** doc *#", "## $x #if\n", "#* $x\n *#", "a## c", "#**#", "#***#")
}

func (g *gen) escape() string {
	return g.pick(`\#if`, `\#end`, `\\#if(true)x#end`, `\#set($x = 1)`, `\$s`, `\\$s`, `\\\$s`, `\\`, `\`, `\#foreach`, `\#m()`, `\#{end}`, `\\\#end`)
}

func (g *gen) oddDirective() string {
	return g.pick("#", "# ", "#foo", "#foo()", "#foo bar", "#{foo}", "#1", "#$s", "#end", "#else", "#if", "#set",
		"#set($x)", "#if()", "#{", "#@", "#@foo", "##", "#*", "a#b", "#m", "#m ()", "$#s", "#$", "#\n")
}

// context is a random JSON context for the template's variables.
func (g *gen) context() map[string]any {
	ctx := map[string]any{
		"s":      g.pick("hello", "", "Hello World", "a,b,c", "  padded  ", "12", "x.y.z", "ÄÖü", "a$b", "#if"),
		"n":      []any{0, 1, 2, -3, 7, 42, 12, 100}[g.r.IntN(8)],
		"d":      []any{1.5, 0.1, -2.25, 1e10, 3.0, 1e-5, 123456789.125}[g.r.IntN(7)],
		"b":      g.r.IntN(2) == 0,
		"l":      []any{"a", 1, 2.5, true, nil, []any{1, 2}}[:g.r.IntN(7)],
		"m":      map[string]any{"a": 1, "b": "two", "key": []any{1, 2}, "q": nil},
		"big":    int64(9007199254740993),
		"e":      "",
		"nested": []any{map[string]any{"a": 1, "b": "x"}, map[string]any{"a": 2, "b": "y"}},
		"neg":    -7,
		"dbl":    2.0,
		"word":   "velocity",
		"ev":     g.pick("#set($q = 5)$q", "$s$n", "#if($b)B#{else}b#end", "$undefined"),
	}
	if g.r.IntN(4) == 0 {
		delete(ctx, "s")
	}
	return ctx
}

func jsonString(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}
