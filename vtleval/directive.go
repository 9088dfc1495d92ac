package vtleval

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// foreachScope is $foreach (Velocity 1.7's ForeachScope). A Scope is also a
// java.util.Map: #set($foreach.x = 1) stores into it, and $foreach.x reads
// it, falling back on the enclosing loop's scope.
type foreachScope struct {
	index    int
	hasNext  bool
	parent   *foreachScope // the enclosing loop's scope
	replaced Value         // what $foreach was before, when not a scope
	storage  *Map
	info     *scopeInfo
}

func (f *foreachScope) JavaClass() string {
	return "org.apache.velocity.runtime.directive.ForeachScope"
}

// String is AbstractMap.toString of the scope's own entries.
func (f *foreachScope) String() string { return ToString(f.store()) }

func (f *foreachScope) store() *Map {
	if f.storage == nil {
		f.storage = NewMap()
		f.storage.Hash = true
	}
	return f.storage
}

// getter returns the value of the JavaBean getter name (getIndex, ...).
func (f *foreachScope) getter(name string) (Value, bool) {
	switch name {
	case "getIndex":
		return int32(f.index), true
	case "getCount":
		return int32(f.index + 1), true
	case "getHasNext", "hasNext":
		return f.hasNext, true
	case "getFirst", "isFirst":
		return f.index < 1, true
	case "getLast", "isLast":
		return !f.hasNext, true
	case "getParent":
		if f.parent == nil {
			return nil, true
		}
		return f.parent, true
	case "getTopmost":
		t := f
		for t.parent != nil {
			t = t.parent
		}
		return t, true
	case "getReplaced":
		for t := f; t != nil; t = t.parent {
			if t.replaced != nil {
				return t.replaced, true
			}
		}
		return nil, true
	case "getInfo":
		if f.info == nil {
			return nil, true
		}
		return f.info, true
	}
	return nil, false
}

// GetProperty is Velocity's property lookup: getName(), then Map.get.
func (f *foreachScope) GetProperty(name string) (Value, bool) {
	if g := scopeGetter(name); g != "" {
		v, _ := f.getter(g)
		return v, true
	}
	if name != "" {
		cap := strings.ToUpper(name[:1]) + name[1:]
		for _, g := range []string{"get" + cap, "get" + name} {
			if v, ok := f.getter(g); ok {
				return v, true
			}
		}
	}
	return f.get(name)
}

// scopeGetter is the getter GetProperty finds first for the common names
// ("get" + name capitalised, or "get" + name), or "".
func scopeGetter(name string) string {
	switch name {
	case "index", "Index":
		return "getIndex"
	case "count", "Count":
		return "getCount"
	case "hasNext", "HasNext":
		return "getHasNext"
	case "first", "First":
		return "getFirst"
	case "last", "Last":
		return "getLast"
	case "parent", "Parent":
		return "getParent"
	case "topmost", "Topmost":
		return "getTopmost"
	case "replaced", "Replaced":
		return "getReplaced"
	case "info", "Info":
		return "getInfo"
	}
	return ""
}

// get is Scope.get: the own entry, else the parent's.
func (f *foreachScope) get(key Value) (Value, bool) {
	if v, ok := f.store().Get(key); ok {
		return v, true
	}
	if f.parent != nil {
		return f.parent.get(key)
	}
	return nil, false
}

func (f *foreachScope) SetProperty(name string, v Value) bool {
	f.store().Put(name, v)
	return true
}

func (f *foreachScope) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		if v, ok := f.getter(name); ok {
			return v, true, nil
		}
		if name == "getClass" {
			return javaClassValue(f.JavaClass()), true, nil
		}
	}
	if name == "get" && len(args) == 1 {
		v, _ := f.get(args[0])
		return v, true, nil
	}
	return mapMethod(f.store(), name, args)
}

// scopeInfo is Scope.Info, what $foreach.info returns.
type scopeInfo struct {
	depth     int
	template  string
	line, col int
}

