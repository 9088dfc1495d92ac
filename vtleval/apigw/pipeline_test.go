package apigw

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// Each test names the section of ../shared/spec/apigw.md (copied into the
// case files' sources) whose rule it pins.

func mustTemplate(t *testing.T, ct, src string) Template {
	t.Helper()
	tm := NewTemplate(ct, "test", src, nil)
	if tm.Err != nil {
		t.Fatal(tm.Err)
	}
	return tm
}

func response(t *testing.T, status, pattern string, templates ...Template) *IntegrationResponse {
	t.Helper()
	r := &IntegrationResponse{StatusCode: status, SelectionPattern: pattern, ResponseTemplates: templates}
	if pattern != "" {
		p, err := CompileSelectionPattern(pattern)
		if err != nil {
			t.Fatal(err)
		}
		r.Pattern = p
	}
	return r
}

func lambdaErr(msg string) *Outcome {
	b, _ := json.Marshal(map[string]string{"errorMessage": msg, "errorType": "Exception"})
	return &Outcome{ErrorPayload: b}
}

func success(v string) *Outcome { return &Outcome{Result: json.RawMessage(v)} }

// §5.1: the request template is chosen by the Content-Type's MIME type; no
// Content-Type means application/json; an empty template passes through.
func TestRequestTemplateSelection(t *testing.T) {
	ig := &Integration{
		RequestTemplates: []Template{
			mustTemplate(t, "application/json", `{"from": "json"}`),
			mustTemplate(t, "application/xml", `{"from": "xml"}`),
			{ContentType: "text/plain"}, // empty: passthrough
		},
		Responses: []*IntegrationResponse{response(t, "200", "")},
	}
	for _, tc := range []struct{ contentType, body, event string }{
		{"", `{"b":1}`, `{"from": "json"}`},
		{"application/json; charset=UTF-8", `{"b":1}`, `{"from": "json"}`},
		{"Application/XML", `{"b":1}`, `{"from": "xml"}`},
		{"text/plain", `{"b":1}`, `{"b":1}`},
	} {
		req := &Request{Body: tc.body}
		if tc.contentType != "" {
			req.Header = Params{{"Content-Type", tc.contentType}}
		}
		res := Invoke(ig, req, success(`{}`))
		if res.Event != tc.event {
			t.Errorf("Content-Type %q: event %q, want %q", tc.contentType, res.Event, tc.event)
		}
	}
}

// §5.2: passthroughBehavior decides what happens without a matching template.
func TestPassthroughBehavior(t *testing.T) {
	withJSON := []Template{mustTemplate(t, "application/json", `{"t": 1}`)}
	for _, tc := range []struct {
		behavior  string
		templates []Template
		status    int
		event     string
	}{
		{"", withJSON, 200, `{"raw": 1}`}, // WHEN_NO_MATCH is the default
		{"WHEN_NO_MATCH", withJSON, 200, `{"raw": 1}`},
		{"WHEN_NO_TEMPLATES", withJSON, 415, ""},
		{"WHEN_NO_TEMPLATES", nil, 200, `{"raw": 1}`},
		{"NEVER", withJSON, 415, ""},
		{"NEVER", nil, 415, ""},
	} {
		ig := &Integration{PassthroughBehavior: tc.behavior, RequestTemplates: tc.templates,
			Responses: []*IntegrationResponse{response(t, "200", "")}}
		req := &Request{Body: `{"raw": 1}`, Header: Params{{"Content-Type", "application/xml"}}}
		res := Invoke(ig, req, success(`{}`))
		if res.Status != tc.status || res.Event != tc.event {
			t.Errorf("%s with %d templates: status %d event %q, want %d %q", tc.behavior, len(tc.templates), res.Status, res.Event, tc.status, tc.event)
		}
		if tc.status == 415 && res.Body != `{"message": "Unsupported Media Type"}` {
			t.Errorf("415 body %q", res.Body)
		}
	}
}

