package apigw

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"sort"
	"strconv"
	"strings"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// Integration is a non-proxy integration as API Gateway configures it
// (x-amazon-apigateway-integration / AWS::ApiGateway::Method Integration).
type Integration struct {
	Type                string // "lambda" (type AWS with a Lambda URI), "http" or "mock"
	RequestTemplates    []Template
	PassthroughBehavior string // WHEN_NO_MATCH (default), WHEN_NO_TEMPLATES, NEVER
	Responses           []*IntegrationResponse
	// TieBreak decides between several matching selection patterns, which
	// AWS does not document (apigw.md §6.1, peers.md §3 #11):
	// "lowest-status" (default) or "config-order".
	TieBreak string
}

// Template is a mapping template for one content type. An empty template
// passes the body through (apigw.md §5.1).
type Template struct {
	ContentType string
	Template    *vtleval.Template // nil for an empty template
	// Err is a template that does not parse: API Gateway fails the request
	// with 500 when it is used.
	Err error
}

// NewTemplate parses a mapping template for a content type; an empty source
// is an empty (passthrough) template and a parse error is kept in Err.
func NewTemplate(contentType, name, src string, o *vtleval.ParseOptions) Template {
	t := Template{ContentType: contentType}
	if src == "" {
		return t
	}
	t.Template, t.Err = ParseWith(name, src, o)
	return t
}

// IntegrationResponse is one integration response.
type IntegrationResponse struct {
	StatusCode         string
	SelectionPattern   string
	Pattern            *SelectionPattern // compiled; nil for the default response
	ResponseTemplates  []Template
	ResponseParameters []KV // method.response.header.X -> source
}

// Outcome is what the backend did.
type Outcome struct {
	// Lambda
	Result        json.RawMessage // a successful invocation's result
	Runtime       string          // python (default), nodejs, java, go: how Result is serialised
	ErrorPayload  json.RawMessage // a function error, exactly as the runtime returns it
	InvokeFailure string          // the Lambda API rejected the call (permissions, throttling...)
	// HTTP
	HTTPStatus  int
	HTTPHeaders Params
	HTTPBody    string
}

// Result is what the client gets, plus what happened on the way.
type Result struct {
	Event         string // the integration request body after transformations
	EventRendered bool   // a request template ran
	EventError    string // the backend rejected the event (invalid JSON for Lambda)
	Invoked       bool   // the backend was called
	Status        int
	Headers       Params
	Body          string
	Selected      string // which integration response and why
	Trace         []string
	Warnings      []string
	// RequestTemplate is the content type of the request template used,
	// "" when the body was passed through.
	RequestTemplate string
	// RequestErr is a request template that does not parse or render;
	// ResponseErr the same for the response side. API Gateway's own
	// answers (415, 500 for no matching response) are outcomes, not errors.
	RequestErr, ResponseErr error
}

func (r *Result) logf(format string, args ...any) {
	r.Trace = append(r.Trace, fmt.Sprintf(format, args...))
}

const internalError = `{"message": "Internal server error"}`

func (r *Result) fail(status int, body, log string) *Result {
	r.Status = status
	r.Body = body
	r.Headers = Params{{"Content-Type", "application/json"}}
	if status == 500 {
		r.Headers = append(r.Headers, KV{"x-amzn-ErrorType", "InternalServerErrorException"})
	}
	if log != "" {
		r.logf("%s", log)
	}
	r.logf("Method completed with status: %d", status)
	return r
}

// mimeType is the MIME type of a Content-Type or Accept value, lower-cased.
func mimeType(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		v = v[:i] // only the first Accept value counts (D-ENC)
	}
	t, _, err := mime.ParseMediaType(v)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.SplitN(v, ";", 2)[0]))
	}
	return t
}

func findTemplate(ts []Template, ct string) (Template, bool) {
	for _, t := range ts {
		if strings.EqualFold(t.ContentType, ct) {
			return t, true
		}
	}
	return Template{}, false
}

