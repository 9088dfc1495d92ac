package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

type invokeIn struct {
	ID          json.RawMessage `json:"id"`
	Integration *struct {
		Type                string            `json:"type"`
		RequestTemplates    map[string]string `json:"requestTemplates"`
		PassthroughBehavior string            `json:"passthroughBehavior"`
		TieBreak            string            `json:"tieBreak"`
		Responses           []struct {
			StatusCode         json.RawMessage   `json:"statusCode"`
			SelectionPattern   string            `json:"selectionPattern"`
			ResponseTemplates  map[string]string `json:"responseTemplates"`
			ResponseParameters map[string]string `json:"responseParameters"`
		} `json:"responses"`
	} `json:"integration"`
	Request json.RawMessage `json:"request"`
	Lambda  *struct {
		Result  json.RawMessage `json:"result"`
		Error   json.RawMessage `json:"error"`
		Runtime string          `json:"runtime"`
	} `json:"lambda"`
	HTTP *struct {
		Status  json.RawMessage   `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    json.RawMessage   `json:"body"`
	} `json:"http"`
}

type invokeOut struct {
	ID       json.RawMessage   `json:"id"`
	Event    *string           `json:"event,omitempty"`
	Status   int               `json:"status,omitempty"`
	Headers  map[string]string `json:"headers,omitempty"`
	Body     *string           `json:"body,omitempty"`
	Selected string            `json:"selected,omitempty"`
	Warnings []string          `json:"warnings,omitempty"`
	Trace    []string          `json:"trace,omitempty"`
	Error    string            `json:"error,omitempty"`
}

func cmdInvoke(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("invoke", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonl := fs.Bool("jsonl", false, "read JSON Lines from stdin, write one result line per input")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vtlcheck invoke --jsonl < invocations.jsonl")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !*jsonl || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		line++
		enc.Encode(invokeOne(sc.Bytes(), line))
		w.Flush()
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "vtlcheck: reading stdin: %v\n", err)
		return 1
	}
	return 0
}

// statusCode reads a status code given as a JSON string or number ("200"
// or 200): [1-5]\d\d, as API Gateway takes it.
func statusCode(raw json.RawMessage) (string, error) {
	var code string
	if err := json.Unmarshal(raw, &code); err != nil {
		code = string(raw) // a number as written; anything else fails below
	}
	if !apigw.ValidStatusCode(code) {
		var b bytes.Buffer
		if json.Compact(&b, raw) != nil {
			b.Reset()
			b.Write(raw)
		}
		return "", fmt.Errorf("%s is not a status code (API Gateway takes 100-599)", b.Bytes())
	}
	return code, nil
}

// jsonKind names the kind of a JSON value that is not a string or null,
// for messages: "a number".
func jsonKind(raw json.RawMessage) string {
	switch bytes.TrimSpace(raw)[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func invokeOne(data []byte, line int) invokeOut {
	var in invokeIn
	out := invokeOut{ID: json.RawMessage("null")}
	fail := func(format string, args ...any) invokeOut {
		out.Error = fmt.Sprintf("stdin:%d: ", line) + fmt.Sprintf(format, args...)
		return out
	}
	err := json.Unmarshal(data, &in)
	if in.ID != nil {
		out.ID = in.ID // also when a field has the wrong type
	}
	if err != nil {
		return fail("invalid input line: %v", err)
	}
	if in.Integration == nil {
		return fail("missing \"integration\"")
	}
	ig := &apigw.Integration{Type: in.Integration.Type, PassthroughBehavior: in.Integration.PassthroughBehavior, TieBreak: in.Integration.TieBreak}
	switch ig.Type {
	case "", "lambda", "aws":
		ig.Type = "lambda"
	case "http":
	default:
		return fail("integration.type %q: want lambda or http", ig.Type)
	}
	switch ig.PassthroughBehavior {
	case "", "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER":
	default:
		return fail("integration.passthroughBehavior %q: want WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER", ig.PassthroughBehavior)
	}
	for _, ct := range sortedKeys(in.Integration.RequestTemplates) {
		name := fmt.Sprintf("stdin:%d:requestTemplates[%s]", line, ct)
		ig.RequestTemplates = append(ig.RequestTemplates, apigw.NewTemplate(ct, name, in.Integration.RequestTemplates[ct], nil))
	}
	for i, r := range in.Integration.Responses {
		if r.StatusCode == nil {
			return fail("responses[%d] has no statusCode", i)
		}
		code, err := statusCode(r.StatusCode)
		if err != nil {
			return fail("responses[%d].statusCode: %v", i, err)
		}
		ir := &apigw.IntegrationResponse{StatusCode: code, SelectionPattern: r.SelectionPattern}
		if r.SelectionPattern != "" {
			p, err := apigw.CompileSelectionPattern(r.SelectionPattern)
			if err != nil {
				return fail("responses[%d].selectionPattern: %v", i, err)
			}
			ir.Pattern = p
		}
		for _, ct := range sortedKeys(r.ResponseTemplates) {
			name := fmt.Sprintf("stdin:%d:responses[%d].responseTemplates[%s]", line, i, ct)
			ir.ResponseTemplates = append(ir.ResponseTemplates, apigw.NewTemplate(ct, name, r.ResponseTemplates[ct], nil))
		}
		for _, k := range sortedKeys(r.ResponseParameters) {
			if _, err := apigw.ResponseParameterHeader(k); err != nil {
				return fail("responses[%d].responseParameters: %v", i, err)
			}
			if err := apigw.CheckMappingExpression(r.ResponseParameters[k]); err != nil {
				return fail("responses[%d].responseParameters[%q]: %v", i, k, err)
			}
			ir.ResponseParameters = append(ir.ResponseParameters, apigw.KV{Name: k, Value: r.ResponseParameters[k]})
		}
		ig.Responses = append(ig.Responses, ir)
	}
	req, err := apigw.RequestFromJSON(in.Request)
	if err != nil {
		return fail("request: %v", err)
	}
	oc := &apigw.Outcome{}
	if ig.Type == "lambda" {
		if in.Lambda == nil {
			return fail("missing \"lambda\": {\"result\": ...} or {\"error\": ...}")
		}
		if in.HTTP != nil {
			return fail(`the integration is lambda: give the function's outcome as "lambda", not "http"`)
		}
		if in.Lambda.Result != nil && in.Lambda.Error != nil {
			return fail("lambda: give result or error, not both")
		}
		if in.Lambda.Result == nil && in.Lambda.Error == nil {
			return fail(`lambda: give "result" (what the function returned; null for None) or "error"`)
		}
		switch in.Lambda.Runtime {
		case "", "python", "nodejs", "node", "java", "go":
		default:
			return fail("lambda.runtime: unknown runtime %q (want %s)", in.Lambda.Runtime, strings.Join(apigw.Runtimes, ", "))
		}
		oc.Runtime = in.Lambda.Runtime
		if in.Lambda.Error != nil {
			v, err := vtleval.DecodeJSON(in.Lambda.Error)
			if err != nil {
				return fail("lambda.error: %v", err)
			}
			if _, ok := v.(*vtleval.Map); !ok {
				return fail(`lambda.error must be the function error's payload, an object such as {"errorMessage": "...", "errorType": "..."}`)
			}
			oc.ErrorPayload = in.Lambda.Error
		} else {
			oc.Result = in.Lambda.Result
		}
	} else if in.Lambda != nil {
		return fail(`the integration is http: give the endpoint's answer as "http", not "lambda"`)
	} else if in.HTTP != nil {
		if len(in.HTTP.Status) > 0 && string(in.HTTP.Status) != "null" {
			code, err := statusCode(in.HTTP.Status)
			if err != nil {
				return fail("http.status: %v", err)
			}
			oc.HTTPStatus, _ = strconv.Atoi(code)
		}
		if len(in.HTTP.Body) > 0 && string(in.HTTP.Body) != "null" {
			if err := json.Unmarshal(in.HTTP.Body, &oc.HTTPBody); err != nil {
				return fail("http.body must be a string, got %s; give a JSON body as text", jsonKind(in.HTTP.Body))
			}
		}
		for _, k := range sortedKeys(in.HTTP.Headers) {
			oc.HTTPHeaders = append(oc.HTTPHeaders, apigw.KV{Name: k, Value: in.HTTP.Headers[k]})
		}
	}
	res := apigw.Invoke(ig, req, oc)
	if res.Invoked || res.EventRendered {
		out.Event = &res.Event
	}
	out.Status = res.Status
	out.Headers = map[string]string{}
	for _, kv := range res.Headers {
		out.Headers[kv.Name] = kv.Value
	}
	out.Body = &res.Body
	out.Selected = res.Selected
	out.Warnings = res.Warnings
	out.Trace = res.Trace
	return out
}
