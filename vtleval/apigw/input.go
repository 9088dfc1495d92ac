package apigw

import (
	"errors"
	"sync"
	"sync/atomic"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// Input is $input (apigw.md §1): the payload of the template's phase (the
// method request body in a request template, the integration response body
// in a response template) and the method request parameters.
type Input struct {
	body   string // as the template sees it: "{}" when empty
	parsed vtleval.Value
	err    error
	done   bool
	params *vtleval.Map // path, querystring, header
	req    *Request
	arena  vtleval.Arena // for params
	// tmpl is the template being rendered (set by Render): whether it
	// reads the body's values decides how $input.json('$') prints the
	// body (see printBody).
	tmpl *vtleval.Template
	// printed is $input.json('$') when it was printed while parsing the
	// body, until $input.path hands out values a template may change.
	printed string
	// blocks holds the parsed body's values when they came from pooled
	// blocks (see Env.Release).
	blocks *vtleval.ArenaBlocks
}

// release gives back the pooled blocks of the parsed body (see
// Env.Release); $input then fails as a body that cannot be read.
func (in *Input) release() {
	if in.blocks != nil {
		in.blocks.Release()
		in.blocks = nil
	}
	in.parsed, in.printed, in.done, in.err = nil, "", true, errReleased
}

var errReleased = errors.New("apigw: $input used after Env.Release")

// NewInput makes $input for a payload and the method request's parameters.
func NewInput(payload string, req *Request) *Input {
	in := new(Input)
	in.init(payload, req)
	return in
}

func (in *Input) init(payload string, req *Request) {
	if payload == "" {
		// apigw.md §1.2 [obs] LS-BODY: an empty body is "{}" for $input.body,
		// $input.json('$') and $input.path('$'), whatever the content type.
		payload = "{}"
	}
	*in = Input{body: payload, req: req}
}

// paramsMap builds $input.params() on first use: most templates never call it.
func (in *Input) paramsMap() *vtleval.Map {
	if in.params == nil {
		a := &in.arena
		r := in.req
		a.Reserve(4, 2*(3+len(r.Path)+len(r.Query)+len(r.Header)))
		b := r.boxedParams()
		in.params = a.MapFromPairs([]vtleval.Value{
			"path", a.MapFromPairs(b.path),
			"querystring", a.MapFromPairs(b.query),
			"header", a.MapFromPairs(b.header),
		})
	}
	return in.params
}

// JavaClass implements vtleval.Object.
func (in *Input) JavaClass() string { return "com.amazonaws.apigateway.Input" }

// String is what "$input" alone prints: "" ([O] ToQoz recording, oracle README).
func (in *Input) String() string { return "" }

// GetProperty implements $input.body.
func (in *Input) GetProperty(name string) (vtleval.Value, bool) {
	if name == "body" {
		return in.body, true
	}
	return nil, false
}

// doc parses the payload once per render; later reads see changes a
// template made to objects $input.path returned (apigw.md §1.4, QIITA-MUT).
func (in *Input) doc() (vtleval.Value, error) {
	if !in.done {
		in.done = true
		in.parsed, in.blocks, in.err = parseJSON(in.body, true)
		var je *JSONError
		if errors.As(in.err, &je) {
			in.err = &PayloadError{Err: je}
		}
		if in.err == nil && in.parsed == nil {
			in.err = &JavaError{Class: "java.lang.IllegalArgumentException", Message: "json object can not be null"}
		}
	}
	return in.parsed, in.err
}

// printBody is $input.json('$') while nothing can have changed the body's
// values: from the text, which is cheaper than printing the values (ok is
// false when it has to be done from the values). A template that reads the
// values as well ($input.path...) has the body parsed here, and printed in
// the same pass; one that does not has the text printed without building
// values.
func (in *Input) printBody() (string, bool) {
	if in.printed != "" {
		return in.printed, true
	}
	if in.done {
		return "", false
	}
	if in.tmpl == nil || !readsBodyValues(in.tmpl) {
		return compactJSON(in.body)
	}
	v, text, blocks, ok := parseStrictJSONCompact(in.body)
	if !ok {
		return "", false // not strict JSON: doc, then the values
	}
	in.done, in.parsed, in.printed, in.blocks = true, v, text, blocks
	return text, true
}

// readsBodyValues reports whether t reads $input's body as values: it
// calls $input.path, or $input.json with another path than '$', or passes
// $input on. (Only for speed: either way $input.json('$') prints the same.)
func readsBodyValues(t *vtleval.Template) bool {
	return t.Memo(&readsBodyValuesKey, func(t *vtleval.Template) any {
		reads := false
		syntax.Inspect(t.File().Nodes, func(n any) bool {
			r, ok := n.(*syntax.Ref)
			if reads || !ok || r.Root != "input" {
				return !reads
			}
			switch {
			case len(r.Parts) == 0 || r.Parts[0].Kind == syntax.PartIndex:
				reads = true
			case r.Parts[0].Kind == syntax.PartMethod && r.Parts[0].Name == "path":
				reads = true
			case r.Parts[0].Kind == syntax.PartMethod && r.Parts[0].Name == "json":
				reads = !wholeBody(r.Parts[0].Args)
			}
			return !reads
		})
		return reads
	}).(bool)
}

var readsBodyValuesKey byte

// wholeBody reports whether args is the literal '$' alone.
func wholeBody(args []syntax.Expr) bool {
	if len(args) != 1 {
		return false
	}
	lit, ok := args[0].(*syntax.StringLit)
	return ok && (lit.Lit == `'$'` || lit.Lit == `"$"`)
}

// PayloadError is a payload that $input.json or $input.path cannot parse.
// In a request template API Gateway answers it with 400 "Could not process
// payload" ([obs] ToQoz's recording, peers.md §3 #8).
type PayloadError struct{ Err *JSONError }

func (e *PayloadError) Error() string { return e.Err.Error() }

func (e *PayloadError) Unwrap() error { return e.Err }

// read evaluates a JSONPath; found is false when Jayway finds nothing.
func (in *Input) read(expr string) (v vtleval.Value, found bool, err error) {
	p, err := cachedJSONPath(expr)
	if err != nil {
		return nil, false, err
	}
	doc, err := in.doc()
	if err != nil {
		return nil, false, err
	}
	if v, ok := p.readSimple(doc); ok {
		return v, true, nil
	}
	nodes, err := p.Read(valueNode{doc})
	if errors.Is(err, ErrPathNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if p.Definite() {
		return nodeValue(nodes[0]), true, nil
	}
	l := &vtleval.List{JSON: true, Items: make([]vtleval.Value, 0, len(nodes))}
	for _, n := range nodes {
		l.Items = append(l.Items, nodeValue(n))
	}
	return l, true, nil
}

// BorrowsArgs implements vtleval.ArgBorrower: CallMethod keeps nothing of
// its arguments' slice.
func (in *Input) BorrowsArgs() {}

// CallMethod implements json(path), path(path), params() and params(name).
func (in *Input) CallMethod(name string, args []vtleval.Value) (vtleval.Value, bool, error) {
	switch name {
	case "json", "path":
		if len(args) != 1 {
			return nil, false, nil
		}
		expr, ok := args[0].(string)
		if !ok {
			return nil, false, nil
		}
		if name == "json" && expr == "$" {
			if s, ok := in.printBody(); ok {
				return s, true, nil
			}
		}
		v, found, err := in.read(expr)
		if err != nil {
			return nil, true, err
		}
		if name == "path" {
			in.printed = "" // the template may change what it gets
			if !found {
				return nil, true, nil
			}
			return v, true, nil
		}
		if !found {
			// apigw.md §1.3 [obs, medium]: no match gives "" (two quotes).
			return `""`, true, nil
		}
		return vtleval.JSON(v), true, nil
	case "params":
		switch len(args) {
		case 0:
			return in.paramsMap(), true, nil
		case 1:
			if args[0] == nil {
				return "", true, nil // params(String) with null: no such parameter
			}
			key, ok := args[0].(string)
			if !ok {
				return nil, true, errWrongArgs
			}
			// path, then query string, then header; "" when absent (§1.5).
			for _, l := range []Params{in.req.Path, in.req.Query, in.req.Header} {
				if v, ok := l.Get(key); ok {
					return v, true, nil
				}
			}
			return "", true, nil
		default:
			return nil, true, errWrongArgs
		}
	case "getBody":
		if len(args) == 0 {
			return in.body, true, nil
		}
		return nil, true, errWrongArgs
	}
	return nil, false, nil
}

// errWrongArgs is what Velocity 1.7 does when a call matches none of a
// method's overloads but the class has a no-argument one of that name:
// its MethodMap deems a no-argument method applicable to any arguments and
// invokes it ($input.params(1), $input.params('a', 'b'), $input.getBody(1);
// the same as $s.trim(1) on a String). Found by tools/difftest -mode apigw
// against tools/java/apigw17.
var errWrongArgs = &JavaError{Class: "java.lang.IllegalArgumentException", Message: "wrong number of arguments"}

// pathCache holds compiled JSONPaths: templates call $input.path with the
// same few literals on every render. A compiled path is immutable.
var (
	pathCache     sync.Map // string -> *JSONPath
	pathCacheSize atomic.Int64
)

func cachedJSONPath(expr string) (*JSONPath, error) {
	if p, ok := pathCache.Load(expr); ok {
		return p.(*JSONPath), nil
	}
	p, err := CompileJSONPath(expr)
	if err == nil && pathCacheSize.Add(1) <= 10000 {
		pathCache.Store(expr, p)
	}
	return p, err
}

// Util is $util (apigw.md §2).
type Util struct{}

// JavaClass implements vtleval.Object.
func (Util) JavaClass() string { return "com.amazonaws.apigateway.Util" }

// String is what "$util" alone prints: "".
func (Util) String() string { return "" }

// BorrowsArgs implements vtleval.ArgBorrower: CallMethod keeps nothing of
// its arguments' slice.
func (Util) BorrowsArgs() {}

// CallMethod implements the $util functions. A null argument gives null
// (rendered ""); other values are converted with String.valueOf.
func (Util) CallMethod(name string, args []vtleval.Value) (vtleval.Value, bool, error) {
	if len(args) != 1 {
		return nil, false, nil
	}
	switch name {
	case "escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode", "parseJson":
	default:
		return nil, false, nil
	}
	if args[0] == nil {
		return nil, true, nil
	}
	s := vtleval.ToString(args[0])
	switch name {
	case "escapeJavaScript":
		r := EscapeJavaScript(s)
		if sameString(args[0], r) {
			// nothing escaped: the argument's Value, not a new one
			return args[0], true, nil
		}
		return r, true, nil
	case "urlEncode":
		return URLEncode(s), true, nil
	case "urlDecode":
		r, err := URLDecode(s)
		return r, true, err
	case "base64Encode":
		return Base64Encode(s), true, nil
	case "base64Decode":
		r, err := Base64Decode(s)
		return r, true, err
	case "parseJson":
		v, err := ParseJSON(s)
		return v, true, err
	}
	return nil, false, nil
}