// §6.1: selectionPattern is a Java regex matched against the whole
// errorMessage; a success is matched as ""; '.' does not match newlines.
func TestSelection(t *testing.T) {
	ig := &Integration{Responses: []*IntegrationResponse{
		response(t, "200", ""),
		response(t, "400", `Invalid.*`),
		response(t, "404", `404`),
		response(t, "500", `(\n|.)*crash(\n|.)*`),
	}}
	for _, tc := range []struct {
		name string
		out  *Outcome
		want int
	}{
		{"whole string", lambdaErr("Invalid input"), 400},
		{"prefix is not enough", lambdaErr("Invalid\ninput"), 200},
		{"404 matches only 404", lambdaErr("404 Not Found"), 200},
		{"exact 404", lambdaErr("404"), 404},
		{"multi-line with (\\n|.)*", lambdaErr("java.lang.RuntimeException: crash\n\tat x"), 500},
		{"success is matched as the empty string", success(`"Invalid input"`), 200},
	} {
		res := Invoke(ig, &Request{}, tc.out)
		if res.Status != tc.want {
			t.Errorf("%s: status %d, want %d (%s)", tc.name, res.Status, tc.want, res.Selected)
		}
	}
}

// §6.1: a pattern that accepts "" catches successes too; .+ does not.
func TestSelectionCatchAll(t *testing.T) {
	ig := &Integration{Responses: []*IntegrationResponse{response(t, "200", ""), response(t, "502", `.*`)}}
	if res := Invoke(ig, &Request{}, success(`{"ok": true}`)); res.Status != 502 {
		t.Errorf(".* and a success: status %d, want 502", res.Status)
	}
	ig = &Integration{Responses: []*IntegrationResponse{response(t, "200", ""), response(t, "502", `.+`)}}
	if res := Invoke(ig, &Request{}, success(`{"ok": true}`)); res.Status != 200 {
		t.Errorf(".+ and a success: status %d, want 200", res.Status)
	}
}

// §6.1: no match and no default → 500 and the AWS log line; an unmatched
// error with a default → the default status with the raw error body.
func TestSelectionNoDefault(t *testing.T) {
	ig := &Integration{Responses: []*IntegrationResponse{response(t, "400", `bad`)}}
	res := Invoke(ig, &Request{}, lambdaErr("worse"))
	if res.Status != 500 || res.Body != `{"message": "Internal server error"}` {
		t.Errorf("status %d body %q", res.Status, res.Body)
	}
	if !strings.Contains(strings.Join(res.Trace, "\n"), "No match for output mapping and no default output mapping configured") {
		t.Errorf("trace lacks the AWS log line:\n%s", strings.Join(res.Trace, "\n"))
	}
	ig.Responses = append(ig.Responses, response(t, "200", ""))
	res = Invoke(ig, &Request{}, lambdaErr("worse"))
	if res.Status != 200 || !strings.Contains(res.Body, `"errorMessage":"worse"`) {
		t.Errorf("with a default: status %d body %q", res.Status, res.Body)
	}
}

// §6.1 (uncertain): several matches → one documented rule and a warning.
func TestSelectionTieBreak(t *testing.T) {
	rs := []*IntegrationResponse{response(t, "502", `.+`), response(t, "405", `.*four hundred.*`)}
	ig := &Integration{Responses: rs}
	res := Invoke(ig, &Request{}, lambdaErr("Error: Raising four hundred"))
	if res.Status != 405 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "lowest status code") {
		t.Errorf("lowest-status: status %d warnings %q", res.Status, res.Warnings)
	}
	ig.TieBreak = "config-order"
	if res := Invoke(ig, &Request{}, lambdaErr("Error: Raising four hundred")); res.Status != 502 {
		t.Errorf("config-order: status %d, want 502", res.Status)
	}
}

