package apigw

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// This file replays what other projects recorded on real API Gateway
// (testdata/aws/README.md): every vector runs the way it ran on AWS, through
// Invoke, and must give AWS's answer. A vector that cannot is listed in
// awsListed with the evidence why the recording does not apply; a listed
// vector that starts passing fails the test, and so does an unlisted one
// that fails, so the list stays honest.

// awsListed maps "file/name" to why AWS's recording does not apply, with
// the evidence. It is empty: every recorded vector passes, including the
// three Lambda selection vectors that have no template (they run through
// Invoke's integration response selection).
var awsListed = map[string]string{}

// awsVector is one vector of testdata/aws/*.json; fields as in the shared
// peer-vector format (peers.md §7).
type awsVector struct {
	Name               string          `json:"name"`
	Provenance         string          `json:"provenance"`
	Template           *string         `json:"template"`
	Input              json.RawMessage `json:"input"`
	ExpectedOutput     json.RawMessage `json:"expected_output"`
	ExpectedOutputJSON json.RawMessage `json:"expected_output_json"`
	ExpectedError      json.RawMessage `json:"expected_error"`
	Compare            string          `json:"compare"`
	HarnessTemplate    string          `json:"aws_harness_template"`
	Notes              string          `json:"notes"`
}

// awsFiles are the recorded vector files and how each file's vectors ran.
var awsFiles = []struct {
	file string
	run  func(v *awsVector) error
}{
	{"localstack-airspeed", runAirspeed},
	{"localstack-localstack", runLocalStack},
	{"toqoz-api-gateway-mapping-template", runToQoz},
}

func loadAWSVectors(t *testing.T, file string) []*awsVector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "aws", file+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var vs []*awsVector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatalf("testdata/aws/%s.json: %v", file, err)
	}
	return vs
}

func TestAWSRecorded(t *testing.T) {
	seen := map[string]bool{}
	var recorded, passed, listed, errVectors, errReported int
	for _, f := range awsFiles {
		for _, v := range loadAWSVectors(t, f.file) {
			id := f.file + "/" + v.Name
			if seen[id] {
				t.Fatalf("testdata/aws/%s.json: two vectors named %q", f.file, v.Name)
			}
			seen[id] = true
			err := f.run(v)
			switch v.Provenance {
			case "aws-recorded":
				recorded++
			case "aws-reported-error":
				errVectors++
			default:
				t.Errorf("%s: provenance %q: only AWS observations belong in testdata/aws", id, v.Provenance)
				continue
			}
			reason, isListed := awsListed[id]
			switch {
			case err == nil && v.Provenance == "aws-reported-error":
				errReported++
			case err == nil:
				passed++
			}
			if isListed {
				listed++
			}
			t.Run(id, func(t *testing.T) {
				switch {
				case isListed && err == nil:
					t.Errorf("listed as not applying (%s) but passes now: remove it from awsListed", reason)
				case isListed:
					t.Logf("listed: %s\n(mismatch: %v)", reason, err)
				case err != nil:
					t.Errorf("%v\nnotes: %s", err, v.Notes)
				}
			})
		}
	}
	for id := range awsListed {
		if !seen[id] {
			t.Errorf("awsListed names %q, which is not a vector", id)
		}
	}
	t.Logf("aws-recorded: %d/%d pass, %d listed", passed, recorded, listed)
	t.Logf("aws-reported-error: %d/%d report an error", errReported, errVectors)
}

