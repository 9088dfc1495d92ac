package apigw

import (
	"fmt"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// KV is one request parameter.
type KV struct{ Name, Value string }

// Params are request parameters in the order the request gives them.
type Params []KV

// Get returns the value of the last parameter named name (exact case:
// apigw.md §1.5, "processed in a case-sensitive way").
func (ps Params) Get(name string) (string, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Name == name {
			return ps[i].Value, true
		}
	}
	return "", false
}

// Set replaces or appends a parameter.
func (ps *Params) Set(name, value string) {
	for i := range *ps {
		if (*ps)[i].Name == name {
			(*ps)[i].Value = value
			return
		}
	}
	*ps = append(*ps, KV{name, value})
}

func (ps Params) toMap() *vtleval.Map { return vtleval.NewMapFromPairs(ps.pairs()) }

// javaMapString prints params as a Java map, as API Gateway's logs do.
func (ps Params) javaMapString() string {
	var sb strings.Builder
	sb.WriteByte('{')
	for i, kv := range ps {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(kv.Name + "=" + kv.Value)
	}
	sb.WriteByte('}')
	return sb.String()
}

// Request is the method request a client sends.
type Request struct {
	Method         string // GET when empty
	ResourcePath   string // the resource template, e.g. /{hoge}; derived from Path when empty
	Path           Params // path parameters
	Query          Params // query string parameters
	Header         Params // headers
	Body           string
	StageVariables Params
	// Context holds $context values that replace the defaults (a JSON
	// object; nested objects merge into the default maps).
	Context *vtleval.Map

	boxed atomic.Value // *boxedParams (an atomic.Value, which a copy of the request may share)
	ctx   atomic.Value // *ctxProto, likewise
}

// boxedParams holds a request's parameters and stage variables as engine
// values (name, value, name, …), which $input.params() and
// $stageVariables copy into each render's maps: boxing every string anew
// for every render would be most of their cost. It is used only while the
// request's parameters are still the very strings it was made of.
type boxedParams struct {
	path, query, header, stage []vtleval.Value
}

// boxedParams returns the boxed parameters of r, making them if r has none
// or changed since.
func (r *Request) boxedParams() *boxedParams {
	if b, _ := r.boxed.Load().(*boxedParams); b != nil && sameStrings(b.path, r.Path) && sameStrings(b.query, r.Query) &&
		sameStrings(b.header, r.Header) && sameStrings(b.stage, r.StageVariables) {
		return b
	}
	b := &boxedParams{path: r.Path.pairs(), query: r.Query.pairs(), header: r.Header.pairs(), stage: r.StageVariables.pairs()}
	r.boxed.Store(b)
	return b
}

// pairs returns the parameters as name, value, name, ….
func (ps Params) pairs() []vtleval.Value {
	kv := make([]vtleval.Value, 0, 2*len(ps))
	for _, p := range ps {
		kv = append(kv, p.Name, p.Value)
	}
	return kv
}

// sameStrings reports whether kv was made of the strings of ps, the same
// bytes in memory (a cheap test that never mistakes changed parameters
// for the old ones).
func sameStrings(kv []vtleval.Value, ps Params) bool {
	if len(kv) != 2*len(ps) {
		return false
	}
	for i, p := range ps {
		if !sameString(kv[2*i], p.Name) || !sameString(kv[2*i+1], p.Value) {
			return false
		}
	}
	return true
}

func sameString(v vtleval.Value, s string) bool {
	vs, ok := v.(string)
	return ok && len(vs) == len(s) && unsafe.StringData(vs) == unsafe.StringData(s)
}

// contentType returns the request's Content-Type header (case-insensitive).
func (r *Request) header(name string) (string, bool) {
	for i := len(r.Header) - 1; i >= 0; i-- {
		if strings.EqualFold(r.Header[i].Name, name) {
			return r.Header[i].Value, true
		}
	}
	return "", false
}

// RequestFromJSON decodes the request JSON the CLI takes:
// {"method", "body", "path", "querystring", "header", "stageVariables",
// "context", "resourcePath"}; every key optional.
func RequestFromJSON(data []byte) (*Request, error) {
	r := &Request{}
	if len(strings.TrimSpace(string(data))) == 0 {
		return r, nil
	}
	v, err := vtleval.DecodeJSON(data)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*vtleval.Map)
	if !ok {
		return nil, fmt.Errorf("the request must be a JSON object")
	}
	return RequestFromMap(m)
}

// RequestFromMap is RequestFromJSON on a decoded object.
func RequestFromMap(m *vtleval.Map) (*Request, error) {
	r := &Request{}
	var err error
	given := map[string]string{} // the key each alias group was given under
	m.Entries(func(k, v vtleval.Value) {
		if err != nil {
			return
		}
		key := vtleval.ToString(k)
		if g, ok := requestAliases[key]; ok {
			if prev, dup := given[g]; dup && prev != key {
				err = fmt.Errorf("request has both %q and %q; give one", prev, key)
				return
			}
			given[g] = key
		}
		switch key {
		case "method", "httpMethod":
			r.Method, err = str(key, v)
		case "resourcePath":
			r.ResourcePath, err = str(key, v)
		case "body":
			switch b := v.(type) {
			case string:
				r.Body = b
			case nil:
			default:
				r.Body = vtleval.JSON(b)
			}
		case "path":
			r.Path, err = params(key, v)
		case "querystring", "query":
			r.Query, err = params(key, v)
		case "header", "headers":
			r.Header, err = params(key, v)
		case "stageVariables":
			r.StageVariables, err = params(key, v)
		case "context":
			if v == nil {
				return
			}
			cm, ok := v.(*vtleval.Map)
			if !ok {
				err = fmt.Errorf("request.context must be an object")
				return
			}
			r.Context = cm
		default:
			err = fmt.Errorf("unknown request key %q (want method, body, path, querystring, header, stageVariables, context, resourcePath)", key)
		}
	})
	return r, err
}

// requestAliases groups the request keys that name the same thing: giving
// two of a group would let one silently replace the other.
var requestAliases = map[string]string{
	"method": "method", "httpMethod": "method",
	"querystring": "querystring", "query": "querystring",
	"header": "header", "headers": "header",
}

func str(key string, v vtleval.Value) (string, error) {
	s, ok := v.(string)
	if !ok && v != nil {
		return "", fmt.Errorf("request.%s must be a string", key)
	}
	return s, nil
}

func params(key string, v vtleval.Value) (Params, error) {
	if v == nil {
		return nil, nil
	}
	m, ok := v.(*vtleval.Map)
	if !ok {
		return nil, fmt.Errorf("request.%s must be an object of strings", key)
	}
	var ps Params
	m.Entries(func(k, val vtleval.Value) {
		// parameters are strings on API Gateway; numbers given in JSON are
		// taken as their text.
		ps = append(ps, KV{vtleval.ToString(k), vtleval.ToString(val)})
	})
	return ps, nil
}