// Invoke runs a request through the integration: request template, backend
// outcome, integration response selection, response template and mappings.
func Invoke(ig *Integration, req *Request, out *Outcome) *Result {
	res := &Result{}
	method := req.Method
	if method == "" {
		method = "GET"
	}
	res.logf("HTTP Method: %s, Resource Path: %s", method, req.resourcePath())
	res.logf("Method request path: %s", req.Path.javaMapString())
	res.logf("Method request query string: %s", req.Query.javaMapString())
	res.logf("Method request headers: %s", req.Header.javaMapString())
	res.logf("Method request body before transformations: %s", req.Body)

	// Integration request: template selection (apigw.md §5.1, §5.2).
	ct := "application/json"
	if v, ok := req.header("Content-Type"); ok && strings.TrimSpace(v) != "" {
		ct = mimeType(v)
	}
	env := NewRequestEnv(req)
	defer env.Release() // nothing in the Result holds a value of the renders
	tmpl, found := findTemplate(ig.RequestTemplates, ct)
	pass := ig.PassthroughBehavior
	if pass == "" {
		pass = "WHEN_NO_MATCH"
	}
	event := req.Body
	switch {
	case found && tmpl.Err != nil:
		res.RequestTemplate = tmpl.ContentType
		res.RequestErr = tmpl.Err
		res.logf("Execution failed due to configuration error: the request template does not parse: %v", tmpl.Err)
		return res.fail(500, internalError, "")
	case found && tmpl.Template != nil:
		res.RequestTemplate = tmpl.ContentType
		s, err := Render(tmpl.Template, env)
		if pe, ok := errors.AsType[*PayloadError](err); ok {
			// A body $input.path or $input.json cannot parse is the
			// client's fault, an outcome rather than a template error:
			// 400 with the parser's message appended without a separator
			// ([obs] ToQoz, 2015: "Could not process
			// payloadnet.minidev.json.parser.ParseException: …").
			b, _ := marshalNoEscape(map[string]string{"message": "Could not process payload" + pe.Error()})
			return res.fail(400, strings.Replace(string(b), `{"message":`, `{"message": `, 1), fmt.Sprintf("Could not process payload: %v", err))
		}
		if err != nil {
			res.RequestErr = err
			res.logf("Execution failed due to configuration error: Unable to transform request: %v", err)
			return res.fail(500, internalError, "")
		}
		event = s
		res.EventRendered = true
	case found:
		res.logf("Request template for %s is empty: passing the body through", ct)
	case pass == "NEVER" || pass == "WHEN_NO_TEMPLATES" && len(ig.RequestTemplates) > 0:
		res.logf("No request template for Content-Type %s and passthroughBehavior %s", ct, pass)
		return res.fail(415, `{"message": "Unsupported Media Type"}`, "")
	default:
		res.logf("No request template for Content-Type %s: passing the body through (%s)", ct, pass)
	}
	res.Event = event
	res.logf("Endpoint request body after transformations: %s", event)

	// The backend.
	var respBody string
	var selection string
	var functionError bool
	var backendHeaders Params
	byStatus := ig.Type == "http" || ig.Type == "mock"
	mockDefault := false
	switch {
	case ig.Type == "mock":
		// A MOCK integration calls nothing: the integration request body
		// names the status code, which selects the integration response
		// like an HTTP status; the integration response body is empty
		// (apigw.md §6.3, [obs] LS-MOCK), and $context, including what
		// the request template set, carries over to the response template.
		code, ok := mockStatus(event)
		switch {
		case ok:
			selection = strconv.Itoa(code)
			res.logf("Mock integration: statusCode %d", code)
		case res.EventRendered:
			// [inf] LocalStack's MOCK integration, whose log line this is.
			return res.fail(500, internalError, "Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.")
		default:
			// No request template: the default integration response
			// answers ([doc] how-to-mock-integration).
			mockDefault = true
			res.logf("Mock integration without request template")
		}
	case ig.Type == "http":
		res.Invoked = true
		respBody = out.HTTPBody
		backendHeaders = out.HTTPHeaders
		status := out.HTTPStatus
		if status == 0 {
			status = 200
		}
		selection = strconv.Itoa(status)
		res.logf("Endpoint response status: %d", status)
	default:
		if out.InvokeFailure != "" {
			res.logf("Lambda invocation failed: %s", out.InvokeFailure)
			return res.fail(500, internalError, "Execution failed due to configuration error: Lambda invocation failed")
		}
		body := event
		if body == "" {
			// what Lambda receives for an empty body in passthrough is
			// unknown (apigw.md §5.4): treat it as {} like templates do [inf].
			body = "{}"
		}
		if msg := jsonProblem(body); msg != "" {
			res.EventError = "Could not parse request body into json: " + msg
			res.logf("Lambda rejected the request body: %s", res.EventError)
			// The client status is not confirmed (apigw.md §12 #9); the
			// docs say "a 400 response may be returned" [doc].
			b, _ := json.Marshal(map[string]string{"message": res.EventError})
			return res.fail(400, strings.Replace(string(b), `{"message":`, `{"message": `, 1), "")
		}
		res.Invoked = true
		switch {
		case out.ErrorPayload != nil:
			functionError = true
			respBody = string(out.ErrorPayload)
			selection = errorMessage(out.ErrorPayload)
			res.logf("Lambda function error (X-Amz-Function-Error: Unhandled), errorMessage: %q", selection)
		default:
			respBody = serializeResult(out.Result, out.Runtime)
			selection = "" // successes are matched as "" (apigw.md §6.1)
		}
	}
	res.logf("Endpoint response body before transformations: %s", respBody)

	// Integration response selection.
	var ir *IntegrationResponse
	var why string
	if mockDefault {
		ir, why = ig.defaultResponse(), "the default integration response: a mock integration without request template names no status code"
	} else {
		ir, why = ig.selectResponse(selection, byStatus, res)
	}
	res.Selected = why
	res.logf("%s", why)
	if ir == nil {
		return res.fail(500, internalError, fmt.Sprintf("Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: %d", 200))
	}
	status, err := strconv.Atoi(ir.StatusCode)
	if err != nil {
		return res.fail(500, internalError, fmt.Sprintf("Execution failed due to configuration error: invalid statusCode %q", ir.StatusCode))
	}

	// Response template by Accept (apigw.md §6.3).
	accept := "application/json"
	if v, ok := req.header("Accept"); ok && strings.TrimSpace(v) != "" && mimeType(v) != "*/*" {
		accept = mimeType(v)
	}
	body := respBody
	respEnv := env.WithInput(NewInput(respBody, req))
	defer respEnv.Release()
	rt, ok := findTemplate(ir.ResponseTemplates, accept)
	if !ok {
		rt, ok = findTemplate(ir.ResponseTemplates, "application/json")
	}
	if !ok && len(ir.ResponseTemplates) > 0 {
		rt, ok = ir.ResponseTemplates[0], true
	}
	contentType := "application/json"
	if ok && rt.Err != nil {
		res.ResponseErr = rt.Err
		res.logf("Execution failed due to configuration error: the response template does not parse: %v", rt.Err)
		return res.fail(500, internalError, "")
	}
	if ok && rt.Template != nil {
		s, err := Render(rt.Template, respEnv)
		if err != nil {
			res.ResponseErr = err
			res.logf("Execution failed due to configuration error: Unable to transform response: %v", err)
			return res.fail(500, internalError, "")
		}
		body = s
	}
	res.logf("Method response body after transformations: %s", body)

	// Header mappings (apigw.md §6.4), then overrides (§6.5).
	headers := Params{}
	for _, p := range ir.ResponseParameters {
		name := strings.TrimPrefix(p.Name, "method.response.header.")
		v, ok, err := mapSource(p.Value, backendHeaders, respBody, functionError, env.Context(), req.StageVariables)
		if err != nil {
			// [CheckMappingExpression] rejects it, as API Gateway does
			// on deploy; reached only by an unchecked Integration.
			res.Warnings = append(res.Warnings, fmt.Sprintf("responseParameters %q: %v; header left out", p.Name, err))
			continue
		}
		if ok {
			headers.Set(name, v)
		}
	}
	ov := ReadOverrides(env.contextIfBuilt())
	for _, kv := range ov.ResponseHeaders {
		headers.Set(kv.Name, kv.Value)
	}
	if ov.StatusSet {
		if ov.Status != 0 {
			status = ov.Status
		} else {
			res.Warnings = append(res.Warnings, "responseOverride.status is not an integer from 100 to 599: ignored")
		}
	}
	if _, ok := headers.Get("Content-Type"); !ok {
		headers = append(Params{{"Content-Type", contentType}}, headers...)
	}
	res.Status = status
	res.Headers = headers
	res.Body = body
	res.logf("Method response headers: %s", headers.javaMapString())
	res.logf("Successfully completed execution")
	res.logf("Method completed with status: %d", status)
	return res
}

