package apigw

import (
	"errors"
	"strings"
	"testing"
)

// §6.4: the mapping expressions API Gateway takes, and clear errors for the
// rest (API Gateway rejects them on deploy).
func TestCheckMappingExpression(t *testing.T) {
	for _, ok := range []string{
		"'lit'", "''", "'it's'", "integration.response.header.X-Id",
		"integration.response.multivalueheader.X-Id", "integration.response.body",
		"integration.response.body.a.b", "integration.response.body.items[0].id",
		"integration.response.body.errorMessage.trace.function",
		"integration.response.body.a[*]", "stageVariables.env", "context.requestId",
		"context.authorizer.claims.sub",
	} {
		if err := CheckMappingExpression(ok); err != nil {
			t.Errorf("CheckMappingExpression(%q) = %v, want nil", ok, err)
		}
	}
	for _, tc := range []struct{ expr, err string }{
		{"integration.response.body.a[", `invalid mapping expression "integration.response.body.a[": JSONPath "a[": column 2: '[' is not closed`},
		{"integration.response.body.a b", `invalid mapping expression "integration.response.body.a b": JSONPath "a b": column 2: space not allowed in path`},
		{"integration.response.body.", `invalid mapping expression "integration.response.body.": no JSONPath after integration.response.body.`},
		{"integration.response.header.", `invalid mapping expression "integration.response.header.": no header name after integration.response.header.`},
		{"stageVariables.", `invalid mapping expression "stageVariables.": no variable name after stageVariables.`},
		{"context.", `invalid mapping expression "context.": no variable name after context.`},
		{"integration.response.bodyx", `invalid mapping expression "integration.response.bodyx": want 'STATIC VALUE', integration.response.header.NAME, integration.response.multivalueheader.NAME, integration.response.body, integration.response.body.JSONPATH, stageVariables.NAME or context.NAME`},
		{"literal", `invalid mapping expression "literal": want 'STATIC VALUE', integration.response.header.NAME, integration.response.multivalueheader.NAME, integration.response.body, integration.response.body.JSONPATH, stageVariables.NAME or context.NAME`},
		{"", `invalid mapping expression "": want 'STATIC VALUE', integration.response.header.NAME, integration.response.multivalueheader.NAME, integration.response.body, integration.response.body.JSONPATH, stageVariables.NAME or context.NAME`},
		{`"*"`, `invalid mapping expression "\"*\"": a static value is enclosed in single quotes: '*'`},
		{"'open", `invalid mapping expression "'open": a static value is enclosed in single quotes: 'open'`},
		{"'", `invalid mapping expression "'": a static value is enclosed in single quotes: ''`},
		{"method.request.header.Origin", `invalid mapping expression "method.request.header.Origin": method request parameters cannot be mapped to response headers; set $context.responseOverride.header.NAME in a response template instead`},
	} {
		err := CheckMappingExpression(tc.expr)
		if err == nil || err.Error() != tc.err {
			t.Errorf("CheckMappingExpression(%q) = %v\nwant %s", tc.expr, err, tc.err)
			continue
		}
		var me *MappingError
		if !errors.As(err, &me) || me.Expr != tc.expr {
			t.Errorf("CheckMappingExpression(%q): %#v is not a *MappingError for it", tc.expr, err)
		}
	}
	var je *JSONPathError
	if err := CheckMappingExpression("integration.response.body.a["); !errors.As(err, &je) || je.Col != 2 {
		t.Errorf("a bad JSONPath does not unwrap to its *JSONPathError: %#v", err)
	}
}

func TestResponseParameterHeader(t *testing.T) {
	if h, err := ResponseParameterHeader("method.response.header.X-Id"); err != nil || h != "X-Id" {
		t.Errorf("ResponseParameterHeader = %q, %v", h, err)
	}
	for _, k := range []string{"method.response.header.", "X-Id", "method.response.body", "integration.response.header.X"} {
		_, err := ResponseParameterHeader(k)
		if want := `key "` + k + `" must be method.response.header.NAME (only headers can be mapped)`; err == nil || err.Error() != want {
			t.Errorf("ResponseParameterHeader(%q) = %v, want %s", k, err, want)
		}
	}
}

func TestValidStatusCode(t *testing.T) {
	for _, c := range []string{"100", "200", "404", "599"} {
		if !ValidStatusCode(c) {
			t.Errorf("ValidStatusCode(%q) = false", c)
		}
	}
	for _, c := range []string{"", "5", "abc", "600", "099", "2000", "20a", " 200", "２００", "-20"} {
		if ValidStatusCode(c) {
			t.Errorf("ValidStatusCode(%q) = true", c)
		}
	}
}

// An Integration built without the checks still runs: a mapping API
// Gateway would not deploy leaves its header out with a warning, not
// silently.
func TestInvokeWarnsOnInvalidMapping(t *testing.T) {
	r := response(t, "200", "")
	r.ResponseParameters = []KV{
		{"method.response.header.X-Bad", "integration.response.body.a["},
		{"method.response.header.X-Good", "integration.response.body.a"},
	}
	res := Invoke(&Integration{Responses: []*IntegrationResponse{r}}, &Request{}, success(`{"a": 1}`))
	if _, ok := res.Headers.Get("X-Bad"); ok {
		t.Errorf("X-Bad set")
	}
	if v, _ := res.Headers.Get("X-Good"); v != "1" {
		t.Errorf("X-Good = %q, want 1", v)
	}
	want := `responseParameters "method.response.header.X-Bad": invalid mapping expression "integration.response.body.a[": JSONPath "a[": column 2: '[' is not closed; header left out`
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings %q, want [%s]", res.Warnings, want)
	}
}

func TestRequestAliasesExclusive(t *testing.T) {
	for _, tc := range []struct{ json, err string }{
		{`{"header": {"a": "1"}, "headers": {"b": "2"}}`, `request has both "header" and "headers"; give one`},
		{`{"query": {}, "querystring": {}}`, `request has both "query" and "querystring"; give one`},
		{`{"method": "GET", "httpMethod": "POST"}`, `request has both "method" and "httpMethod"; give one`},
	} {
		_, err := RequestFromJSON([]byte(tc.json))
		if err == nil || err.Error() != tc.err {
			t.Errorf("RequestFromJSON(%s) = %v, want %s", tc.json, err, tc.err)
		}
	}
	if r, err := RequestFromJSON([]byte(`{"headers": {"a": "1"}, "query": {"q": "v"}, "httpMethod": "POST"}`)); err != nil ||
		len(r.Header) != 1 || len(r.Query) != 1 || r.Method != "POST" || !strings.EqualFold(r.Header[0].Name, "a") {
		t.Errorf("one spelling each: %+v, %v", r, err)
	}
}
