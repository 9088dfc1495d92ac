package vtleval

import (
	"errors"
	"fmt"

	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// foreachScope is $foreach (Velocity 1.7's ForeachScope).
type foreachScope struct {
	index   int
	hasNext bool
	parent  Value
}

func (f *foreachScope) JavaClass() string {
	return "org.apache.velocity.runtime.directive.ForeachScope"
}

// String is "{}": Velocity's Scope is an empty map.
func (f *foreachScope) String() string { return "{}" }

func (f *foreachScope) GetProperty(name string) (Value, bool) {
	switch name {
	case "index":
		return int32(f.index), true
	case "count":
		return int32(f.index + 1), true
	case "hasNext":
		return f.hasNext, true
	case "first":
		return f.index == 0, true
	case "last":
		return !f.hasNext, true
	case "parent":
		return f.parent, f.parent != nil
	case "topmost":
		t := Value(f)
		for {
			p, ok := t.(*foreachScope)
			if !ok || p.parent == nil {
				return t, true
			}
			t = p.parent
		}
	}
	return nil, false
}

func (f *foreachScope) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "getIndex", "getCount", "getHasNext", "getFirst", "getLast", "getParent", "getTopmost":
			n := name[3:]
			n = string(n[0]+'a'-'A') + n[1:]
			v, ok := f.GetProperty(n)
			return v, ok, nil
		case "hasNext", "isFirst", "isLast":
			v, ok := f.GetProperty(map[string]string{"hasNext": "hasNext", "isFirst": "first", "isLast": "last"}[name])
			return v, ok, nil
		case "stop":
			return nil, true, breakSignal{target: f}
		}
	}
	return nil, false, nil
}

// defineBlock is the value #define binds: the block, rendered when used.
type defineBlock struct {
	body []syntax.Node
	file *syntax.File
	src  string
}

func (d *defineBlock) JavaClass() string {
	return "org.apache.velocity.runtime.directive.Block$Reference"
}
func (d *defineBlock) String() string { return d.src }

func (st *state) renderDefine(sc *scope, d *defineBlock) error {
	st.depth++
	defer func() { st.depth-- }()
	if st.depth > st.maxDepth() {
		return &EvalError{Msg: fmt.Sprintf("#define block nested deeper than %d", st.maxDepth())}
	}
	err := st.renderBlock(sc, d.file, d.body)
	var bs breakSignal
	if errors.As(err, &bs) && bs.target == nil {
		return nil
	}
	return err
}

func (st *state) directive(sc *scope, f *syntax.File, n *syntax.Directive) error {
	if st.cfg.Reject != nil && (syntax.IsDirective(n.Name) || st.findMacro(n.Name) != nil) {
		if err := st.cfg.Reject(n.Name); err != nil {
			return &EvalError{Pos: f.Position(n.P), Expr: "#" + n.Name, Msg: err.Error(), Err: err}
		}
	}
	switch n.Name {
	case "foreach":
		return st.foreach(sc, f, n)
	case "macro":
		return nil // registered before rendering
	case "define":
		if len(n.Args) == 0 {
			return st.errorf(f, n.P, "#define", "#define needs a reference argument")
		}
		r, ok := n.Args[0].(*syntax.Ref)
		if !ok {
			return st.errorf(f, n.P, "#define", "the argument of #define must be a reference")
		}
		sc.put(r.Root, &defineBlock{body: n.Body, file: f, src: n.BodySrc})
		return nil
	case "literal":
		return st.write(n.BodySrc)
	case "break":
		var target any
		if len(n.Args) > 0 {
			v, err := st.eval(sc, f, n.Args[0])
			if err != nil {
				return err
			}
			fs, ok := v.(*foreachScope)
			if !ok {
				return st.errorf(f, n.P, "#break", "#break's argument must be a scope such as $foreach, not %s", ToString(v))
			}
			target = fs
		}
		return breakSignal{target: target}
	case "stop":
		return errStop
	case "evaluate":
		return st.evaluate(sc, f, n)
	case "parse", "include":
		return st.parseInclude(sc, f, n)
	}
	return st.callMacro(sc, f, n)
}