// TestAWSRecordedDetectsMismatch checks that the replay compares what it
// claims to: each vector, with its expectation changed, must fail.
func TestAWSRecordedDetectsMismatch(t *testing.T) {
	replace := func(old, new string) func(*testing.T, *awsVector) {
		return func(t *testing.T, v *awsVector) {
			for _, f := range []*json.RawMessage{&v.ExpectedOutput, &v.ExpectedOutputJSON, &v.ExpectedError} {
				if bytes.Contains(*f, []byte(old)) {
					*f = bytes.Replace(*f, []byte(old), []byte(new), 1)
					return
				}
			}
			t.Fatalf("%q is not in the expectation", old)
		}
	}
	tests := []struct {
		file, name string
		mutate     func(*testing.T, *awsVector)
	}{
		{"localstack-airspeed", "TestTemplating.test_parser_substitutes_string_added_to_the_context#1", replace("Chris", "Chri")},
		{"localstack-airspeed", "TestTemplating.test_use_defined_func_create_json_loop#1", replace(`\"test2\"`, `\"test3\"`)},
		{"localstack-airspeed", "TestTemplating.test_string_literal_with_inner_double_quotes#1", replace(`"a": 2`, `"a": 3`)},
		{"localstack-airspeed", "TestInvalidCases.test_standalone_hashes#1", func(_ *testing.T, v *awsVector) { v.HarnessTemplate = "valid" }},
		{"localstack-localstack", "dict-response", replace("{foo=bar}", "{foo=baz}")},
		{"localstack-localstack", "raw-body/empty-body", replace("{}", "")},
		{"localstack-localstack", "lambda-error-four-hundred", replace(`"status": 405`, `"status": 502`)},
		{"localstack-localstack", "lambda-success-default", replace(`"body": "\"Pass\""`, `"body": "Pass"`)},
		{"localstack-localstack", "responseOverride-from-request-template[no response template]", replace(`"foo": "bar"`, `"foo": "baz"`)},
		{"localstack-localstack", "mock-override-path2", replace("path two", "path one")},
		{"localstack-localstack", "context-keyset-enumeration", replace(`"/sqs"`, `"/sqs2"`)},
		{"localstack-localstack", "context-keyset-enumeration", replace(`"userArn": "",`, `"userArn": "x",`)},
		{"toqoz-api-gateway-mapping-template", "example-12f77fd5", replace(`"a=b"`, `"a=c"`)},
		{"toqoz-api-gateway-mapping-template", "example-122ff6ce", replace("position 1", "position 2")},
	}
	runs := map[string]func(*awsVector) error{}
	for _, f := range awsFiles {
		runs[f.file] = f.run
	}
	for _, tt := range tests {
		var v *awsVector
		for _, x := range loadAWSVectors(t, tt.file) {
			if x.Name == tt.name {
				v = x
			}
		}
		if v == nil {
			t.Fatalf("%s/%s: no such vector", tt.file, tt.name)
		}
		if err := runs[tt.file](v); err != nil {
			t.Fatalf("%s/%s fails before the change: %v", tt.file, tt.name, err)
		}
		tt.mutate(t, v)
		if err := runs[tt.file](v); err == nil {
			t.Errorf("%s/%s: passes with a changed expectation", tt.file, tt.name)
		}
	}
}

func TestAWSCompareJSON(t *testing.T) {
	tests := []struct {
		got, want string
		ordered   bool
		ok        bool
	}{
		{`{"a": 1, "b": [true, null]}`, `{"b": [true, null], "a": 1}`, false, true},
		{`{"a": 1, "b": 2}`, `{"b": 2, "a": 1}`, true, false},
		{`{"a": 1}`, `{"a": 1.0}`, false, false},
		{`{"a": 1}`, `{"a": 1, "b": 2}`, false, false},
		{`{"id": "0f6c1a35-4a43-4d5e-9d4b-2b4f7d1e8c90"}`, `{"id": "<uuid>"}`, false, true},
		{`{"id": "0f6c1a35"}`, `{"id": "<uuid>"}`, false, false},
		{`{"t": "1795608000000"}`, `{"t": "<epoch>"}`, false, true},
		{`{"t": "soon"}`, `{"t": "<epoch>"}`, false, false},
		{`{"ip": ""}`, `{"ip": "<source-ip>"}`, false, false},
		{`{"ip": 1}`, `{"ip": "<source-ip>"}`, false, false},
		{`{"a": 1} x`, `{"a": 1}`, false, false},
	}
	for _, tt := range tests {
		err := compareJSON(tt.got, json.RawMessage(tt.want), tt.ordered)
		if (err == nil) != tt.ok {
			t.Errorf("compareJSON(%s, %s, ordered=%v): got error %v, want ok=%v", tt.got, tt.want, tt.ordered, err, tt.ok)
		}
	}
}

