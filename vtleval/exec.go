package vtleval

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"sync"

	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// Template is a parsed template. It is immutable: one Template may be
// executed by many goroutines at once.
type Template struct {
	name   string
	file   *syntax.File
	macros map[string]*macro // #macro definitions, registered before rendering
}

type macro struct {
	name   string
	params []string // without '$'
	body   []syntax.Node
	file   *syntax.File
}

// ParseOptions changes how a template is parsed.
type ParseOptions struct {
	// Origin makes positions report in an enclosing file (a YAML case file).
	Origin *syntax.Origin
	// Macros lists macro names defined elsewhere (a macro library), which
	// decides how "\#name" is printed.
	Macros *Macros
}

// Parse parses a template. Errors read "name:line:col: message".
func Parse(name, src string) (*Template, error) { return ParseWith(name, src, nil) }

// ParseWith parses a template with options.
func ParseWith(name, src string, o *ParseOptions) (*Template, error) {
	opts := &syntax.Options{}
	if o != nil && o.Macros != nil {
		opts.IsMacro = o.Macros.Has
	}
	f, err := syntax.Parse(name, src, opts)
	if err != nil {
		if o != nil && o.Origin != nil {
			// re-run position mapping with the origin
			if se, ok := err.(*syntax.Error); ok {
				f2 := &syntax.File{Name: name}
				_ = f2
				se.Pos = mapOrigin(se.Pos, o.Origin)
			}
		}
		return nil, err
	}
	if o != nil && o.Origin != nil {
		f.SetOrigin(o.Origin)
	}
	t := &Template{name: name, file: f, macros: map[string]*macro{}}
	t.collectMacros(f, f.Nodes)
	return t, nil
}

func mapOrigin(p syntax.Position, o *syntax.Origin) syntax.Position {
	col := p.Col
	if p.Line == 1 && o.Col > 0 {
		col += o.Col - 1
	} else {
		col += o.Indent
	}
	return syntax.Position{Filename: o.File, Line: o.Line + p.Line - 1, Col: col}
}

// Name returns the template's name.
func (t *Template) Name() string { return t.name }

// File returns the syntax tree.
func (t *Template) File() *syntax.File { return t.file }

// collectMacros registers every #macro of the template, wherever it is, as
// Velocity does when it initialises a template; the first definition of a
// name wins.
func (t *Template) collectMacros(f *syntax.File, nodes []syntax.Node) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *syntax.Directive:
			if n.Name == "macro" && len(n.Args) > 0 {
				if w, ok := n.Args[0].(*syntax.Word); ok {
					if _, dup := t.macros[w.Name]; !dup {
						m := &macro{name: w.Name, body: n.Body, file: f}
						for _, a := range n.Args[1:] {
							if r, ok := a.(*syntax.Ref); ok {
								m.params = append(m.params, r.Root)
							}
						}
						t.macros[w.Name] = m
					}
				}
			}
			t.collectMacros(f, n.Body)
			for _, a := range n.Args {
				t.collectExprMacros(f, a)
			}
		case *syntax.IfStmt:
			for _, c := range n.Conds {
				t.collectExprMacros(f, c)
			}
			for _, b := range n.Blocks {
				t.collectMacros(f, b)
			}
			t.collectMacros(f, n.Else)
		case *syntax.SetStmt:
			t.collectExprMacros(f, n.RHS)
		}
	}
}

func (t *Template) collectExprMacros(f *syntax.File, e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.StringLit:
		t.collectMacros(f, e.Nodes)
	case *syntax.BinaryExpr:
		t.collectExprMacros(f, e.X)
		t.collectExprMacros(f, e.Y)
	case *syntax.NotExpr:
		t.collectExprMacros(f, e.X)
	case *syntax.ParenExpr:
		t.collectExprMacros(f, e.X)
	}
}

// Macros is a macro namespace shared by several renders, like Velocity's
// engine-wide velocimacro manager: the first definition of a name wins.
type Macros struct {
	mu sync.RWMutex
	m  map[string]*macro
}

// NewMacros returns an empty namespace.
func NewMacros() *Macros { return &Macros{m: map[string]*macro{}} }