// §6.2: HTTP integrations match the status code.
func TestSelectionHTTP(t *testing.T) {
	ig := &Integration{Type: "http", Responses: []*IntegrationResponse{response(t, "200", ""), response(t, "400", `4\d{2}`)}}
	if res := Invoke(ig, &Request{}, &Outcome{HTTPStatus: 404, HTTPBody: "nope"}); res.Status != 400 || res.Body != "nope" {
		t.Errorf("404: status %d body %q", res.Status, res.Body)
	}
	if res := Invoke(ig, &Request{}, &Outcome{HTTPStatus: 201}); res.Status != 200 {
		t.Errorf("201: status %d", res.Status)
	}
}

// §6.3: the response template is chosen by Accept, then application/json,
// then the first; $input is the integration response.
func TestResponseTemplateSelection(t *testing.T) {
	r := response(t, "200", "",
		mustTemplate(t, "application/xml", `<m>$input.path('$.m')</m>`),
		mustTemplate(t, "application/json", `{"m": "$input.path('$.m')"}`))
	ig := &Integration{Responses: []*IntegrationResponse{r}}
	for _, tc := range []struct{ accept, body string }{
		{"", `{"m": "x"}`},
		{"application/xml", `<m>x</m>`},
		{"text/html", `{"m": "x"}`},
		{"application/xml, application/json", `<m>x</m>`},
	} {
		req := &Request{}
		if tc.accept != "" {
			req.Header = Params{{"Accept", tc.accept}}
		}
		if res := Invoke(ig, req, success(`{"m": "x"}`)); res.Body != tc.body {
			t.Errorf("Accept %q: body %q, want %q", tc.accept, res.Body, tc.body)
		}
	}
}

// §6.4, §6.5: header mappings and overrides.
func TestHeadersAndOverrides(t *testing.T) {
	r := response(t, "200", "", mustTemplate(t, "application/json",
		`#set($context.responseOverride.status = 201)#set($context.responseOverride.header.X-Over = "o")ok`))
	r.ResponseParameters = []KV{
		{"method.response.header.X-Literal", "'lit'"},
		{"method.response.header.X-Body", "integration.response.body.a.b"},
		{"method.response.header.X-Stage", "stageVariables.env"},
		{"method.response.header.X-Ctx", "context.requestId"},
		{"method.response.header.X-Missing", "integration.response.body.nope"},
	}
	ig := &Integration{Responses: []*IntegrationResponse{r}}
	res := Invoke(ig, &Request{StageVariables: Params{{"env", "prod"}}}, success(`{"a": {"b": 7}}`))
	if res.Status != 201 || res.Body != "ok" {
		t.Errorf("status %d body %q", res.Status, res.Body)
	}
	want := map[string]string{"X-Literal": "lit", "X-Body": "7", "X-Stage": "prod", "X-Ctx": DefaultRequestID, "X-Over": "o", "Content-Type": "application/json"}
	for k, v := range want {
		if got, ok := res.Headers.Get(k); !ok || got != v {
			t.Errorf("header %s = %q (%v), want %q", k, got, ok, v)
		}
	}
	if _, ok := res.Headers.Get("X-Missing"); ok {
		t.Errorf("a mapping whose source is missing set the header")
	}
}

// §6.4: a JSON errorMessage is deserialised for header mappings only.
func TestCustomErrorHeaderMapping(t *testing.T) {
	r := response(t, "500", `.*httpStatus.*`)
	r.ResponseParameters = []KV{{"method.response.header.X-Status", "integration.response.body.errorMessage.httpStatus"}}
	ig := &Integration{Responses: []*IntegrationResponse{r}}
	res := Invoke(ig, &Request{}, lambdaErr(`{"httpStatus": 500, "msg": "x"}`))
	if v, _ := res.Headers.Get("X-Status"); v != "500" {
		t.Errorf("X-Status = %q, want 500", v)
	}
}