func (i *scopeInfo) JavaClass() string {
	return "org.apache.velocity.runtime.directive.Scope$Info"
}

func (i *scopeInfo) String() string {
	var sb strings.Builder
	sb.WriteString("#foreach[type:block")
	if i.depth > 1 {
		fmt.Fprintf(&sb, " depth:%d", i.depth)
	}
	sb.WriteString(" template:")
	if strings.Contains(i.template, " ") {
		sb.WriteString(strconv.Quote(i.template))
	} else {
		sb.WriteString(i.template)
	}
	fmt.Fprintf(&sb, " line:%d column:%d]", i.line, i.col)
	return sb.String()
}

func (i *scopeInfo) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "getName":
			return "foreach", true, nil
		case "getType":
			return "block", true, nil
		case "getDepth":
			return int32(i.depth), true, nil
		case "getTemplate":
			return i.template, true, nil
		case "getLine":
			return int32(i.line), true, nil
		case "getColumn":
			return int32(i.col), true, nil
		}
	}
	return objectMethod(i, name, args)
}

// defineBlock is the value #define binds, and $bodyContent in a block macro
// call (Velocity 1.7's Block.Reference): the block, rendered when used.
type defineBlock struct {
	body []syntax.Node
	file *syntax.File
	src  string
	// max is the nesting limit of this block's renders (Block.maxDepth:
	// directive.define.max.depth = 2 for #define, velocimacro.max.depth
	// for a block macro body); depth counts the renders under way.
	max, depth int
	// st and sc are the render and scope the block was defined in, which
	// toString() renders with.
	st *state
	sc *scope
}

// defineMaxDepth is Velocity 1.7's directive.define.max.depth default.
const defineMaxDepth = 2

func (d *defineBlock) JavaClass() string {
	return "org.apache.velocity.runtime.directive.Block$Reference"
}

// String is Block.Reference.toString: the block rendered with the scope it
// was defined in, or "null" when that nests too deeply (Java's toString
// returns null then).
func (d *defineBlock) String() string {
	s, ok := d.toString()
	if !ok {
		return "null"
	}
	return s
}

func (d *defineBlock) toString() (string, bool) {
	st := d.st
	sub := st.stringWriter()
	saved := st.w
	st.w = sub
	ok, err := st.renderDefine(d.sc, d)
	st.w = saved
	s := st.releaseWriter(sub)
	if !ok || err != nil {
		return "", false
	}
	return s, true
}

// renderDefine is Block.Reference.render: it renders the block in scope sc
// and reports false, rendering nothing, when the block is already being
// rendered d.max times.
func (st *state) renderDefine(sc *scope, d *defineBlock) (bool, error) {
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > d.max {
		return false, nil
	}
	err := st.renderBlock(sc, d.file, d.body)
	var bs breakSignal
	if errors.As(err, &bs) && bs.target == nil {
		return true, nil
	}
	return true, err
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
		// Define.init: the key is the argument's first token minus '$'
		st.captured = true
		sc.put(defineKey(n.Args[0]), 0, &defineBlock{body: n.Body, file: f, src: n.BodySrc, max: defineMaxDepth, st: st, sc: sc})
		return nil
	case "literal":
		// Literal.init: the literal of the first child (the body, unless
		// an argument was given)
		if len(n.Args) > 0 {
			return st.write(exprText(n.Args[0]))
		}
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
		if len(n.Args) > 0 {
			// the message is evaluated (and only logged)
			if _, err := st.eval(sc, f, n.Args[0]); err != nil {
				return err
			}
		}
		return errStop
	case "evaluate":
		return st.evaluate(sc, f, n)
	case "parse":
		return st.parseDirective(sc, f, n)
	case "include":
		return st.include(sc, f, n)
	}
	return st.callMacro(sc, f, n)
}

// findMacro looks a macro up in the engine-wide namespace: Config.Macros
// when it is set, else the render's own.
func (st *state) findMacro(name string) *macro {
	if st.cfg.Macros != nil {
		return st.cfg.Macros.get(name)
	}
	return st.macros[name]
}

