package vtleval

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// Template is a parsed template. It is immutable: one Template may be
// executed by many goroutines at once.
type Template struct {
	name    string
	file    *syntax.File // &fileBuf
	fileBuf syntax.File
	macros  map[string]*macro // #macro definitions, registered before rendering
	// names gives each variable name the template mentions a slot: a
	// render keeps those variables in a slice (state.slots), and each
	// reference of the template carries its slot (syntax.Ref.Slot).
	// nameList holds the names in slot order; names indexes them once
	// there are many (nil before).
	names    map[string]int32
	nameList []string
	nameBuf  [12]string // nameList's first array
	// outHint is the size of the last output Render made, to size the next.
	outHint atomic.Int64
	// memo holds the facts hosts worked out about the template (Memo).
	memo   atomic.Pointer[[]memoEntry]
	memoMu sync.Mutex
}

type memoEntry struct{ key, val any }

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
	var origin *syntax.Origin
	if o != nil {
		if o.Macros != nil {
			opts.IsMacro = o.Macros.Has
		}
		origin = o.Origin
	}
	return parseTemplate(name, src, opts, origin)
}

// parseTemplate parses and initialises a template, as Velocity's
// Template.process does: directives check their arguments and #macro
// definitions are collected, wherever they are (untaken #if branches and
// string literals included).
func parseTemplate(name, src string, opts *syntax.Options, origin *syntax.Origin) (*Template, error) {
	t := &Template{name: name}
	f := &t.fileBuf
	if err := syntax.ParseInto(f, name, src, opts); err != nil {
		if se, ok := err.(*syntax.Error); ok && origin != nil {
			se.Pos = mapOrigin(se.Pos, origin)
		}
		return nil, err
	}
	if origin != nil {
		f.SetOrigin(origin)
	}
	t.file = f
	t.nameList = append(t.nameBuf[:0], reservedSlots...) // slots 1, 2, 3
	if err := t.init(f, f.Nodes); err != nil {
		return nil, err
	}
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

// The slots every template has, for the variables #foreach sets.
const (
	slotVelocityCount   int32 = 1
	slotVelocityHasNext int32 = 2
	slotForeach         int32 = 3
)

var reservedSlots = []string{"velocityCount", "velocityHasNext", "foreach"}

// slot returns the slot of a variable name plus one, giving it one if it
// has none yet.
func (t *Template) slot(name string) int32 {
	if i, ok := t.slotOf(name); ok {
		return i + 1
	}
	i := int32(len(t.nameList))
	t.nameList = append(t.nameList, name)
	switch {
	case t.names != nil:
		t.names[name] = i
	case len(t.nameList) > len(t.nameBuf):
		t.names = make(map[string]int32, 2*len(t.nameList))
		for j, n := range t.nameList {
			t.names[n] = int32(j)
		}
	}
	return i + 1
}

// slotOf returns the slot of a variable name, if it has one.
func (t *Template) slotOf(name string) (int32, bool) {
	if t.names != nil {
		i, ok := t.names[name]
		return i, ok
	}
	for i, n := range t.nameList {
		if n == name {
			return int32(i), true
		}
	}
	return 0, false
}

// Name returns the template's name.
func (t *Template) Name() string { return t.name }

// File returns the syntax tree.
func (t *Template) File() *syntax.File { return t.file }

// Memo returns compute(t), computed on the first call with key only: for
// what a host works out about a template from its syntax tree (which
// methods of a variable it calls, say) and consults at every render. key
// must be comparable; a host's own unexported pointer keeps it apart from
// other hosts' facts. Safe for concurrent use.
func (t *Template) Memo(key any, compute func(*Template) any) any {
	if m := t.memo.Load(); m != nil {
		for _, e := range *m {
			if e.key == key {
				return e.val
			}
		}
	}
	t.memoMu.Lock()
	defer t.memoMu.Unlock()
	var old []memoEntry
	if m := t.memo.Load(); m != nil {
		old = *m
		for _, e := range old {
			if e.key == key {
				return e.val
			}
		}
	}
	v := compute(t)
	m := append(old[:len(old):len(old)], memoEntry{key, v})
	t.memo.Store(&m)
	return v
}

// initError is a TemplateInitException: a directive's arguments are wrong.
func initError(f *syntax.File, pos syntax.Pos, format string, args ...any) error {
	return &syntax.Error{Pos: f.Position(pos), Msg: fmt.Sprintf(format, args...)}
}

// init is SimpleNode.init over the tree: it checks the arguments of the
// directives that check them in Velocity 1.7 and registers every #macro
// (the first definition of a name wins; a macro's body is initialised
// before the macro itself is registered).
func (t *Template) init(f *syntax.File, nodes []syntax.Node) error {
	for _, n := range nodes {
		switch n := n.(type) {
		case *syntax.Directive:
			for _, a := range n.Args {
				if err := t.initExpr(f, a); err != nil {
					return err
				}
			}
			if err := t.init(f, n.Body); err != nil {
				return err
			}
			if err := t.initDirective(f, n); err != nil {
				return err
			}
		case *syntax.IfStmt:
			for i, c := range n.Conds {
				if err := t.initExpr(f, c); err != nil {
					return err
				}
				if err := t.init(f, n.Blocks[i]); err != nil {
					return err
				}
			}
			if err := t.init(f, n.Else); err != nil {
				return err
			}
		case *syntax.SetStmt:
			if err := t.initExpr(f, n.LHS); err != nil {
				return err
			}
			if err := t.initExpr(f, n.RHS); err != nil {
				return err
			}
		case *syntax.Ref:
			if err := t.initExpr(f, n); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *Template) initDirective(f *syntax.File, n *syntax.Directive) error {
	switch n.Name {
	case "macro":
		w, ok := n.Args[0].(*syntax.Word)
		if !ok {
			return nil // the parser rejects this
		}
		if _, dup := t.macros[w.Name]; dup {
			return nil
		}
		m := &macro{name: w.Name, body: n.Body, file: f}
		for _, a := range n.Args[1:] {
			// Macro.getArgArray: the first token's image minus '$'
			m.params = append(m.params, strings.TrimPrefix(firstTokenImage(a), "$"))
		}
		if t.macros == nil {
			t.macros = map[string]*macro{}
		}
		t.macros[w.Name] = m
	case "evaluate":
		if len(n.Args) != 1 {
			return initError(f, n.P, "#evaluate() requires exactly one argument")
		}
		switch n.Args[0].(type) {
		case *syntax.StringLit, *syntax.Ref:
		default:
			return initError(f, n.Args[0].Pos(), "#evaluate()  argument must be a string literal or reference")
		}
	case "foreach", "literal":
		if !n.Parens {
			// Foreach.init and Literal.init read a child the node does
			// not have
			return initError(f, n.P, "#%s without arguments: java.lang.NullPointerException", n.Name)
		}
	case "define":
		if len(n.Args) != 1 {
			return initError(f, n.P, "parameter missing: block name (#define takes one reference)")
		}
	case "break":
		if len(n.Args) > 1 {
			return initError(f, n.P, "the #break directive only accepts a single scope object")
		}
	case "stop":
		if len(n.Args) > 1 {
			return initError(f, n.P, "the #stop directive only accepts a single message parameter")
		}
	}
	return nil
}

func (t *Template) initExpr(f *syntax.File, e syntax.Expr) error {
	switch e := e.(type) {
	case *syntax.IntLit:
		// ASTIntegerLiteral.init: Integer, Long or BigInteger of the image,
		// which a MORE prefix ("#5") makes unparsable
		v := parseIntLit(e.Image)
		if v == nil {
			return initError(f, e.P, "java.lang.NumberFormatException: For input string: %q", e.Image)
		}
		switch v.(type) {
		case int32, int64:
			// immutable: evaluations share one boxed value (a BigInteger
			// is made anew each time)
			e.V = v
		}
	case *syntax.FloatLit:
		v, err := strconv.ParseFloat(e.Image, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return initError(f, e.P, "java.lang.NumberFormatException: For input string: %q", e.Image)
		}
		e.V = v
	case *syntax.StringLit:
		if !e.Interp {
			// boxed in place: the interface points at the literal's own
			// Value, which nothing changes once parsed (no allocation)
			e.V = valueAt(stringType, unsafe.Pointer(&e.Value))
		}
		return t.init(f, e.Nodes)
	case *syntax.Ref:
		e.Slot = t.slot(e.Root)
		if e.SetName != "" && e.SetName != e.Root {
			t.slot(e.SetName)
		}
		for _, p := range e.Parts {
			for _, a := range p.Args {
				if err := t.initExpr(f, a); err != nil {
					return err
				}
			}
		}
	case *syntax.BinaryExpr:
		if err := t.initExpr(f, e.X); err != nil {
			return err
		}
		return t.initExpr(f, e.Y)
	case *syntax.NotExpr:
		return t.initExpr(f, e.X)
	case *syntax.ParenExpr:
		return t.initExpr(f, e.X)
	case *syntax.ListLit:
		for _, x := range e.Elems {
			if err := t.initExpr(f, x); err != nil {
				return err
			}
		}
	case *syntax.MapLit:
		for i := range e.Keys {
			if err := t.initExpr(f, e.Keys[i]); err != nil {
				return err
			}
			if err := t.initExpr(f, e.Vals[i]); err != nil {
				return err
			}
		}
	case *syntax.RangeLit:
		if err := t.initExpr(f, e.From); err != nil {
			return err
		}
		return t.initExpr(f, e.To)
	}
	return nil
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
	// MaxDepth limits the nesting of macro calls, and of a block macro's
	// $bodyContent (0 = 20), like velocimacro.max.depth: past it the call
	// fails. #parse nests at most 10 templates (directive.parse.max.depth),
	// #define blocks 2 (directive.define.max.depth), as in Velocity.
	MaxDepth int
	// MaxOutput limits the output in bytes (0 = unlimited); it also bounds
	// each string the template builds (otherwise 64 MiB).
	MaxOutput int
	// MaxSteps limits the statements a render executes (0 = unlimited), so
	// that nested loops cannot run for hours: past it the render fails.
	MaxSteps int
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
	t    *Template
	file *syntax.File
	cfg  *Config
	w    *limitWriter
	vars Vars // the caller's variables: those the template has no slot for
	// src gives the caller's variables instead of vars (RenderFrom); vars
	// then holds only what the render set on names without a slot (a nil
	// value: removed).
	src    VarSource
	slots  []Value // the variables of t.names
	arena  Arena   // for the Doubles arithmetic makes
	macros map[string]*macro
	// macroDepth counts the macro calls under way (velocimacro.max.depth);
	// templates the templates being rendered, the root, #parse and
	// #evaluate (Velocity's template name stack, which bounds #parse).
	macroDepth int
	templates  int
	steps      int // statements executed, for Config.MaxSteps

	rootW    limitWriter     // the render's writer (w while no string is built)
	argStack []Value         // arguments of built-in method calls under way
	argBuf   [6]Value        // argStack's first array
	sb       strings.Builder // Render's output
	root     scope           // the global context
	// strWriters are writers of strings not in use (see stringWriter)
	strWriters []*limitWriter
	slotBuf    [12]Value // slots' first array
	// captured is set when a value that refers to the state was made
	// (see release)
	captured bool
}

// maxStringLen bounds the strings a render builds when MaxOutput does not
// (a JVM with a 1 GB heap fails well before).
const maxStringLen = 1 << 26

// checkString fails when a string value grows beyond the output limit (or
// maxStringLen without one).
func (st *state) checkString(v Value, f *syntax.File, pos syntax.Pos) error {
	s, ok := v.(string)
	if !ok {
		return nil
	}
	limit := maxStringLen
	if st.cfg.MaxOutput > 0 {
		limit = st.cfg.MaxOutput
	}
	if len(s) > limit {
		return &EvalError{Pos: f.Position(pos), Msg: fmt.Sprintf("a string of %d bytes exceeds the limit of %d bytes", len(s), limit)}
	}
	return nil
}

// scope is a Velocity context. Contexts form a chain: the render's global
// variables at the end, a macro call's ProxyVMContext or a #foreach
// NullHolderContext in front of the context they were created in (inner).
// Lookups that a frame cannot answer go down the chain, so a macro body sees
// its caller's parameters (Velocity 1.7's dynamic scoping), and every #set
// reaches the global variables.
type scope struct {
	st    *state
	inner *scope // nil for the global context
	kind  scopeKind

	// macro frame (ProxyVMContext)
	local    map[string]Value    // localcontext: constant arguments and #set values
	args     map[string]macroArg // vmproxyhash: arguments evaluated by name
	literals map[string]string   // ".literal.$name": the argument's literal, for null rendering

	// NullHolderContext: the #foreach variable reads as null while active
	nullVar string
	active  bool
}

type scopeKind uint8

const (
	globalScope scopeKind = iota
	macroScope
	nullHolderScope
)

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
	// sb, when set, receives the output directly (Render's builder).
	sb *strings.Builder
	// str makes buf hold all the output, never flushed: a string being
	// built (see stringWriter).
	str bool
}

var errOutputLimit = errors.New("output limit exceeded")

func (w *limitWriter) WriteString(s string) error {
	if w.limit > 0 && w.n+len(s) > w.limit {
		return errOutputLimit
	}
	w.n += len(s)
	if w.sb != nil {
		w.sb.WriteString(s)
		return nil
	}
	w.buf = append(w.buf, s...)
	if len(w.buf) >= 32<<10 && !w.str {
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
	if vars == nil {
		vars = Vars{}
	}
	st := newState(t, cfg)
	st.vars = vars
	st.rootW = limitWriter{w: w, limit: cfg.MaxOutput}
	if sb, ok := w.(*strings.Builder); ok {
		// write into the builder itself: no copy through a buffer
		st.rootW.sb = sb
	}
	err = st.execute()
	st.release()
	return err
}

// execute renders st.t to st.rootW.
func (st *state) execute() (err error) {
	t, cfg := st.t, st.cfg
	st.argStack = st.argBuf[:0]
	if n := len(t.nameList); n <= len(st.slotBuf) {
		st.slots = st.slotBuf[:n]
	} else {
		st.slots = make([]Value, n)
	}
	if st.src != nil {
		for i, name := range t.nameList {
			if v, ok := st.src.Var(name); ok {
				st.slots[i] = v
			}
		}
	} else {
		for k, v := range st.vars {
			if i, ok := t.slotOf(k); ok {
				st.slots[i] = v
			}
		}
	}
	lw := &st.rootW
	st.w = lw
	if cfg.Macros != nil {
		cfg.Macros.AddFrom(t)
	}
	st.root = scope{st: st, kind: globalScope}
	sc := &st.root
	err = st.renderBlock(sc, t.file, t.file.Nodes)
	if err == errStop {
		err = nil
	}
	if err != nil {
		var bs breakSignal
		if errors.As(err, &bs) {
			err = nil
		}
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
	if vars == nil {
		vars = Vars{}
	}
	return t.render(vars, nil, cfg)
}

// VarSource gives a render its variables by name, for a host that would
// otherwise build a Vars map for every render: RenderFrom asks it for each
// variable the template names, and for other names when they are read.
// What the template sets stays in the render.
type VarSource interface {
	Var(name string) (Value, bool)
}

// RenderFrom is Render with the variables of src.
func (t *Template) RenderFrom(src VarSource, cfg *Config) (string, error) {
	return t.render(nil, src, cfg)
}

func (t *Template) render(vars Vars, src VarSource, cfg *Config) (string, error) {
	if cfg == nil {
		cfg = &Config{}
	}
	// the builder lives in the state, sized as the last render's output was
	st := newState(t, cfg)
	st.vars, st.src = vars, src
	if n := t.outHint.Load(); n > 0 {
		st.sb.Grow(int(n))
	}
	st.rootW = limitWriter{sb: &st.sb, limit: cfg.MaxOutput}
	err := st.execute()
	out := st.sb.String()
	if len(out) <= maxOutHint {
		t.outHint.Store(int64(len(out)))
	}
	st.release()
	return out, err
}

// states keeps the states of finished renders for reuse: a state is large
// (its first slots and arguments are arrays in it), and most renders are
// short.
var states = sync.Pool{New: func() any { return new(state) }}

func newState(t *Template, cfg *Config) *state {
	st := states.Get().(*state)
	st.t, st.file, st.cfg, st.macros, st.templates = t, t.file, cfg, t.macros, 1
	return st
}

// release puts st back in states unless something of the render may still
// refer to it (a #define block or a block macro's body, which render
// with their state when printed).
func (st *state) release() {
	if st.captured {
		return
	}
	*st = state{}
	states.Put(st)
}

// stringWriter returns a writer that builds a string (an interpolated
// string literal, a #define block's text), reusing those released before:
// they nest, so they are kept on a stack.
func (st *state) stringWriter() *limitWriter {
	if n := len(st.strWriters); n > 0 {
		w := st.strWriters[n-1]
		st.strWriters = st.strWriters[:n-1]
		return w
	}
	return &limitWriter{str: true, limit: st.cfg.MaxOutput}
}

// releaseWriter returns what w built and gives w back for reuse, with its
// buffer: the string is a copy of exactly its size.
func (st *state) releaseWriter(w *limitWriter) string {
	s := string(w.buf)
	w.buf = w.buf[:0]
	w.n = 0
	st.strWriters = append(st.strWriters, w)
	return s
}

// maxOutHint is the largest output size Render preallocates.
const maxOutHint = 1 << 20

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

// get is Context.get. slot is the name's slot plus one in the root
// template (st.t), or 0 when the caller does not know it.
func (sc *scope) get(name string, slot int32) (Value, error) {
	if sc.kind == globalScope && slot > 0 {
		// the common case, inlined: a variable of the root template
		switch v := sc.st.slots[slot-1]; v.(type) {
		case string, *Map, *List, int32, float64, bool, nil:
			return v, nil
		}
	}
	return sc.getSlow(name, slot)
}

// getSlow is get.
func (sc *scope) getSlow(name string, slot int32) (Value, error) {
	switch sc.kind {
	case nullHolderScope:
		if sc.active && name == sc.nullVar {
			return nil, nil
		}
		return sc.inner.get(name, slot)
	case macroScope:
		if v := sc.local[name]; v != nil {
			return v, nil
		}
		if a, ok := sc.args[name]; ok {
			if r, ok := a.expr.(*syntax.Ref); ok && len(r.Parts) == 0 && r.Computable && r.Kind != syntax.RefRunt {
				return a.caller.get(r.Root, sc.st.refSlot(a.file, r))
			}
			return sc.st.eval(a.caller, a.file, a.expr)
		}
		return sc.inner.get(name, slot)
	}
	st := sc.st
	if i := st.slotIndex(name, slot); i >= 0 {
		v := st.slots[i]
		if lz, ok := v.(LazyValue); ok {
			v = lz.Resolve()
			st.slots[i] = v
		}
		return v, nil
	}
	v, ok := st.vars[name]
	if !ok && st.src != nil {
		if v, ok = st.src.Var(name); !ok {
			return nil, nil
		}
	}
	if lz, ok := v.(LazyValue); ok {
		v = lz.Resolve()
		st.setVar(name, v)
	}
	return v, nil
}

// setVar sets a variable the root template has no slot for; nil removes it.
func (st *state) setVar(name string, v Value) {
	if st.src == nil {
		if v == nil {
			delete(st.vars, name)
		} else {
			st.vars[name] = v
		}
		return
	}
	// the caller's variables come from st.src: st.vars records what the
	// render changed, removals included
	if st.vars == nil {
		st.vars = Vars{}
	}
	st.vars[name] = v
}

// slotIndex returns the index in st.slots of a global variable, or -1 when
// the root template has no slot for it.
func (st *state) slotIndex(name string, slot int32) int {
	if slot > 0 {
		return int(slot - 1)
	}
	if i, ok := st.t.slotOf(name); ok {
		return int(i)
	}
	return -1
}

// refSlot is r.Slot when r belongs to the root template (f), else 0: the
// slots of other templates (#evaluate, #parse, shared macros) are theirs.
func (st *state) refSlot(f *syntax.File, r *syntax.Ref) int32 {
	if f == st.file {
		return r.Slot
	}
	return 0
}

// LazyValue is a variable computed on first use, for host objects that
// are costly to build and that most templates never read. The value
// Resolve returns replaces it for the rest of the render.
type LazyValue interface{ Resolve() Value }

// Lazy is a LazyValue made of a function.
type Lazy func() Value

// Resolve implements LazyValue.
func (f Lazy) Resolve() Value { return f() }

// put is Context.put: a macro frame keeps the value and passes it on.
// slot is as for get.
func (sc *scope) put(name string, slot int32, v Value) {
	if sc.kind == globalScope && slot > 0 {
		sc.st.slots[slot-1] = v // the common case, inlined
		return
	}
	sc.putSlow(name, slot, v)
}

// putSlow is put.
func (sc *scope) putSlow(name string, slot int32, v Value) {
	switch sc.kind {
	case nullHolderScope:
		if name == sc.nullVar && v == nil {
			sc.active = true
		}
		sc.inner.put(name, slot, v)
		return
	case macroScope:
		if v == nil {
			delete(sc.local, name)
		} else {
			sc.local[name] = v
		}
		sc.inner.put(name, slot, v)
		return
	}
	st := sc.st
	if i := st.slotIndex(name, slot); i >= 0 {
		st.slots[i] = v // nil: removed
		return
	}
	st.setVar(name, v)
}

// remove is Context.remove; in a macro frame it also unbinds a parameter.
func (sc *scope) remove(name string, slot int32) {
	switch sc.kind {
	case nullHolderScope:
		if name == sc.nullVar {
			sc.active = false
		}
		sc.inner.remove(name, slot)
		return
	case macroScope:
		delete(sc.local, name)
		delete(sc.args, name)
		sc.inner.remove(name, slot)
		return
	}
	st := sc.st
	if i := st.slotIndex(name, slot); i >= 0 {
		st.slots[i] = nil
		return
	}
	st.setVar(name, nil)
}

// literalFor is the lookup of ".literal." + nullString, which a macro frame
// answers with the literal of the argument bound to that parameter.
func (sc *scope) literalFor(nullString string) (string, bool) {
	for c := sc; c != nil; c = c.inner {
		if c.kind == macroScope {
			if l, ok := c.literals[nullString]; ok {
				return l, true
			}
		}
	}
	return "", false
}

// --- statements ---

func (st *state) write(s string) error { return st.w.WriteString(s) }

func (st *state) renderBlock(sc *scope, f *syntax.File, nodes []syntax.Node) error {
	for _, n := range nodes {
		if st.cfg.MaxSteps > 0 {
			if st.steps++; st.steps > st.cfg.MaxSteps {
				return &EvalError{Pos: f.Position(n.Pos()), Msg: fmt.Sprintf("the template executed more than %d statements (Config.MaxSteps): stopped", st.cfg.MaxSteps)}
			}
		}
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
	v, err := sc.get(r.Root, st.refSlot(f, r))
	if err != nil {
		return nil, err
	}
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
		if m, ok := v.(*Map); ok && p.Name != "class" {
			return m.getStringHinted(p.Name, &p.Hint), nil
		}
		return getProperty(v, p.Name), nil
	case syntax.PartMethod:
		var args []Value
		base := len(st.argStack)
		if builtinReceiver(v) {
			// the method does not keep its argument slice: take it from
			// the render's argument stack (nested calls push above
			// it, and a reallocation leaves this slice valid)
			for _, a := range p.Args {
				av, err := st.eval(sc, f, a)
				if err != nil {
					st.argStack = st.argStack[:base]
					return nil, err
				}
				st.argStack = append(st.argStack, av)
			}
			args = st.argStack[base:len(st.argStack):len(st.argStack)]
		} else {
			// a host object may keep the slice: a fresh one
			args = make([]Value, len(p.Args))
			for i, a := range p.Args {
				av, err := st.eval(sc, f, a)
				if err != nil {
					return nil, err
				}
				args[i] = av
			}
		}
		res, found, err := callMethod(v, p.Name, args)
		if len(st.argStack) > base {
			clear(st.argStack[base:])
			st.argStack = st.argStack[:base]
		}
		if err == nil {
			if err := st.checkString(res, f, p.P); err != nil {
				return nil, err
			}
		}
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

// builtinReceiver reports whether v's methods never keep their argument
// slice: the engine's own, and an ArgBorrower's.
func builtinReceiver(v Value) bool {
	switch v.(type) {
	case string, *List, *Map, *Entry, int32, int64, *big.Int, float64, float32, *BigDecimal, bool:
		return true
	case ArgBorrower:
		return true
	}
	return false
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
		// a Renderable renders itself, without the prefixes
		if ok, err := st.renderDefine(sc, d); ok || err != nil {
			return err
		}
		// too deep: toString() is null too, so the null string prints
		ns := st.nullString(sc, r)
		return st.write(r.EscPrefix + r.EscPrefix + r.MorePrefix + ns)
	}
	if r.EscPrefix == "" && r.MorePrefix == "" {
		// the usual reference: its text alone, without a concatenation
		return st.write(ToString(v))
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
		var slot int32
		if lhs.SetName == lhs.Root {
			slot = st.refSlot(f, lhs)
		}
		sc.put(lhs.SetName, slot, v)
		return nil
	}
	return st.setValue(sc, f, lhs, v)
}

// setValue is ASTReference.setValue.
func (st *state) setValue(sc *scope, f *syntax.File, r *syntax.Ref, v Value) error {
	obj, err := sc.get(r.Root, st.refSlot(f, r))
	if err != nil {
		return err
	}
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
	// other literals, math and strings: SimpleNode.evaluate is false, and
	// their values are not computed at all
	return false, nil
}

// eval is Node.value.
func (st *state) eval(sc *scope, f *syntax.File, e syntax.Expr) (Value, error) {
	switch e := e.(type) {
	case *syntax.Ref:
		return st.refValue(sc, f, e)
	case *syntax.StringLit:
		if !e.Interp {
			if e.V != nil {
				return e.V, nil
			}
			return e.Value, nil
		}
		sub := st.stringWriter()
		saved := st.w
		st.w = sub
		err := st.renderBlock(sc, f, e.Nodes)
		st.w = saved
		s := st.releaseWriter(sub)
		if err != nil {
			return nil, err
		}
		if e.Trim && len(s) > 0 {
			s = s[:len(s)-1]
		}
		return s, nil
	case *syntax.IntLit:
		if e.V != nil {
			return e.V, nil
		}
		return parseIntLit(e.Image), nil
	case *syntax.FloatLit:
		if e.V != nil {
			return e.V, nil
		}
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
		r, ok, err := st.rangeOf(sc, f, e)
		if err != nil || !ok {
			return nil, err
		}
		if r.n > maxRangeList {
			return nil, st.errorf(f, e.P, "", "range [%d..%d] has %d elements, more than this engine builds as a list (%d); only #foreach iterates larger ranges", r.first, r.first+r.delta*(r.n-1), r.n, maxRangeList)
		}
		l := &List{Items: make([]Value, 0, r.n)}
		for i, v := int32(0), r.first; i < r.n; i, v = i+1, v+r.delta {
			l.Items = append(l.Items, v)
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

// maxRangeList is the largest [n..m] the engine materialises as a list.
const maxRangeList = 10_000_000

// intRange is the list ASTIntegerRange.value builds: n Integers from first
// in steps of delta.
type intRange struct {
	first, delta, n int32
}

// rangeOf evaluates [from..to] as ASTIntegerRange.value does, in int
// arithmetic; ok is false when the value is null (a bound is null or not a
// number).
func (st *state) rangeOf(sc *scope, f *syntax.File, e *syntax.RangeLit) (intRange, bool, error) {
	from, err := st.eval(sc, f, e.From)
	if err != nil {
		return intRange{}, false, err
	}
	to, err := st.eval(sc, f, e.To)
	if err != nil {
		return intRange{}, false, err
	}
	l, ok1 := intValue(from)
	r, ok2 := intValue(to)
	if !ok1 || !ok2 {
		return intRange{}, false, nil
	}
	n := l - r // int overflow as in Java
	if n < 0 {
		n = -n // Math.abs(Integer.MIN_VALUE) stays negative
	}
	n++
	if n < 0 {
		return intRange{}, false, st.errorf(f, e.P, "", "java.lang.IllegalArgumentException: Illegal Capacity: %d", n)
	}
	delta := int32(1)
	if l >= r {
		delta = -1
	}
	return intRange{first: l, delta: delta, n: n}, true, nil
}

// intValue is Number.intValue(); ok is false for a non-number.
func intValue(v Value) (int32, bool) {
	switch v := v.(type) {
	case int32:
		return v, true
	case int64:
		return int32(v), true
	case *big.Int:
		return int32(new(big.Int).And(v, big.NewInt(0xFFFFFFFF)).Uint64()), true
	case float64:
		return int32(javaD2L(v, math.MinInt32, math.MaxInt32)), true
	}
	return 0, false
}

func parseIntLit(s string) Value {
	if len(s) > 0 && len(s) <= 9 {
		// the usual short literal: an int32, whatever its digits
		n := int32(0)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				n = -1
				break
			}
			n = n*10 + int32(c-'0')
		}
		if n >= 0 {
			return n
		}
	}
	return parseIntLitSlow(s)
}

// parseIntLitSlow is parseIntLit for every literal: Integer, Long or
// BigInteger, as Velocity picks.
func parseIntLitSlow(s string) Value {
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		if i >= -1<<31 && i < 1<<31 {
			return int32(i)
		}
		return i
	}
	if b, ok := new(big.Int).SetString(s, 10); ok {
		return b
	}
	return nil
}

// literal returns an expression's source text, as Node.literal() does.
func literal(f *syntax.File, e syntax.Expr) string {
	if r, ok := e.(*syntax.Ref); ok {
		return r.Literal
	}
	return exprText(e)
}

// exprText is Node.literal() of an expression: its tokens as written (for
// an operator node, Velocity's literal is its right operand).
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
		return e.Lit
	case *syntax.Word:
		return e.Name
	case *syntax.BinaryExpr:
		return e.Lit
	case *syntax.ParenExpr:
		return e.Lit
	case *syntax.NotExpr:
		return e.Lit
	case *syntax.ListLit:
		return e.Lit
	case *syntax.MapLit:
		return e.Lit
	case *syntax.RangeLit:
		return e.Lit
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
	mathErr := func(err error) error {
		return &EvalError{Pos: f.Position(e.P), Expr: exprText(e), Msg: err.Error(), Err: err}
	}
	switch e.Op {
	case "==", "!=":
		eq, err := velEquals(l, r)
		if err != nil {
			return nil, mathErr(err)
		}
		return eq == (e.Op == "=="), nil
	case "<", ">", "<=", ">=":
		if !isNumber(l) || !isNumber(r) {
			return false, nil
		}
		c, err := compareNumbers(l, r)
		if err != nil {
			return nil, mathErr(err)
		}
		switch e.Op {
		case "<":
			return c == -1, nil
		case ">":
			return c == 1, nil
		case "<=":
			return c <= 0, nil
		}
		return c >= 0, nil
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
			v := lt + rt
			return v, st.checkString(v, f, e.P)
		}
	}
	if !isNumber(l) || !isNumber(r) {
		return nil, nil
	}
	if f, ok := doubleArith(e.Op, l, r); ok {
		return st.arena.Float(f), nil // in a block, not an allocation of its own
	}
	v, err := arith(e.Op, l, r)
	if err != nil {
		return nil, mathErr(err)
	}
	return v, nil
}

// velEquals is ASTEQNode.evaluate.
func velEquals(l, r Value) (bool, error) {
	if isNumber(l) && isNumber(r) {
		c, err := compareNumbers(l, r)
		return c == 0, err
	}
	if l != nil && r != nil && sameFamily(l, r) {
		return JavaEquals(l, r), nil
	}
	if l == nil && r == nil {
		return true, nil
	}
	if l == nil || r == nil {
		return false, nil
	}
	return ToString(l) == ToString(r), nil
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
