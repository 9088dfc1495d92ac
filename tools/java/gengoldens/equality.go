package main

import (
	"fmt"
	"strings"
)

// An operand of the comparison matrix: a context value (json "" = undefined) and how the
// template refers to it (default $a / $b).
type operand struct {
	label string
	json  string
	path  string // appended to the variable, e.g. ".n" to read a nested null
}

// compareAll prints, for x and y, the six comparisons x OP y, then " | ", then y OP x.
func compareAll(x, y string) string {
	line := func(l, r string) string {
		var b strings.Builder
		for i, op := range []string{"==", "!=", "<", ">", "<=", ">="} {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%s#if(%s %s %s)T#{else}F#end", op, l, op, r)
		}
		return b.String()
	}
	return line(x, y) + " | " + line(y, x)
}

func pairContext(x, y operand) string {
	var parts []string
	if x.json != "" {
		parts = append(parts, `"a":`+x.json)
	}
	if y.json != "" {
		parts = append(parts, `"b":`+y.json)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func init() {
	a := newArchive("equality.txtar", `
Equality and ordering. == / != : two numbers compare numerically; otherwise Java equals when
one class is assignable from the other; otherwise both sides' toString() are compared; null
equals only null. < > <= >= : numbers only, anything else (or null) is false both ways.
The pair-* cases print, for $a and $b, "== != < > <= >=" as T/F, first as $a OP $b, then as
$b OP $a. Also: truthiness, logical operators and their word forms, short-circuiting.`)

	ops := []operand{
		{"int", `1`, ""},
		{"long", `3000000000`, ""},
		{"bigint", `100000000000000000000`, ""},
		{"double-one", `1.0`, ""},
		{"double", `2.5`, ""},
		{"string-one", `"1"`, ""},
		{"string-one-point-zero", `"1.0"`, ""},
		{"string", `"a"`, ""},
		{"bool", `true`, ""},
		{"list", `[1,2]`, ""},
		{"map", `{"a":1}`, ""},
		{"empty-string", `""`, ""},
		{"undefined", ``, ""},
	}
	ref := func(name string, o operand) string { return "$" + name + o.path }
	for i, x := range ops {
		for _, y := range ops[i+1:] {
			a.addj("pair-"+x.label+"-vs-"+y.label, compareAll(ref("a", x), ref("b", y)), pairContext(x, y))
		}
	}
	extra := [][2]operand{
		{{"int", `1`, ""}, {"int-equal", `1`, ""}},
		{{"int", `2`, ""}, {"double-equal", `2.0`, ""}},
		{{"long", `3000000000`, ""}, {"double-equal", `3.0E9`, ""}},
		{{"bigint", `100000000000000000000`, ""}, {"double-equal", `1.0E20`, ""}},
		{{"string", `"a"`, ""}, {"string-b", `"b"`, ""}},
		{{"string", `"abc"`, ""}, {"string-upper", `"ABC"`, ""}},
		{{"string", `"x"`, ""}, {"string-equal", `"x"`, ""}},
		{{"bool", `true`, ""}, {"string-true", `"true"`, ""}},
		{{"bool-false", `false`, ""}, {"string-false", `"false"`, ""}},
		{{"bool", `true`, ""}, {"bool-false", `false`, ""}},
		{{"list", `[1,2]`, ""}, {"list-string", `"[1, 2]"`, ""}},
		{{"list", `[1,2]`, ""}, {"list-equal", `[1,2]`, ""}},
		{{"list", `[1,2]`, ""}, {"list-doubles", `[1.0,2.0]`, ""}},
		{{"map", `{"a":1}`, ""}, {"map-string", `"{a=1}"`, ""}},
		{{"map", `{"a":1,"b":2}`, ""}, {"map-reordered", `{"b":2,"a":1}`, ""}},
		{{"json-null", `{"n":null}`, ".n"}, {"undefined", ``, ""}},
		{{"json-null", `{"n":null}`, ".n"}, {"empty-string", `""`, ""}},
		{{"string-number", `"10"`, ""}, {"string-number-2", `"9"`, ""}},
		{{"negative-zero", `-0.0`, ""}, {"zero", `0`, ""}},
		{{"empty-list", `[]`, ""}, {"empty-map", `{}`, ""}},
		{{"nested-list", `[[1],{"k":"v"}]`, ""}, {"nested-list-string", `"[[1], {k=v}]"`, ""}},
	}
	for _, p := range extra {
		x, y := p[0], p[1]
		a.addj("pair-"+x.label+"-vs-"+y.label, compareAll(ref("a", x), ref("b", y)), pairContext(x, y))
	}

	// Literals on both sides.
	a.add("literal-string-vs-int", compareAll("'1'", "1"))
	a.add("literal-int-vs-double", compareAll("1", "1.0"))
	a.add("literal-strings-case", compareAll("'a'", "'A'"))
	a.add("literal-bool-vs-string", compareAll("true", "'true'"))
	a.add("literal-lists", compareAll("[1, 2]", "[1, 2]"))
	a.add("literal-list-vs-range", compareAll("[1, 2, 3]", "[1..3]"))
	a.add("literal-maps", compareAll("{'a': 1}", "{'a': 1}"))
	a.add("literal-empty-map-vs-string", compareAll("{}", "'{}'"))
	a.add("literal-negative-numbers", compareAll("-1", "-1.5"))
	a.add("literal-big-vs-long", compareAll("9223372036854775808", "9223372036854775807"))
	a.add("undefined-vs-null-reference", compareAll("$x", "$null"))
	a.add("undefined-vs-empty-literal", compareAll("$x", "''"))
	a.add("interpolated-undefined-vs-literal", compareAll("\"$x\"", "'$x'"))
	a.add("word-operators", "#if(1 eq 1)eq #end#if(1 ne 2)ne #end#if(1 lt 2)lt #end#if(2 gt 1)gt #end#if(1 le 1)le #end#if(1 ge 1)ge #end#if(true and true)and #end#if(false or true)or #end#if(not false)not#end")
	a.add("set-comparison-results", exprs("1 == 1", "1 != 1", "'a' < 'b'", "2 >= 1.5", "$u == $v", "!true", "true && false", "false || true", "!$u"))

	// Truthiness (spec section 5).
	a.addj("truthiness-values", "#foreach($k in ['t','f','zero','dzero','empty','sfalse','list','map','str'])$k:#if($m.get($k))T#{else}F#end #end",
		`{"m":{"t":true,"f":false,"zero":0,"dzero":0.0,"empty":"","sfalse":"false","list":[],"map":{},"str":"x"}}`)
	a.addj("truthiness-null-and-missing", "#if($undef)T#{else}F#end #if($m.n)T#{else}F#end #if($m.missing)T#{else}F#end #if($!undef)T#{else}F#end", `{"m":{"n":null}}`)
	a.add("truthiness-literals-are-false", "#if('x')T#{else}F#end #if(1)T#{else}F#end #if([])T#{else}F#end #if({})T#{else}F#end #if(\"s\")T#{else}F#end #if(true)T#{else}F#end")
	a.add("truthiness-defined-literals-through-set", "#set($s = 'x')#set($n = 1)#set($l = [])#if($s)T#{else}F#end #if($n)T#{else}F#end #if($l)T#{else}F#end")
	a.addj("truthiness-negation", "#if(!$f)a#end #if(!$t)b#end #if(!$undef)c#end #if(!$e)d#end #if(!!$t)e#end", `{"t":true,"f":false,"e":""}`)
	a.addj("truthiness-method-results", "#if($s.isEmpty())T#{else}F#end #if($s.length())T#{else}F#end #if($l.isEmpty())T#{else}F#end #if($s.contains('x'))T#{else}F#end", `{"s":"","l":[1]}`)
	a.addj("truthiness-parenthesized", "#if(($t))a#end #if((($f)))b#{else}c#end #if(($t) && ($t))d#end", `{"t":true,"f":false}`)

	// Logic.
	a.add("logic-and-or-precedence", exprs("true || false && false", "(true || false) && false", "!true || true", "!(true || true)", "false && true || true"))
	a.add("logic-short-circuit-and", "#set($l = [])#if(false && $l.add(1))#end#if(true || $l.add(2))#end$l")
	a.add("logic-evaluates-right-side", "#set($l = [])#if(true && $l.add(1))#end#if(false || $l.add(2))#end$l")
	a.add("logic-with-comparisons", exprs("1 < 2 && 2 < 3", "1 < 2 && 3 < 2", "1 == 1 || $undef.x()", "'a' == 'a' && 'b' != 'c'"))
	a.add("logic-non-boolean-operands", exprs("'x' && true", "$undef || false", "1 && 1", "[] || false"))
	a.addj("logic-on-references", exprs("$t && $s", "$f || $s", "$t && $undef", "!$s"), `{"t":true,"f":false,"s":"str"}`)
	a.addj("compare-in-elseif-chain", "#foreach($v in $vs)#if($v < 0)neg#elseif($v == 0)zero#elseif($v < 10)small#{else}big#end #end", `{"vs":[-1,0,5,10,2.5,-0.0]}`)
	a.addj("compare-string-number-equality-idiom", "#if($count == '0')empty#{else}has $count#end|#if($count == 0)num-empty#end", `{"count":0}`)
	a.addj("compare-map-values", "#if($m.a == 1)a1 #end#if($m.b == 'x')bx #end#if($m.c == $null)c-null #end#if($m.a > $m.d)a>d#end", `{"m":{"a":1,"b":"x","d":0.5}}`)
	a.addj("compare-list-contents", "#if($l == [1, 'two', 3.0])eq#{else}ne#end #if($l.get(0) == 1)first#end", `{"l":[1,"two",3.0]}`)
	a.addj("compare-after-string-conversion", exprs("$d == '2.50'", "$d == '2.5'", "$i == '007'", "$i == '7'", "$b == 'TRUE'"), `{"d":2.5,"i":7,"b":true}`)
}