func (st *state) findMacro(name string) *macro {
	if m := st.macros[name]; m != nil {
		return m
	}
	if st.cfg.Macros != nil {
		return st.cfg.Macros.get(name)
	}
	return nil
}

// iterate returns the elements #foreach visits, or ok=false when it skips.
func iterate(v Value) ([]Value, bool) {
	switch v := v.(type) {
	case *List:
		return v.Items, true
	case *Map:
		var out []Value
		v.Entries(func(_, val Value) { out = append(out, val) })
		return out, true
	case Iterable:
		return v.Elements(), true
	}
	return nil, false
}

// Iterable is a host object #foreach can iterate.
type Iterable interface {
	Elements() []Value
}

func (st *state) foreach(sc *scope, f *syntax.File, n *syntax.Directive) error {
	if len(n.Args) < 3 {
		return st.errorf(f, n.P, "#foreach", "#foreach needs ($item in $list)")
	}
	elem, ok := n.Args[0].(*syntax.Ref)
	if !ok {
		return st.errorf(f, n.P, "#foreach", "the loop variable must be a reference")
	}
	if w, ok := n.Args[1].(*syntax.Word); !ok || w.Name != "in" {
		return st.errorf(f, n.P, "#foreach", "want 'in' as the second argument of #foreach")
	}
	listV, err := st.eval(sc, f, n.Args[2])
	if err != nil {
		return err
	}
	if listV == nil {
		return nil
	}
	items, ok := iterate(listV)
	if !ok {
		return nil
	}
	// Velocity's elementKey is the literal minus '$' (ASTReference first token).
	key := elem.SetName
	saved := sc.get(key)
	savedCount := sc.get("velocityCount")
	savedHasNext := sc.get("velocityHasNext")
	outer := sc.get("foreach")
	fs := &foreachScope{index: -1, parent: outer}
	sc.put("foreach", fs)
	var holder *scope
	var loopErr error
	for i, it := range items {
		if st.cfg.MaxLoops > 0 && i >= st.cfg.MaxLoops {
			break
		}
		sc.put("velocityCount", int32(i+1))
		hasNext := i+1 < len(items)
		sc.put("velocityHasNext", hasNext)
		sc.put(key, it)
		fs.index++
		fs.hasNext = hasNext
		body := sc
		if it == nil {
			if holder == nil {
				holder = &scope{st: st, parent: sc, nullVar: key}
			}
			body = holder
		}
		err := st.renderBlock(body, f, n.Body)
		if err != nil {
			var bs breakSignal
			if errors.As(err, &bs) && (bs.target == nil || bs.target == fs) {
				break
			}
			loopErr = err
			break
		}
	}
	restore := func(name string, v Value) {
		if v != nil {
			sc.put(name, v)
		} else {
			sc.remove(name)
		}
	}
	restore(key, saved)
	restore("velocityCount", savedCount)
	restore("velocityHasNext", savedHasNext)
	restore("foreach", outer)
	return loopErr
}

func (st *state) callMacro(sc *scope, f *syntax.File, n *syntax.Directive) error {
	name := n.Name
	block := false
	if len(name) > 1 && name[0] == '@' {
		name = name[1:]
		block = true
	}
	m := st.findMacro(name)
	if m == nil {
		if block {
			// Velocity 1.7 prints nothing useful for an unknown block macro;
			// treat it like an unknown macro call.
			return st.write(n.Literal)
		}
		return st.write(n.Literal)
	}
	st.depth++
	defer func() { st.depth-- }()
	if st.depth > st.maxDepth() {
		return st.errorf(f, n.P, "#"+n.Name, "macro calls nested deeper than %d (velocimacro.max.depth)", st.maxDepth())
	}
	ms := &scope{st: st, local: map[string]Value{}, args: map[string]macroArg{}, literals: map[string]string{}}
	for i, p := range m.params {
		if i >= len(n.Args) {
			break
		}
		a := n.Args[i]
		switch a.(type) {
		case *syntax.IntLit, *syntax.FloatLit, *syntax.BoolLit, *syntax.Word:
			v, err := st.eval(sc, f, a)
			if err != nil {
				return err
			}
			if v != nil {
				ms.local[p] = v
			}
		default:
			ms.args[p] = macroArg{expr: a, caller: sc, file: f}
			ms.literals["$"+p] = literalOf(a, sc)
		}
	}
	if block {
		ms.local["bodyContent"] = &defineBlock{body: n.Body, file: f, src: n.BodySrc}
	}
	err := st.renderBlock(ms, m.file, m.body)
	var bs breakSignal
	if errors.As(err, &bs) && bs.target == nil {
		return nil
	}
	return err
}

