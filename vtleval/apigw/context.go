package apigw

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// Default $context values (apigw.md §3.1). They are fixed so that cases are
// reproducible; a case overrides any of them.
const (
	DefaultAccountID         = "123456789012"
	DefaultAPIID             = "abcd123456"
	DefaultStage             = "test"
	DefaultRequestID         = "c0ffee00-0000-4000-8000-000000000001"
	DefaultExtendedRequestID = "VtLcHeCkIdA="
	DefaultRequestTime       = "25/Nov/2026:12:00:00 +0000"
	DefaultRequestTimeEpoch  = int64(1795608000000)
	DefaultSourceIP          = "203.0.113.10"
	DefaultUserAgent         = "vtlcheck"
	DefaultResourceID        = "abc123"
	DefaultDeploymentID      = "dpl001"
)

// ctxMapIn is a $context map: a java.util.HashMap (iteration in hash
// order) whose toString() is "" ([O] LS-CTX, oracle calibration), made by
// a of the pairs kv (key, value, …).
func ctxMapIn(a *vtleval.Arena, kv ...vtleval.Value) *vtleval.Map { return ctxMapRoom(a, 0, kv...) }

// ctxMapRoom is ctxMapIn with room for room more entries (see merge).
func ctxMapRoom(a *vtleval.Arena, room int, kv ...vtleval.Value) *vtleval.Map {
	m := a.MapWithRoom(kv, room)
	m.Hash = true
	m.Blank = true
	return m
}

// identityDefaults are $context.identity's keys, in the order AWS showed
// them, with their values when not set.
var identityDefaults = []vtleval.Value{
	"cognitoIdentityPoolId", "", "accountId", "", "cognitoIdentityId", "", "caller", "",
	"sourceIp", DefaultSourceIP, "principalOrgId", "", "accessKey", "", "cognitoAuthenticationType", "",
	"cognitoAuthenticationProvider", "", "userArn", "", "userAgent", DefaultUserAgent, "user", "",
}

// NewContext builds $context for a request (apigw.md §3.1). The key set is
// the one AWS showed for a request without authorizer; identity fields that
// are not set are "".
//
// It is a copy of the request's prototype (see contextProto): copying the
// maps costs a fraction of building them.
func NewContext(r *Request) *vtleval.Map {
	p := r.contextProto()
	a := new(vtleval.Arena)
	a.Reserve(p.maps, p.values)
	return a.CloneTree(p.m)
}

// ctxProto is the $context buildContext made for a request, with what it
// made it of: the request's fields it read, as they were.
type ctxProto struct {
	m             *vtleval.Map // never handed out: renders get copies
	maps, values  int          // what a copy takes from an arena
	method, rpath string
	userAgent     string
	hasUA         bool
	path          Params
	override      *vtleval.Map
	snap          []vtleval.Value // override's entries (see appendOverride)
}

// contextProto returns the prototype of r's $context, building it when r
// has none or changed since (a request's fields may be changed between
// renders, its context override in place).
func (r *Request) contextProto() *ctxProto {
	ua, hasUA := r.header("User-Agent")
	if p, _ := r.ctx.Load().(*ctxProto); p != nil && p.madeOf(r, ua, hasUA) {
		return p
	}
	p := &ctxProto{
		m:      buildContext(r, ua, hasUA),
		method: r.Method, rpath: r.ResourcePath, userAgent: ua, hasUA: hasUA,
		path: slices.Clone(r.Path), override: r.Context,
	}
	if r.Context != nil {
		p.snap = appendOverride(nil, r.Context)
	}
	p.maps, p.values = vtleval.TreeSize(p.m)
	r.ctx.Store(p)
	return p
}

// madeOf reports whether p was built from what r holds now.
func (p *ctxProto) madeOf(r *Request, ua string, hasUA bool) bool {
	if r.Method != p.method || r.ResourcePath != p.rpath || ua != p.userAgent || hasUA != p.hasUA ||
		!slices.Equal(r.Path, p.path) || r.Context != p.override {
		return false
	}
	if r.Context == nil {
		return true
	}
	rest, ok := sameOverride(p.snap, r.Context)
	return ok && len(rest) == 0
}

