package cases

import (
	"fmt"
	"regexp"
	"strings"
)

// Pos is a position in a case file. Line and Col are 1-based; Col counts
// runes, as the YAML parser does. A zero Line means the position is unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p like go/token: "file:line:col", "file:line" when the
// column is unknown, "line:col" without a file, and "-" when p is unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0 && p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.File == "" && p.Col == 0:
		return fmt.Sprint(p.Line)
	case p.File == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Error is one problem found while loading a case file. It prints as
// "file:line:col: msg". The loader returns every Error of a run joined with
// [errors.Join], one per line.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Kind says which part of the API Gateway pipeline a case exercises.
type Kind string

// The three kinds of case.
const (
	// KindRequest: an HTTP request goes through the integration request
	// (template selection, passthrough behaviour, request template); the
	// case checks the Lambda event (or the gateway's own answer, such as
	// 415).
	KindRequest Kind = "request"
	// KindResponse: a backend outcome (Lambda result or error, HTTP
	// response) goes through integration response selection, response
	// templates and header mappings; the case checks what the client gets.
	// The request, if given, only supplies Accept, $input.params(),
	// $context and $stageVariables; the request template does not run.
	KindResponse Kind = "response"
	// KindE2E: both of the above in one case: request → event → backend
	// outcome → client response.
	KindE2E Kind = "e2e"
)

// Integration types, in API Gateway's spelling.
const (
	TypeAWS  = "AWS"  // a Lambda function, non-proxy
	TypeHTTP = "HTTP" // an HTTP endpoint, non-proxy
)

// Passthrough behaviours, in API Gateway's spelling.
const (
	WhenNoMatch     = "WHEN_NO_MATCH" // the default
	WhenNoTemplates = "WHEN_NO_TEMPLATES"
	Never           = "NEVER"
)

// Lambda runtimes whose error payload shapes are known.
const (
	RuntimePython = "python"
	RuntimeNodejs = "nodejs"
	RuntimeJava   = "java"
	RuntimeGo     = "go"
)

// File is one loaded case file.
type File struct {
	// Path is the file's path as the loader found it (the argument, or
	// the argument joined with the walked directory's entries).
	Path string
	// Description is the file's "description:" (Markdown), or "".
	Description string
	// Source is the file's provenance ("source:"), the default of its
	// cases' Source.
	Source string
	// Resource is API Gateway's resource path ("/{hoge}"), or "".
	Resource    string
	Integration *Integration
	Cases       []*Case
}

// Integration is the file's "integration:" block: what API Gateway is
// configured with, in API Gateway's own names.
type Integration struct {
	// Type is TypeAWS (Lambda, non-proxy; the default) or TypeHTTP.
	Type string
	// RequestTemplates in file order, keyed by Template.ContentType.
	RequestTemplates []*Template
	// PassthroughBehavior is WhenNoMatch (the default when the file says
	// nothing), WhenNoTemplates or Never.
	PassthroughBehavior string
	// Responses in file order. At most one has SelectionPattern == "".
	Responses []*IntegrationResponse
	// URI, HTTPMethod and Credentials are accepted so that blocks can be
	// pasted from infrastructure code; they do not change the run.
	URI, HTTPMethod, Credentials string
	Pos                          Pos
}

// RequestTemplate returns the request template for a media type (the
// part of Content-Type before ";", compared case-insensitively), or nil.
func (in *Integration) RequestTemplate(mediaType string) *Template {
	return findTemplate(in.RequestTemplates, mediaType)
}

// Default returns the default integration response (no selectionPattern),
// or nil.
func (in *Integration) Default() *IntegrationResponse {
	for _, r := range in.Responses {
		if r.SelectionPattern == "" {
			return r
		}
	}
	return nil
}

// IntegrationResponse is one entry of "integration.responses".
type IntegrationResponse struct {
	// StatusCode is the method response status, three digits ("200").
	StatusCode string
	// SelectionPattern is the Java regular expression matched against the
	// whole Lambda errorMessage (or the HTTP status code); "" marks the
	// default response.
	SelectionPattern string
	// PatternPos is the position of the selectionPattern value (or of the
	// response when there is none).
	PatternPos Pos
	// ResponseTemplates in file order, keyed by Template.ContentType.
	ResponseTemplates []*Template
	// ResponseParameters in file order.
	ResponseParameters []*ResponseParameter
	Pos                Pos
}

// ResponseTemplate returns the response template for a media type, or nil.
func (r *IntegrationResponse) ResponseTemplate(mediaType string) *Template {
	return findTemplate(r.ResponseTemplates, mediaType)
}

