package cases

// The case format's objects, keys and enumerations, as data. The loader
// checks keys against these tables, and schema_test.go checks that the JSON
// Schema (vtlcheck-cases.schema.json) has exactly the same objects, keys,
// types and enumerations.

// fieldSpec is one key of an object of the case format.
type fieldSpec struct {
	Name string
	// Type is "string" (a YAML string), "text" (any scalar, taken as
	// written), "boolean", "number", "json" (a JSON value, see doc.go), or
	// the name of another object, enumeration or composite in schemaDefs.
	Type     string
	Required bool
}

// objects lists every mapping of the format and its keys, in the order
// the documentation gives them.
var objects = map[string][]fieldSpec{
	"file": {
		{Name: "description", Type: "string"},
		{Name: "source", Type: "string"},
		{Name: "resource", Type: "string"},
		{Name: "defaults", Type: "defaults"},
		{Name: "integration", Type: "integration", Required: true},
		{Name: "cases", Type: "cases", Required: true},
	},
	"defaults": {
		{Name: "request", Type: "request"},
		{Name: "lambda", Type: "lambdaDefaults"},
	},
	"lambdaDefaults": {
		{Name: "runtime", Type: "runtime"},
	},
	"integration": {
		{Name: "type", Type: "integrationType"},
		{Name: "requestTemplates", Type: "templates"},
		{Name: "passthroughBehavior", Type: "passthroughBehavior"},
		{Name: "responses", Type: "responses"},
		{Name: "uri", Type: "string"},
		{Name: "httpMethod", Type: "string"},
		{Name: "credentials", Type: "string"},
	},
	"response": {
		{Name: "statusCode", Type: "statusCode", Required: true},
		{Name: "selectionPattern", Type: "text"},
		{Name: "responseTemplates", Type: "templates"},
		{Name: "responseParameters", Type: "responseParameters"},
	},
	"templateFile": {
		{Name: "file", Type: "string", Required: true},
	},
	"case": {
		{Name: "name", Type: "string", Required: true},
		{Name: "description", Type: "string"},
		{Name: "source", Type: "string"},
		{Name: "kind", Type: "kind", Required: true},
		{Name: "tags", Type: "tags"},
		{Name: "skip", Type: "string"},
		{Name: "request", Type: "request"},
		{Name: "lambda", Type: "lambda"},
		{Name: "http", Type: "http"},
		{Name: "want", Type: "want", Required: true},
	},
	"request": {
		{Name: "method", Type: "method"},
		{Name: "path", Type: "string"},
		{Name: "pathParameters", Type: "params"},
		{Name: "queryStringParameters", Type: "params"},
		{Name: "headers", Type: "params"},
		{Name: "stageVariables", Type: "params"},
		{Name: "context", Type: "context"},
		{Name: "body", Type: "text"},
	},
	"lambda": {
		{Name: "runtime", Type: "runtime"},
		{Name: "result", Type: "json"},
		{Name: "error", Type: "lambdaError"},
		{Name: "errorPayload", Type: "json"},
		{Name: "timeout", Type: "number"},
		{Name: "invocationError", Type: "string"},
	},
	"lambdaError": {
		{Name: "type", Type: "string", Required: true},
		{Name: "message", Type: "text", Required: true},
	},
	"http": {
		{Name: "status", Type: "statusCode", Required: true},
		{Name: "headers", Type: "params"},
		{Name: "body", Type: "text"},
	},
	"want": {
		{Name: "event", Type: "json"},
		{Name: "eventText", Type: "text"},
		{Name: "eventInvalidJSON", Type: "boolean"},
		{Name: "eventPaths", Type: "paths"},
		{Name: "status", Type: "statusCode"},
		{Name: "headers", Type: "params"},
		{Name: "absentHeaders", Type: "names"},
		{Name: "body", Type: "json"},
		{Name: "bodyText", Type: "text"},
		{Name: "bodyPaths", Type: "paths"},
		{Name: "error", Type: "text"},
	},
	// $context overrides: the variables API Gateway documents for mapping
	// templates (apigw.md §3.1). requestOverride and responseOverride are
	// written by templates, not given by requests.
	"context": {
		{Name: "accountId", Type: "text"},
		{Name: "apiId", Type: "text"},
		{Name: "authorizer", Type: "authorizer"},
		{Name: "awsEndpointRequestId", Type: "text"},
		{Name: "deploymentId", Type: "text"},
		{Name: "domainName", Type: "text"},
		{Name: "domainPrefix", Type: "text"},
		{Name: "extendedRequestId", Type: "text"},
		{Name: "httpMethod", Type: "text"},
		{Name: "identity", Type: "identity"},
		{Name: "path", Type: "text"},
		{Name: "protocol", Type: "text"},
		{Name: "requestId", Type: "text"},
		{Name: "requestTime", Type: "text"},
		{Name: "requestTimeEpoch", Type: "text"},
		{Name: "resourceId", Type: "text"},
		{Name: "resourcePath", Type: "text"},
		{Name: "stage", Type: "text"},
		{Name: "wafResponseCode", Type: "text"},
		{Name: "webaclArn", Type: "text"},
		{Name: "xrayTraceId", Type: "text"},
	},
	"identity": {
		{Name: "accessKey", Type: "text"},
		{Name: "accountId", Type: "text"},
		{Name: "apiKey", Type: "text"},
		{Name: "apiKeyId", Type: "text"},
		{Name: "caller", Type: "text"},
		{Name: "clientCert", Type: "clientCert"},
		{Name: "cognitoAuthenticationProvider", Type: "text"},
		{Name: "cognitoAuthenticationType", Type: "text"},
		{Name: "cognitoIdentityId", Type: "text"},
		{Name: "cognitoIdentityPoolId", Type: "text"},
		{Name: "principalOrgId", Type: "text"},
		{Name: "sourceIp", Type: "text"},
		{Name: "user", Type: "text"},
		{Name: "userAgent", Type: "text"},
		{Name: "userArn", Type: "text"},
		{Name: "vpcId", Type: "text"},
		{Name: "vpceId", Type: "text"},
	},
	"clientCert": {
		{Name: "clientCertPem", Type: "text"},
		{Name: "issuerDN", Type: "text"},
		{Name: "serialNumber", Type: "text"},
		{Name: "subjectDN", Type: "text"},
		{Name: "validity", Type: "validity"},
	},
	"validity": {
		{Name: "notAfter", Type: "text"},
		{Name: "notBefore", Type: "text"},
	},
}

