package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Unusable invoke input is an input error naming the field, with the
// line's id, not something run anyway.
func TestInvokeInputErrors(t *testing.T) {
	const lambda = `"integration": {"responses": [{"statusCode": "200"}]}`
	const http = `"integration": {"type": "http", "responses": [{"statusCode": "200"}]}`
	for _, tc := range []struct{ in, err string }{
		{`{"id": 1, "integration": {"responses": [{"statusCode": "200", "responseParameters": {"method.response.header.X": "integration.response.body.a["}}]}, "lambda": {"result": {}}}`,
			`responses[0].responseParameters["method.response.header.X"]: invalid mapping expression "integration.response.body.a[": JSONPath "a[": column 2: '[' is not closed`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": "200", "responseParameters": {"method.response.header.X": "method.request.header.Origin"}}]}, "lambda": {"result": {}}}`,
			`responses[0].responseParameters["method.response.header.X"]: invalid mapping expression "method.request.header.Origin": method request parameters cannot be mapped to response headers; set $context.responseOverride.header.NAME in a response template instead`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": "200", "responseParameters": {"X-Id": "'x'"}}]}, "lambda": {"result": {}}}`,
			`responses[0].responseParameters: key "X-Id" must be method.response.header.NAME (only headers can be mapped)`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": "200"}, {"statusCode": "5", "selectionPattern": "x"}]}, "lambda": {"result": {}}}`,
			`responses[1].statusCode: "5" is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": 5}]}, "lambda": {"result": {}}}`,
			`responses[0].statusCode: 5 is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": "abc"}]}, "lambda": {"result": {}}}`,
			`responses[0].statusCode: "abc" is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": 600}]}, "lambda": {"result": {}}}`,
			`responses[0].statusCode: 600 is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": 200.0}]}, "lambda": {"result": {}}}`,
			`responses[0].statusCode: 200.0 is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, "integration": {"responses": [{"statusCode": {"code": 200}}]}, "lambda": {"result": {}}}`,
			`responses[0].statusCode: {"code":200} is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, "integration": {"responses": [{"selectionPattern": ""}]}, "lambda": {"result": {}}}`,
			`responses[0] has no statusCode`},
		{`{"id": 1, ` + lambda + `, "lambda": {"result": {}, "error": {"errorMessage": "x"}}}`,
			`lambda: give result or error, not both`},
		{`{"id": 1, ` + lambda + `, "lambda": {}}`,
			`lambda: give "result" (what the function returned; null for None) or "error"`},
		{`{"id": 1, ` + lambda + `, "lambda": {"runtime": "pyhton", "result": 1}}`,
			`lambda.runtime: unknown runtime "pyhton" (want python, nodejs, java, go)`},
		{`{"id": 1, ` + lambda + `, "lambda": {"result": {}}, "http": {"status": 200}}`,
			`the integration is lambda: give the function's outcome as "lambda", not "http"`},
		{`{"id": 1, ` + http + `, "lambda": {"result": {}}, "http": {"status": 200}}`,
			`the integration is http: give the endpoint's answer as "http", not "lambda"`},
		{`{"id": 1, ` + http + `, "http": {"body": {"a": 1}}}`,
			`http.body must be a string, got an object; give a JSON body as text`},
		{`{"id": 1, ` + http + `, "http": {"body": 5}}`,
			`http.body must be a string, got a number; give a JSON body as text`},
		{`{"id": 1, ` + http + `, "http": {"status": 600}}`,
			`http.status: 600 is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, ` + http + `, "http": {"status": "abc"}}`,
			`http.status: "abc" is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, ` + http + `, "http": {"status": 0}}`,
			`http.status: 0 is not a status code (API Gateway takes 100-599)`},
		{`{"id": 1, ` + lambda + `, "request": {"header": {}, "headers": {}}, "lambda": {"result": {}}}`,
			`request: request has both "header" and "headers"; give one`},
		{`{"id": 1, ` + http + `, "http": {"headers": {"a": 1}}}`,
			`invalid input line: json: cannot unmarshal number into Go struct field .http.headers of type string`},
	} {
		out, errs, code := runCLI(t, tc.in+"\n", "invoke", "--jsonl")
		if code != 0 {
			t.Fatalf("exit %d, stderr %q", code, errs)
		}
		var o invokeOut
		if err := json.Unmarshal([]byte(out), &o); err != nil {
			t.Fatalf("bad line %q: %v", out, err)
		}
		if want := "stdin:1: " + tc.err; o.Error != want {
			t.Errorf("%s\n error %q\n  want %q", tc.in, o.Error, want)
		}
		if string(o.ID) != "1" {
			t.Errorf("%s: id %s, want 1", tc.in, o.ID)
		}
	}
}

// What was valid stays valid: both spellings of a status code, an absent
// or null http body and status, a string body.
func TestInvokeInputAccepted(t *testing.T) {
	in := strings.Join([]string{
		`{"id": 1, "integration": {"responses": [{"statusCode": 201, "responseParameters": {"method.response.header.X": "integration.response.body.a", "method.response.header.L": "'lit'"}}]}, "lambda": {"result": {"a": "v"}}}`,
		`{"id": 2, "integration": {"type": "http", "responses": [{"statusCode": "200"}]}, "http": {"status": 404, "body": "nope"}}`,
		`{"id": 3, "integration": {"type": "http", "responses": [{"statusCode": "200"}]}, "http": {"status": null, "body": null}}`,
		`{"id": 4, "integration": {"type": "http", "responses": [{"statusCode": "200"}]}, "http": {"status": "503"}}`,
	}, "\n") + "\n"
	got := runInvoke(t, in)
	for _, o := range got {
		if o.Error != "" {
			t.Errorf("id %s: error %q", o.ID, o.Error)
		}
	}
	if len(got) != 4 {
		t.Fatalf("%d lines, want 4", len(got))
	}
	if g := got[0]; g.Status != 201 || g.Headers["X"] != "v" || g.Headers["L"] != "lit" {
		t.Errorf("lambda: status %d headers %v", g.Status, g.Headers)
	}
	if g := got[1]; g.Status != 200 || g.Body == nil || *g.Body != "nope" {
		t.Errorf("http: status %d body %v", g.Status, g.Body)
	}
	if g := got[2]; g.Status != 200 || g.Body == nil || *g.Body != "" {
		t.Errorf("http nulls: status %d body %v", g.Status, g.Body)
	}
	if g := got[3]; !strings.Contains(g.Selected, "status code 503") {
		t.Errorf("http status as a string: selected %q", g.Selected)
	}
}
