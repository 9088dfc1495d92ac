package main

func init() {
	a := newArchive("escapes.txtar", `
Backslash escapes (spec section 8): a backslash is special only before a reference or a
directive. Before a defined reference an odd number of backslashes prints the reference's
source, an even number prints half of them and then the value; before a null reference all
backslashes are kept (odd n: (n+1)/2 of them). Before a known directive or macro the
backslash is removed and the directive printed as text; before an unknown #word it is kept.`)

	const xv = `{"x":"X"}`
	a.addj("escaped-defined-reference", "\\$x", xv)
	a.addj("escaped-undefined-reference", "\\$y", xv)
	a.addj("double-backslash-defined", "\\\\$x", xv)
	a.addj("double-backslash-undefined", "\\\\$y", xv)
	a.addj("triple-backslash-defined", "\\\\\\$x", xv)
	a.addj("triple-backslash-undefined", "\\\\\\$y", xv)
	a.addj("four-backslashes", "\\\\\\\\$x|\\\\\\\\$y", xv)
	a.addj("escaped-quiet-and-formal", "\\$!x|$\\!x|\\${x}|\\$!{x}|\\${y}|\\$!y", xv)
	a.addj("escaped-chain-with-null-end", "\\$x.y|\\$x.length()|\\$m.a|\\$m.b", `{"x":"X","m":{"a":1}}`)
	a.addj("backslash-elsewhere-is-text", "\\A|$f\\oo|\\r\\n|\\\\|a\\b|\\ |x\\", `{"f":"F"}`)
	a.addj("backslash-before-dollar-in-text", "cost \\$ 5 and \\$5", xv)
	a.add("escaped-if", "\\#if(true)x\\#end")
	a.add("double-backslash-if-runs", "\\\\#if(true)x#end")
	a.add("triple-backslash-if", "\\\\\\#if(true)x\\#end")
	a.add("escaped-else-elseif-end", "#if(false)a\\#else b#end|#if(true)c\\#elseif(true)d\\#end#end")
	a.add("escaped-set", "\\#set($a = 1)$a")
	a.add("escaped-foreach", "\\#foreach($i in [1..2])$i\\#end")
	a.add("escaped-unknown-directive", "\\#foo|\\#foo()|\\#123")
	a.add("escaped-defined-macro", "#macro(m)M#end\\#m()|#m()")
	a.add("escaped-undefined-macro", "\\#nomacro()")
	a.add("escaped-include-and-parse", "\\#include('x')|\\#parse('y')|\\#stop|\\#break")
	a.add("escaped-directive-newline", "\\#if(true)\nx\n\\#end\n")
	a.add("escaped-comment-markers", "\\## not a comment\n\\#* nor this *#")
	a.addj("escapes-in-double-quoted-strings", "#set($s = \"\\$x\")$s|#set($t = \"\\$nope\")$t|#set($u = \"\\\\$x\")$u", xv)
	a.addj("backslashes-in-single-quoted-strings", "#set($s = '\\$x')$s|#set($t = '\\\\')$t.length()", xv)
	a.add("dollar-via-variable", "#set($d = '$')${d}x|${d}{x}|#set($h = '#')${h}if(true)")
	a.add("unparsed-block-for-literal-dollars", "#[[$x ${x} #if(]]#|#[[\\$x]]#")
	a.addj("escaped-reference-in-json", "{\"template\": \"\\$input.path('\\$')\", \"value\": \"$x\"}", xv)
	a.addj("backslash-n-in-text-and-values", "line1\\nline2|$s", `{"s":"a\\nb"}`)
	a.addj("escape-chain-in-loop", "#foreach($i in [1..2])\\$i=$i #end", `{}`)
}