// airspeedRequestTemplate is the request template of airspeed's AWS harness
// (tests/test_templating.py, fixture test_render_on_aws), byte for byte: it
// stashes the JSON request body where the response template can read it.
const airspeedRequestTemplate = "\n            #set($context.requestOverride.path.body = $input.body)\n            {\n              \"statusCode\": 200,\n            }\n            "

// runAirspeed replays airspeed's harness: a MOCK integration whose request
// template is airspeedRequestTemplate and whose 200 integration response
// template is the vector's aws_harness_template (which re-reads the body
// with $util.parseJson and #sets each variable), called with
// `requests.post(url, json=context)`, i.e. Python's json.dumps of the
// context as the body. AWS's answer is the client's body.
func runAirspeed(v *awsVector) error {
	var in struct {
		Context json.RawMessage `json:"context"`
	}
	if err := json.Unmarshal(v.Input, &in); err != nil {
		return err
	}
	body := "{}"
	if len(in.Context) > 0 {
		body = serializeResult(in.Context, "python")
	}
	ig := &Integration{
		Type:             "mock",
		RequestTemplates: []Template{NewTemplate("application/json", "airspeed-request.vtl", airspeedRequestTemplate, nil)},
		Responses: []*IntegrationResponse{{
			StatusCode:        "200",
			ResponseTemplates: []Template{NewTemplate("application/json", v.Name, v.HarnessTemplate, nil)},
		}},
	}
	req := &Request{
		Method: "POST",
		Header: Params{{"Content-Type", "application/json"}, {"Accept", "*/*"}},
		Body:   body,
	}
	res := Invoke(ig, req, &Outcome{})
	if v.Provenance == "aws-reported-error" {
		// AWS failed the template under test (airspeed's
		// TestInvalidCases: HTTP 500): so must we.
		if res.ResponseErr == nil || res.Status != 500 {
			return fmt.Errorf("AWS fails this template, but we answer %d %q (response template error: %v)", res.Status, res.Body, res.ResponseErr)
		}
		return nil
	}
	if err := resultErr(res); err != nil {
		return err
	}
	if res.Status != 200 {
		return fmt.Errorf("status: got %d, want 200 (the harness asserted response.ok)", res.Status)
	}
	var want string
	if err := json.Unmarshal(v.ExpectedOutput, &want); err != nil {
		return err
	}
	return compareText(v.Compare, res.Body, want, v.ExpectedOutputJSON)
}

// lsInput is the input of a localstack vector.
type lsInput struct {
	Stage             string                       `json:"stage"`
	Integration       string                       `json:"integration"`
	Body              *string                      `json:"body"`
	ClientRequestJSON json.RawMessage              `json:"client_request_json"`
	ClientRequestBody *string                      `json:"client_request_body"`
	Headers           map[string]string            `json:"headers"`
	Params            map[string]map[string]string `json:"params"`
	Method            string                       `json:"method"`
	Path              string                       `json:"path"`
	ResourcePath      string                       `json:"resourcePath"`
	StageName         string                       `json:"stage_name"`
	RequestTemplate   *string                      `json:"request_template"`
	ResponseTemplate  *string                      `json:"response_template"`
	SelectionPattern  string                       `json:"selectionPattern"`
	LambdaResult      json.RawMessage              `json:"lambda_result"`
	LambdaError       json.RawMessage              `json:"lambda_error"`
	Responses         []struct {
		StatusCode       string `json:"statusCode"`
		SelectionPattern string `json:"selectionPattern"`
	} `json:"integrationResponses"`
}

// lsExpected is the object form of a localstack expected_output.
type lsExpected struct {
	Status   int               `json:"status"`
	Headers  map[string]string `json:"headers"`
	Body     *string           `json:"body"`
	BodyJSON json.RawMessage   `json:"body_json"`
}

