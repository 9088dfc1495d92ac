package apigw

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// Diagnostic is one problem found in a template.
type Diagnostic struct {
	Pos  syntax.Position
	Rule string // parse, size, rejected, escapejs-quote
	Msg  string
}

func (d Diagnostic) String() string { return d.Pos.String() + ": " + d.Msg + " [" + d.Rule + "]" }

// LintRules names the checks of [Lint].
var LintRules = []string{"parse", "size", "rejected", "escapejs-quote"}

// Lint checks a mapping template for what API Gateway rejects or what
// breaks at run time without a test noticing: parse errors, the 300 KB quota,
// directives API Gateway rejects, and $util.escapeJavaScript inside a JSON
// string without the .replaceAll("\\'","'") fix (a value holding ' then
// yields \' and Lambda rejects the event: apigw.md §2.1).
func Lint(name, src string, o *vtleval.ParseOptions) []Diagnostic {
	var ds []Diagnostic
	if len(src) > MaxTemplateSize {
		ds = append(ds, Diagnostic{syntax.Position{Filename: name, Line: 1, Col: 1}, "size",
			fmt.Sprintf("template is %d bytes; API Gateway's limit is %d (300 KB)", len(src), MaxTemplateSize)})
	}
	t, err := vtleval.ParseWith(name, src, o)
	if err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			return append(ds, Diagnostic{se.Pos, "parse", se.Msg})
		}
		return append(ds, Diagnostic{syntax.Position{Filename: name}, "parse", err.Error()})
	}
	f := t.File()
	syntax.Inspect(f.Nodes, func(n any) bool {
		switch n := n.(type) {
		case *syntax.Directive:
			if _, ok := Rejected[n.Name]; ok {
				ds = append(ds, Diagnostic{f.Position(n.P), "rejected", Rejected[n.Name]})
			}
		case *syntax.Ref:
			if n.Root == "util" && len(n.Parts) > 0 && n.Parts[0].Kind == syntax.PartMethod &&
				n.Parts[0].Name == "escapeJavaScript" && !hasQuoteFix(n) && insideJSONString(f.Src, int(n.P)) {
				ds = append(ds, Diagnostic{f.Position(n.P), "escapejs-quote",
					`$util.escapeJavaScript inside a JSON string turns ' into \' (invalid JSON: Lambda rejects the event); append .replaceAll("\\'","'")`})
			}
		}
		return true
	})
	return suppress(f.Src, t, ds)
}

// suppress drops diagnostics whose line, or the line above, carries a
// "#* vtlcheck:ignore RULE *#" comment (a block comment prints nothing, so
// the marker does not change the template's output).
func suppress(text string, t *vtleval.Template, ds []Diagnostic) []Diagnostic {
	if !strings.Contains(text, "vtlcheck:ignore") {
		return ds
	}
	lines := strings.Split(text, "\n")
	base := t.File().Position(0).Line // line 1 of the template in its file
	ignored := func(line int, rule string) bool {
		for _, l := range []int{line, line - 1} {
			if l >= 1 && l <= len(lines) {
				for _, m := range strings.Split(lines[l-1], "vtlcheck:ignore")[1:] {
					if f := strings.Fields(strings.Split(m, "*#")[0]); len(f) == 0 || f[0] == rule || f[0] == "all" {
						return true
					}
				}
			}
		}
		return false
	}
	var out []Diagnostic
	for _, d := range ds {
		if !ignored(d.Pos.Line-base+1, d.Rule) {
			out = append(out, d)
		}
	}
	return out
}

// hasQuoteFix reports whether the escapeJavaScript call is followed by a
// replaceAll that turns \' back into '.
func hasQuoteFix(r *syntax.Ref) bool {
	for _, p := range r.Parts[1:] {
		if p.Kind == syntax.PartMethod && (p.Name == "replaceAll" || p.Name == "replace") && len(p.Args) == 2 {
			if a, ok := p.Args[0].(*syntax.StringLit); ok && strings.Contains(a.Value, `'`) {
				return true
			}
		}
	}
	return false
}

// insideJSONString reports whether the text before offset i on its line
// holds an odd number of unescaped double quotes: the reference is written
// inside a JSON string of the template. i is a byte offset (a syntax.Pos).
func insideJSONString(src string, i int) bool {
	i = min(i, len(src))
	start := 0
	for j := i - 1; j >= 0; j-- {
		if src[j] == '\n' {
			start = j + 1
			break
		}
	}
	n := 0
	for k := start; k < i; k++ {
		switch src[k] {
		case '\\':
			k++
		case '"':
			n++
		}
	}
	return n%2 == 1
}
