package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestRenderVelocity(t *testing.T) {
	out, errs, code := runCLI(t, "", "render", "--template", "testdata/velocity.vm", "--context", "testdata/context.json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	// no newline added; stock null rendering; a JSON array prints like ArrayList
	if want := "1 [1, 2.0, x] [1, 2.0, x]"; out != want {
		t.Errorf("render = %q, want %q", out, want)
	}
}

func TestRenderAPIGW(t *testing.T) {
	out, errs, code := runCLI(t, "", "render", "--template", "testdata/pathparams.vtl", "--request", "testdata/request.json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if want := "{\n  \"pathParams\": {\n    \"hoge\": \"fuga\"  }\n}\n"; out != want {
		t.Errorf("render = %q, want %q", out, want)
	}
}

func TestRenderParseError(t *testing.T) {
	_, errs, code := runCLI(t, "", "render", "--template", "testdata/broken.vtl")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.HasPrefix(errs, "vtlcheck: testdata/broken.vtl:2:1: ") {
		t.Errorf("stderr = %q, want a file:line:col error", errs)
	}
}

func TestRenderJSONL(t *testing.T) {
	in := `{"id": 1, "mode": "velocity", "template": "$a-$b", "context": {"a": 1, "b": 2}}
{"id": "x", "mode": "apigw", "template": "$input.params('q')|$undefined|", "request": {"querystring": {"q": "v"}}}
{"id": [3], "template": "#if("}
not json
{"id": 5, "mode": "nope", "template": ""}
`
	out, errs, code := runCLI(t, in, "render", "--jsonl")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%s", len(lines), out)
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		got = append(got, m)
	}
	if got[0]["output"] != "$a-2" || got[0]["id"] != 1.0 {
		t.Errorf("line 1 = %v, want output $a-2 (hyphen identifiers)", got[0])
	}
	if got[1]["output"] != "v||" || got[1]["id"] != "x" {
		t.Errorf("line 2 = %v, want v|| (apigw null handling)", got[1])
	}
	if e, _ := got[2]["error"].(string); !strings.HasPrefix(e, "stdin:3:1:") {
		t.Errorf("line 3 = %v, want a stdin:3:1: parse error", got[2])
	}
	if e, _ := got[3]["error"].(string); !strings.Contains(e, "stdin:4: invalid input line") {
		t.Errorf("line 4 = %v, want an invalid-input error", got[3])
	}
	if e, _ := got[4]["error"].(string); !strings.Contains(e, `unknown mode "nope"`) {
		t.Errorf("line 5 = %v, want an unknown-mode error", got[4])
	}
}

const seedIntegration = `"integration": {"type": "lambda",
  "requestTemplates": {"application/json": "{\"hoge\": \"$input.params('hoge')\"}"},
  "responses": [{"statusCode": "200"},
    {"statusCode": "400", "selectionPattern": "^\\[400:.*",
     "responseTemplates": {"application/json": "#set($data = $input.path('$')) {\"message\" : \"${data.errorMessage}\"}"}}]}`

// runInvoke runs `vtlcheck invoke --jsonl` on in and decodes its lines.
func runInvoke(t *testing.T, in string) []invokeOut {
	t.Helper()
	out, errs, code := runCLI(t, in, "invoke", "--jsonl")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var got []invokeOut
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var o invokeOut
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("bad line %q: %v", l, err)
		}
		got = append(got, o)
	}
	return got
}