// §5.4, §2.1: an event Lambda cannot parse is reported as Lambda reports it.
func TestInvalidEvent(t *testing.T) {
	ig := &Integration{
		RequestTemplates: []Template{mustTemplate(t, "application/json", `{"name": "$util.escapeJavaScript($input.params('n'))"}`)},
		Responses:        []*IntegrationResponse{response(t, "200", "")},
	}
	res := Invoke(ig, &Request{Query: Params{{"n", "it's"}}}, success(`{}`))
	if res.Invoked || res.Status != 400 || !strings.HasPrefix(res.EventError, `Could not parse request body into json: Unrecognized character escape ''' (code 39)`) {
		t.Errorf("invoked %v status %d error %q", res.Invoked, res.Status, res.EventError)
	}
	if res.Event != `{"name": "it\'s"}` {
		t.Errorf("event %q", res.Event)
	}
}

// §4: a template that fails to parse or render is a 500, not a crash.
func TestBrokenTemplates(t *testing.T) {
	broken := NewTemplate("application/json", "t.vtl", "#if(", nil)
	if broken.Err == nil || !strings.HasPrefix(broken.Err.Error(), "t.vtl:1:5: ") {
		t.Fatalf("parse error %v, want one at t.vtl:1:5", broken.Err)
	}
	ig := &Integration{RequestTemplates: []Template{broken}, Responses: []*IntegrationResponse{response(t, "200", "")}}
	if res := Invoke(ig, &Request{}, success(`{}`)); res.Status != 500 || res.RequestErr == nil {
		t.Errorf("broken request template: status %d err %v", res.Status, res.RequestErr)
	}
	ig = &Integration{Responses: []*IntegrationResponse{response(t, "200", "", mustTemplate(t, "application/json", `$input.path('$').get(5)`))}}
	if res := Invoke(ig, &Request{}, success(`[1]`)); res.Status != 500 || res.ResponseErr == nil {
		t.Errorf("failing response template: status %d err %v", res.Status, res.ResponseErr)
	}
}

// §4, peers.md §3 #3: rejected directives fail the template.
func TestRejectedDirectives(t *testing.T) {
	for _, src := range []string{"#macro(m)x#end#m()", "#evaluate('x')", "#parse('x')", "#include('x')"} {
		_, err := RenderRequestTemplate("t", src, &Request{})
		if err == nil || !strings.Contains(err.Error(), "API Gateway rejects") {
			t.Errorf("%s: err %v, want an API Gateway rejection", src, err)
		}
	}
}

// §4: the 300 KB template quota and the 1000-iteration #foreach quota.
func TestQuotas(t *testing.T) {
	if _, err := Parse("big.vtl", strings.Repeat("x", MaxTemplateSize+1)); err == nil || !strings.Contains(err.Error(), "300 KB") {
		t.Errorf("301 KB template: %v", err)
	}
	if _, err := Parse("ok.vtl", strings.Repeat("x", MaxTemplateSize)); err != nil {
		t.Errorf("300 KB template: %v", err)
	}
	out, err := RenderRequestTemplate("t", "#set($n = 0)#foreach($i in [1..1500])#set($n = $n + 1)#end$n", &Request{})
	if err != nil || out != "1000" {
		t.Errorf("loop: %q %v, want 1000", out, err)
	}
}

// §3.1: $context defaults, key order and overrides; authorizer values are strings.
func TestContext(t *testing.T) {
	req, err := RequestFromJSON([]byte(`{"context": {"stage": "prod", "authorizer": {"n": 1, "ok": true}}, "path": {"id": "7"}}`))
	if err != nil {
		t.Fatal(err)
	}
	out, err := RenderRequestTemplate("t", `$context.stage|$context.resourcePath|$context.path|$context.authorizer.n.class.simpleName|$context.keySet()`, req)
	if err != nil {
		t.Fatal(err)
	}
	// the key order is java.util.HashMap's (checked with Java 17)
	want := "prod|/{id}|/prod/7|String|[resourceId, authorizer, resourcePath, httpMethod, extendedRequestId, requestTime, path, accountId, protocol, requestOverride, stage, domainPrefix, requestTimeEpoch, requestId, identity, domainName, deploymentId, responseOverride, apiId]"
	if out != want {
		t.Errorf("got  %q\nwant %q", out, want)
	}
}

