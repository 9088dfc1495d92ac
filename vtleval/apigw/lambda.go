package apigw

import (
	"encoding/json"
	"fmt"
	"strings"
)

// LambdaRequestID is the request id put in generated Lambda error payloads.
const LambdaRequestID = "8f5e3c1a-0b6d-4e2f-9a7c-1d2e3f4a5b6c"

// Runtimes lists the runtimes whose error payloads LambdaError builds.
var Runtimes = []string{"python", "nodejs", "java", "go"}

// LambdaError builds the payload a runtime returns for an unhandled error
// (apigw.md §7): field names and order as each runtime serialises them.
//
//	python: {"errorMessage", "errorType" (class name without module), "requestId", "stackTrace"}
//	nodejs: {"errorType", "errorMessage", "trace"}
//	java:   {"errorMessage", "errorType" (fully qualified), "stackTrace"}
//	go:     {"errorMessage", "errorType"}
func LambdaError(runtime, errType, message string) (json.RawMessage, error) {
	var fields [][2]any
	switch runtime {
	case "python", "":
		if errType == "" {
			errType = "Exception"
		}
		fields = [][2]any{
			{"errorMessage", message},
			{"errorType", errType},
			{"requestId", LambdaRequestID},
			{"stackTrace", []string{
				"  File \"/var/task/lambda_function.py\", line 10, in lambda_handler\n    raise " + errType + "(" + pyRepr(message) + ")\n",
			}},
		}
	case "nodejs", "node":
		if errType == "" {
			errType = "Error"
		}
		fields = [][2]any{
			{"errorType", errType},
			{"errorMessage", message},
			{"trace", []string{
				errType + ": " + message,
				"    at Runtime.handler (file:///var/task/index.mjs:5:9)",
				"    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)",
			}},
		}
	case "java":
		if errType == "" {
			errType = "java.lang.RuntimeException"
		}
		fields = [][2]any{
			{"errorMessage", message},
			{"errorType", errType},
			{"stackTrace", []string{"example.Handler.handleRequest(Handler.java:23)"}},
		}
	case "go":
		if errType == "" {
			errType = "errorString"
		}
		fields = [][2]any{
			{"errorMessage", message},
			{"errorType", errType},
		}
	default:
		return nil, fmt.Errorf("unknown runtime %q (want %s)", runtime, strings.Join(Runtimes, ", "))
	}
	var sb strings.Builder
	sb.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			sb.WriteString(", ")
		}
		k, _ := json.Marshal(f[0])
		v, _ := marshalNoEscape(f[1])
		sb.Write(k)
		sb.WriteString(": ")
		sb.Write(v)
	}
	sb.WriteByte('}')
	return json.RawMessage(sb.String()), nil
}

// LambdaTimeout is the payload of a function that ran out of time
// ([obs] LS-LAMBDA, Nov 2025).
func LambdaTimeout(seconds float64) json.RawMessage {
	msg := fmt.Sprintf("RequestId: %s Error: Task timed out after %.2f seconds", LambdaRequestID, seconds)
	b, _ := marshalNoEscape(msg)
	return json.RawMessage(`{"errorType": "Sandbox.Timedout", "errorMessage": ` + string(b) + `}`)
}

func marshalNoEscape(v any) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(sb.String(), "\n")), nil
}

func pyRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	r := strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`, q, `\`+q)
	return q + r.Replace(s) + q
}
