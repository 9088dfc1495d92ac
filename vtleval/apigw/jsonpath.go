package apigw

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// This file is API Gateway's JSONPath (apigw.md §1.6): the dialect of Jayway JsonPath 2.0.0
// with its default configuration, which $input.json(x), $input.path(x) and the
// integration.response.body.<path> mappings use. It is evaluated step by step over a
// [JSONNode] tree; no gjson path string is ever built, so nothing in a key or in the data
// can reach gjson's path syntax, modifiers or queries.
//
// # Syntax
//
//	$                          the whole document
//	$.name  $.name.other       a property; a name runs to the next '.', '[' or space
//	$['name']  $[ 'a', 'b' ]   bracket properties (no escapes: a name cannot hold ' [ ]);
//	                           several names give an object of those present (leaf only)
//	$.a[0]  $.a[0,2]           array index, index list
//	$.a[1:]  $.a[:2]  $.a[1:3] slices (negative bounds count from the end where Jayway does)
//	$.a[(@.length-1)]          index from the end (also @.size())
//	$.*  $.a[*]                every member / element
//	$..name  $..*  $..[0]      deep scan
//	$.a[?(@.b == 1 && @.c)]    filter (see "Filters" below): keeps an array's elements, or
//	                           an object itself, that pass; never definite
//
// As in Jayway, a path not starting with '$' gets "$." in front (so the mapping form
// "a.b" is "$.a.b"), '@' at the start means '$', surrounding white space is ignored, and a
// space elsewhere (outside brackets) is an error. Functions are not supported; they, and
// every spelling Jayway 2.0.0 would read in a surprising way (double-quoted names, a name
// holding a quote or bracket, "[1 0]", "[٣]", "[+1]", a name directly after ']', and the
// filter spellings listed under "Filters"), are rejected with an error naming the column.
//
// # Results
//
// [JSONPath.Read] returns what Jayway's JsonPath.read returns, with the same errors:
// a definite path (only names and single indexes) yields exactly one value; an indefinite one
// yields the list of matches, possibly empty. Jayway's PathNotFoundException is
// [ErrPathNotFound]; it is raised in Jayway's places, which include some indefinite paths
// (an index out of range anywhere, a missing leaf under '*' applied to an object,
// "$..b.c" when some b is not an object, a missing leaf after a filter). Its
// InvalidPathException at evaluation time (an index applied to an object or a string, a
// filter applied to a string or null) is a *[JSONPathError], and so is the
// NumberFormatException a filter comparing a number with a non-numeric string makes Jayway
// throw (its Msg starts "NumberFormatException: "). A filter on a missing property reads
// as an empty list, as in Jayway ("$.items[?(@.id)]" on {} is []).

// ErrPathNotFound is Jayway's PathNotFoundException: the path selects nothing and Jayway
// throws rather than returning an empty result. API Gateway then gives "" for $input.json and
// null for $input.path (apigw.md §1.3, §1.4).
var ErrPathNotFound = errors.New("path not found")

// JSONPathError is an invalid JSONPath: a syntax error found by [CompileJSONPath] (Col > 0),
// or an evaluation that Jayway aborts with InvalidPathException (Col == 0).
type JSONPathError struct {
	Expr string // the expression as written
	Col  int    // 1-based column in Expr, counted in characters; 0 if not about one place
	Msg  string
}

func (e *JSONPathError) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("invalid JSONPath %q: column %d: %s", e.Expr, e.Col, e.Msg)
	}
	return fmt.Sprintf("invalid JSONPath %q: %s", e.Expr, e.Msg)
}

// JSONKind is the kind of a [JSONNode].
type JSONKind int

// The kinds of JSON values.
const (
	JSONNull   JSONKind = iota // null
	JSONScalar                 // string, number or boolean
	JSONObject
	JSONArray
)

// JSONNode is a read-only view of a parsed JSON value, the tree [JSONPath.Read] walks.
// [GJSONNode] adapts a gjson.Result; the engine may implement it over its own values so
// that changes a template made to $input.path results are seen by later reads.
type JSONNode interface {
	Kind() JSONKind
	// Keys returns an object's keys in document order, a repeated key once, at its first
	// position (as json-smart's LinkedHashMap keeps it).
	Keys() []string
	// Get returns the value of an object's key (for a repeated key, the last one) and
	// whether the key exists.
	Get(key string) (JSONNode, bool)
	// Len is the number of elements of an array.
	Len() int
	// Index returns element i of an array, 0 <= i < Len().
	Index(i int) JSONNode
}

// JSONSubset is the object Jayway builds for a multi-property leaf such as ['a','b']: the
// named properties the object has, in the order the path names them.
type JSONSubset struct {
	Names  []string
	Values []JSONNode
}

func (s *JSONSubset) Kind() JSONKind     { return JSONObject }
func (s *JSONSubset) Keys() []string     { return s.Names }
func (s *JSONSubset) Len() int           { return 0 }
func (s *JSONSubset) Index(int) JSONNode { return nil }
func (s *JSONSubset) Get(key string) (JSONNode, bool) {
	for i, k := range s.Names {
		if k == key {
			return s.Values[i], true
		}
	}
	return nil, false
}

// JSONPath is a compiled API Gateway (Jayway 2.0.0) JSONPath expression.
type JSONPath struct {
	expr     string
	steps    []pathStep
	definite bool
	// simple: every step is one property name or one index (see
	// readSimple)
	simple bool
}

type stepKind int

const (
	stepProperty     stepKind = iota // names
	stepIndex                        // indexes (one, or a list)
	stepFromEnd                      // [(@.length-n)]: index len-n
	stepSliceFrom                    // [from:]
	stepSliceTo                      // [:to]
	stepSliceBetween                 // [from:to]
	stepWildcard                     // * or [*]
	stepScan                         // ..
	stepFilter                       // [?(...)]
)

type pathStep struct {
	kind   stepKind
	names  []string
	ints   []int
	filter filterNode // stepFilter
}

// definite reports Jayway's isTokenDefinite.
func (s pathStep) definite() bool {
	switch s.kind {
	case stepProperty, stepFromEnd:
		return true
	case stepIndex:
		return len(s.ints) == 1
	}
	return false
}