// addMacros registers the macros of t (a template loaded by #parse or
// #evaluate) that are not defined yet: Velocity's global namespace, where
// the first definition wins.
func (st *state) addMacros(t *Template) {
	if st.cfg.Macros != nil {
		st.cfg.Macros.AddFrom(t)
		return
	}
	copied := false
	for k, m := range t.macros {
		if _, ok := st.macros[k]; ok {
			continue
		}
		if !copied {
			st.macros = copyMacros(st.macros)
			copied = true
		}
		st.macros[k] = m
	}
}

// Iterable is a host object #foreach can iterate.
type Iterable interface {
	Elements() []Value
}

// javaIterator is the iterator #foreach gets from Velocity's uberspector,
// with Java's fail-fast checks: changing a list or map while a #foreach
// walks it makes the next step throw ConcurrentModificationException.
type javaIterator struct {
	list   *List
	m      *Map
	mod    int
	items  []Value // a snapshot (map keys, host objects)
	keys   bool    // items are the keys of m: next returns their values
	rng    *intRange
	cursor int
}

func newIterator(v Value) (*javaIterator, bool) {
	it := &javaIterator{}
	if !it.init(v) {
		return nil, false
	}
	return it, true
}

// init sets it up to iterate v; it is false when v is not iterable.
func (it *javaIterator) init(v Value) bool {
	switch v := v.(type) {
	case *List:
		if v.viewOf != nil {
			// iterating a keySet()/values()/entrySet() view: fail fast when
			// the map changes
			*it = javaIterator{items: v.Items, m: v.viewOf, mod: v.viewOf.mod}
			return true
		}
		*it = javaIterator{list: v, mod: v.mod}
		return true
	case *Map:
		// the values, each read when the loop reaches it
		*it = javaIterator{m: v, mod: v.mod, keys: true}
		if v.Hash {
			it.items = v.Keys() // a fresh slice
		} else {
			// the keys in place: a structural change (the only kind that
			// rewrites them) fails the next step before it reads them,
			// and a new key goes past the captured length
			it.items = v.keys
		}
		return true
	case Iterable:
		*it = javaIterator{items: v.Elements()}
		return true
	}
	return false
}

func (it *javaIterator) hasNext() bool {
	if it.rng != nil {
		return it.cursor < int(it.rng.n)
	}
	if it.list != nil {
		return it.cursor != len(it.list.Items)
	}
	return it.cursor < len(it.items)
}

func (it *javaIterator) next() (Value, error) {
	if it.list != nil && it.list.mod != it.mod || it.m != nil && it.m.mod != it.mod {
		return nil, throw("java.util.ConcurrentModificationException", "")
	}
	if it.rng != nil {
		v := it.rng.first + int32(it.cursor)*it.rng.delta
		it.cursor++
		return boxInt32(v), nil
	}
	items := it.items
	if it.list != nil {
		items = it.list.Items
	}
	if it.cursor >= len(items) {
		return nil, throw("java.util.NoSuchElementException", "")
	}
	it.cursor++
	if it.keys {
		v, _ := it.m.Get(items[it.cursor-1])
		return v, nil
	}
	return items[it.cursor-1], nil
}

// boxedInts holds Integers 0 to 1023 as Values, so that #foreach's counter
// and range elements need no allocation (Go boxes only 0-255 for free).
var boxedInts = func() (b [1024]Value) {
	for i := range b {
		b[i] = int32(i)
	}
	return
}()

// boxInt32 returns v as a Value.
func boxInt32(v int32) Value {
	if v >= 0 && int(v) < len(boxedInts) {
		return boxedInts[v]
	}
	return v
}

// child returns the i-th child of a directive node as Velocity numbers
// them: the arguments, then the body (a block directive's last child).
func child(n *syntax.Directive, i int) (arg syntax.Expr, body, ok bool) {
	if i < len(n.Args) {
		return n.Args[i], false, true
	}
	if i == len(n.Args) && n.Block {
		return nil, true, true
	}
	return nil, false, false
}