func TestInvokeJSONL(t *testing.T) {
	seed := strings.ReplaceAll(seedIntegration, "\n", " ")
	in := `{"id": 1, ` + seed + `, "request": {"path": {"hoge": "hoge"}}, "lambda": {"result": {"message": "hogehoge"}}}
{"id": 2, ` + seed + `, "request": {"path": {"hoge": "fuga"}}, "lambda": {"error": {"errorMessage": "[400:BadRequest] fuga is not hoge", "errorType": "Exception"}}}
{"id": 3, ` + seed + `, "request": {"path": {"hoge": "fuga"}}, "lambda": {"result": "[400:BadRequest] fuga is not hoge"}}
{"id": 4, "integration": {"responses": [{"statusCode": "200", "selectionPattern": "(("}]}, "lambda": {"result": 1}}
`
	got := runInvoke(t, in)
	if len(got) != 4 {
		t.Fatalf("got %d lines, want 4", len(got))
	}
	if got[0].Status != 200 || *got[0].Body != `{"message": "hogehoge"}` || *got[0].Event != `{"hoge": "hoge"}` {
		t.Errorf("success: status %d body %q event %q", got[0].Status, *got[0].Body, *got[0].Event)
	}
	if got[1].Status != 400 || *got[1].Body != ` {"message" : "[400:BadRequest] fuga is not hoge"}` {
		t.Errorf("error: status %d body %q", got[1].Status, *got[1].Body)
	}
	if got[2].Status != 200 || *got[2].Body != `"[400:BadRequest] fuga is not hoge"` {
		t.Errorf("returned message: status %d body %q (successes match as \"\")", got[2].Status, *got[2].Body)
	}
	if !strings.Contains(got[3].Error, "selectionPattern") {
		t.Errorf("bad regex: error %q, want it named", got[3].Error)
	}
	var sawLog bool
	for _, l := range got[1].Trace {
		sawLog = sawLog || l == "Method completed with status: 400"
	}
	if !sawLog {
		t.Errorf("trace lacks the completion line: %q", got[1].Trace)
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const caseFile = `integration:
  type: AWS
  requestTemplates:
    application/json: '{"hoge": "$input.params(''hoge'')"}'
  responses:
    - statusCode: 200
cases:
  - name: copies the parameter
    kind: request
    request: {pathParameters: {hoge: fuga}}
    want:
      event: {"hoge": "fuga"}
  - name: expects the wrong value
    kind: request
    request: {pathParameters: {hoge: fuga}}
    want:
      event: {"hoge": "nope"}
`

func TestTestCommand(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.yaml", caseFile)
	junit := filepath.Join(dir, "junit.xml")
	out, _, code := runCLI(t, "", "test", "--junit", junit, dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (a case fails)", code)
	}
	if !strings.Contains(out, "a.yaml:13: expects the wrong value") || !strings.HasSuffix(out, "1 passed, 1 failed\n") {
		t.Errorf("output:\n%s", out)
	}
	if b, err := os.ReadFile(junit); err != nil || !strings.Contains(string(b), "<testsuite") {
		t.Errorf("junit report: %v %q", err, b)
	}
	out, _, code = runCLI(t, "", "test", "--run", "copies", dir)
	if code != 0 || !strings.HasSuffix(out, "1 passed, 0 failed\n") {
		t.Errorf("--run: exit %d, output %q", code, out)
	}
	bad := writeFile(t, dir, "b.yaml", "cases: [{name: x, kind: nope}]\n")
	_, errs, code := runCLI(t, "", "test", bad)
	if code != 2 || !strings.Contains(errs, "b.yaml:") {
		t.Errorf("unusable input: exit %d, stderr %q", code, errs)
	}
}

func TestLint(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bad.vtl", "{\"a\": \"$util.escapeJavaScript($x)\"}\n#evaluate('x')\n")
	writeFile(t, dir, "ok.vtl", "{\"a\": \"$util.escapeJavaScript($x).replaceAll(\"\\\\'\",\"'\")\"}\n")
	out, _, code := runCLI(t, "", "lint", dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := []string{
		filepath.Join(dir, "bad.vtl") + ":1:8: $util.escapeJavaScript inside a JSON string",
		filepath.Join(dir, "bad.vtl") + ":2:1: API Gateway rejects #evaluate",
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("lint output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "ok.vtl") {
		t.Errorf("the replaceAll fix is flagged:\n%s", out)
	}
	out, _, code = runCLI(t, "", "lint", "-ignore", "escapejs-quote,rejected", dir)
	if code != 0 || out != "" {
		t.Errorf("-ignore: exit %d, output %q", code, out)
	}
}

func TestPrecommit(t *testing.T) {
	dir := t.TempDir()
	cdir := filepath.Join(dir, "cases")
	os.Mkdir(cdir, 0o755)
	a := writeFile(t, cdir, "a.yaml", caseFile)
	tmpl := writeFile(t, dir, "t.vtl", "#parse('x')\n")
	out, _, code := runCLI(t, "", "precommit", "--cases", cdir, a)
	if code != 1 || !strings.Contains(out, "1 passed, 1 failed") {
		t.Errorf("case file staged: exit %d, output %q", code, out)
	}
	out, _, code = runCLI(t, "", "precommit", "--cases", cdir, tmpl)
	if code != 1 || !strings.Contains(out, "t.vtl:1:1: API Gateway rejects #parse") || !strings.Contains(out, "1 passed, 1 failed") {
		t.Errorf("template staged: exit %d, output %q (want lint plus every case run)", code, out)
	}
}

func TestUsage(t *testing.T) {
	if _, _, code := runCLI(t, ""); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
	if _, errs, code := runCLI(t, "", "frobnicate"); code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, errs)
	}
}