// fragment is Jayway's getPathFragment, used in messages.
func (s pathStep) fragment() string {
	switch s.kind {
	case stepProperty:
		return "['" + strings.Join(s.names, "', '") + "']"
	case stepIndex:
		parts := make([]string, len(s.ints))
		for i, n := range s.ints {
			parts[i] = strconv.Itoa(n)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case stepFromEnd:
		return "[@.size()" + strconv.Itoa(s.ints[0]) + "]"
	case stepSliceFrom:
		return "[" + strconv.Itoa(s.ints[0]) + ":]"
	case stepSliceTo:
		return "[:" + strconv.Itoa(s.ints[0]) + "]"
	case stepSliceBetween:
		return "[" + strconv.Itoa(s.ints[0]) + ":" + strconv.Itoa(s.ints[1]) + "]"
	case stepWildcard:
		return "[*]"
	case stepScan:
		return ".."
	case stepFilter:
		return "[?]"
	}
	return "?"
}

// String returns the expression as it was written.
func (p *JSONPath) String() string { return p.expr }

// Definite reports whether the path can select at most one value (Jayway's isDefinite):
// it uses only names and single indexes. [JSONPath.Read] of a definite path returns one
// value; of an indefinite one, a list.
func (p *JSONPath) Definite() bool { return p.definite }

// CompileJSONPath parses a JSONPath expression as Jayway JsonPath 2.0.0 does (see the
// file comment for the accepted syntax). Errors are *[JSONPathError] values naming the
// column.
func CompileJSONPath(expr string) (*JSONPath, error) {
	c := &pathCompiler{expr: expr}
	steps, err := c.compile()
	if err != nil {
		return nil, err
	}
	p := &JSONPath{expr: expr, steps: steps, definite: true, simple: true}
	for _, s := range steps {
		if !s.definite() {
			p.definite = false
		}
		switch {
		case s.kind == stepProperty && len(s.names) == 1:
		case s.kind == stepIndex && len(s.ints) == 1 && s.ints[0] >= 0:
		default:
			p.simple = false
		}
	}
	return p, nil
}

// readSimple is Read of a simple path (names and indexes) over engine
// values, when it finds its value: it follows the steps as eval does,
// without Jayway's path strings. ok is false when a step finds nothing
// (or finds what eval would fail on); the caller then reads the path with
// Read for Jayway's exact outcome and message.
func (p *JSONPath) readSimple(v vtleval.Value) (vtleval.Value, bool) {
	if !p.simple {
		return nil, false
	}
	for _, s := range p.steps {
		switch s.kind {
		case stepProperty:
			m, ok := v.(*vtleval.Map)
			if !ok {
				return nil, false
			}
			if v, ok = m.GetString(s.names[0]); !ok {
				return nil, false
			}
		case stepIndex:
			l, ok := v.(*vtleval.List)
			if j := s.ints[0]; !ok || j >= len(l.Items) {
				return nil, false
			} else {
				v = l.Items[j]
			}
		}
	}
	return v, true
}

type pathCompiler struct {
	expr  string
	path  []rune // the normalised path, starting with '$'
	shift int    // column of path[i] in expr is i + shift + 1
}

func (c *pathCompiler) errAt(i int, format string, args ...any) error {
	col := i + c.shift + 1
	if col < 1 {
		col = 1
	}
	return &JSONPathError{Expr: c.expr, Col: col, Msg: fmt.Sprintf(format, args...)}
}

func (c *pathCompiler) compile() ([]pathStep, error) {
	if c.expr == "" {
		return nil, &JSONPathError{Expr: c.expr, Msg: "empty path"}
	}
	// Java's String.trim: strip characters <= ' ' at both ends.
	start, end := 0, len(c.expr)
	for start < end && c.expr[start] <= ' ' {
		start++
	}
	for end > start && c.expr[end-1] <= ' ' {
		end--
	}
	trimmed := c.expr[start:end]
	c.shift = utf8.RuneCountInString(c.expr[:start])
	if trimmed == "" {
		return nil, &JSONPathError{Expr: c.expr, Col: 1, Msg: "empty path"}
	}
	if strings.HasSuffix(trimmed, "..") {
		return nil, c.errAt(utf8.RuneCountInString(trimmed)-2, "a path can not end with a scan")
	}
	switch trimmed[0] {
	case '$':
		c.path = []rune(trimmed)
	case '@':
		c.path = append([]rune{'$'}, []rune(trimmed[1:])...)
	default:
		// Jayway reads "a.b" as "$.a.b": the form of integration.response.body.a.b.
		c.path = append([]rune("$."), []rune(trimmed)...)
		c.shift -= 2
	}
	p := c.path
	if len(p) > 1 && p[1] != '.' && p[1] != '[' {
		return nil, c.errAt(1, "want '.' or '[' after '$', got %q", p[1])
	}
	var steps []pathStep
	afterScan := false
	for i := 1; i < len(p); {
		ch := p[i]
		switch {
		case ch == ' ':
			return nil, c.errAt(i, "space not allowed in path")
		case ch == '[':
			step, next, err := c.bracket(i)
			if err != nil {
				return nil, err
			}
			steps = append(steps, step)
			i = next
		case ch == '.':
			i++
			if i >= len(p) {
				return nil, c.errAt(i-1, "path ends with '.'")
			}
			if p[i] == '.' {
				steps = append(steps, pathStep{kind: stepScan})
				i++
				afterScan = true
				continue
			}
			n := c.nameLen(i)
			switch {
			case n == 0:
				// Jayway skips a '.' directly before '[' ("$.a.[0]" is "$.a[0]").
				continue
			case n == 1 && p[i] == '*':
				steps = append(steps, pathStep{kind: stepWildcard})
			default:
				name, err := c.dotName(i, n)
				if err != nil {
					return nil, err
				}
				steps = append(steps, pathStep{kind: stepProperty, names: []string{name}})
			}
			i += n
		case ch == '*' && afterScan:
			steps = append(steps, pathStep{kind: stepWildcard})
			i++
		case afterScan && ch != '$':
			n := c.nameLen(i)
			name, err := c.dotName(i, n)
			if err != nil {
				return nil, err
			}
			steps = append(steps, pathStep{kind: stepProperty, names: []string{name}})
			i += n
		default:
			return nil, c.errAt(i, "want '.' or '[', got %q", ch)
		}
		afterScan = false
	}
	return steps, nil
}

// nameLen is Jayway's fastForward: the length of the name starting at i.
func (c *pathCompiler) nameLen(i int) int {
	n := 0
	for i+n < len(c.path) {
		switch c.path[i+n] {
		case '.', '[', ' ':
			return n
		}
		n++
	}
	return n
}

func (c *pathCompiler) dotName(i, n int) (string, error) {
	for k := i; k < i+n; k++ {
		switch c.path[k] {
		case '\'', ']':
			// Jayway re-reads a dotted name as ['name'], so a quote or bracket in it
			// changes its meaning.
			return "", c.errAt(k, "character %q not supported in a property name", c.path[k])
		}
	}
	return string(c.path[i : i+n]), nil
}

// bracket parses the [...] starting at i and returns the step and the index after ']'.
func (c *pathCompiler) bracket(i int) (pathStep, int, error) {
	p := c.path
	// Jayway's fastForwardUntilClosed: up to the matching ']', counting nested brackets.
	depth, end := 0, -1
	for k := i + 1; k < len(p); k++ {
		if p[k] == ']' {
			if depth == 0 {
				end = k
				break
			}
			depth--
		} else if p[k] == '[' {
			depth++
		}
	}
	if end < 0 {
		return pathStep{}, 0, c.errAt(i, "'[' is not closed")
	}
	body := p[i+1 : end]
	if string(body) == "*" {
		return pathStep{kind: stepWildcard}, end + 1, nil
	}
	k := 0
	for k < len(body) && body[k] == ' ' {
		k++
	}
	if k == len(body) {
		return pathStep{}, 0, c.errAt(i, "empty brackets")
	}
	switch ch := body[k]; {
	case ch == '\'':
		step, err := c.bracketNames(i+1, body)
		return step, end + 1, err
	case ch == '?':
		step, err := c.filter(i, end)
		return step, end + 1, err
	case ch == '(' && k+1 < len(body) && body[k+1] == '?':
		return pathStep{}, 0, c.errAt(i+1+k, "a filter is written [?(...)]")
	case ch == '(':
		step, err := c.fromEnd(i+1, body)
		return step, end + 1, err
	case ch == '-' || ch == ':' || '0' <= ch && ch <= '9':
		step, err := c.indexes(i+1, body)
		return step, end + 1, err
	case ch == '"':
		return pathStep{}, 0, c.errAt(i+1+k, "double-quoted names are not supported by Jayway 2.0.0; use ['name']")
	}
	return pathStep{}, 0, c.errAt(i+1+k, "unexpected %q in brackets", body[k])
}

// bracketNames parses 'a' (, 'b')* with optional spaces; off is the index of body[0].
func (c *pathCompiler) bracketNames(off int, body []rune) (pathStep, error) {
	var names []string
	k := 0
	skip := func() {
		for k < len(body) && body[k] == ' ' {
			k++
		}
	}
	for {
		skip()
		if k >= len(body) || body[k] != '\'' {
			return pathStep{}, c.errAt(off+k, "want a quoted name")
		}
		k++
		startName := k
		for k < len(body) && body[k] != '\'' {
			if body[k] == '[' || body[k] == ']' || body[k] == '\\' {
				return pathStep{}, c.errAt(off+k, "character %q not supported in a bracketed name", body[k])
			}
			k++
		}
		if k >= len(body) {
			return pathStep{}, c.errAt(off+startName-1, "unterminated quoted name")
		}
		names = append(names, string(body[startName:k]))
		k++
		skip()
		if k == len(body) {
			return pathStep{kind: stepProperty, names: names}, nil
		}
		if body[k] != ',' {
			return pathStep{}, c.errAt(off+k, "want ',' or ']' after a quoted name, got %q", body[k])
		}
		k++
	}
}

// fromEnd parses (@.length-n) or (@.size()-n), with optional spaces.
func (c *pathCompiler) fromEnd(off int, body []rune) (pathStep, error) {
	s := strings.ReplaceAll(string(body), " ", "")
	var rest string
	switch {
	case strings.HasPrefix(s, "(@.length-"):
		rest = s[len("(@.length-"):]
	case strings.HasPrefix(s, "(@.size()-"):
		rest = s[len("(@.size()-"):]
	default:
		return pathStep{}, c.errAt(off, "only [(@.length-n)] and [(@.size()-n)] are supported here")
	}
	digits, ok := strings.CutSuffix(rest, ")")
	n, err := strconv.ParseInt(digits, 10, 32)
	if !ok || err != nil || digits == "" || digits[0] < '0' || digits[0] > '9' {
		return pathStep{}, c.errAt(off, "only [(@.length-n)] and [(@.size()-n)] are supported here")
	}
	return pathStep{kind: stepFromEnd, ints: []int{-int(n)}}, nil
}

// indexes parses [n], [n,m,...], [n:], [:m] and [n:m] (spaces allowed between the parts).
func (c *pathCompiler) indexes(off int, body []rune) (pathStep, error) {
	k := 0
	skip := func() {
		for k < len(body) && body[k] == ' ' {
			k++
		}
	}
	num := func() (int, bool, error) {
		skip()
		start := k
		if k < len(body) && body[k] == '-' {
			k++
		}
		for k < len(body) && '0' <= body[k] && body[k] <= '9' {
			k++
		}
		if k == start {
			return 0, false, nil
		}
		n, err := strconv.ParseInt(string(body[start:k]), 10, 32)
		if err != nil {
			return 0, false, c.errAt(off+start, "bad array index %q", string(body[start:k]))
		}
		skip()
		return int(n), true, nil
	}
	first, has, err := num()
	if err != nil {
		return pathStep{}, err
	}
	if k < len(body) && body[k] == ':' {
		k++
		second, has2, err := num()
		if err != nil {
			return pathStep{}, err
		}
		if k != len(body) {
			return pathStep{}, c.errAt(off+k, "unexpected %q in a slice", body[k])
		}
		switch {
		case has && has2:
			return pathStep{kind: stepSliceBetween, ints: []int{first, second}}, nil
		case has:
			return pathStep{kind: stepSliceFrom, ints: []int{first}}, nil
		case has2:
			return pathStep{kind: stepSliceTo, ints: []int{second}}, nil
		}
		return pathStep{}, c.errAt(off, "a slice needs a bound")
	}
	if !has {
		return pathStep{}, c.errAt(off+k, "want an array index")
	}
	ints := []int{first}
	for k < len(body) && body[k] == ',' {
		k++
		n, has, err := num()
		if err != nil {
			return pathStep{}, err
		}
		if !has {
			return pathStep{}, c.errAt(off+k, "want an array index after ','")
		}
		ints = append(ints, n)
	}
	if k != len(body) {
		return pathStep{}, c.errAt(off+k, "unexpected %q in an index", body[k])
	}
	return pathStep{kind: stepIndex, ints: ints}, nil
}

// Read evaluates the path against doc as Jayway's JsonPath.read does with the default
// configuration. For a definite path the result has exactly one element (which may be a
// JSON null); for an indefinite path it is the list of matches in Jayway's order. Errors
// wrap [ErrPathNotFound] or are *[JSONPathError].
func (p *JSONPath) Read(doc JSONNode) ([]JSONNode, error) {
	e := &pathEval{p: p, root: doc}
	if err := e.eval(0, "$", doc); err != nil {
		return nil, err
	}
	if p.definite && len(e.out) == 0 {
		return nil, e.notFound("No results for path: " + p.canonical())
	}
	return e.out, nil
}

// canonical is Jayway's Path.toString: "$['a'][0]".
func (p *JSONPath) canonical() string {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range p.steps {
		b.WriteString(s.fragment())
	}
	return b.String()
}

type pathEval struct {
	p    *JSONPath
	root JSONNode // the document, for $ paths in filters
	out  []JSONNode
	// locs[k] is where out[k] is in the document (Jayway's path string), used to tell
	// whether two filter operands are the same Java object; "" for a new object.
	locs []string
	// requireProps is Jayway's Option.REQUIRE_PROPERTIES, which filters' existence
	// checks use.
	requireProps bool
}

func (e *pathEval) notFound(msg string) error {
	return fmt.Errorf("%w: %s", ErrPathNotFound, msg)
}

func (e *pathEval) leaf(i int) bool { return i == len(e.p.steps)-1 }

// upstreamDefinite is Jayway 2.0.0's isUpstreamDefinite for step i, which (despite its
// name) asks whether the steps from the previous one to the end are all definite.
func (e *pathEval) upstreamDefinite(i int) bool {
	if !e.p.steps[i].definite() {
		return false
	}
	// For the first step the previous token is the root, whose rest is the whole path.
	for _, s := range e.p.steps[max(i-1, 0):] {
		if !s.definite() {
			return false
		}
	}
	return true
}

// eval applies steps[i:] to model, at the Jayway path cur.
func (e *pathEval) eval(i int, cur string, model JSONNode) error {
	if i == len(e.p.steps) {
		e.out = append(e.out, model)
		e.locs = append(e.locs, cur)
		return nil
	}
	s := e.p.steps[i]
	switch s.kind {
	case stepProperty:
		if model == nil || model.Kind() != JSONObject {
			return e.notFound("Property " + s.fragment() + " not found in path " + cur)
		}
		return e.property(i, cur, model, s.names)
	case stepWildcard:
		if model == nil {
			return nil
		}
		switch model.Kind() {
		case JSONObject:
			for _, k := range model.Keys() {
				if err := e.property(i, cur, model, []string{k}); err != nil {
					return err
				}
			}
		case JSONArray:
			for j := 0; j < model.Len(); j++ {
				err := e.index(i, cur, model, j)
				if err != nil && !errors.Is(err, ErrPathNotFound) {
					return err
				}
			}
		}
		return nil
	case stepScan:
		return e.walk(i+1, cur, model)
	case stepFilter:
		// Jayway's PredicatePathToken: an object is kept or dropped whole, an array's
		// elements one by one; anything else is an error.
		switch {
		case model != nil && model.Kind() == JSONObject:
			ok, err := e.accept(s.filter, model, cur)
			if err != nil || !ok {
				return err
			}
			return e.eval(i+1, cur, model)
		case model != nil && model.Kind() == JSONArray:
			for j := 0; j < model.Len(); j++ {
				ok, err := e.accept(s.filter, model.Index(j), cur+"["+strconv.Itoa(j)+"]")
				if err == nil && ok {
					err = e.index(i, cur, model, j)
				}
				if err != nil {
					return err
				}
			}
			return nil
		}
		ctx := "null"
		if model != nil && model.Kind() != JSONNull {
			ctx = describeNode(model)
		}
		return &JSONPathError{Expr: e.p.expr, Msg: fmt.Sprintf("Filter: %s can not be applied to primitives. Current context is: %s",
			e.p.tail(i), ctx)}
	}
	// An array step.
	if model == nil || model.Kind() == JSONNull {
		return e.notFound("The path " + cur + " is null")
	}
	if model.Kind() != JSONArray {
		return &JSONPathError{Expr: e.p.expr, Msg: fmt.Sprintf("Filter: %s can only be applied to arrays. Current context is: %s",
			e.p.tail(i), describeNode(model))}
	}
	n := model.Len()
	switch s.kind {
	case stepIndex:
		for _, j := range s.ints {
			if err := e.index(i, cur, model, j); err != nil {
				return err
			}
		}
	case stepFromEnd:
		return e.index(i, cur, model, n+s.ints[0])
	case stepSliceFrom:
		from := s.ints[0]
		if from < 0 {
			from += n
		}
		for j := max(from, 0); j < n; j++ {
			if err := e.index(i, cur, model, j); err != nil {
				return err
			}
		}
	case stepSliceTo:
		to := s.ints[0]
		if to < 0 {
			to += n
		}
		for j := 0; j < min(to, n); j++ {
			if err := e.index(i, cur, model, j); err != nil {
				return err
			}
		}
	case stepSliceBetween:
		from, to := s.ints[0], min(s.ints[1], n)
		if from >= to || n == 0 {
			return nil
		}
		for j := from; j < to; j++ {
			if err := e.index(i, cur, model, j); err != nil {
				return err
			}
		}
	}
	return nil
}

// tail is Jayway's PathToken.toString for step i: its fragment and those after it.
func (p *JSONPath) tail(i int) string {
	var b strings.Builder
	for _, s := range p.steps[i:] {
		b.WriteString(s.fragment())
	}
	return b.String()
}

// describe names a value for an error message (Jayway prints the Java object).
func describeNode(n JSONNode) string {
	if g, ok := n.(*GJSONNode); ok {
		return g.Result.Raw
	}
	switch n.Kind() {
	case JSONObject:
		return "an object"
	case JSONArray:
		return "an array"
	case JSONNull:
		return "null"
	}
	return "a scalar"
}

// property is Jayway's handleObjectProperty.
func (e *pathEval) property(i int, cur string, model JSONNode, names []string) error {
	if len(names) == 1 {
		evalPath := cur + "['" + names[0] + "']"
		v, ok := model.Get(names[0])
		if !ok {
			if e.leaf(i) {
				return e.notFound("No results for path: " + evalPath)
			}
			if !e.upstreamDefinite(i) {
				return nil
			}
			return e.notFound("Missing property in path " + evalPath)
		}
		return e.eval(i+1, evalPath, v)
	}
	evalPath := cur + "['" + strings.Join(names, "', '") + "']"
	if !e.leaf(i) {
		return &JSONPathError{Expr: e.p.expr, Msg: "Multi properties can only be used as path leafs: " + evalPath}
	}
	sub := &JSONSubset{}
	for _, k := range names {
		v, ok := model.Get(k)
		if !ok {
			if e.requireProps {
				return e.notFound("Missing property in path " + evalPath)
			}
			continue
		}
		if j := indexOfName(sub.Names, k); j >= 0 {
			sub.Values[j] = v
			continue
		}
		sub.Names = append(sub.Names, k)
		sub.Values = append(sub.Values, v)
	}
	e.out = append(e.out, sub)
	e.locs = append(e.locs, "")
	return nil
}

func indexOfName(l []string, s string) int {
	for i, x := range l {
		if x == s {
			return i
		}
	}
	return -1
}

// index is Jayway's handleArrayIndex.
func (e *pathEval) index(i int, cur string, model JSONNode, j int) error {
	evalPath := cur + "[" + strconv.Itoa(j) + "]"
	if j < 0 || j >= model.Len() {
		return e.notFound("Index out of bounds when evaluating path " + evalPath)
	}
	return e.eval(i+1, evalPath, model.Index(j))
}

// walk is Jayway 2.0.0's ScanPathToken.walk for the step i after "..".
func (e *pathEval) walk(i int, cur string, model JSONNode) error {
	if model == nil {
		return nil
	}
	s := e.p.steps[i]
	switch model.Kind() {
	case JSONObject:
		match, err := e.scanMatches(s, model, cur)
		if err != nil {
			return err
		}
		if match {
			if err := e.eval(i, cur, model); err != nil {
				return err
			}
		}
		for _, k := range model.Keys() {
			v, _ := model.Get(k)
			if err := e.walk(i, cur+"['"+k+"']", v); err != nil {
				return err
			}
		}
	case JSONArray:
		match, err := e.scanMatches(s, model, cur)
		if err != nil {
			return err
		}
		if match {
			if e.leaf(i) {
				if err := e.eval(i, cur, model); err != nil {
					return err
				}
			} else {
				// Jayway applies the step after an array step to every element,
				// whatever the array step was ("$..[0].x" is "$..[*].x").
				for j := 0; j < model.Len(); j++ {
					if err := e.eval(i+1, cur+"["+strconv.Itoa(j)+"]", model.Index(j)); err != nil {
						return err
					}
				}
			}
		}
		for j := 0; j < model.Len(); j++ {
			if err := e.walk(i, cur+"["+strconv.Itoa(j)+"]", model.Index(j)); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanMatches is the predicate Jayway's scan uses to decide where step s applies; cur is
// where model is.
func (e *pathEval) scanMatches(s pathStep, model JSONNode, cur string) (bool, error) {
	switch s.kind {
	case stepProperty:
		if model.Kind() != JSONObject {
			return false, nil
		}
		for _, k := range s.names {
			if _, ok := model.Get(k); !ok {
				return false, nil
			}
		}
		return true, nil
	case stepWildcard:
		return true, nil
	case stepScan:
		return false, nil
	case stepFilter:
		// The filter is tried on the object or array itself.
		return e.accept(s.filter, model, cur)
	}
	return model.Kind() == JSONArray, nil
}

// GJSONNode adapts a gjson.Result to [JSONNode]. Object members are looked up by
// iterating the object (no gjson path is built), and a repeated key resolves to its last
// value, as json-smart's map would hold it.
type GJSONNode struct {
	Result gjson.Result
	keys   []string
	vals   map[string]gjson.Result
	elems  []gjson.Result
	inited bool
}

// NewGJSONNode returns the node for r.
func NewGJSONNode(r gjson.Result) *GJSONNode { return &GJSONNode{Result: r} }

func (g *GJSONNode) init() {
	if g.inited {
		return
	}
	g.inited = true
	switch {
	case g.Result.IsObject():
		g.vals = map[string]gjson.Result{}
		g.Result.ForEach(func(k, v gjson.Result) bool {
			key := k.String()
			if _, dup := g.vals[key]; !dup {
				g.keys = append(g.keys, key)
			}
			g.vals[key] = v
			return true
		})
	case g.Result.IsArray():
		g.elems = g.Result.Array()
	}
}

// Kind implements [JSONNode].
func (g *GJSONNode) Kind() JSONKind {
	switch {
	case g.Result.IsObject():
		return JSONObject
	case g.Result.IsArray():
		return JSONArray
	case g.Result.Type == gjson.Null:
		return JSONNull
	}
	return JSONScalar
}

// Keys implements [JSONNode].
func (g *GJSONNode) Keys() []string { g.init(); return g.keys }

// Get implements [JSONNode].
func (g *GJSONNode) Get(key string) (JSONNode, bool) {
	g.init()
	v, ok := g.vals[key]
	if !ok {
		return nil, false
	}
	return NewGJSONNode(v), true
}

// Len implements [JSONNode].
func (g *GJSONNode) Len() int { g.init(); return len(g.elems) }

// Index implements [JSONNode].
func (g *GJSONNode) Index(i int) JSONNode { g.init(); return NewGJSONNode(g.elems[i]) }

// ReadGJSON is [JSONPath.Read] over a gjson document, returning gjson results. The object a
// multi-property leaf builds ([JSONSubset]) comes back as a gjson.Result parsed from the
// JSON text of those members.
func (p *JSONPath) ReadGJSON(doc gjson.Result) ([]gjson.Result, error) {
	nodes, err := p.Read(NewGJSONNode(doc))
	if err != nil {
		return nil, err
	}
	out := make([]gjson.Result, len(nodes))
	for i, n := range nodes {
		out[i] = gjsonOf(n)
	}
	return out, nil
}

func gjsonOf(n JSONNode) gjson.Result {
	switch n := n.(type) {
	case *GJSONNode:
		return n.Result
	case *JSONSubset:
		var b strings.Builder
		b.WriteByte('{')
		for i, k := range n.Names {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, k)
			b.WriteByte(':')
			b.WriteString(gjsonOf(n.Values[i]).Raw)
		}
		b.WriteByte('}')
		return gjson.Parse(b.String())
	}
	return gjson.Result{}
}

// writeJSONString writes s as a JSON string literal.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(upperHex[r>>4])
			b.WriteByte(upperHex[r&0xf])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// # Filters
//
// Jayway 2.0.0's filter language is a string split, not a grammar, and this section follows
// its steps (PathCompiler.findFilterBounds, Filter.parse, Criteria.parse/create/safeCompare):
//
//   - The condition inside [?( )] is cut at every "&&" and "||", wherever they are. Each
//     piece loses the '(' '[' '?' and spaces at its start and the ')' and spaces at its end,
//     so parentheses are accepted but do not group: the pieces are combined right to left
//     (the last condition first), && binding the nearest || operand (OrFilter.and).
//   - A piece is a path alone (existence: the value is there and not null; "!@.a"
//     negates it), or two operands around the first of == >= <= != < > =~ found in it.
//   - An operand is an @ or $ path (definite only), a 'quoted string' (no escapes), a
//     /regex/ or /regex/i (Java syntax, =~ only), or a bare word, which Jayway keeps as a
//     Java String: true, false, null and numbers are accepted here.
//   - Comparisons are Criteria.safeCompare(right, left): a JSON null or the string "null"
//     (so also the bare word null) sorts before everything; two strings compare as Java
//     strings; two numbers, or a string on the right and a number on the left, as
//     BigDecimals (so '1.0' == 1, and a string that is not a number makes Jayway throw
//     NumberFormatException); a string on the right and a boolean on the left as
//     Boolean.valueOf(string); two booleans as booleans; anything else (a number on the
//     right and a string on the left, objects, arrays) does not match. <, <=, >, >= never
//     match when exactly one side is a JSON null. A path that selects nothing never
//     matches (not even !=).
//   - $ paths compare against the document, but an existence check evaluates even a $
//     path against the current item, as Jayway does.
//
// Rejected with an error naming the column: pieces or literals Jayway would cut or read
// in a surprising way ("&&" or "||" or an operator inside a string or regex, a quote,
// backslash or bracket inside a string, "!" before a compared path, a bare word that is
// not true/false/null/a number, a regex compared with anything but =~), an unbalanced
// filter, and indefinite paths in conditions (Jayway rejects those too). =~ matches the
// whole of the value's Java toString (Pattern.matches): a number as Java prints it, an
// object as LinkedHashMap's {k=v, ...}, an array as json-smart's compact JSON.

// filterNode is a compiled filter: Jayway's Criteria, AndFilter or OrFilter.
type filterNode interface {
	apply(e *pathEval, item JSONNode, loc string) (bool, error)
}

// filterAnd is Jayway's AndFilter: its predicates in order, stopping at the first false.
type filterAnd []filterNode

func (f filterAnd) apply(e *pathEval, item JSONNode, loc string) (bool, error) {
	for _, p := range f {
		ok, err := p.apply(e, item, loc)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// filterOr is Jayway's OrFilter.
type filterOr struct{ left, right filterNode }

func (f *filterOr) apply(e *pathEval, item JSONNode, loc string) (bool, error) {
	ok, err := f.left.apply(e, item, loc)
	if err != nil || ok {
		return ok, err
	}
	return f.right.apply(e, item, loc)
}

type operandKind int

const (
	operandPath    operandKind = iota // @... or $...
	operandString                     // a quoted string or a bare word: a Java String
	operandPattern                    // /regex/ or /regex/i
)

type filterOperand struct {
	kind operandKind
	path *JSONPath
	root bool   // a $ path
	text string // operandString: the string
	re   *SelectionPattern
}

// criterion is Jayway's Criteria as Criteria.create builds it from one piece.
type criterion struct {
	op          string // "" for an existence check
	wantExists  bool   // existence check: false for !@...
	left, right filterOperand
}

// jayOperators is Criteria.OPERATORS: the first found (by indexOf) in a piece is its operator.
var jayOperators = []string{"==", ">=", "<=", "!=", "<", ">", "=~"}

// filter parses the filter c.path[i:end+1], which starts "[" spaces "?", as Jayway's
// PathComponentAnalyzer.analyzeCriteriaSequence4 and Filter.parse do.
func (c *pathCompiler) filter(i, end int) (pathStep, error) {
	p := c.path
	// findFilterBounds: the first ']' outside quotes once the parentheses are closed.
	parens, inQuote, stop := 0, false, -1
	for k := i; k <= end && stop < 0; k++ {
		switch p[k] {
		case '(':
			if !inQuote {
				parens++
			}
		case ')':
			if !inQuote {
				parens--
			}
		case ']':
			if !inQuote && parens == 0 {
				stop = k
			}
		case '\'':
			if p[k-1] != '\\' {
				inQuote = !inQuote
			}
		}
	}
	if stop != end {
		return pathStep{}, c.errAt(i, "unbalanced filter: want [?(condition)] with its parentheses and quotes closed, and no bracket inside a quoted string")
	}
	lo, hi := c.trimRange(i+1, end)
	lo++ // the '?'
	lo, hi = c.trimRange(lo, hi)
	if lo >= hi || p[lo] != '(' || p[hi-1] != ')' {
		return pathStep{}, c.errAt(lo, "a filter is written [?(condition)]")
	}
	lo, hi = c.trimRange(lo+1, hi-1)
	// Filter.parse: cut at every && and ||.
	type piece struct{ lo, hi int }
	var pieces []piece
	var ops []string
	start := lo
	for k := lo; k+1 < hi; k++ {
		two := string(p[k : k+2])
		if two != "&&" && two != "||" {
			continue
		}
		if k+2 < hi && p[k+2] == p[k] {
			return pathStep{}, c.errAt(k, "%q is not an operator", string(p[k:k+3]))
		}
		pieces = append(pieces, piece{start, k})
		ops = append(ops, two)
		start = k + 2
		k++
	}
	pieces = append(pieces, piece{start, hi})
	crits := make([]filterNode, len(pieces))
	for n, pc := range pieces {
		quotes := 0
		for k := pc.lo; k < pc.hi; k++ {
			if p[k] == '\'' {
				quotes++
			}
		}
		if quotes%2 != 0 {
			return pathStep{}, c.errAt(pc.lo, "unbalanced quotes in a filter condition (Jayway 2.0.0 has no escapes, and cuts the filter at every && and ||, even inside a string)")
		}
		crit, err := c.criterion(pc.lo, pc.hi)
		if err != nil {
			return pathStep{}, err
		}
		crits[n] = crit
	}
	// Filter.parse's stacks: the last condition first, then each operator from the right.
	root := crits[len(crits)-1]
	for k := len(ops) - 1; k >= 0; k-- {
		next := crits[k]
		if ops[k] == "||" {
			root = &filterOr{root, next}
			continue
		}
		switch r := root.(type) {
		case filterAnd:
			root = append(append(filterAnd{}, r...), next)
		case *filterOr:
			root = &filterOr{r.left, filterAnd{r.right, next}}
		default:
			root = filterAnd{root, next}
		}
	}
	return pathStep{kind: stepFilter, filter: root}, nil
}

// trimRange is Java's trim on c.path[lo:hi].
func (c *pathCompiler) trimRange(lo, hi int) (int, int) {
	for lo < hi && c.path[lo] <= ' ' {
		lo++
	}
	for hi > lo && c.path[hi-1] <= ' ' {
		hi--
	}
	return lo, hi
}

// criterion parses one piece c.path[lo:hi] of a filter as Filter.cleanCriteria,
// Criteria.parse and Criteria.create do.
func (c *pathCompiler) criterion(lo, hi int) (*criterion, error) {
	p := c.path
	lo, hi = c.trimRange(lo, hi)
	at := lo
	for lo < hi && (p[lo] == '[' || p[lo] == '?' || p[lo] == '(' || p[lo] == ' ') {
		lo++
	}
	for hi > lo && (p[hi-1] == ')' || p[hi-1] == ' ') {
		hi--
	}
	if lo >= hi {
		return nil, c.errAt(at, "empty condition in a filter")
	}
	text := string(p[lo:hi])
	op, opAt := "", -1
	for _, o := range jayOperators {
		if k := strings.Index(text, o); k >= 0 {
			op, opAt = o, utf8.RuneCountInString(text[:k])
			break
		}
	}
	if op == "" {
		l, r := c.trimRange(lo, hi)
		// Criteria.isPath: "$...", "@..." or "!@..." ("!$..." is not a path).
		neg := p[l] == '!' && l+1 < r && p[l+1] == '@'
		if neg {
			l++
		}
		if p[l] != '@' && p[l] != '$' {
			return nil, c.errAt(l, "a filter condition is a path (@.name) or a comparison (== != < <= > >= =~)")
		}
		left, err := c.operand(l, r)
		if err != nil {
			return nil, err
		}
		return &criterion{wantExists: !neg, left: left}, nil
	}
	ll, lr := c.trimRange(lo, lo+opAt)
	rl, rr := c.trimRange(lo+opAt+utf8.RuneCountInString(op), hi)
	if ll == lr {
		return nil, c.errAt(lo+opAt, "no operand before %s", op)
	}
	if rl == rr {
		return nil, c.errAt(lo+opAt, "no operand after %s", op)
	}
	if p[ll] == '!' || p[rl] == '!' {
		at := ll
		if p[rl] == '!' {
			at = rl
		}
		return nil, c.errAt(at, "'!' only negates an existence check such as [?(!@.name)]")
	}
	left, err := c.operand(ll, lr)
	if err != nil {
		return nil, err
	}
	right, err := c.operand(rl, rr)
	if err != nil {
		return nil, err
	}
	patterns := 0
	if left.kind == operandPattern {
		patterns++
	}
	if right.kind == operandPattern {
		patterns++
	}
	switch {
	case op == "=~" && patterns != 1:
		return nil, c.errAt(lo+opAt, "=~ needs a /regex/ on one side and a path or string on the other")
	case op != "=~" && patterns != 0:
		return nil, c.errAt(lo+opAt, "a /regex/ can only be used with =~")
	}
	return &criterion{op: op, left: left, right: right}, nil
}

// operand parses the trimmed operand c.path[lo:hi] as Criteria.create does.
func (c *pathCompiler) operand(lo, hi int) (filterOperand, error) {
	p := c.path
	text := string(p[lo:hi])
	switch ch := p[lo]; {
	case ch == '@' || ch == '$':
		path, err := CompileJSONPath(text)
		if err != nil {
			var pe *JSONPathError
			if errors.As(err, &pe) {
				col := lo + c.shift + 1
				if pe.Col > 0 {
					col += pe.Col - 1
				}
				return filterOperand{}, &JSONPathError{Expr: c.expr, Col: col, Msg: "in the filter path " + strconv.Quote(text) + ": " + pe.Msg}
			}
			return filterOperand{}, err
		}
		if !path.Definite() {
			return filterOperand{}, c.errAt(lo, "the filter path %s is not definite (only names and single indexes may be used)", text)
		}
		return filterOperand{kind: operandPath, path: path, root: ch == '$'}, nil
	case ch == '\'':
		if hi-lo < 2 || p[hi-1] != '\'' {
			return filterOperand{}, c.errAt(lo, "unterminated quoted string")
		}
		for k := lo + 1; k < hi-1; k++ {
			switch p[k] {
			case '\'', '\\', '[', ']':
				return filterOperand{}, c.errAt(k, "character %q not supported in a filter string (Jayway 2.0.0 has no escapes)", p[k])
			}
		}
		s := string(p[lo+1 : hi-1])
		for _, o := range jayOperators {
			if strings.Contains(s, o) {
				return filterOperand{}, c.errAt(lo, "%s inside a filter string is not supported (Jayway 2.0.0 reads it as the operator)", o)
			}
		}
		return filterOperand{kind: operandString, text: s}, nil
	case ch == '/':
		// Criteria.isPattern and compilePattern.
		last := strings.LastIndexByte(text, '/')
		ignoreCase := strings.HasSuffix(text, "/i")
		if last <= 0 || !ignoreCase && last != len(text)-1 {
			return filterOperand{}, c.errAt(lo, "a filter regex is written /regex/ or /regex/i")
		}
		src := text[1:last]
		if ignoreCase {
			src = "(?i)" + src
		}
		re, err := CompileSelectionPattern(src)
		if err != nil {
			return filterOperand{}, c.errAt(lo, "bad regex: %v", err)
		}
		return filterOperand{kind: operandPattern, re: re}, nil
	}
	if text == "true" || text == "false" || text == "null" || isJSONNumberText(text) {
		return filterOperand{kind: operandString, text: text}, nil
	}
	return filterOperand{}, c.errAt(lo, "unexpected %q in a filter: want a path, a 'string', a number, true, false or null", text)
}

// isJSONNumberText reports whether s is -?digits(.digits)?([eE][+-]?digits)?.
func isJSONNumberText(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// accept reports whether item, found at loc, passes filter f (PredicatePathToken.accept).
func (e *pathEval) accept(f filterNode, item JSONNode, loc string) (bool, error) {
	return f.apply(e, item, loc)
}

// filterValue is an operand's value as Java sees it in Criteria.safeCompare.
type filterValue struct {
	kind     byte // 'n' null, 's' String, 'd' Number, 'b' Boolean, 'o' anything else, 'p' Pattern
	s        string
	num      vtleval.Value
	b        bool
	node     JSONNode
	loc      string // where a path's value is in the document; "" for a new object
	fromPath bool
	re       *SelectionPattern
}

func (c *criterion) apply(e *pathEval, item JSONNode, loc string) (bool, error) {
	if c.op == "" {
		// Criteria.eval's existence check: REQUIRE_PROPERTIES, and the path evaluated
		// against the item even when it starts with $.
		sub := &pathEval{p: c.left.path, root: e.root, requireProps: true}
		err := sub.eval(0, "$", item)
		if errors.Is(err, ErrPathNotFound) || err == nil && len(sub.out) == 0 {
			return !c.wantExists, nil
		}
		if err != nil {
			return false, err
		}
		isNull := sub.out[0] == nil || sub.out[0].Kind() == JSONNull
		return c.wantExists != isNull, nil
	}
	left, err := e.operandValue(c.left, item, loc)
	if err == nil {
		var right filterValue
		right, err = e.operandValue(c.right, item, loc)
		if err == nil {
			// criteriaType.eval(expected = right, model = left)
			return e.compare(c.op, right, left)
		}
	}
	if errors.Is(err, ErrPathNotFound) {
		return false, nil
	}
	return false, err
}

// operandValue evaluates an operand for item, found at loc (Criteria.evaluateIfPath).
func (e *pathEval) operandValue(o filterOperand, item JSONNode, loc string) (filterValue, error) {
	switch o.kind {
	case operandString:
		return filterValue{kind: 's', s: o.text}, nil
	case operandPattern:
		return filterValue{kind: 'p', re: o.re}, nil
	}
	doc, base := item, loc
	if o.root {
		doc, base = e.root, "$"
	}
	sub := &pathEval{p: o.path, root: e.root}
	if err := sub.eval(0, "$", doc); err != nil {
		return filterValue{}, err
	}
	if len(sub.out) == 0 {
		return filterValue{}, sub.notFound("No results for path: " + o.path.canonical())
	}
	v := nodeFilterValue(sub.out[0])
	v.fromPath = true
	if l := sub.locs[0]; l != "" {
		v.loc = base + l[1:]
	}
	return v, nil
}

func nodeFilterValue(n JSONNode) filterValue {
	v := filterValue{kind: 'o', node: n}
	if n == nil || n.Kind() == JSONNull {
		v.kind = 'n'
		return v
	}
	switch n := n.(type) {
	case valueNode:
		switch x := n.v.(type) {
		case string:
			v.kind, v.s = 's', x
		case int32, int64, *big.Int, float64, float32, *vtleval.BigDecimal:
			v.kind, v.num = 'd', x
		case bool:
			v.kind, v.b = 'b', x
		}
	case *GJSONNode:
		switch n.Result.Type {
		case gjson.String:
			v.kind, v.s = 's', n.Result.String()
		case gjson.Number:
			v.kind, v.num = 'd', numberValue(n.Result.Raw)
		case gjson.True, gjson.False:
			v.kind, v.b = 'b', n.Result.Type == gjson.True
		}
	}
	return v
}

// sameObject is Java's == on two operands' values: both read from the document at the
// same place (or, for the engine's values, the same map or list).
func sameObject(a, b filterValue) bool {
	if !a.fromPath || !b.fromPath {
		return false
	}
	if x, ok := a.node.(valueNode); ok {
		if y, ok := b.node.(valueNode); ok {
			switch xv := x.v.(type) {
			case *vtleval.Map:
				if yv, ok := y.v.(*vtleval.Map); ok && xv == yv {
					return true
				}
			case *vtleval.List:
				if yv, ok := y.v.(*vtleval.List); ok && xv == yv {
					return true
				}
			}
		}
	}
	return a.loc != "" && a.loc == b.loc
}

func isNullish(v filterValue) bool { return v.kind == 'n' || v.kind == 's' && v.s == "null" }

// compare is CriteriaType.eval(expected, model) for the comparison operators and =~.
func (e *pathEval) compare(op string, expected, model filterValue) (bool, error) {
	if op == "=~" {
		pattern, target := expected, model
		if model.kind == 'p' {
			pattern, target = model, expected
		}
		var s string
		switch target.kind {
		case 'n':
			return false, nil
		case 's':
			s = target.s
		case 'd':
			s = vtleval.ToString(target.num)
		case 'b':
			s = strconv.FormatBool(target.b)
		default:
			// Object.toString of the map or list json-smart built.
			var err error
			if s, err = javaObjectString(target.node); err != nil {
				return false, &JSONPathError{Expr: e.p.expr, Msg: "=~: " + err.Error()}
			}
		}
		ok, err := pattern.re.Matches(s)
		if err != nil {
			return false, &JSONPathError{Expr: e.p.expr, Msg: "regex: " + err.Error()}
		}
		return ok, nil
	}
	switch op {
	case ">", ">=", "<", "<=":
		if (expected.kind == 'n') != (model.kind == 'n') {
			return false, nil
		}
	}
	cmp, ok, err := e.safeCompare(expected, model)
	if err != nil || !ok {
		return false, err
	}
	switch op {
	case "==":
		return cmp == 0, nil
	case "!=":
		return cmp != 0, nil
	case ">":
		return cmp < 0, nil
	case ">=":
		return cmp <= 0, nil
	case "<":
		return cmp > 0, nil
	}
	return cmp >= 0, nil // "<="
}

// safeCompare is Criteria.safeCompare(left, right); ok is false where Jayway throws
// ValueCompareException (no match).
func (e *pathEval) safeCompare(left, right filterValue) (cmp int, ok bool, err error) {
	if sameObject(left, right) || left.kind == 'n' && right.kind == 'n' {
		return 0, true, nil
	}
	ln, rn := isNullish(left), isNullish(right)
	switch {
	case ln && !rn:
		return -1, true, nil
	case !ln && rn:
		return 1, true, nil
	case ln && rn:
		return 0, true, nil
	case left.kind == 's' && right.kind == 's':
		s := left.s
		if strings.Contains(s, "'") {
			s = strings.ReplaceAll(s, `\'`, "'")
		}
		return compareUTF16(s, right.s), true, nil
	case left.kind == 's' && right.kind == 'd', left.kind == 'd' && right.kind == 'd':
		ls := left.s
		if left.kind == 'd' {
			ls = vtleval.ToString(left.num)
		}
		l, err := e.bigDecimal(ls)
		if err != nil {
			return 0, false, err
		}
		r, err := e.bigDecimal(vtleval.ToString(right.num))
		if err != nil {
			return 0, false, err
		}
		return l.Cmp(r), true, nil
	case left.kind == 's' && right.kind == 'b', left.kind == 'b' && right.kind == 'b':
		l := left.b
		if left.kind == 's' {
			l = strings.EqualFold(left.s, "true") // Boolean.valueOf
		}
		switch {
		case l == right.b:
			return 0, true, nil
		case l:
			return 1, true, nil
		}
		return -1, true, nil
	}
	return 0, false, nil
}

// bigDecimal is new BigDecimal(s), whose NumberFormatException Jayway does not catch.
func (e *pathEval) bigDecimal(s string) (*big.Rat, error) {
	bad := func() (*big.Rat, error) {
		return nil, &JSONPathError{Expr: e.p.expr, Msg: fmt.Sprintf("NumberFormatException: a filter compares a number with %q, which is not a number", s)}
	}
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	mant := ""
	intStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	mant = s[intStart:i]
	frac := 0
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		frac = i - fs
		mant += s[fs:i]
	}
	if mant == "" {
		return bad()
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		es := s[i+1:]
		if es != "" && (es[0] == '+' || es[0] == '-') {
			es = es[1:]
		}
		if es == "" || strings.Trim(es, "0123456789") != "" {
			return bad()
		}
		n, err := strconv.ParseInt(strings.TrimPrefix(s[i+1:], "+"), 10, 32)
		if err != nil {
			return bad()
		}
		exp, i = n, len(s)
	}
	if i != len(s) {
		return bad()
	}
	scale := exp - int64(frac)
	if scale > 10000 || scale < -10000 {
		return nil, &JSONPathError{Expr: e.p.expr, Msg: fmt.Sprintf("a filter compares a number with exponent %d; not supported", scale)}
	}
	u, _ := new(big.Int).SetString(mant, 10)
	if s[0] == '-' {
		u.Neg(u)
	}
	r := new(big.Rat).SetInt(u)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(scale)), nil)
	if scale >= 0 {
		r.Mul(r, new(big.Rat).SetInt(p))
	} else {
		r.Quo(r, new(big.Rat).SetInt(p))
	}
	return r, nil
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// compareUTF16 is Java's String.compareTo: by UTF-16 code units.
func compareUTF16(a, b string) int {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(x) && i < len(y); i++ {
		if x[i] != y[i] {
			return int(x[i]) - int(y[i])
		}
	}
	return len(x) - len(y)
}

// javaObjectString is Java's toString of the map or list n stands for, as json-smart
// built it for Jayway: a LinkedHashMap's {k=v, ...} for an object, a JSONArray's compact
// JSON for an array (vtleval.ToString of the engine's values gives both).
func javaObjectString(n JSONNode) (string, error) {
	if v, ok := n.(valueNode); ok {
		return vtleval.ToString(v.v), nil
	}
	r := gjsonOf(n)
	if !r.IsObject() && !r.IsArray() {
		return "", errors.New("cannot print this value as Java would")
	}
	v, err := ParseJSON(r.Raw)
	if err != nil {
		return "", err
	}
	return vtleval.ToString(v), nil
}
