package syntax

// Inspect calls f for every node and expression of nodes, depth first, in
// source order: statements, directive arguments and bodies, #if conditions,
// #set sides, reference parts' arguments and the content of interpolated
// string literals. f returns false to skip a node's children.
func Inspect(nodes []Node, f func(n any) bool) {
	for _, n := range nodes {
		inspectNode(n, f)
	}
}

func inspectNode(n Node, f func(any) bool) {
	if !f(n) {
		return
	}
	switch n := n.(type) {
	case *Ref:
		inspectRef(n, f)
	case *SetStmt:
		inspectExpr(n.LHS, f)
		inspectExpr(n.RHS, f)
	case *IfStmt:
		for i, c := range n.Conds {
			inspectExpr(c, f)
			Inspect(n.Blocks[i], f)
		}
		Inspect(n.Else, f)
	case *Directive:
		for _, a := range n.Args {
			inspectExpr(a, f)
		}
		Inspect(n.Body, f)
	}
}

func inspectRef(r *Ref, f func(any) bool) {
	for _, p := range r.Parts {
		for _, a := range p.Args {
			inspectExpr(a, f)
		}
	}
}

func inspectExpr(e Expr, f func(any) bool) {
	if e == nil {
		return
	}
	if r, ok := e.(*Ref); ok {
		// a reference is both a node and an expression: visit it once
		if !f(r) {
			return
		}
		inspectRef(r, f)
		return
	}
	if !f(e) {
		return
	}
	switch e := e.(type) {
	case *StringLit:
		Inspect(e.Nodes, f)
	case *ListLit:
		for _, x := range e.Elems {
			inspectExpr(x, f)
		}
	case *MapLit:
		for i := range e.Keys {
			inspectExpr(e.Keys[i], f)
			inspectExpr(e.Vals[i], f)
		}
	case *RangeLit:
		inspectExpr(e.From, f)
		inspectExpr(e.To, f)
	case *BinaryExpr:
		inspectExpr(e.X, f)
		inspectExpr(e.Y, f)
	case *NotExpr:
		inspectExpr(e.X, f)
	case *ParenExpr:
		inspectExpr(e.X, f)
	}
}
