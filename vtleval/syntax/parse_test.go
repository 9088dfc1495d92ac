package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// exprString prints an expression with its grouping made explicit.
func exprString(e Expr) string {
	switch e := e.(type) {
	case *BinaryExpr:
		return "(" + exprString(e.X) + " " + e.Op + " " + exprString(e.Y) + ")"
	case *NotExpr:
		return "!" + exprString(e.X)
	case *Ref:
		return e.Root
	case *IntLit:
		return e.Image
	}
	return fmt.Sprintf("%T", e)
}

// Operators group as Velocity 1.7's grammar has them: one rule per
// precedence level, each left-associative. Lit is the right operand's text.
func TestOperatorPrecedence(t *testing.T) {
	tests := []struct{ src, want, lit string }{
		{"$a - $b - $c", "((a - b) - c)", " $c"},
		{"$a + $b * $c", "(a + (b * c))", " $b * $c"},
		{"$a * $b + $c", "((a * b) + c)", " $c"},
		{"$a || $b && $c == $d < $e + $f * $g", "(a || (b && (c == (d < (e + (f * g))))))", " $b && $c == $d < $e + $f * $g"},
		{"$a * $b / $c % $d", "(((a * b) / c) % d)", " $d"},
		{"$a < $b == $c", "((a < b) == c)", " $c"},
		{"!$a && $b || !$c", "((!a && b) || !c)", " !$c"},
		{"($a + $b) * 2", "(ParenExpr * 2)", " 2"},
	}
	for _, tt := range tests {
		f, err := Parse("t.vm", "#set($x = "+tt.src+")", nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		e := f.Nodes[0].(*SetStmt).RHS
		got := strings.ReplaceAll(exprString(e), "*syntax.", "")
		if got != tt.want {
			t.Errorf("%s groups as %s, want %s", tt.src, got, tt.want)
		}
		if b, ok := e.(*BinaryExpr); ok && b.Lit != tt.lit {
			t.Errorf("%s: Lit = %q, want %q", tt.src, b.Lit, tt.lit)
		}
	}
}
