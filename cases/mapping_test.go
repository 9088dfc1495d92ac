package cases

import (
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

// Mapping expressions API Gateway would not deploy are load errors at the
// value, reported with every other problem of the file (the JSONPath ones
// are in testdata/errors/response-parameters.yaml).
func TestResponseParameterErrors(t *testing.T) {
	const p = "m.yaml"
	src := `integration:
  responses:
    - statusCode: 200
      responseParameters:
        method.response.header.A: method.request.header.Origin
        method.response.header.B: '"*"'
        method.response.header.C: integration.response.body.
        X-Id: "'x'"
        method.response.header.D: "'ok'"
    - {statusCode: 5, selectionPattern: '.+'}
cases:
  - {name: a, kind: request, want: {eventText: ""}}
`
	read := func(string) ([]byte, error) { return []byte(src), nil }
	_, err := Options{ReadFile: read}.LoadFiles(p)
	if err == nil {
		t.Fatal("loaded")
	}
	want := []string{
		p + `:5:35: invalid mapping expression "method.request.header.Origin": method request parameters cannot be mapped to response headers; set $context.responseOverride.header.NAME in a response template instead`,
		p + `:6:35: invalid mapping expression "\"*\"": a static value is enclosed in single quotes: '*'`,
		p + `:7:35: invalid mapping expression "integration.response.body.": no JSONPath after integration.response.body.`,
		p + `:8:9: responseParameters key "X-Id" must be method.response.header.NAME (only headers can be mapped)`,
		p + `:10:20: statusCode must be an HTTP status code (100-599), got "5"`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// The loader's status code rule (statusRE, which the schema repeats) is the
// one invoke applies (apigw.ValidStatusCode).
func TestStatusRuleMatchesAPIGW(t *testing.T) {
	for _, c := range []string{"", "5", "abc", "099", "100", "200", "404", "599", "600", "2000", "20a", " 200", "1e2"} {
		if got, want := statusRE.MatchString(c), apigw.ValidStatusCode(c); got != want {
			t.Errorf("%q: loader %v, apigw %v", c, got, want)
		}
	}
}