func (st *state) childCount(n *syntax.Directive) int {
	if n.Block {
		return len(n.Args) + 1
	}
	return len(n.Args)
}

// foreachFrame holds what one #foreach needs, allocated together.
type foreachFrame struct {
	scope foreachScope
	info  scopeInfo
	iter  javaIterator
	rng   intRange
}

// foreach is Foreach.render. It reads its children by position, as
// Velocity does: the element reference is child 0, the list child 2 and
// the body child 3, whatever the arguments are ("in" is not checked).
func (st *state) foreach(sc *scope, f *syntax.File, n *syntax.Directive) error {
	listArg, listIsBody, ok := child(n, 2)
	if !ok {
		return st.errorf(f, n.P, "#foreach", "ArrayIndexOutOfBoundsException: Index 2 out of bounds for length %d (#foreach needs ($item in $list))", st.childCount(n))
	}
	if listIsBody {
		return nil // the block's value is null
	}
	// the loop's scope, its info and its iterator, in one allocation
	frame := &foreachFrame{}
	iter := &frame.iter
	if rl, ok := listArg.(*syntax.RangeLit); ok {
		// the list [n..m] builds is not visible to the template: iterate
		// it without building it
		r, ok, err := st.rangeOf(sc, f, rl)
		if err != nil || !ok {
			return err
		}
		frame.rng = r
		iter.rng = &frame.rng
	} else {
		listV, err := st.eval(sc, f, listArg)
		if err != nil {
			return err
		}
		if listV == nil {
			return nil
		}
		if !iter.init(listV) {
			return nil // skip.invalid.iterator = true
		}
	}
	key := foreachKey(n)
	var keySlot int32
	if len(n.Args) > 0 {
		if r, ok := n.Args[0].(*syntax.Ref); ok && r.Root == key {
			keySlot = st.refSlot(f, r)
		}
	}
	saved, err := sc.get(key, keySlot)
	if err != nil {
		return err
	}
	savedCount, err := sc.get("velocityCount", slotVelocityCount)
	if err != nil {
		return err
	}
	savedHasNext, err := sc.get("velocityHasNext", slotVelocityHasNext)
	if err != nil {
		return err
	}
	prev, err := sc.get("foreach", slotForeach)
	if err != nil {
		return err
	}
	fs := &frame.scope
	fs.index = -1
	switch prev := prev.(type) {
	case *foreachScope:
		fs.parent = prev
	default:
		fs.replaced = prev
	}
	pos := f.Position(n.P)
	frame.info = scopeInfo{depth: 1, template: pos.Filename, line: pos.Line, col: pos.Col}
	fs.info = &frame.info
	for p := fs.parent; p != nil; p = p.parent {
		fs.info.depth++
	}
	sc.put("foreach", slotForeach, fs)
	var holder *scope
	var loopErr error
	for i := 0; iter.hasNext(); i++ {
		if st.cfg.MaxLoops > 0 && i >= st.cfg.MaxLoops {
			break
		}
		if st.cfg.MaxSteps > 0 {
			if st.steps++; st.steps > st.cfg.MaxSteps {
				loopErr = &EvalError{Pos: f.Position(n.P), Expr: "#foreach", Msg: fmt.Sprintf("the template executed more than %d statements (Config.MaxSteps): stopped", st.cfg.MaxSteps)}
				break
			}
		}
		sc.put("velocityCount", slotVelocityCount, boxInt32(int32(i+1)))
		it, err := iter.next()
		if err != nil {
			loopErr = &EvalError{Pos: f.Position(n.P), Expr: "#foreach", Msg: err.Error(), Err: err}
			break
		}
		hasNext := iter.hasNext()
		// a slot of every template: in the global context, one store
		sc.put("velocityHasNext", slotVelocityHasNext, hasNext)
		sc.put(key, keySlot, it)
		fs.index++
		fs.hasNext = hasNext
		body := sc
		if it == nil {
			if holder == nil {
				holder = &scope{st: st, inner: sc, kind: nullHolderScope, nullVar: key, active: true}
			}
			body = holder
		}
		if err := st.renderChild(body, f, n, 3); err != nil {
			var bs breakSignal
			if errors.As(err, &bs) && (bs.target == nil || bs.target == fs) {
				break
			}
			loopErr = err
			break
		}
	}
	if loopErr != nil {
		var bs breakSignal
		if !errors.As(loopErr, &bs) && loopErr != errStop {
			return loopErr // Velocity cleans up only for a #break or #stop
		}
	}
	restore := func(name string, slot int32, v Value) {
		if v != nil {
			sc.put(name, slot, v)
		} else {
			sc.remove(name, slot)
		}
	}
	restore(key, keySlot, saved)
	restore("velocityCount", slotVelocityCount, savedCount)
	restore("velocityHasNext", slotVelocityHasNext, savedHasNext)
	// Directive.postRender: give $foreach back, unless the body replaced it
	cur, err := sc.get("foreach", slotForeach)
	if err != nil && loopErr == nil {
		loopErr = err
	}
	if cur, ok := cur.(*foreachScope); ok {
		switch {
		case cur.parent != nil:
			sc.put("foreach", slotForeach, cur.parent)
		case cur.replaced != nil:
			sc.put("foreach", slotForeach, cur.replaced)
		default:
			sc.remove("foreach", slotForeach)
		}
	}
	return loopErr
}