// literalOf is the caller's literal for a by-name macro argument.
func literalOf(e syntax.Expr, sc *scope) string {
	if r, ok := e.(*syntax.Ref); ok {
		if l, ok := sc.literalFor(r.NullString); ok {
			return l
		}
		return r.Literal
	}
	return exprText(e)
}

func (st *state) evaluate(sc *scope, f *syntax.File, n *syntax.Directive) error {
	if len(n.Args) != 1 {
		return st.errorf(f, n.P, "#evaluate", "#evaluate takes exactly one argument")
	}
	v, err := st.eval(sc, f, n.Args[0])
	if err != nil {
		return err
	}
	if v == nil {
		return nil
	}
	st.depth++
	defer func() { st.depth-- }()
	if st.depth > st.maxDepth() {
		return st.errorf(f, n.P, "#evaluate", "#evaluate nested deeper than %d", st.maxDepth())
	}
	pos := f.Position(n.P)
	t, err := Parse(fmt.Sprintf("%s(#evaluate at %d:%d)", pos.Filename, pos.Line, pos.Col), ToString(v))
	if err != nil {
		return &EvalError{Pos: pos, Expr: "#evaluate", Msg: err.Error(), Err: err}
	}
	for k, m := range t.macros {
		if st.findMacro(k) == nil {
			if st.macros == nil {
				st.macros = map[string]*macro{}
			}
			st.macros = copyMacros(st.macros)
			st.macros[k] = m
		}
	}
	err = st.renderBlock(sc, t.file, t.file.Nodes)
	if err == errStop {
		return nil
	}
	var bs breakSignal
	if errors.As(err, &bs) && bs.target == nil {
		return nil
	}
	return err
}

func copyMacros(m map[string]*macro) map[string]*macro {
	c := make(map[string]*macro, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}

func (st *state) parseInclude(sc *scope, f *syntax.File, n *syntax.Directive) error {
	if len(n.Args) == 0 {
		return st.errorf(f, n.P, "#"+n.Name, "#%s needs an argument", n.Name)
	}
	if st.cfg.Resources == nil {
		return st.errorf(f, n.P, "#"+n.Name, "#%s is not available: templates have no resources to load (API Gateway fails such templates too)", n.Name)
	}
	for i, a := range n.Args {
		if n.Name == "parse" && i > 0 {
			break
		}
		v, err := st.eval(sc, f, a)
		if err != nil {
			return err
		}
		if v == nil {
			continue
		}
		name := ToString(v)
		src, err := st.cfg.Resources(name)
		if err != nil {
			return st.errorf(f, n.P, "#"+n.Name, "unable to find resource '%s'", name)
		}
		if n.Name == "include" {
			if err := st.write(src); err != nil {
				return err
			}
			continue
		}
		st.depth++
		if st.depth > 10 {
			st.depth--
			return st.errorf(f, n.P, "#parse", "#parse nested deeper than 10 (directive.parse.max.depth)")
		}
		t, err := Parse(name, src)
		if err != nil {
			st.depth--
			return err
		}
		for k, m := range t.macros {
			if st.findMacro(k) == nil {
				st.macros = copyMacros(st.macros)
				st.macros[k] = m
			}
		}
		err = st.renderBlock(sc, t.file, t.file.Nodes)
		st.depth--
		var bs breakSignal
		if errors.As(err, &bs) && bs.target == nil {
			err = nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}