// ResponseParameter is one "method.response.header.NAME: SOURCE" mapping.
type ResponseParameter struct {
	// Key is the full key, "method.response.header.X-Foo".
	Key string
	// Header is the header name, "X-Foo".
	Header string
	// Source is the mapping expression as written: "'literal'",
	// "integration.response.header.NAME",
	// "integration.response.multivalueheader.NAME",
	// "integration.response.body", "integration.response.body.JSONPATH",
	// "stageVariables.NAME" or "context.NAME", checked by
	// apigw.CheckMappingExpression.
	Source string
	Pos    Pos
}

// Template is a mapping template, inline in the case file or read from a
// file named relative to it.
type Template struct {
	// ContentType is the key it is stored under ("application/json").
	ContentType string
	// Text is the template source.
	Text string
	// Path is the template file's path (relative to the working directory
	// when the case file's path was), or "" for an inline template.
	Path string
	// Name is what errors inside the template should be reported against:
	// Path, or the case file's path for an inline template.
	Name string
	// Line and Col locate Text's first character in Name, and Indent is
	// the number of columns stripped from every line of an inline block
	// scalar. Use [Template.Position] rather than these fields.
	Line, Col, Indent int
	// Pos is where the template is given in the case file.
	Pos Pos
}

// Inline reports whether the template is written in the case file.
func (t *Template) Inline() bool { return t.Path == "" }

// Position maps a 1-based line and column inside Text to the position in
// the file that holds it: the .vtl file itself, or the YAML file for an
// inline template (the content of a literal block scalar starts on the line
// after "|" and is indented).
func (t *Template) Position(line, col int) Pos {
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	if t.Path != "" {
		return Pos{File: t.Path, Line: line, Col: col}
	}
	if line == 1 {
		return Pos{File: t.Name, Line: t.Line, Col: t.Col + col - 1}
	}
	return Pos{File: t.Name, Line: t.Line + line - 1, Col: t.Indent + col}
}

// Case is one case of a file.
type Case struct {
	File        *File
	Name        string
	Description string
	// Source is the evidence for the expected values: the case's
	// "source:", or the file's.
	Source string
	Kind   Kind
	// Tags become labels (see [Labels]).
	Tags []string
	// Skip, when not "", is the reason the case is skipped.
	Skip string
	// Request is never nil: a case without "request:" gets the file's
	// defaults (or GET with nothing).
	Request *Request
	// Lambda is the function's outcome (response and e2e cases of an AWS
	// integration), else nil.
	Lambda *Lambda
	// HTTP is the endpoint's response (response and e2e cases of an HTTP
	// integration), else nil.
	HTTP *HTTPResponse
	Want *Want
	// Pos is the position of the case in the file (its first key). Use
	// it for Ginkgo's CodeLocation.
	Pos Pos
}

// Request is the client's HTTP request, defaults applied.
type Request struct {
	// Method is upper case, "GET" unless given.
	Method string
	// Path is the request path ("/fuga") when given, else "".
	Path string
	// PathParameters come from "pathParameters:" or, when the file has a
	// resource and the case a path, from matching the path against it
	// (segments are taken as written, not URL-decoded).
	PathParameters        Params
	QueryStringParameters Params
	Headers               Params
	StageVariables        Params
	// Context holds $context overrides, flattened with dots:
	// "identity.sourceIp", "authorizer.claims.sub", "stage".
	Context Params
	// Body is the raw body; "" for none.
	Body string
	Pos  Pos
}

// ContentType returns the Content-Type header's value, or "".
func (r *Request) ContentType() string { v, _ := r.Headers.GetFold("Content-Type"); return v }

// Accept returns the Accept header's value, or "".
func (r *Request) Accept() string { v, _ := r.Headers.GetFold("Accept"); return v }

// Param is one name/value pair of a parameter map, with the value's
// position. Values are the YAML scalars' text exactly as written.
type Param struct {
	Name  string
	Value string
	Pos   Pos
}

// Params is an ordered parameter map (file order; defaults first).
type Params []Param

// Get returns the value of the parameter with exactly this name.
func (ps Params) Get(name string) (string, bool) {
	for _, p := range ps {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// GetFold is Get with the name compared case-insensitively (for headers).
func (ps Params) GetFold(name string) (string, bool) {
	for _, p := range ps {
		if strings.EqualFold(p.Name, name) {
			return p.Value, true
		}
	}
	return "", false
}

// Map returns the parameters as a map.
func (ps Params) Map() map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Name] = p.Value
	}
	return m
}