// defineKey is Define.init's key: the argument's first token minus its
// first character.
func defineKey(e syntax.Expr) string {
	img := firstTokenImage(e)
	if img == "" {
		return ""
	}
	_, size := utf8.DecodeRuneInString(img)
	return img[size:]
}

// foreachKey is Foreach.init's elementKey: the root of the reference, or
// for any other first argument its first token's image minus one
// character.
func foreachKey(n *syntax.Directive) string {
	if len(n.Args) == 0 {
		return ""
	}
	if r, ok := n.Args[0].(*syntax.Ref); ok {
		return r.Root
	}
	img := firstTokenImage(n.Args[0])
	if img == "" {
		return ""
	}
	_, size := utf8.DecodeRuneInString(img)
	return img[size:]
}

// firstTokenImage approximates the image of an argument's first token.
func firstTokenImage(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Ref:
		switch e.Kind {
		case syntax.RefFormal:
			return "${"
		case syntax.RefQuiet:
			if strings.HasPrefix(e.Literal, "$!{") {
				return "$!{"
			}
		}
		return e.Literal[:len(e.Literal)-len(refTail(e))]
	case *syntax.ListLit, *syntax.RangeLit:
		return "["
	case *syntax.MapLit:
		return "{"
	case *syntax.ParenExpr:
		return "("
	}
	return exprText(e)
}

// refTail is the part of a reference after its first token.
func refTail(r *syntax.Ref) string {
	lit := r.Literal
	i := strings.IndexAny(lit, ".[")
	if i < 0 {
		return ""
	}
	return lit[i:]
}

// renderChild renders child i of n: the body, or an argument rendered as a
// node (only references print anything).
func (st *state) renderChild(sc *scope, f *syntax.File, n *syntax.Directive, i int) error {
	arg, isBody, ok := child(n, i)
	if !ok {
		return nil
	}
	if isBody {
		return st.renderBlock(sc, f, n.Body)
	}
	return st.renderExprNode(sc, f, arg)
}