// selectResponse picks the integration response for a selection value.
func (ig *Integration) selectResponse(value string, isHTTP bool, res *Result) (*IntegrationResponse, string) {
	what := fmt.Sprintf("errorMessage %q", value)
	if isHTTP {
		what = "status code " + value
	} else if value == "" {
		what = `"" (a successful invocation is matched as the empty string)`
	}
	var matches []*IntegrationResponse
	var def *IntegrationResponse
	for _, r := range ig.Responses {
		if r.SelectionPattern == "" {
			if def == nil {
				def = r
			}
			continue
		}
		p := r.Pattern
		if p == nil {
			var err error
			if p, err = CompileSelectionPattern(r.SelectionPattern); err != nil {
				res.Warnings = append(res.Warnings, fmt.Sprintf("selectionPattern %q: %v", r.SelectionPattern, err))
				continue
			}
		}
		ok, err := p.Matches(value)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("selectionPattern %q: %v", r.SelectionPattern, err))
			continue
		}
		if ok {
			matches = append(matches, r)
		}
	}
	if len(matches) > 1 {
		rule := "lowest status code"
		if ig.TieBreak == "config-order" {
			rule = "first in configuration order"
		} else {
			sort.SliceStable(matches, func(i, j int) bool { return matches[i].StatusCode < matches[j].StatusCode })
		}
		var names []string
		for _, m := range matches {
			names = append(names, fmt.Sprintf("%s (%q)", m.StatusCode, m.SelectionPattern))
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("several selection patterns match %s: %s; AWS does not document which wins, vtlcheck takes the %s", what, strings.Join(names, ", "), rule))
	}
	if len(matches) > 0 {
		m := matches[0]
		return m, fmt.Sprintf("Selected integration response %s: selectionPattern %q matches %s", m.StatusCode, m.SelectionPattern, what)
	}
	if def != nil {
		return def, fmt.Sprintf("Selected integration response %s (default): no selectionPattern matches %s", def.StatusCode, what)
	}
	return nil, fmt.Sprintf("No integration response: no selectionPattern matches %s and there is no default response", what)
}