// request builds the method request a localstack vector describes. Header
// and parameter maps are sorted by name: the vectors' JSON objects carry no
// order API Gateway would see.
func (in *lsInput) request() *Request {
	r := &Request{Method: in.Method, ResourcePath: in.ResourcePath}
	if in.Body != nil {
		r.Body = *in.Body
	}
	r.Header = sortedParams(in.Headers)
	if p := in.Params; p != nil {
		r.Path = sortedParams(p["path"])
		r.Query = sortedParams(p["querystring"])
		r.Header = append(r.Header, sortedParams(p["header"])...)
	}
	return r
}

func sortedParams(m map[string]string) Params {
	var ps Params
	for k, v := range m {
		ps = append(ps, KV{k, v})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
	return ps
}

// runLocalStack replays LocalStack's AWS-validated tests
// (tests/aws/services/apigateway/*.py at 8b9a79f, with their snapshots) in
// the shapes the vectors record.
func runLocalStack(v *awsVector) error {
	var in lsInput
	if err := json.Unmarshal(v.Input, &in); err != nil {
		return err
	}
	tmpl := ""
	if v.Template != nil {
		tmpl = *v.Template
	}
	switch in.Stage {
	case "integration-response":
		// A response template over a backend body. LocalStack's
		// test_input_*_formatting tests used an HTTP echo backend (the
		// client JSON comes back under "json"); the Lambda ones a Python
		// function whose result is the body.
		ig := &Integration{Type: "http", Responses: []*IntegrationResponse{{
			StatusCode:        "200",
			ResponseTemplates: []Template{NewTemplate("application/json", v.Name, tmpl, nil)},
		}}}
		req := &Request{Method: "POST", Header: Params{{"Content-Type", "application/json"}}}
		switch {
		case in.ClientRequestBody != nil:
			req.Body = *in.ClientRequestBody
		case len(in.ClientRequestJSON) > 0:
			req.Body = serializeResult(in.ClientRequestJSON, "python")
		}
		out := &Outcome{HTTPStatus: 200, HTTPHeaders: Params{{"Content-Type", "application/json"}}, HTTPBody: *in.Body}
		if strings.HasPrefix(in.Integration, "AWS (Lambda") {
			ig.Type = "lambda"
			ig.Responses = lsResponses(&in, ig.Responses[0].ResponseTemplates)
			req.Body = "{}"
			out = &Outcome{Result: json.RawMessage(*in.Body)}
		}
		res := Invoke(ig, req, out)
		if err := resultErr(res); err != nil {
			return err
		}
		return compareLS(v, res, res.Body)
	case "integration-request":
		// A request template; the vector records its output (what the
		// echo backend received and returned).
		req := in.request()
		if in.StageName != "" {
			// The deployed stage shows in $context.stage and in
			// $context.path (a Request.Context value replaces one
			// default, so both are given); 111111111111 is how
			// LocalStack's snapshots write the AWS account id (their
			// default transformer), so it is the account here.
			req.Context = vtleval.NewMap()
			req.Context.Put("stage", in.StageName)
			req.Context.Put("path", in.Path)
			req.Context.Put("accountId", "111111111111")
		}
		ig := &Integration{
			Type:             "http",
			RequestTemplates: []Template{NewTemplate("application/json", v.Name, tmpl, nil)},
			Responses:        []*IntegrationResponse{{StatusCode: "200"}},
		}
		res := Invoke(ig, req, &Outcome{HTTPStatus: 200})
		if res.RequestErr != nil {
			return res.RequestErr
		}
		if !res.EventRendered {
			return fmt.Errorf("the request template did not run: %v", res.Trace)
		}
		if v.Compare == "json_with_placeholders" {
			return compareKeySet(v, res.Event)
		}
		return compareLS(v, res, res.Event)
	case "request+response (MOCK)":
		ir := &IntegrationResponse{StatusCode: "200", SelectionPattern: in.SelectionPattern}
		if in.ResponseTemplate != nil {
			ir.ResponseTemplates = []Template{NewTemplate("application/json", v.Name+" (response)", *in.ResponseTemplate, nil)}
		}
		ig := &Integration{
			Type:             "mock",
			RequestTemplates: []Template{NewTemplate("application/json", v.Name+" (request)", *in.RequestTemplate, nil)},
			Responses:        []*IntegrationResponse{ir},
		}
		req := in.request()
		req.Method = "GET"
		res := Invoke(ig, req, &Outcome{})
		if err := resultErr(res); err != nil {
			return err
		}
		return compareLS(v, res, res.Body)
	case "integration-response selection":
		ig := &Integration{Type: "lambda", Responses: lsResponses(&in, nil)}
		out := &Outcome{Result: in.LambdaResult}
		if len(in.LambdaError) > 0 && string(in.LambdaError) != "null" {
			p, err := lambdaErrorPayload(v, in.LambdaError)
			if err != nil {
				return err
			}
			out = &Outcome{ErrorPayload: p}
		}
		res := Invoke(ig, &Request{Method: "GET"}, out)
		if err := resultErr(res); err != nil {
			return err
		}
		return compareLS(v, res, res.Body)
	}
	return fmt.Errorf("unknown stage %q", in.Stage)
}

func lsResponses(in *lsInput, ts []Template) []*IntegrationResponse {
	var rs []*IntegrationResponse
	for _, r := range in.Responses {
		rs = append(rs, &IntegrationResponse{StatusCode: r.StatusCode, SelectionPattern: r.SelectionPattern, ResponseTemplates: ts})
	}
	return rs
}

// awsRequestID stands for the Lambda request id that LocalStack's snapshot
// replaced with <uuid>.
const awsRequestID = "0f6c1a35-4a43-4d5e-9d4b-2b4f7d1e8c90"

// lambdaErrorPayload is the Python runtime's payload for the error the
// vector names: errorMessage and errorType from input.lambda_error, the
// request id the runtime adds, and the stack trace the recording shows
// (the vector's input abbreviates it). It is the payload AWS passed
// through unchanged, which is what the test checks, with the selected
// status.
func lambdaErrorPayload(v *awsVector, raw json.RawMessage) (json.RawMessage, error) {
	var e struct {
		ErrorMessage string   `json:"errorMessage"`
		ErrorType    string   `json:"errorType"`
		StackTrace   []string `json:"stackTrace"`
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, err
	}
	if e.StackTrace == nil {
		var want struct {
			BodyJSON struct {
				StackTrace []string `json:"stackTrace"`
			} `json:"body_json"`
		}
		if err := json.Unmarshal(v.ExpectedOutput, &want); err != nil {
			return nil, err
		}
		e.StackTrace = want.BodyJSON.StackTrace
	}
	var b bytes.Buffer
	b.WriteString("{")
	for i, kv := range []struct {
		k string
		v any
	}{{"errorMessage", e.ErrorMessage}, {"errorType", e.ErrorType}, {"requestId", awsRequestID}, {"stackTrace", e.StackTrace}} {
		if i > 0 {
			b.WriteString(", ")
		}
		k, _ := marshalNoEscape(kv.k)
		val, _ := marshalNoEscape(kv.v)
		b.Write(k)
		b.WriteString(": ")
		b.Write(val)
	}
	b.WriteString("}")
	return json.RawMessage(b.String()), nil
}

// compareLS compares a localstack vector's expected_output: a string is
// the exact text (or JSON when compare is "json"); an object names status,
// headers (a subset), body (exact) and body_json.
func compareLS(v *awsVector, res *Result, got string) error {
	var s string
	if json.Unmarshal(v.ExpectedOutput, &s) == nil {
		return compareText(v.Compare, got, s, nil)
	}
	var want lsExpected
	if err := json.Unmarshal(v.ExpectedOutput, &want); err != nil {
		return err
	}
	var errs []error
	if want.Status != 0 && res.Status != want.Status {
		errs = append(errs, fmt.Errorf("status: got %d, want %d (%s)", res.Status, want.Status, res.Selected))
	}
	for k, w := range want.Headers {
		if g, ok := res.Headers.Get(k); !ok || g != w {
			errs = append(errs, fmt.Errorf("header %s: got %q (present %v), want %q", k, g, ok, w))
		}
	}
	if want.Body != nil && got != *want.Body {
		errs = append(errs, fmt.Errorf("body: got %q, want %q", got, *want.Body))
	}
	if want.BodyJSON != nil {
		if err := compareJSON(got, want.BodyJSON, false); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// compareKeySet checks LocalStack's $context enumeration vector: the
// request template builds an SQS SendMessage request whose MessageBody is
// the JSON text of what the template enumerated; that is what LocalStack
// snapshotted. Keys must come in AWS's order (the point of the vector);
// "<…>" values are the snapshot's placeholders (placeholderOK). The
// template's own "<queue_url>" is LocalStack's placeholder for the queue
// URL, literal text here, and is not compared.
func compareKeySet(v *awsVector, event string) error {
	var outer struct{ MessageBody string }
	if err := json.Unmarshal([]byte(event), &outer); err != nil {
		return fmt.Errorf("the rendered request is not JSON: %v\n%s", err, event)
	}
	return compareJSON(outer.MessageBody, v.ExpectedOutput, true)
}

// runToQoz replays ToQoz's 2015 recording (misc/gen.js): the request
// template, keyed by a custom text/test-N content type, rendered the body;
// a Lambda function returned JSON.stringify(event) and the response
// template $input.path('$') unwrapped it, so what was observed is the
// rendered event as JSON. An empty rendering reaches Lambda as {} (and was
// observed as {}), as Invoke models it.
func runToQoz(v *awsVector) error {
	var in struct {
		Body    string            `json:"body"`
		Headers map[string]string `json:"headers"`
	}
	if err := json.Unmarshal(v.Input, &in); err != nil {
		return err
	}
	const ct = "text/test-1"
	ig := &Integration{
		Type:             "lambda",
		RequestTemplates: []Template{NewTemplate(ct, v.Name, *v.Template, nil)},
		Responses:        []*IntegrationResponse{{StatusCode: "200"}},
	}
	req := &Request{Method: "POST", Header: append(sortedParams(in.Headers), KV{"Content-Type", ct}), Body: in.Body}
	res := Invoke(ig, req, &Outcome{Result: json.RawMessage(`"unused"`)})
	if len(v.ExpectedError) > 0 {
		var want struct {
			Status int    `json:"status"`
			Body   string `json:"body"`
		}
		if err := json.Unmarshal(v.ExpectedError, &want); err != nil {
			return err
		}
		if res.Status != want.Status || res.Body != want.Body {
			return fmt.Errorf("got %d %s\nwant %d %s\ntrace:\n  %s", res.Status, res.Body, want.Status, want.Body, strings.Join(res.Trace, "\n  "))
		}
		return nil
	}
	if res.RequestErr != nil {
		return res.RequestErr
	}
	event := res.Event
	if event == "" {
		event = "{}"
	}
	return compareJSON(event, v.ExpectedOutputJSON, false)
}

// resultErr reports a template that failed to parse or render.
func resultErr(res *Result) error {
	if res.RequestErr != nil {
		return fmt.Errorf("request template: %w", res.RequestErr)
	}
	if res.ResponseErr != nil {
		return fmt.Errorf("response template: %w", res.ResponseErr)
	}
	return nil
}

// compareText compares output text as a vector's compare field says.
func compareText(mode, got, want string, wantJSON json.RawMessage) error {
	switch mode {
	case "", "exact":
		if got != want {
			return fmt.Errorf("got  %q\nwant %q", got, want)
		}
		return nil
	case "whitespace_normalized":
		if g, w := normalizeSpace(got), normalizeSpace(want); g != w {
			return fmt.Errorf("after whitespace normalisation:\ngot  %q\nwant %q", g, w)
		}
		return nil
	case "json":
		if wantJSON == nil {
			wantJSON = json.RawMessage(want)
		}
		return compareJSON(got, wantJSON, false)
	}
	return fmt.Errorf("unknown compare mode %q", mode)
}

var spaceRun = regexp.MustCompile(`\s+`)

// normalizeSpace is airspeed's _normalize_whitespaces (Python's \s, which
// for str patterns is Unicode whitespace; the recorded outputs are ASCII).
func normalizeSpace(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
	return spaceRun.ReplaceAllString(s, " ")
}

// compareJSON compares got, parsed as strict JSON, with want. String
// values of want of the form <name> are snapshot placeholders
// (placeholderOK). ordered also requires object keys in want's order.
func compareJSON(got string, want json.RawMessage, ordered bool) error {
	g, err := decodeOrdered([]byte(got))
	if err != nil {
		return fmt.Errorf("output is not JSON (%v): %q", err, got)
	}
	w, err := decodeOrdered(want)
	if err != nil {
		return fmt.Errorf("expected value is not JSON: %v", err)
	}
	if path, ok := jsonEqual(g, w, "$", ordered); !ok {
		return fmt.Errorf("JSON differs at %s:\ngot  %s\nwant %s", path, got, want)
	}
	return nil
}

// jsonObject is a decoded JSON object that keeps its key order.
type jsonObject struct {
	keys []string
	vals map[string]any
}

func decodeOrdered(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := decodeValue(d)
	if err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

func decodeValue(d *json.Decoder) (any, error) {
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('{'):
		o := &jsonObject{vals: map[string]any{}}
		for d.More() {
			kt, err := d.Token()
			if err != nil {
				return nil, err
			}
			k := kt.(string)
			v, err := decodeValue(d)
			if err != nil {
				return nil, err
			}
			if _, dup := o.vals[k]; !dup {
				o.keys = append(o.keys, k)
			}
			o.vals[k] = v
		}
		_, err := d.Token()
		return o, err
	case json.Delim('['):
		l := []any{}
		for d.More() {
			v, err := decodeValue(d)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		_, err := d.Token()
		return l, err
	}
	return t, nil
}

var (
	placeholder = regexp.MustCompile(`^<[a-z-]+(:\d+)?>$`)
	uuidText    = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	digits      = regexp.MustCompile(`^[0-9]+$`)
)

// placeholderOK says whether got may stand where a LocalStack snapshot
// wrote a placeholder for a value that differs per run: <uuid> must be a
// UUID, <epoch> a number, any other <name> a non-empty string.
func placeholderOK(ph string, got any) bool {
	s, ok := got.(string)
	if !ok {
		return false
	}
	switch {
	case strings.HasPrefix(ph, "<uuid"):
		return uuidText.MatchString(s)
	case ph == "<epoch>":
		return digits.MatchString(s)
	}
	return s != ""
}

func jsonEqual(got, want any, path string, ordered bool) (string, bool) {
	if ws, ok := want.(string); ok && placeholder.MatchString(ws) {
		return path, placeholderOK(ws, got)
	}
	switch w := want.(type) {
	case *jsonObject:
		g, ok := got.(*jsonObject)
		if !ok || len(g.keys) != len(w.keys) {
			return path, false
		}
		if ordered && !reflect.DeepEqual(g.keys, w.keys) {
			return path + " (key order)", false
		}
		for _, k := range w.keys {
			gv, ok := g.vals[k]
			if !ok {
				return path + "." + k, false
			}
			if p, ok := jsonEqual(gv, w.vals[k], path+"."+k, ordered); !ok {
				return p, false
			}
		}
		return path, true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path, false
		}
		for i := range w {
			if p, ok := jsonEqual(g[i], w[i], fmt.Sprintf("%s[%d]", path, i), ordered); !ok {
				return p, false
			}
		}
		return path, true
	}
	return path, reflect.DeepEqual(got, want)
}