// Has reports whether name is defined.
func (ms *Macros) Has(name string) bool {
	ms.mu.RLock()
	defer ms.mu.RUnlock()
	_, ok := ms.m[name]
	return ok
}

// AddFrom registers the macros of t that are not defined yet.
func (ms *Macros) AddFrom(t *Template) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	for k, v := range t.macros {
		if _, ok := ms.m[k]; !ok {
			ms.m[k] = v
		}
	}
}

func (ms *Macros) get(name string) *macro {
	ms.mu.RLock()
	defer ms.mu.RUnlock()
	return ms.m[name]
}

// Config controls a render. The zero value is stock Velocity 1.7.
type Config struct {
	// MaxLoops caps the iterations of each #foreach (0 = unlimited), like
	// directive.foreach.maxloops: the loop silently stops.
	MaxLoops int
	// MaxDepth limits nesting of macro calls, #evaluate, #parse and
	// #define blocks (0 = 20, velocimacro.max.depth).
	MaxDepth int
	// MaxOutput limits the output in bytes (0 = unlimited).
	MaxOutput int
	// Macros is a shared macro namespace (nil: each render has its own).
	Macros *Macros
	// Resources loads templates for #parse and #include; nil means they
	// fail with "not available".
	Resources func(name string) (string, error)
	// NullAsEmpty renders a reference whose value is null as "" instead of
	// its source text.
	NullAsEmpty bool
	// InvalidAsEmpty makes every reference whose evaluation ends in null
	// (undefined variable, missing property or key, null method result)
	// evaluate to "" — what API Gateway does.
	InvalidAsEmpty bool
	// Reject, when set, is consulted for each directive before it runs; a
	// non-nil error fails the render at the directive's position.
	Reject func(directive string) error
}

// EvalError is an error raised while rendering.
type EvalError struct {
	Pos  syntax.Position
	Expr string // the construct that failed, as written
	Msg  string
	Err  error
}

func (e *EvalError) Error() string {
	s := e.Pos.String() + ": "
	if e.Expr != "" {
		s += e.Expr + ": "
	}
	return s + e.Msg
}

func (e *EvalError) Unwrap() error { return e.Err }

// ErrStop is never returned to callers; it implements #stop.
var errStop = errors.New("#stop")

type breakSignal struct{ target any }

func (breakSignal) Error() string { return "#break" }

// state is the per-render state.
type state struct {
	t      *Template
	file   *syntax.File
	cfg    *Config
	w      *limitWriter
	vars   Vars
	macros map[string]*macro
	depth  int
}

// scope is the variable context. A macro call gets a scope whose parameters
// are evaluated by name in the caller's scope (Velocity 1.7's
// ProxyVMContext); everything else is global.
type scope struct {
	st       *state
	local    map[string]Value
	args     map[string]macroArg
	literals map[string]string // parameter name -> caller's literal
	nullVar  string            // a #foreach variable that currently reads as null
	parent   *scope
}

type macroArg struct {
	expr   syntax.Expr
	caller *scope
	file   *syntax.File
}

type limitWriter struct {
	w     io.Writer
	n     int
	limit int
	buf   []byte
}

var errOutputLimit = errors.New("output limit exceeded")

func (w *limitWriter) WriteString(s string) error {
	if w.limit > 0 && w.n+len(s) > w.limit {
		return errOutputLimit
	}
	w.n += len(s)
	w.buf = append(w.buf, s...)
	if len(w.buf) >= 32<<10 {
		return w.flush()
	}
	return nil
}