// defaultResponse is the integration response without selection pattern.
func (ig *Integration) defaultResponse() *IntegrationResponse {
	for _, r := range ig.Responses {
		if r.SelectionPattern == "" {
			return r
		}
	}
	return nil
}

// mockStatus reads the statusCode a MOCK integration request body names:
// the body is read as json-smart reads it, so the unquoted
// `{statusCode: 200}` the AWS CDK generates works ([obs] LS-MOCK), and the
// code must be an integer.
func mockStatus(body string) (int, bool) {
	v, err := ParseJSON(body)
	if err != nil {
		return 0, false
	}
	m, ok := v.(*vtleval.Map)
	if !ok {
		return 0, false
	}
	switch c, _ := m.Get("statusCode"); c := c.(type) {
	case int32:
		return int(c), true
	case int64:
		return int(c), true
	}
	return 0, false
}

// errorMessage is the selection value of a Lambda function error: its
// errorMessage ("" when absent).
func errorMessage(payload json.RawMessage) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(payload, &m); err != nil {
		return ""
	}
	raw, ok := m["errorMessage"]
	if !ok {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	return string(raw)
}

// serializeResult writes a Lambda result as the runtime does: Python's
// json.dumps (", " and ": " separators, ASCII only) or compact JSON.
func serializeResult(raw json.RawMessage, runtime string) string {
	if raw == nil {
		return "null"
	}
	v, err := vtleval.DecodeJSON(raw)
	if err != nil {
		return string(raw)
	}
	var sb strings.Builder
	writeRuntimeJSON(&sb, v, runtime == "" || runtime == "python", raw)
	return sb.String()
}

func writeRuntimeJSON(sb *strings.Builder, v vtleval.Value, python bool, raw json.RawMessage) {
	sep, colon := ",", ":"
	if python {
		sep, colon = ", ", ": "
	}
	switch v := v.(type) {
	case *vtleval.Map:
		sb.WriteByte('{')
		i := 0
		v.Entries(func(k, val vtleval.Value) {
			if i > 0 {
				sb.WriteString(sep)
			}
			i++
			writeRuntimeString(sb, vtleval.ToString(k), python)
			sb.WriteString(colon)
			writeRuntimeJSON(sb, val, python, nil)
		})
		sb.WriteByte('}')
	case *vtleval.List:
		sb.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				sb.WriteString(sep)
			}
			writeRuntimeJSON(sb, it, python, nil)
		}
		sb.WriteByte(']')
	case string:
		writeRuntimeString(sb, v, python)
	case nil:
		sb.WriteString("null")
	case float64:
		if python {
			sb.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			if !strings.ContainsAny(sb.String()[sb.Len()-1:], ".e") && v == float64(int64(v)) {
				sb.WriteString(".0")
			}
		} else {
			sb.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
	default:
		sb.WriteString(vtleval.ToString(v))
	}
}

