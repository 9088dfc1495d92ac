// Package cases is vtlcheck's case-file format: the YAML files under cases/
// that state what API Gateway does with a request and a backend's outcome,
// a strict loader for them, the checker that compares a run's [Outcome]
// with a case's expectations, the failure text, JUnit output, and the
// behaviour catalogue (cases/README.md) generated from the files.
//
// This comment is the normative description of the format. The JSON Schema
// vtlcheck-cases.schema.json describes the same format for editors; a test
// keeps the two in agreement. Loading and checking do not depend on how
// templates run: [RunCase] (run.go) drives package vtleval/apigw to turn a
// [*Case] into an [Outcome], and [Check] judges it.
//
// # A case file
//
// A case file is one YAML document, a mapping with these keys:
//
//	description   Markdown prose for the catalogue (optional)
//	source        the evidence for the expected values (optional; the default of each case's source)
//	resource      API Gateway's resource path, e.g. /{hoge} or /items/{id}/{proxy+} (optional)
//	defaults      values every case starts from (optional): request, lambda.runtime
//	integration   the integration, in API Gateway's own names (required)
//	cases         the cases, a non-empty list (required)
//
// Example (cases/01-seed-hoge.yaml, shortened):
//
//	# yaml-language-server: $schema=vtlcheck-cases.schema.json
//	description: The seed scenario.
//	resource: /{hoge}
//	defaults:
//	  lambda: {runtime: python}
//	integration:
//	  type: AWS
//	  requestTemplates:
//	    application/json: {file: templates/seed-hoge.request.vtl}
//	  responses:
//	    - statusCode: 200
//	    - statusCode: 400
//	      selectionPattern: '^\[400:.*'
//	      responseTemplates:
//	        application/json: |-
//	          #set($data = $input.path('$')) {"message" : "${data.errorMessage}"}
//	cases:
//	  - name: raises 400 for /fuga
//	    kind: e2e
//	    request: {path: /fuga}
//	    lambda:
//	      error: {type: Exception, message: "[400:BadRequest] fuga is not hoge"}
//	    want:
//	      event: {"pathParams": {"hoge": "fuga"}}
//	      status: 400
//	      bodyText: ' {"message" : "[400:BadRequest] fuga is not hoge"}'
//
// Keys are case-sensitive. An unknown key, a repeated key, a value of the
// wrong type, a missing required key, an unreadable template file, invalid
// JSON and an invalid regular expression are errors. YAML anchors, aliases,
// merge keys (<<) and explicit tags (!!str) are errors too: every value is
// what is written where it is used. A file holds exactly one YAML document.
//
// # Values: strings, text and JSON
//
// Three rules decide how a YAML scalar is read; each key's rule is given
// below.
//
//   - string: a YAML string (plain, quoted or block). A plain scalar that
//     YAML reads as a number, boolean or null (42, true, ~) is an error;
//     quote it.
//   - text: any scalar except null, taken exactly as written in the file.
//     YAML's typing never applies: 010 stays "010" (not 8), no stays "no"
//     (not false), 1e3 stays "1e3" (not 1000), 0x1F stays "0x1F". This is
//     the rule for every parameter value (path, query string, headers,
//     stage variables, $context), bodies, exact-text expectations,
//     selection patterns and status codes. An empty value (key: with
//     nothing after it) or null is an error; write "" for empty text.
//   - JSON: a JSON value. A block scalar (| or >) holds JSON text, parsed
//     strictly (RFC 8259: no \' escape, no raw control characters in
//     strings, no leading zeros, no trailing commas, no duplicate keys);
//     an error is reported at the line and column inside the block where
//     the JSON parser stopped (for JSON that ends too early, the end of
//     the block's last non-blank line). Any other node is read as JSON
//     directly, so JSON pasted on one line works as YAML flow syntax:
//     mappings are objects (keys as written, file order kept), lists are
//     arrays, quoted scalars are strings, and a plain scalar is a JSON
//     literal (true, false, null, or a number in JSON's grammar, kept as
//     written) when it is one, else a string when YAML reads it as a
//     string (fuga → "fuga"), else an error (010, 0x1F, .5, True, ~ are
//     numbers, booleans or null in YAML but not in JSON: quote them).
//     A nested block scalar is a string. YAML's double-quoted scalars do
//     not accept JSON's \/ escape: put such JSON in a block scalar.
//
// A block scalar keeps one final newline with | and none with |-; exact
// text expectations usually want |- or a double-quoted string with \n.
// Trailing spaces inside block scalars are easily lost by editors: use a
// double-quoted string when they matter.
//
// # The integration
//
// integration holds what API Gateway is configured with, under API
// Gateway's names (put-integration, put-integration-response), so blocks
// can be pasted from infrastructure code:
//
//	type                 AWS (a Lambda function, non-proxy; the default) or HTTP; aws and http are accepted
//	requestTemplates     content type → template (see Templates)
//	passthroughBehavior  WHEN_NO_MATCH (the default), WHEN_NO_TEMPLATES or NEVER
//	responses            the integration responses, a list (see below)
//	uri, httpMethod, credentials   strings, accepted and ignored
//
// Each entry of responses:
//
//	statusCode           text, three digits 100-599 (200 and "200" are the same); required
//	selectionPattern     text, a Java regular expression matched against the whole
//	                     Lambda errorMessage (or the HTTP status code); absent or ""
//	                     marks the default response
//	responseTemplates    content type → template
//	responseParameters   method.response.header.NAME → source (a string): 'literal',
//	                     integration.response.header.NAME, integration.response.multivalueheader.NAME,
//	                     integration.response.body, integration.response.body.PATH
//	                     (a JSONPath without $), stageVariables.NAME or context.NAME;
//	                     anything else, including a PATH that does not compile,
//	                     is an error, as API Gateway rejects it on deploy
//
// At most one response is the default, and status codes are unique (API
// Gateway keys integration responses by status code). OpenAPI's
// x-amazon-apigateway-integration writes responses as a map keyed by
// selection pattern; that form is rejected with a hint: write a list.
// Selection patterns are checked when the file is loaded, with
// [Options.CompilePattern] ([CheckPattern] by default).
//
// # Templates
//
// The value under a content type (a media type such as application/json,
// without parameters; compared case-insensitively) is either
//
//   - a string, the template itself (inline). Use a literal block scalar (|
//     or |-) for several lines; a folded one (>) is an error, since it
//     joins lines. "" is the empty template, which API Gateway treats as
//     "no mapping" (the body passes through).
//   - a mapping {file: PATH}: the template is read from PATH, relative to
//     the case file's directory: the files you deploy.
//
// [Template.Position] maps a line and column inside the template to the
// .vtl file or, for inline templates, into the YAML file, so template
// errors point at the line the user edits.
//
// # Cases
//
// Each entry of cases has:
//
//	name          string, unique in the file: a sentence in the present tense (required)
//	description   string, Markdown (optional)
//	source        string: the evidence for the expectations (optional; default: the file's)
//	kind          request, response or e2e (required)
//	tags          list of strings, added to the Ginkgo labels (no &|!,()/)
//	skip          string: the reason the case is skipped
//	request       the client's request (see Requests)
//	lambda        the Lambda function's outcome (AWS integrations)
//	http          the HTTP endpoint's response (HTTP integrations)
//	want          the expectations (required, not empty)
//
// The kind says what runs:
//
//   - request: the request goes through template selection, the
//     passthrough behaviour and the request template; the case checks the
//     event (the integration request body), or API Gateway's own answer
//     (415) with status/body. lambda and http are errors.
//   - response: the backend outcome goes through integration-response
//     selection, the response template and header mappings; the case
//     checks status, headers and body. The request is not mapped: it only
//     supplies Accept, $input.params(), $context and $stageVariables to
//     response templates. want.event* keys are errors.
//   - e2e: both, in one case: request → event → backend outcome →
//     client response.
//
// response and e2e cases need the backend outcome: lambda for an AWS
// integration, http for an HTTP one.
//
// Write source as the evidence and its strength, with apigw.md's tags:
// [doc] AWS documentation, [obs] observed on AWS by a third party, [src]
// AWS's published source, [inf] inferred. A case whose expectation rests
// only on [inf] evidence says so in its description.
//
// # Requests
//
// request (in a case, or in defaults) has:
//
//	method                  GET (the default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS
//	path                    string, the request path (/fuga), without a query string
//	pathParameters          name → text
//	queryStringParameters   name → text
//	headers                 name → text (names are unique case-insensitively)
//	stageVariables          name → text
//	context                 $context overrides (see below)
//	body                    text, the raw body; absent means no body
//
// Defaults merge into every case's request, the case winning: method, path
// and body are replaced; maps are merged by name (headers by name compared
// case-insensitively), a case's value replacing the default's and new names
// following the defaults' in file order. Parameter maps keep file order,
// which is the order $input.params() gives.
//
// When the file has a resource and the request a path, the path
// parameters come from matching the path against the resource ({name}
// matches one segment, {name+} the rest); the segments are taken as
// written, not URL-decoded (whether API Gateway decodes path parameters
// is not settled). Giving pathParameters as well is then an error, and so
// is a path that does not match. Without a resource, path is only
// informative and pathParameters are given explicitly.
//
// context overrides $context variables. Its keys are the documented ones:
// accountId, apiId, authorizer, awsEndpointRequestId, deploymentId,
// domainName, domainPrefix, extendedRequestId, httpMethod, identity, path,
// protocol, requestId, requestTime, requestTimeEpoch, resourceId,
// resourcePath, stage, wafResponseCode, webaclArn, xrayTraceId. identity
// has accessKey, accountId, apiKey, apiKeyId, caller, clientCert (with
// clientCertPem, issuerDN, serialNumber, subjectDN, validity {notAfter,
// notBefore}), cognitoAuthenticationProvider, cognitoAuthenticationType,
// cognitoIdentityId, cognitoIdentityPoolId, principalOrgId, sourceIp,
// user, userAgent, userArn, vpcId, vpceId. authorizer is free-form (nested
// mappings allowed, e.g. claims). Values are text. requestOverride and
// responseOverride are written by templates and cannot be given. In
// [Request.Context] nested keys are joined with dots (identity.sourceIp);
// keys may not contain dots.
//
// # Backend outcomes
//
// lambda holds exactly one of:
//
//	result           JSON: the handler returned this value (a success)
//	error            {type: string, message: text}: the handler raised; the runner builds
//	                 the runtime's payload (Python: errorMessage, errorType, requestId,
//	                 stackTrace; Node.js: errorType, errorMessage, trace; ...)
//	errorPayload     JSON object: a function error's raw payload, used as is
//	timeout          number of seconds: the function timed out (a function error)
//	invocationError  string: Lambda rejected the Invoke call (not a function error)
//
// and runtime (python, nodejs, java or go), required with result and error
// since their serialisation depends on it; set it once under
// defaults.lambda.runtime.
//
// http holds status (a status code, required), headers (name → text) and
// body (text).
//
// # Expectations
//
// want holds at least one of:
//
//	event              JSON: the Lambda event, compared as JSON
//	eventText          text: the Lambda event, compared exactly
//	eventInvalidJSON   true: the event is not valid JSON, so Lambda rejects it
//	                   ("Could not parse request body into json"); false: it is valid
//	eventPaths         gjson path → JSON: partial checks of the event
//	status             status code the client gets
//	headers            name → text: headers the client gets (a subset; names
//	                   case-insensitive, values exact)
//	absentHeaders      list of header names the client must not get
//	body               JSON: the client's body, compared as JSON
//	bodyText           text: the client's body, compared exactly
//	bodyPaths          gjson path → JSON: partial checks of the body
//	error              text, a Go regular expression (RE2) that must match the run's
//	                   error (a template that fails to parse or render, a configuration
//	                   error); without it, any error fails the case
//
// Compared as JSON means: parsed, then compared with key order and
// whitespace ignored; numbers compare as written (10 and 10.0 differ,
// because API Gateway's output distinguishes them). A difference is
// reported as a line diff (-want +got) of both values in canonical form
// (sorted keys, two-space indentation), naming the first differing
// JSONPath ($.pathParams.hoge). Exact text differences that are only
// whitespace are said to be so, and the diff shows newlines (⏎), tabs (→)
// and trailing spaces (·).
//
// Path checks use gjson syntax (pathParams.hoge, items.0.id,
// fav\.movie), not JSONPath; a key starting with $ is an error. A path
// matching nothing fails; the value is compared as JSON.
//
// An event that is expected to be invalid JSON (the single-quote bug:
// $util.escapeJavaScript turns ' into \', which JSON does not allow) is
// stated with eventInvalidJSON: true, usually with eventText giving the
// exact text.
//
// # Positions and errors
//
// Positions are file:line:col, 1-based, the column counted in characters.
// [LoadFiles] reports every problem of every file at once, each as
// "file:line:col: msg" ([Error]), joined with [errors.Join]. YAML syntax
// errors carry only a line, as the YAML parser reports them.
//
// # Running cases
//
// The runner turns a case into an [Outcome]: the event (or EventErr) for
// request and e2e cases; status, headers, body, the selected integration
// response and why (Selected), and Err for response and e2e cases; and a
// Trace in the style of API Gateway's test-invoke log. API Gateway's own
// answers (415 for an unsupported media type, 500 for a configuration
// error) are outcomes, not errors: they set Status and Body and leave
// Event empty. [Check] returns every [Mismatch]; [FormatFailure] renders
// them for the CLI and for Ginkgo alike. [Run] drives a list of cases,
// [Summary] prints "N passed, N failed", [WriteJUnit] writes JUnit XML,
// [Select] implements --run, and [Labels] gives Ginkgo labels: the tags,
// kind:KIND, file:NAME, and template:BASE for each template file or
// template:FILE.yaml#request.TYPE and
// template:FILE.yaml#response.STATUS.TYPE for each inline template the
// case exercises ("/" in TYPE written "_").
//
// # The catalogue
//
// [WriteCatalog] renders cases/README.md from the case files: per file its
// description and source, per case its request, its backend outcome, its
// expectations and a link to its line. A test in this package fails when
// the committed file differs; go test ./cases -update rewrites it.
// [WriteCatalogFor] renders the same page for anyone's case files, under a
// header naming the command that generated it (vtlcheck docs).
package cases