// Lambda is what the function did. Exactly one of Result, Error,
// ErrorPayload, Timeout and InvocationError is set.
type Lambda struct {
	// Runtime is RuntimePython, RuntimeNodejs, RuntimeJava or RuntimeGo
	// (from the case or the file's defaults); required with Result and
	// Error, whose serialisation depends on it.
	Runtime string
	// Result is the handler's return value (a success).
	Result *JSON
	// Error is an exception the handler raised (a function error); the
	// runner builds the runtime's payload from it.
	Error *LambdaError
	// ErrorPayload is a function error's raw payload, used as is.
	ErrorPayload *JSON
	// Timeout, when > 0, is the function timeout in seconds that was hit.
	Timeout float64
	// InvocationError, when not "", says why Lambda rejected the Invoke
	// call (permissions, throttling, missing function): not a function
	// error.
	InvocationError string
	Pos             Pos
}

// LambdaError is an exception raised by the handler.
type LambdaError struct {
	// Type is the runtime's errorType (Python: the class name,
	// "Exception"; Node.js: err.name, or "string" for a thrown string;
	// Java: the fully qualified class name; Go: "errorString").
	Type string
	// Message is the errorMessage (Python: str(exc)).
	Message string
	Pos     Pos
}

// HTTPResponse is what an HTTP endpoint answered.
type HTTPResponse struct {
	Status  int
	Headers Params
	Body    string
	Pos     Pos
}

// JSON is a JSON payload from a case file: always valid JSON.
type JSON struct {
	// Text is the JSON text: a block scalar's content exactly as written,
	// or any other YAML value converted to compact JSON in file order.
	Text string
	Pos  Pos
}

// Text is an exact-text expectation.
type Text struct {
	Text string
	Pos  Pos
}

// PathAssert is one gjson-path assertion: the JSON value at Path (gjson
// syntax) must equal Want.
type PathAssert struct {
	Path string
	Want JSON
	Pos  Pos
}

// Pattern is a Go regular expression (RE2 syntax) from a case file,
// matched anywhere in an error's text.
type Pattern struct {
	Expr string
	Re   *regexp.Regexp
	Pos  Pos
}

// Status is an expected status code.
type Status struct {
	Code int
	Pos  Pos
}

// Flag is an expected boolean.
type Flag struct {
	Value bool
	Pos   Pos
}

// Want holds a case's expectations; nil fields are not checked.
type Want struct {
	// Event is compared with the Lambda event as JSON (request, e2e).
	Event *JSON
	// EventText is compared with the event text exactly.
	EventText *Text
	// EventInvalidJSON, when true, requires the event not to be valid
	// JSON (Lambda rejects it: "Could not parse request body into json");
	// when false, requires valid JSON.
	EventInvalidJSON *Flag
	// EventPaths are gjson-path assertions on the event.
	EventPaths []*PathAssert
	// Status is the status code the client gets.
	Status *Status
	// Headers the client gets (a subset; names case-insensitive, values
	// exact).
	Headers Params
	// AbsentHeaders must not be in the response (names case-insensitive).
	AbsentHeaders Params
	// Body is compared with the client's body as JSON.
	Body *JSON
	// BodyText is compared with the client's body exactly.
	BodyText *Text
	// BodyPaths are gjson-path assertions on the body.
	BodyPaths []*PathAssert
	// Error must match the run's error (request or response side).
	Error *Pattern
	Pos   Pos
}

// Outcome is what running a case through the pipeline produced. The runner
// (outside this package) fills the parts it ran: the request side for
// request and e2e cases, the response side for response and e2e cases.
type Outcome struct {
	// RequestTemplate says which request template was used: its content
	// type, or "" when the body was passed through or the request was
	// rejected before the integration.
	RequestTemplate string
	// Event is the integration request body: the Lambda event.
	Event string
	// EventErr is why no event was produced: a request template that
	// failed to parse or render, a 415, ...
	EventErr error

	// Status, Headers and Body are what the client gets. A request that
	// API Gateway answers itself (415, 500) sets them too.
	Status  int
	Headers map[string]string
	Body    string
	// Selected names the integration response used and why, e.g.
	// `400, selectionPattern "^\[400:.*" matched errorMessage "[400:BadRequest] fuga is not hoge"`
	// or `default 200: no selectionPattern matched ""`.
	Selected string
	// Err is a failure after the request side: a response template that
	// failed, a configuration error.
	Err error

	// Trace is the run's log, one step a line, in the style of API
	// Gateway's test-invoke log ("Method request path: {hoge=fuga}").
	Trace []string
}

func findTemplate(ts []*Template, mediaType string) *Template {
	for _, t := range ts {
		if strings.EqualFold(t.ContentType, mediaType) {
			return t
		}
	}
	return nil
}

// MediaType returns the media type of a Content-Type or Accept value: the
// part before ";", trimmed and lower-cased. For Accept, only the first
// listed type counts (API Gateway's rule).
func MediaType(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		v = v[:i]
	}
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	return strings.ToLower(strings.TrimSpace(v))
}