func writeRuntimeString(sb *strings.Builder, s string, ascii bool) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	out := strings.TrimSuffix(buf.String(), "\n")
	if ascii {
		var b strings.Builder
		for _, r := range out {
			if r > 0x7E {
				for _, u := range utf16Units(r) {
					fmt.Fprintf(&b, `\u%04x`, u)
				}
				continue
			}
			b.WriteRune(r)
		}
		out = b.String()
	}
	sb.WriteString(out)
}

func utf16Units(r rune) []uint16 {
	if r < 0x10000 {
		return []uint16{uint16(r)}
	}
	r -= 0x10000
	return []uint16{uint16(0xD800 + (r >> 10)), uint16(0xDC00 + (r & 0x3FF))}
}

// ValidStatusCode reports whether code is a status code API Gateway takes
// for an integration or method response: three digits, [1-5]\d\d (100-599).
func ValidStatusCode(code string) bool {
	return len(code) == 3 && '1' <= code[0] && code[0] <= '5' &&
		'0' <= code[1] && code[1] <= '9' && '0' <= code[2] && code[2] <= '9'
}

const responseHeaderPrefix = "method.response.header."

// ResponseParameterHeader returns the header a responseParameters key maps
// to: NAME in method.response.header.NAME, the only key API Gateway takes
// (apigw.md §6.4: "Only headers can be targets").
func ResponseParameterHeader(key string) (string, error) {
	name, ok := strings.CutPrefix(key, responseHeaderPrefix)
	if !ok || name == "" {
		return "", fmt.Errorf("key %q must be method.response.header.NAME (only headers can be mapped)", key)
	}
	return name, nil
}

// MappingError is a responseParameters mapping expression that API Gateway
// rejects when the integration response is put.
type MappingError struct {
	Expr string // the mapping expression as written
	Msg  string
	Err  error // the *JSONPathError of an integration.response.body.JSONPATH, or nil
}

func (e *MappingError) Error() string {
	return fmt.Sprintf("invalid mapping expression %q: %s", e.Expr, e.Msg)
}

func (e *MappingError) Unwrap() error { return e.Err }

// CheckMappingExpression checks the source of a responseParameters entry
// as API Gateway does when the integration response is put. apigw.md §6.4
// lists the sources ([doc] D-MAP, D-XR, API-IR): 'STATIC VALUE',
// integration.response.header.NAME, integration.response.multivalueheader.NAME,
// integration.response.body, integration.response.body.JSONPATH (without
// $), stageVariables.NAME and context.NAME; method request parameters are
// not among them. API Gateway rejects any other expression on deploy with
// "Invalid mapping expression specified", which apigw.md does not cover
// ([obs] awsdocs/amazon-api-gateway-developer-guide#7, 2018: an unquoted
// "*" in the console). Rejecting a JSONPath that does not compile is [inf]
// from API-IR's "JSON-expression is a valid JSON expression". Context
// variable names are not checked. Errors are *[MappingError] values.
func CheckMappingExpression(expr string) error {
	_, err := parseMapping(expr)
	return err
}

// mapping is a parsed responseParameters mapping expression.
type mapping struct {
	kind string    // "literal", "header", "multivalueheader", "body", "stageVariables" or "context"
	arg  string    // the literal's text, or the header or variable name
	path *JSONPath // for integration.response.body.JSONPATH; nil for the whole body
}

var mappingPrefixes = []struct{ prefix, kind, what string }{
	{"integration.response.header.", "header", "header name"},
	{"integration.response.multivalueheader.", "multivalueheader", "header name"},
	{"integration.response.body.", "body", "JSONPath"},
	{"stageVariables.", "stageVariables", "variable name"},
	{"context.", "context", "variable name"},
}

const mappingForms = "want 'STATIC VALUE', integration.response.header.NAME, integration.response.multivalueheader.NAME, " +
	"integration.response.body, integration.response.body.JSONPATH, stageVariables.NAME or context.NAME"