// appendOverride appends to snap what sameOverride compares of a context
// override m: its size, then its entries, each map's entries after it.
func appendOverride(snap []vtleval.Value, m *vtleval.Map) []vtleval.Value {
	snap = append(snap, m.Len())
	m.Entries(func(k, v vtleval.Value) {
		snap = append(snap, k, v)
		if sm, ok := v.(*vtleval.Map); ok {
			snap = appendOverride(snap, sm)
		}
	})
	return snap
}

// sameOverride reports whether m holds what appendOverride recorded at the
// start of snap, and returns the rest of snap.
func sameOverride(snap []vtleval.Value, m *vtleval.Map) ([]vtleval.Value, bool) {
	if len(snap) == 0 || snap[0] != vtleval.Value(m.Len()) {
		return nil, false
	}
	snap = snap[1:]
	ok := true
	m.Entries(func(k, v vtleval.Value) {
		if !ok {
			return
		}
		if len(snap) < 2 || !sameValue(snap[0], k) || !sameValue(snap[1], v) {
			ok = false
			return
		}
		snap = snap[2:]
		if sm, isMap := v.(*vtleval.Map); isMap {
			snap, ok = sameOverride(snap, sm)
		}
	})
	return snap, ok
}

// sameValue reports whether a and b are equal strings, booleans, nulls,
// Integers, Longs or Doubles (NaN is not), or the same map or list; false
// for other kinds, which then always rebuild the prototype (a number
// object buildContext turned into text could have changed in place).
func sameValue(a, b vtleval.Value) bool {
	switch a.(type) {
	case nil, string, bool, int32, int64, float64, *vtleval.Map, *vtleval.List:
		return a == b
	}
	return false
}

// buildContext builds $context for NewContext, with the request's
// User-Agent header.
func buildContext(r *Request, ua string, hasUA bool) *vtleval.Map {
	method := r.Method
	if method == "" {
		method = "GET"
	}
	// the 8 maps of the defaults in two allocations: identity, the 18
	// keys of $context, 3 of requestOverride, 1 of responseOverride; and
	// room for what the overrides may add, so that merge's Puts do not
	// reallocate
	var maps, entries, room, idRoom int
	stage := DefaultStage
	if r.Context != nil {
		maps, entries = overrideSize(r.Context)
		room = r.Context.Len()
		if v, ok := r.Context.GetString("identity"); ok {
			if m, ok := v.(*vtleval.Map); ok {
				idRoom = m.Len()
			}
		}
		// $context.path includes the stage ([obs] LS-CTX: /testing/sqs),
		// so an overridden stage shows in it (unless the path is
		// overridden too, which merge then puts)
		if st, ok := r.Context.Get("stage"); ok {
			stage = vtleval.ToString(st)
		}
	}
	a := new(vtleval.Arena)
	a.Reserve(8+maps, 2*(len(identityDefaults)/2+18+3+1+entries))
	id := ctxMapRoom(a, idRoom, identityDefaults...)
	if hasUA {
		id.Put("userAgent", ua)
	}
	rp := r.resourcePath()
	c := ctxMapRoom(a, room,
		"resourceId", DefaultResourceID,
		"resourcePath", rp,
		"httpMethod", method,
		"extendedRequestId", DefaultExtendedRequestID,
		"requestTime", DefaultRequestTime,
		"path", r.stagePath(stage, rp),
		"accountId", DefaultAccountID,
		"protocol", "HTTP/1.1",
		"requestOverride", ctxMapIn(a, "path", ctxMapIn(a), "header", ctxMapIn(a), "querystring", ctxMapIn(a)),
		"stage", DefaultStage,
		"domainPrefix", DefaultAPIID,
		"requestTimeEpoch", DefaultRequestTimeEpoch,
		"requestId", DefaultRequestID,
		"identity", id,
		"domainName", DefaultAPIID+".execute-api.us-east-1.amazonaws.com",
		"deploymentId", DefaultDeploymentID,
		"responseOverride", ctxMapIn(a, "header", ctxMapIn(a)),
		"apiId", DefaultAPIID,
	)
	if r.Context != nil {
		merge(a, c, r.Context, true, false)
	}
	return c
}

// overrideSize counts the maps of a context override and their entries.
func overrideSize(m *vtleval.Map) (maps, entries int) {
	maps, entries = 1, m.Len()
	m.Entries(func(_, v vtleval.Value) {
		if sm, ok := v.(*vtleval.Map); ok {
			n, e := overrideSize(sm)
			maps, entries = maps+n, entries+e
		}
	})
	return maps, entries
}