// renderExprNode is Node.render of an expression node: a reference prints
// itself, lists, maps and ranges render their children, other literals
// print nothing.
func (st *state) renderExprNode(sc *scope, f *syntax.File, e syntax.Expr) error {
	switch e := e.(type) {
	case *syntax.Ref:
		return st.renderRef(sc, f, e)
	case *syntax.ListLit:
		for _, x := range e.Elems {
			if err := st.renderExprNode(sc, f, x); err != nil {
				return err
			}
		}
	case *syntax.MapLit:
		for i := range e.Keys {
			if err := st.renderExprNode(sc, f, e.Keys[i]); err != nil {
				return err
			}
			if err := st.renderExprNode(sc, f, e.Vals[i]); err != nil {
				return err
			}
		}
	case *syntax.RangeLit:
		if err := st.renderExprNode(sc, f, e.From); err != nil {
			return err
		}
		return st.renderExprNode(sc, f, e.To)
	}
	return nil
}

// callMacro is RuntimeMacro.render and VelocimacroProxy.render (and
// BlockMacro for "#@name(...) body #end").
func (st *state) callMacro(sc *scope, f *syntax.File, n *syntax.Directive) error {
	name := n.Name
	block := false
	if len(name) > 1 && name[0] == '@' {
		name = name[1:]
		block = true
	}
	m := st.findMacro(name)
	if m == nil {
		return st.write(n.Literal)
	}
	// VELOCITY-614: a plain word argument fails the call of a defined macro.
	for _, a := range n.Args {
		if w, ok := a.(*syntax.Word); ok {
			return st.errorf(f, w.P, "#"+n.Name, "invalid arg '%s' in macro #%s", w.Name, name)
		}
	}
	if st.macroDepth >= st.maxDepth() {
		return st.errorf(f, n.P, "#"+n.Name, "max calling depth of %d was exceeded in macro '%s' (velocimacro.max.depth)", st.maxDepth(), name)
	}
	ms := &scope{st: st, inner: sc, kind: macroScope, local: map[string]Value{},
		args: map[string]macroArg{}, literals: map[string]string{}}
	for i, p := range m.params {
		if i >= len(n.Args) {
			if block && i == len(n.Args) {
				// VelocimacroProxy binds the children, and the body of a
				// block call is one: a constant whose value is null
				delete(ms.local, p)
			}
			break
		}
		a := n.Args[i]
		switch a.(type) {
		case *syntax.Ref, *syntax.ListLit, *syntax.MapLit, *syntax.StringLit, *syntax.RangeLit:
			// evaluated by name, each time the body reads the parameter
			ms.args[p] = macroArg{expr: a, caller: sc, file: f}
			ms.literals["$"+p] = exprText(a)
		case *syntax.Word:
			// value() of a word is null: the parameter stays unbound
		default:
			v, err := st.eval(sc, f, a)
			if err != nil {
				return err
			}
			if v != nil {
				ms.local[p] = v
			}
		}
	}
	if block {
		st.captured = true
		ms.local["bodyContent"] = &defineBlock{body: n.Body, file: f, src: n.BodySrc, max: st.maxDepth(), st: st, sc: sc}
	}
	st.macroDepth++
	defer func() { st.macroDepth-- }()
	err := st.renderBlock(ms, m.file, m.body)
	var bs breakSignal
	if errors.As(err, &bs) && bs.target == nil {
		return nil
	}
	return err
}

// maxEvaluateDepth bounds nested #evaluate, which Velocity 1.7 does not
// bound (deep recursion ends there in a StackOverflowError).
const maxEvaluateDepth = 200

// parseMaxDepth is directive.parse.max.depth: #parse renders nothing when
// this many templates are being rendered already.
const parseMaxDepth = 10