// Overrides of nested maps, new keys and both stage and path: merge fills
// the room NewContext leaves, and the path follows the stage only when it
// is not overridden itself.
func TestContextOverrides(t *testing.T) {
	tmpl := `$context.stage|$context.path|$context.identity.apiKey|$context.identity.sourceIp|$context.identity.user|` +
		`$context.authorizer.claims.a.class.simpleName|$context.authorizer.claims.b|$context.x.y|$context.keySet().size()|$context.identity.keySet().size()`
	for _, c := range []struct{ ctx, want string }{
		{`{"stage": "s", "path": "/p", "identity": {"apiKey": "k", "sourceIp": "1.2.3.4"}, "authorizer": {"claims": {"a": 1, "b": [1, 2]}}, "x": {"y": "z"}}`,
			"s|/p|k|1.2.3.4||String|[1, 2]|z|20|13"},
		{`{"stage": null, "identity": {"user": "u"}}`, "|/null/7||203.0.113.10|u||||18|12"},
		{`{"stage": 5}`, "5|/5/7||203.0.113.10|||||18|12"},
	} {
		req, err := RequestFromJSON([]byte(`{"context": ` + c.ctx + `, "path": {"id": "7"}}`))
		if err != nil {
			t.Fatal(err)
		}
		out, err := RenderRequestTemplate("t", tmpl, req)
		if err != nil {
			t.Fatal(err)
		}
		if out != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.ctx, out, c.want)
		}
	}
}

// NewContext copies a prototype it keeps in the request: a render that
// changes $context must not reach the next one, and each change to the
// request between renders (its fields, its context override in place,
// nested maps included) must show as it does for a request never rendered.
func TestContextPrototype(t *testing.T) {
	tmpl := `$context.httpMethod|$context.resourcePath|$context.path|$context.identity.userAgent|$context.identity.sourceIp|` +
		`$context.authorizer.n|$context.x|$context.keySet().size()|$context.identity.keySet().size()|$context.requestOverride.header|` +
		`$context.keySet()#set($context.identity.sourceIp = "changed")#set($context.requestOverride.header.h = "v")#set($context.x = "set")`
	req, err := RequestFromJSON([]byte(`{"method": "POST", "path": {"id": "7"}, "header": {"User-Agent": "ua"},
		"context": {"identity": {"sourceIp": "1.1.1.1"}, "authorizer": {"n": 1}}}`))
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		// a request with the same fields and no prototype yet
		fresh := &Request{Method: req.Method, ResourcePath: req.ResourcePath, Path: req.Path, Header: req.Header, Context: req.Context}
		want, err := RenderRequestTemplate("t", tmpl, fresh)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			got, err := RenderRequestTemplate("t", tmpl, req)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s, render %d:\ngot  %q\nwant %q", step, i+1, got, want)
			}
		}
		if got, want := vtleval.JSON(NewContext(req)), vtleval.JSON(NewContext(fresh)); got != want {
			t.Errorf("%s: NewContext\ngot  %s\nwant %s", step, got, want)
		}
	}
	check("first")
	id, _ := req.Context.Get("identity")
	id.(*vtleval.Map).Put("sourceIp", "2.2.2.2")
	check("nested value replaced")
	auth, _ := req.Context.Get("authorizer")
	auth.(*vtleval.Map).Put("n", int32(2))
	check("authorizer value replaced")
	req.Context.Put("x", "added")
	check("key added")
	req.Context.Put("x", "replaced")
	check("value replaced")
	req.Context.Remove("x")
	check("key removed")
	req.Context.Put("authorizer", vtleval.NewMapFromPairs([]vtleval.Value{"n", "3"}))
	check("map replaced")
	req.Method = "PUT"
	check("method")
	req.Path = Params{{"id", "8"}, {"j", "9"}}
	check("path")
	req.ResourcePath = "/r/{id}"
	check("resource path")
	req.Header = Params{{"user-agent", "other"}}
	check("user agent")
	req.Context = nil
	check("no override")
}