// enums lists the enumerated string types.
var enums = map[string][]string{
	"kind":                {string(KindRequest), string(KindResponse), string(KindE2E)},
	"runtime":             {RuntimePython, RuntimeNodejs, RuntimeJava, RuntimeGo},
	"method":              {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"},
	"integrationType":     {TypeAWS, TypeHTTP, "aws", "http"},
	"passthroughBehavior": {WhenNoMatch, WhenNoTemplates, Never},
}

// composites names the remaining types, defined by hand in the schema and
// in the loader: templates, template, responses, responseParameters,
// cases, tags, params, names, paths, authorizer, statusCode, text, json.
var composites = []string{
	"templates", "template", "responses", "responseParameters", "cases",
	"tags", "params", "names", "paths", "authorizer", "statusCode", "text",
	"json",
}

// keyHints are extra words for unknown keys.
var keyHints = map[string]string{
	"<<":                   "YAML merge keys are not supported; use defaults:",
	"requestOverride":      "$context.requestOverride is written by templates, not given by the request",
	"responseOverride":     "$context.responseOverride is written by templates, not given by the request",
	"expect":               `did you mean "want"?`,
	"expected":             `did you mean "want"?`,
	"template":             `did you mean "requestTemplates" (in integration) or "responseTemplates" (in a response)?`,
	"integrationResponses": `did you mean "responses"?`,
	"query":                `did you mean "queryStringParameters"?`,
	"querystring":          `did you mean "queryStringParameters"?`,
	"params":               `did you mean "pathParameters"?`,
	"header":               `did you mean "headers"?`,
	"statusCode":           `did you mean "status"?`,
	"errorMessage":         `give the error as error: {type: ..., message: ...}, or the whole payload as errorPayload:`,
	"errorType":            `give the error as error: {type: ..., message: ...}, or the whole payload as errorPayload:`,
}
