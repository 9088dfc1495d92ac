package apigw

import (
	"fmt"
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
func NewContext(r *Request) *vtleval.Map {
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
	if ua, ok := r.header("User-Agent"); ok {
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