func (w *limitWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.w.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

// Execute renders the template to w.
func (t *Template) Execute(w io.Writer, vars Vars, cfg *Config) (err error) {
	if cfg == nil {
		cfg = &Config{}
	}
	lw := &limitWriter{w: w, limit: cfg.MaxOutput}
	if vars == nil {
		vars = Vars{}
	}
	st := &state{t: t, file: t.file, cfg: cfg, w: lw, vars: vars, macros: t.macros}
	if cfg.Macros != nil {
		cfg.Macros.AddFrom(t)
	}
	sc := &scope{st: st}
	err = st.renderBlock(sc, t.file, t.file.Nodes)
	if err == errStop {
		err = nil
	}
	var bs breakSignal
	if errors.As(err, &bs) {
		err = nil
	}
	if ferr := lw.flush(); err == nil {
		err = ferr
	}
	if err == errOutputLimit {
		err = &EvalError{Msg: fmt.Sprintf("output exceeds the limit of %d bytes", cfg.MaxOutput)}
	}
	return err
}

// Render is Execute into a string.
func (t *Template) Render(vars Vars, cfg *Config) (string, error) {
	var sb strings.Builder
	err := t.Execute(&sb, vars, cfg)
	return sb.String(), err
}

func (st *state) maxDepth() int {
	if st.cfg.MaxDepth > 0 {
		return st.cfg.MaxDepth
	}
	return 20
}

func (st *state) errorf(f *syntax.File, pos syntax.Pos, expr string, format string, args ...any) error {
	return &EvalError{Pos: f.Position(pos), Expr: expr, Msg: fmt.Sprintf(format, args...)}
}

// --- variables ---

func (sc *scope) get(name string) Value {
	if sc.parent != nil { // a #foreach null holder
		if name == sc.nullVar {
			return nil
		}
		return sc.parent.get(name)
	}
	if sc.local != nil {
		if v, ok := sc.local[name]; ok {
			return v
		}
	}
	if sc.args != nil {
		if a, ok := sc.args[name]; ok {
			v, _ := sc.st.eval(a.caller, a.file, a.expr)
			return v
		}
	}
	return sc.st.vars[name]
}

func (sc *scope) put(name string, v Value) {
	if sc.parent != nil {
		if name == sc.nullVar {
			sc.nullVar = "\x00" // NullHolderContext deactivates once the variable is set
		}
		sc.parent.put(name, v)
		return
	}
	if sc.local != nil {
		if v == nil {
			delete(sc.local, name)
		} else {
			sc.local[name] = v
		}
	}
	if v == nil {
		delete(sc.st.vars, name)
		return
	}
	sc.st.vars[name] = v
}

func (sc *scope) remove(name string) {
	if sc.parent != nil {
		sc.parent.remove(name)
		return
	}
	if sc.local != nil {
		delete(sc.local, name)
	}
	delete(sc.st.vars, name)
}

func (sc *scope) literalFor(nullString string) (string, bool) {
	if sc.parent != nil {
		return sc.parent.literalFor(nullString)
	}
	if sc.literals == nil {
		return "", false
	}
	l, ok := sc.literals[nullString]
	return l, ok
}

// --- statements ---

func (st *state) write(s string) error { return st.w.WriteString(s) }

func (st *state) renderBlock(sc *scope, f *syntax.File, nodes []syntax.Node) error {
	for _, n := range nodes {
		if err := st.render(sc, f, n); err != nil {
			return err
		}
	}
	return nil
}

func (st *state) render(sc *scope, f *syntax.File, n syntax.Node) error {
	switch n := n.(type) {
	case *syntax.Text:
		return st.write(n.Text)
	case *syntax.Textblock:
		return st.write(n.Text)
	case *syntax.Comment:
		return st.write(n.Text)
	case *syntax.Ref:
		return st.renderRef(sc, f, n)
	case *syntax.SetStmt:
		return st.set(sc, f, n)
	case *syntax.IfStmt:
		for i, c := range n.Conds {
			ok, err := st.cond(sc, f, c)
			if err != nil {
				return err
			}
			if ok {
				return st.renderBlock(sc, f, n.Blocks[i])
			}
		}
		if n.HasElse {
			return st.renderBlock(sc, f, n.Else)
		}
		return nil
	case *syntax.Directive:
		return st.directive(sc, f, n)
	}
	return fmt.Errorf("internal error: unknown node %T", n)
}

// refValue is ASTReference.execute.
func (st *state) refValue(sc *scope, f *syntax.File, r *syntax.Ref) (Value, error) {
	if r.Kind == syntax.RefRunt || !r.Computable {
		return nil, nil
	}
	v := sc.get(r.Root)
	if v == nil {
		return st.invalid(), nil
	}
	for i := range r.Parts {
		p := &r.Parts[i]
		nv, err := st.part(sc, f, r, p, v)
		if err != nil {
			return nil, err
		}
		if nv == nil {
			return st.invalid(), nil
		}
		v = nv
	}
	return v, nil
}

// invalid is what an invalid reference evaluates to: null, or "" under API
// Gateway's invalid-reference handler.
func (st *state) invalid() Value {
	if st.cfg.InvalidAsEmpty {
		return ""
	}
	return nil
}

func (st *state) part(sc *scope, f *syntax.File, r *syntax.Ref, p *syntax.RefPart, v Value) (Value, error) {
	switch p.Kind {
	case syntax.PartProp:
		return getProperty(v, p.Name), nil
	case syntax.PartMethod:
		args := make([]Value, len(p.Args))
		for i, a := range p.Args {
			av, err := st.eval(sc, f, a)
			if err != nil {
				return nil, err
			}
			args[i] = av
		}
		res, found, err := callMethod(v, p.Name, args)
		if err != nil {
			return nil, &EvalError{Pos: f.Position(p.P), Expr: r.Literal,
				Msg: fmt.Sprintf("invocation of method '%s' in %s threw exception %v", p.Name, javaClass(v), err), Err: err}
		}
		if !found {
			return nil, nil
		}
		return res, nil
	case syntax.PartIndex:
		idx, err := st.eval(sc, f, p.Args[0])
		if err != nil {
			return nil, err
		}
		res, err := index(v, idx)
		if err != nil {
			return nil, &EvalError{Pos: f.Position(p.P), Expr: r.Literal, Msg: err.Error(), Err: err}
		}
		return res, nil
	}
	return nil, nil
}

// renderRef is ASTReference.render.
func (st *state) renderRef(sc *scope, f *syntax.File, r *syntax.Ref) error {
	if r.Kind == syntax.RefRunt {
		return st.write(r.Root)
	}
	v, err := st.refValue(sc, f, r)
	if err != nil {
		return err
	}
	if r.Escaped {
		ns := st.nullString(sc, r)
		if v == nil {
			return st.write(r.EscPrefix + `\` + ns)
		}
		return st.write(r.EscPrefix + ns)
	}
	if v == nil {
		if st.cfg.NullAsEmpty {
			return nil
		}
		ns := st.nullString(sc, r)
		return st.write(r.EscPrefix + r.EscPrefix + r.MorePrefix + ns)
	}
	if d, ok := v.(*defineBlock); ok {
		if err := st.write(r.EscPrefix + r.MorePrefix); err != nil {
			return err
		}
		return st.renderDefine(sc, d)
	}
	return st.write(r.EscPrefix + r.MorePrefix + ToString(v))
}

func (st *state) nullString(sc *scope, r *syntax.Ref) string {
	if l, ok := sc.literalFor(r.NullString); ok {
		return l
	}
	return r.NullString
}

func (st *state) set(sc *scope, f *syntax.File, n *syntax.SetStmt) error {
	v, err := st.eval(sc, f, n.RHS)
	if err != nil {
		return err
	}
	if v == nil {
		// directive.set.null.allowed=false: leave the target unchanged.
		return nil
	}
	lhs := n.LHS
	if len(lhs.Parts) == 0 {
		sc.put(lhs.SetName, v)
		return nil
	}
	return st.setValue(sc, f, lhs, v)
}

// setValue is ASTReference.setValue.
func (st *state) setValue(sc *scope, f *syntax.File, r *syntax.Ref, v Value) error {
	obj := sc.get(r.Root)
	if obj == nil {
		return nil
	}
	for i := 0; i < len(r.Parts)-1; i++ {
		nv, err := st.part(sc, f, r, &r.Parts[i], obj)
		if err != nil {
			return err
		}
		if nv == nil {
			return nil
		}
		obj = nv
	}
	last := &r.Parts[len(r.Parts)-1]
	switch last.Kind {
	case syntax.PartIndex:
		idx, err := st.eval(sc, f, last.Args[0])
		if err != nil {
			return err
		}
		if err := setIndex(obj, idx, v); err != nil {
			return &EvalError{Pos: f.Position(last.P), Expr: r.Literal, Msg: err.Error(), Err: err}
		}
		return nil
	case syntax.PartMethod:
		// #set($a.b() = 1) is not a valid target; Velocity ignores it.
		return nil
	}
	setProperty(obj, last.Name, v)
	return nil
}

func (st *state) cond(sc *scope, f *syntax.File, e syntax.Expr) (bool, error) {
	return st.truth(sc, f, e)
}

// truth is SimpleNode.evaluate: references test non-null and not false;
// literals other than true/false are false.
func (st *state) truth(sc *scope, f *syntax.File, e syntax.Expr) (bool, error) {
	switch e := e.(type) {
	case *syntax.Ref:
		v, err := st.refValue(sc, f, e)
		if err != nil {
			return false, err
		}
		return Truthy(v), nil
	case *syntax.BoolLit:
		return e.Value, nil
	case *syntax.ParenExpr:
		return st.truth(sc, f, e.X)
	case *syntax.NotExpr:
		b, err := st.truth(sc, f, e.X)
		return !b, err
	case *syntax.BinaryExpr:
		switch e.Op {
		case "&&":
			l, err := st.truth(sc, f, e.X)
			if err != nil || !l {
				return false, err
			}
			return st.truth(sc, f, e.Y)
		case "||":
			l, err := st.truth(sc, f, e.X)
			if err != nil || l {
				return l, err
			}
			return st.truth(sc, f, e.Y)
		case "==", "!=", "<", ">", "<=", ">=":
			v, err := st.eval(sc, f, e)
			if err != nil {
				return false, err
			}
			return v == true, nil
		}
		return false, nil
	}
	// other literals, math and strings: SimpleNode.evaluate is false, but
	// their values must still be computed (methods may have effects).
	if _, err := st.eval(sc, f, e); err != nil {
		return false, err
	}
	return false, nil
}

// eval is Node.value.
func (st *state) eval(sc *scope, f *syntax.File, e syntax.Expr) (Value, error) {
	switch e := e.(type) {
	case *syntax.Ref:
		return st.refValue(sc, f, e)
	case *syntax.StringLit:
		if !e.Interp {
			return e.Value, nil
		}
		sub := &limitWriter{w: io.Discard, limit: st.cfg.MaxOutput}
		saved := st.w
		st.w = sub
		err := st.renderBlock(sc, f, e.Nodes)
		st.w = saved
		if err != nil {
			return nil, err
		}
		s := string(sub.buf)
		if e.Trim && len(s) > 0 {
			s = s[:len(s)-1]
		}
		return s, nil
	case *syntax.IntLit:
		return parseIntLit(e.Image), nil
	case *syntax.FloatLit:
		v, err := strconv.ParseFloat(e.Image, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return v, nil
			}
			return nil, st.errorf(f, e.P, e.Image, "bad number")
		}
		return v, nil
	case *syntax.BoolLit:
		return e.Value, nil
	case *syntax.ListLit:
		l := &List{Items: make([]Value, 0, len(e.Elems))}
		for _, x := range e.Elems {
			v, err := st.eval(sc, f, x)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, v)
		}
		return l, nil
	case *syntax.MapLit:
		m := NewMap()
		for i := range e.Keys {
			k, err := st.eval(sc, f, e.Keys[i])
			if err != nil {
				return nil, err
			}
			v, err := st.eval(sc, f, e.Vals[i])
			if err != nil {
				return nil, err
			}
			m.Put(k, v)
		}
		return m, nil
	case *syntax.RangeLit:
		from, err := st.eval(sc, f, e.From)
		if err != nil {
			return nil, err
		}
		to, err := st.eval(sc, f, e.To)
		if err != nil {
			return nil, err
		}
		a, ok1 := rangeBound(from)
		b, ok2 := rangeBound(to)
		if !ok1 || !ok2 {
			return nil, nil
		}
		n := b - a
		if n < 0 {
			n = -n
		}
		if n > 10_000_000 {
			return nil, st.errorf(f, e.P, "", "range [%d..%d] is too large", a, b)
		}
		l := &List{Items: make([]Value, 0, n+1)}
		step := 1
		if a > b {
			step = -1
		}
		for i := a; ; i += step {
			l.Items = append(l.Items, int32(i))
			if i == b {
				break
			}
		}
		return l, nil
	case *syntax.Word:
		return e.Name, nil
	case *syntax.ParenExpr:
		return st.eval(sc, f, e.X)
	case *syntax.NotExpr:
		b, err := st.truth(sc, f, e.X)
		return !b, err
	case *syntax.BinaryExpr:
		return st.binary(sc, f, e)
	}
	return nil, fmt.Errorf("internal error: unknown expression %T", e)
}

func rangeBound(v Value) (int, bool) {
	switch v := v.(type) {
	case int32:
		return int(v), true
	case int64:
		return int(v), true
	case float64:
		return int(v), true
	case string:
		// Velocity 1.7 ASTIntegerRange: non-Integer values make it null
		return 0, false
	}
	return 0, false
}

func parseIntLit(s string) Value {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		if i >= -1<<31 && i < 1<<31 {
			return int32(i)
		}
		return i
	}
	b, _ := new(big.Int).SetString(s, 10)
	return b
}

// literal returns an expression's source text, as Node.literal() does.
func literal(f *syntax.File, e syntax.Expr) string {
	if r, ok := e.(*syntax.Ref); ok {
		return r.Literal
	}
	return exprText(e)
}

func exprText(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Ref:
		return e.Literal
	case *syntax.IntLit:
		return e.Image
	case *syntax.FloatLit:
		return e.Image
	case *syntax.BoolLit:
		return strconv.FormatBool(e.Value)
	case *syntax.StringLit:
		return strconv.Quote(e.Value)
	case *syntax.Word:
		return e.Name
	case *syntax.BinaryExpr:
		return exprText(e.X) + " " + e.Op + " " + exprText(e.Y)
	case *syntax.ParenExpr:
		return "(" + exprText(e.X) + ")"
	case *syntax.NotExpr:
		return "!" + exprText(e.X)
	}
	return ""
}

func (st *state) binary(sc *scope, f *syntax.File, e *syntax.BinaryExpr) (Value, error) {
	switch e.Op {
	case "&&", "||":
		return st.truth(sc, f, e)
	}
	l, err := st.eval(sc, f, e.X)
	if err != nil {
		return nil, err
	}
	r, err := st.eval(sc, f, e.Y)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case "==":
		return velEquals(l, r), nil
	case "!=":
		return !velEquals(l, r), nil
	case "<", ">", "<=", ">=":
		if !isNumber(l) || !isNumber(r) {
			return false, nil
		}
		c := compareNumbers(l, r)
		switch e.Op {
		case "<":
			return c == -1, nil
		case ">":
			return c == 1, nil
		case "<=":
			return c == -1 || c == 0, nil
		}
		return c == 1 || c == 0, nil
	case "+":
		_, ls := l.(string)
		_, rs := r.(string)
		if ls || rs {
			lt, rt := "", ""
			if l == nil {
				lt = literal(f, e.X)
			} else {
				lt = ToString(l)
			}
			if r == nil {
				rt = literal(f, e.Y)
			} else {
				rt = ToString(r)
			}
			return lt + rt, nil
		}
	}
	if !isNumber(l) || !isNumber(r) {
		return nil, nil
	}
	v, ok := arith(e.Op, l, r)
	if !ok {
		return nil, nil
	}
	return v, nil
}

// velEquals is ASTEQNode.evaluate.
func velEquals(l, r Value) bool {
	if isNumber(l) && isNumber(r) {
		return compareNumbers(l, r) == 0
	}
	if l != nil && r != nil && sameFamily(l, r) {
		return JavaEquals(l, r)
	}
	if l == nil && r == nil {
		return true
	}
	if l == nil || r == nil {
		return false
	}
	return ToString(l) == ToString(r)
}

// sameFamily is "one class is assignable from the other".
func sameFamily(a, b Value) bool {
	switch a.(type) {
	case *Map:
		_, ok := b.(*Map)
		return ok
	case *List:
		bl, ok := b.(*List)
		// ArrayList and JSONArray (a subclass) are assignable; arrays are not lists.
		return ok && !bl.Array && !a.(*List).Array
	}
	return javaClass(a) == javaClass(b)
}