// merge copies overrides into a context map. $context.authorizer values are
// stringified (apigw.md §3.1: "`1` → `"1"`"); lists keep their elements, and
// objects (authorizer.claims) keep their structure with string values.
// The maps it adds are made by a, with room for their entries.
func merge(a *vtleval.Arena, dst, src *vtleval.Map, top, inAuthorizer bool) {
	src.Entries(func(k, v vtleval.Value) {
		key, ok := k.(string) // always, for a context read from JSON
		if !ok {
			key = vtleval.ToString(k)
			k = key
		}
		if sm, ok := v.(*vtleval.Map); ok {
			cur, _ := dst.GetString(key)
			dm, ok := cur.(*vtleval.Map)
			if !ok {
				dm = ctxMapRoom(a, sm.Len())
				dst.Put(k, dm)
			}
			merge(a, dm, sm, false, inAuthorizer || top && key == "authorizer")
			return
		}
		if inAuthorizer && v != nil {
			if _, isList := v.(*vtleval.List); !isList {
				v = vtleval.ToString(v)
			}
		}
		dst.Put(k, v)
	})
}
func (r *Request) resourcePath() string {
	if r.ResourcePath != "" {
		return r.ResourcePath
	}
	if len(r.Path) == 0 {
		return "/"
	}
	n := 0
	for _, kv := range r.Path {
		n += len(kv.Name) + 3
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, kv := range r.Path {
		sb.WriteString("/{")
		sb.WriteString(kv.Name)
		sb.WriteByte('}')
	}
	return sb.String()
}

// fillPath fills the resource template rp with the path parameters.
func (r *Request) fillPath(rp string) string {
	p := rp
	for _, kv := range r.Path {
		if !strings.Contains(p, "{"+kv.Name) {
			continue
		}
		p = strings.ReplaceAll(p, "{"+kv.Name+"+}", kv.Value)
		p = strings.ReplaceAll(p, "{"+kv.Name+"}", kv.Value)
	}
	return p
}

// stagePath is $context.path: the stage, then the filled resource
// template rp.
func (r *Request) stagePath(stage, rp string) string {
	return "/" + stage + r.fillPath(rp)
}

// Overrides are what a template set in $context.requestOverride and
// $context.responseOverride (apigw.md §6.5–6.6), read after rendering.
type Overrides struct {
	Status          int  // responseOverride.status, 0 when unset or invalid
	StatusSet       bool // set, even if invalid
	ResponseHeaders Params
	RequestHeaders  Params
	RequestPath     Params
	RequestQuery    Params
}

// ReadOverrides extracts the override maps from a context.
func ReadOverrides(c *vtleval.Map) Overrides {
	var o Overrides
	sub := func(m *vtleval.Map, k string) *vtleval.Map {
		if m == nil {
			return nil
		}
		v, _ := m.Get(k)
		r, _ := v.(*vtleval.Map)
		return r
	}
	list := func(m *vtleval.Map) Params {
		var ps Params
		if m == nil {
			return nil
		}
		m.Entries(func(k, v vtleval.Value) {
			val := vtleval.ToString(v)
			if l, ok := v.(*vtleval.List); ok {
				// list values are joined with commas (D-OVR)
				parts := make([]string, len(l.Items))
				for i, it := range l.Items {
					parts[i] = vtleval.ToString(it)
				}
				val = strings.Join(parts, ",")
			}
			ps = append(ps, KV{vtleval.ToString(k), val})
		})
		return ps
	}
	rso := sub(c, "responseOverride")
	ro := sub(c, "requestOverride")
	o.ResponseHeaders = list(sub(rso, "header"))
	o.RequestHeaders = list(sub(ro, "header"))
	o.RequestPath = list(sub(ro, "path"))
	o.RequestQuery = list(sub(ro, "querystring"))
	if rso != nil {
		if v, ok := rso.Get("status"); ok && v != nil {
			o.StatusSet = true
			// AWS ignores overrides that are not an integer 100–599 [obs, weak].
			var n int
			switch s := v.(type) {
			case int32:
				n = int(s)
			case int64:
				n = int(s)
			case string:
				fmt.Sscanf(s, "%d", &n)
				if fmt.Sprint(n) != strings.TrimSpace(s) {
					n = 0
				}
			}
			if n >= 100 && n <= 599 {
				o.Status = n
			}
		}
	}
	return o
}