// evaluate is Evaluate.render: the argument's string value is parsed and
// rendered in the current context.
func (st *state) evaluate(sc *scope, f *syntax.File, n *syntax.Directive) error {
	v, err := st.eval(sc, f, n.Args[0])
	if err != nil {
		return err
	}
	src := ""
	if v != nil {
		src = ToString(v)
	}
	pos := f.Position(n.P)
	if st.templates >= maxEvaluateDepth {
		return st.errorf(f, n.P, "#evaluate", "#evaluate nested deeper than %d", maxEvaluateDepth)
	}
	t, err := st.parse(evaluateName(pos), src)
	if err != nil {
		return &EvalError{Pos: pos, Expr: "#evaluate", Msg: err.Error(), Err: err}
	}
	st.addMacros(t)
	st.templates++
	defer func() { st.templates-- }()
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

// evaluateName names the template an #evaluate at pos parses:
// "f.vm(#evaluate at 1:27)", and inside nested ones
// "f.vm(#evaluate at 1:27)(#evaluate depth 3 at 1:1)" rather than one
// suffix per level.
func evaluateName(pos syntax.Position) string {
	name, depth := pos.Filename, 1
	if i := strings.Index(name, "(#evaluate at "); i >= 0 {
		if j := strings.IndexByte(name[i:], ')'); j >= 0 {
			outer, inner := name[:i+j+1], name[i+j+1:]
			depth = 2
			if _, err := fmt.Sscanf(inner, "(#evaluate depth %d at", &depth); err == nil {
				depth++
			}
			name = outer
		}
	}
	if depth == 1 {
		return fmt.Sprintf("%s(#evaluate at %d:%d)", name, pos.Line, pos.Col)
	}
	return fmt.Sprintf("%s(#evaluate depth %d at %d:%d)", name, depth, pos.Line, pos.Col)
}

// parse parses a template loaded while rendering, knowing the macros
// defined so far.
func (st *state) parse(name, src string) (*Template, error) {
	return parseTemplate(name, src, &syntax.Options{IsMacro: func(name string) bool { return st.findMacro(name) != nil }}, nil)
}

func copyMacros(m map[string]*macro) map[string]*macro {
	c := make(map[string]*macro, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}

func (st *state) noResources(f *syntax.File, n *syntax.Directive) error {
	return st.errorf(f, n.P, "#"+n.Name, "#%s is not available: templates have no resources to load (API Gateway fails such templates too)", n.Name)
}

// parseDirective is Parse.render.
func (st *state) parseDirective(sc *scope, f *syntax.File, n *syntax.Directive) error {
	if len(n.Args) == 0 {
		return st.errorf(f, n.P, "#parse", "#parse(): argument missing")
	}
	v, err := st.eval(sc, f, n.Args[0])
	if err != nil {
		return err
	}
	if v == nil {
		return nil
	}
	if st.templates >= parseMaxDepth {
		return nil // Velocity logs "Max recursion depth reached" and renders nothing
	}
	if st.cfg.Resources == nil {
		return st.noResources(f, n)
	}
	name := ToString(v)
	src, err := st.cfg.Resources(name)
	if err != nil {
		return st.errorf(f, n.P, "#parse", "unable to find resource '%s'", name)
	}
	t, err := st.parse(name, src)
	if err != nil {
		return err
	}
	st.addMacros(t)
	st.templates++
	defer func() { st.templates-- }()
	err = st.renderBlock(sc, t.file, t.file.Nodes)
	var bs breakSignal
	if errors.As(err, &bs) && bs.target == nil {
		err = nil
	}
	return err
}

// include is Include.render: each argument names a resource printed as is.
func (st *state) include(sc *scope, f *syntax.File, n *syntax.Directive) error {
	for i, a := range n.Args {
		switch a.(type) {
		case *syntax.StringLit, *syntax.Ref:
		default:
			return st.errorf(f, n.P, "#include", "invalid #include() argument '%s'", exprText(a))
		}
		v, err := st.eval(sc, f, a)
		if err != nil {
			return err
		}
		if v == nil {
			if err := st.write(fmt.Sprintf("<!-- include error : error with arg %d please see log. see error log -->", i)); err != nil {
				return err
			}
			continue
		}
		if st.cfg.Resources == nil {
			return st.noResources(f, n)
		}
		name := ToString(v)
		src, err := st.cfg.Resources(name)
		if err != nil {
			return st.errorf(f, n.P, "#include", "unable to find resource '%s'", name)
		}
		if err := st.write(src); err != nil {
			return err
		}
	}
	return nil
}