func parseMapping(expr string) (mapping, error) {
	if len(expr) >= 2 && expr[0] == '\'' && expr[len(expr)-1] == '\'' {
		return mapping{kind: "literal", arg: expr[1 : len(expr)-1]}, nil
	}
	if expr == "integration.response.body" {
		return mapping{kind: "body"}, nil
	}
	for _, f := range mappingPrefixes {
		rest, ok := strings.CutPrefix(expr, f.prefix)
		if !ok {
			continue
		}
		if rest == "" {
			return mapping{}, &MappingError{Expr: expr, Msg: "no " + f.what + " after " + f.prefix}
		}
		m := mapping{kind: f.kind, arg: rest}
		if f.kind == "body" {
			p, err := cachedJSONPath(rest)
			if err != nil {
				msg := err.Error()
				if je := (*JSONPathError)(nil); errors.As(err, &je) {
					msg = "JSONPath " + strings.TrimPrefix(je.Error(), "invalid JSONPath ")
				}
				return mapping{}, &MappingError{Expr: expr, Msg: msg, Err: err}
			}
			m.path = p
		}
		return m, nil
	}
	msg := mappingForms
	switch {
	case strings.HasPrefix(expr, "method.request."):
		msg = "method request parameters cannot be mapped to response headers; " +
			"set $context.responseOverride.header.NAME in a response template instead"
	case len(expr) >= 2 && expr[0] == '"' && expr[len(expr)-1] == '"':
		msg = "a static value is enclosed in single quotes: '" + expr[1:len(expr)-1] + "'"
	case strings.HasPrefix(expr, "'") || strings.HasSuffix(expr, "'"):
		msg = "a static value is enclosed in single quotes: '" + strings.Trim(expr, "'") + "'"
	}
	return mapping{}, &MappingError{Expr: expr, Msg: msg}
}

// mapSource evaluates a responseParameters source (apigw.md §6.4); an
// expression [CheckMappingExpression] rejects is an error.
func mapSource(src string, backendHeaders Params, body string, functionError bool, ctx *vtleval.Map, stage Params) (string, bool, error) {
	m, err := parseMapping(src)
	if err != nil {
		return "", false, err
	}
	v, ok := m.eval(backendHeaders, body, functionError, ctx, stage)
	return v, ok, nil
}

func (m mapping) eval(backendHeaders Params, body string, functionError bool, ctx *vtleval.Map, stage Params) (string, bool) {
	switch m.kind {
	case "literal":
		return m.arg, true
	case "header":
		for i := len(backendHeaders) - 1; i >= 0; i-- {
			if strings.EqualFold(backendHeaders[i].Name, m.arg) {
				return backendHeaders[i].Value, true
			}
		}
		return "", false
	case "multivalueheader":
		var vals []string
		for _, kv := range backendHeaders {
			if strings.EqualFold(kv.Name, m.arg) {
				vals = append(vals, kv.Value)
			}
		}
		return strings.Join(vals, ","), len(vals) > 0
	case "body":
		if m.path == nil {
			return body, true
		}
		doc, err := ParseJSON(body)
		if err != nil {
			return "", false
		}
		if functionError {
			// For Lambda custom errors, a JSON errorMessage is deserialised
			// for header mappings only (apigw.md §6.4, D-ERR).
			if mm, ok := doc.(*vtleval.Map); ok {
				if em, ok := mm.Get("errorMessage"); ok {
					if s, ok := em.(string); ok {
						if inner, err := ParseJSON(s); err == nil {
							if _, isMap := inner.(*vtleval.Map); isMap {
								m2 := vtleval.NewMap()
								mm.Entries(func(k, v vtleval.Value) { m2.Put(k, v) })
								m2.Put("errorMessage", inner)
								doc = m2
							}
						}
					}
				}
			}
		}
		p := m.path
		nodes, err := p.Read(valueNode{doc})
		if err != nil || len(nodes) == 0 {
			return "", false
		}
		v := nodeValue(nodes[0])
		if !p.Definite() {
			l := &vtleval.List{JSON: true}
			for _, n := range nodes {
				l.Items = append(l.Items, nodeValue(n))
			}
			v = l
		}
		switch v := v.(type) {
		case nil:
			return "", false
		case string:
			return v, true
		case *vtleval.Map, *vtleval.List:
			return vtleval.JSON(v), true
		}
		return vtleval.ToString(v), true
	case "context":
		var cur vtleval.Value = ctx
		for _, part := range strings.Split(m.arg, ".") {
			mm, ok := cur.(*vtleval.Map)
			if !ok {
				return "", false
			}
			cur, _ = mm.Get(part)
		}
		if cur == nil {
			return "", false
		}
		return vtleval.ToString(cur), true
	case "stageVariables":
		return stage.Get(m.arg)
	}
	return "", false
}
