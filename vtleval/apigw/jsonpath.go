package apigw

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
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
//
// As in Jayway, a path not starting with '$' gets "$." in front (so the mapping form
// "a.b" is "$.a.b"), '@' at the start means '$', surrounding white space is ignored, and a
// space elsewhere is an error. Filters ([?(...)]) and functions are not supported: they are
// rejected with an error naming the column, as is every spelling Jayway 2.0.0 would read in
// a surprising way (double-quoted names, a name holding a quote or bracket, "[1 0]",
// "[٣]", "[+1]", a name directly after ']').
//
// # Results
//
// [JSONPath.Read] returns what Jayway's JsonPath.read returns, with the same errors:
// a definite path (only names and single indexes) yields exactly one value; an indefinite one
// yields the list of matches, possibly empty. Jayway's PathNotFoundException is
// [ErrPathNotFound]; it is raised in Jayway's places, which include some indefinite paths
// (an index out of range anywhere, a missing leaf under '*' applied to an object,
// "$..b.c" when some b is not an object). Its InvalidPathException at evaluation time
// (an index applied to an object or a string) is a *[JSONPathError].

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
)

type pathStep struct {
	kind  stepKind
	names []string
	ints  []int
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
	p := &JSONPath{expr: expr, steps: steps, definite: true}
	for _, s := range steps {
		if !s.definite() {
			p.definite = false
		}
	}
	return p, nil
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
	case ch == '?' || ch == '(' && k+1 < len(body) && body[k+1] == '?':
		return pathStep{}, 0, c.errAt(i+1+k, "filter expressions [?(...)] are not supported")
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
	e := &pathEval{p: p}
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
	p   *JSONPath
	out []JSONNode
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
		if e.scanMatches(s, model) {
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
		if e.scanMatches(s, model) {
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

// scanMatches is the predicate Jayway's scan uses to decide where step s applies.
func (e *pathEval) scanMatches(s pathStep, model JSONNode) bool {
	switch s.kind {
	case stepProperty:
		if model.Kind() != JSONObject {
			return false
		}
		for _, k := range s.names {
			if _, ok := model.Get(k); !ok {
				return false
			}
		}
		return true
	case stepWildcard:
		return true
	case stepScan:
		return false
	}
	return model.Kind() == JSONArray
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