// Nested loops within the 1000-iteration quota could run for minutes; the
// step budget stops them with an error instead (never a hang).
func TestStepBudget(t *testing.T) {
	src := "#foreach($i in [1..1000])#foreach($j in [1..1000])#foreach($k in [1..1000])#end#end#end"
	_, err := RenderRequestTemplate("loops.vtl", src, &Request{})
	if err == nil || !strings.Contains(err.Error(), "loops.vtl:1:") || !strings.Contains(err.Error(), "MaxSteps") {
		t.Errorf("err = %v, want a positioned step-budget error", err)
	}
}

// Render asks the environment for variables by name (Env.Var); they must
// be those of Env.Vars, which the other hosts of templates use.
func TestEnvVarAgreesWithVars(t *testing.T) {
	r := &Request{Path: Params{{"p", "1"}}, StageVariables: Params{{"s", "2"}}}
	for _, built := range []bool{false, true} {
		env := NewRequestEnv(r)
		if built {
			env.Context()
		}
		vars := env.Vars()
		for _, name := range []string{"input", "util", "stageVariables", "context", "other"} {
			v, ok := env.Var(name)
			w, wok := vars[name]
			if ok != wok || fmt.Sprintf("%T %p", v, v) != fmt.Sprintf("%T %p", w, w) {
				t.Errorf("context built %v: Var(%q) = %T %v, %v; Vars has %T %v, %v", built, name, v, v, ok, w, w, wok)
			}
		}
	}
}

// $input.params() and $stageVariables reuse a request's boxed parameters
// from render to render; a request whose parameters changed, in place or
// in a copy, must show the new ones.
func TestParamsFollowRequestChanges(t *testing.T) {
	tmpl, err := Parse("t", "$input.params().path $input.params().header $stageVariables")
	if err != nil {
		t.Fatal(err)
	}
	render := func(r *Request) string {
		t.Helper()
		out, err := Render(tmpl, NewRequestEnv(r))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	r := &Request{Path: Params{{"a", "1"}}, Header: Params{{"h", "x"}}, StageVariables: Params{{"s", "5"}}}
	if got, want := render(r), "{a=1} {h=x} {s=5}"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	r.Path[0].Value = strings.Repeat("2", 1) // a new string in the same slot
	r.Header.Set("h", "y")
	r.StageVariables[0].Value = strings.Repeat("6", 1)
	if got, want := render(r), "{a=2} {h=y} {s=6}"; got != want {
		t.Errorf("after changing the parameters in place: got %q, want %q", got, want)
	}
	c := *r
	c.Path = Params{{"a", "3"}, {"b", "4"}}
	c.StageVariables = Params{{"s", "7"}, {"t", "8"}}
	if got, want := render(&c), "{a=3, b=4} {h=y} {s=7, t=8}"; got != want {
		t.Errorf("a copy with other parameters: got %q, want %q", got, want)
	}
	if got, want := render(r), "{a=2} {h=y} {s=6}"; got != want {
		t.Errorf("the original after its copy changed: got %q, want %q", got, want)
	}
	env := NewRequestEnv(r)
	env.Stage = Params{{"z", "9"}}
	if got, err := Render(tmpl, env); err != nil || got != "{a=2} {h=y} {z=9}" {
		t.Errorf("an environment with its own stage variables: got %q (%v)", got, err)
	}
}
