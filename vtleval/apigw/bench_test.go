package apigw

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// Benchmarks of parse and render on the templates of testdata/bench (see
// its README): run them with
//
//	go test ./vtleval/apigw -run '^$' -bench . -benchmem
//
// Every render builds a fresh environment (NewRequestEnv), so the body is
// parsed per render, as API Gateway does per request, and releases it
// after (Env.Release), as the pipeline does. Times are never
// asserted; the tests below only check that the inputs render as expected.

const benchDir = "../../testdata/bench"

type benchInput struct {
	name string
	src  string
	req  *Request
}

func readBench(tb testing.TB, file string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(benchDir, file))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func benchRequest(tb testing.TB, file string) *Request {
	tb.Helper()
	data := readBench(tb, file)
	if strings.TrimSpace(data) == "" {
		// RequestFromJSON takes an empty document as an empty request
		tb.Fatalf("%s is empty", file)
	}
	r, err := RequestFromJSON([]byte(data))
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return r
}

// largeTemplate is the 300 KB template: large.head.vm, then unit.vm
// repeated while the whole stays within API Gateway's 300 KB quota (units
// = 0) or exactly units times.
func largeTemplate(tb testing.TB, units int) string {
	head, unit := readBench(tb, "large.head.vm"), readBench(tb, "unit.vm")
	if units == 0 {
		units = (MaxTemplateSize - len(head)) / len(unit)
	}
	return head + strings.Repeat(unit, units)
}

// orderBody is the order of passthrough.request.json with n items, each
// note padded to pad bytes: bodies of any size with the same shape.
func orderBody(n, pad int) string {
	var b strings.Builder
	b.WriteString(`{"order": {"id": "o-123", "customer": {"name": "Zo\u00eb O'Brien", "email": "zoe@example.com", "address": {"line1": "1 Main St", "city": "Springfield"}}, "items": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		note := fmt.Sprintf(`item \"%d\" it's`, i)
		if len(note) < pad {
			note += strings.Repeat("x", pad-len(note))
		}
		fmt.Fprintf(&b, `{"sku": "SKU-%04d", "qty": %d, "price": %s, "tags": ["a", "b/c"], "note": "%s"}`,
			i, i%5+1, vtleval.ToString(3.5+1.25*float64(i)), note)
	}
	b.WriteString("]}}")
	return b.String()
}

func benchInputs(tb testing.TB) []benchInput {
	return []benchInput{
		{"seed", readBench(tb, "seed.vm"), benchRequest(tb, "seed.request.json")},
		{"passthrough", readBench(tb, "passthrough.vm"), benchRequest(tb, "passthrough.request.json")},
		{"response", readBench(tb, "response.vm"), benchRequest(tb, "response.request.json")},
		{"error-response", readBench(tb, "error.response.vm"), benchRequest(tb, "error.request.json")},
		{"large300k", largeTemplate(tb, 0), benchRequest(tb, "response.request.json")},
	}
}

func TestBenchInputs(t *testing.T) {
	for _, in := range benchInputs(t) {
		tmpl, err := Parse(in.name, in.src)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		out, err := RenderRequest(tmpl, in.req)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		switch in.name {
		case "seed":
			if want := "{\n  \"pathParams\": {\n    \"hoge\": \"fuga\"  }\n}\n"; out != want {
				t.Errorf("seed = %q, want %q", out, want)
			}
		case "error-response":
			if want := ` {"message" : "[400:BadRequest] fuga is not hoge"}`; out != want {
				t.Errorf("error-response = %q, want %q", out, want)
			}
		case "passthrough", "response":
			// both are JSON documents; the passthrough carries the whole body
			var v map[string]any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Errorf("%s: output is not JSON: %v\n%s", in.name, err, out)
			}
			if in.name == "passthrough" && !strings.Contains(out, `"skus" : ["SKU-0000","SKU-0001",`) {
				t.Errorf("passthrough: no sku list in\n%s", out)
			}
			if in.name == "response" && !strings.Contains(out, `"count": 25,`) {
				t.Errorf("response: no item count in\n%s", out)
			}
		case "large300k":
			if len(in.src) > MaxTemplateSize || len(in.src) < MaxTemplateSize-2048 {
				t.Errorf("large template is %d bytes, want just under %d", len(in.src), MaxTemplateSize)
			}
			units := strings.Count(in.src, "## One block")
			if got := strings.Count(out, `"customer": "ZOË O'BRIEN"`); got != units {
				t.Errorf("large template: %d summaries for %d blocks", got, units)
			}
		}
	}
	// orderBody reproduces the request body of the bench inputs
	var a, b any
	if err := json.Unmarshal([]byte(orderBody(25, 0)), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(benchRequest(t, "response.request.json").Body), &b); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("orderBody(25, 0) = %v\nwant %v", a, b)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.src)))
			for b.Loop() {
				if _, err := Parse(in.name, in.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			tmpl, err := Parse(in.name, in.src)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := RenderRequest(tmpl, in.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseRender is what a one-shot `vtlcheck render` does per template.
func BenchmarkParseRender(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tmpl, err := Parse(in.name, in.src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := RenderRequest(tmpl, in.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// seedIntegration is the seed scenario of cases/01-seed-hoge.yaml: the
// request template, a 400 response whose selectionPattern catches the
// function's error and whose template reads the error payload, and the
// default 200 response.
func seedIntegration(tb testing.TB) *Integration {
	pat, err := CompileSelectionPattern(`^\[400:.*`)
	if err != nil {
		tb.Fatal(err)
	}
	return &Integration{
		Type:             "lambda",
		RequestTemplates: []Template{NewTemplate("application/json", "seed.vm", readBench(tb, "seed.vm"), nil)},
		Responses: []*IntegrationResponse{
			{StatusCode: "200"},
			{StatusCode: "400", SelectionPattern: `^\[400:.*`, Pattern: pat, ResponseTemplates: []Template{
				NewTemplate("application/json", "error.vm", readBench(tb, "error.response.vm"), nil),
			}},
		},
	}
}

// BenchmarkInvoke runs whole requests through the pipeline: request
// template, the Lambda's answer, integration response selection, response
// template. error-selection is the seed's failing call (the selection
// pattern matches the errorMessage, the 400 template renders it); success is
// the default response passing the result through.
func BenchmarkInvoke(b *testing.B) {
	ig := seedIntegration(b)
	req := &Request{Method: "GET", ResourcePath: "/{hoge}", Path: Params{{"hoge", "fuga"}}}
	payload, err := LambdaError("python", "Exception", "[400:BadRequest] fuga is not hoge")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		out    *Outcome
		status int
		body   string
	}{
		{"error-selection", &Outcome{ErrorPayload: payload}, 400, ` {"message" : "[400:BadRequest] fuga is not hoge"}`},
		{"success", &Outcome{Result: json.RawMessage(`{"message": "hogehoge"}`)}, 200, `{"message": "hogehoge"}`},
	} {
		b.Run(c.name, func(b *testing.B) {
			if res := Invoke(ig, req, c.out); res.Status != c.status || res.Body != c.body {
				b.Fatalf("status %d body %q, want %d %q", res.Status, res.Body, c.status, c.body)
			}
			b.ReportAllocs()
			for b.Loop() {
				Invoke(ig, req, c.out)
			}
		})
	}
}

// BenchmarkRenderScaling shows render time against template size (the
// large template with 10 to 320 blocks) and against body size (the
// passthrough template with bodies of 1 KB to 1 MB): time per byte should
// stay flat.
func BenchmarkRenderScaling(b *testing.B) {
	req := benchRequest(b, "response.request.json")
	for _, units := range []int{10, 40, 160, 320} {
		src := largeTemplate(b, units)
		b.Run(fmt.Sprintf("template=%dKB", len(src)/1024), func(b *testing.B) {
			tmpl, err := Parse("large", src)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := RenderRequest(tmpl, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	tmpl, err := Parse("passthrough", readBench(b, "passthrough.vm"))
	if err != nil {
		b.Fatal(err)
	}
	base := benchRequest(b, "passthrough.request.json")
	// the same bodies as tools/benchcompare scaling (at most 300 items)
	for _, size := range []struct{ items, pad int }{{8, 0}, {80, 0}, {300, 250}, {300, 3300}} {
		r := *base
		r.Body = orderBody(size.items, size.pad)
		b.Run(fmt.Sprintf("body=%dKB", len(r.Body)/1024), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(r.Body)))
			for b.Loop() {
				if _, err := RenderRequest(tmpl, &r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRequestParts measures the pieces of an API Gateway render
// separately, to show where the time of BenchmarkRender goes: the
// per-request environment ($context with its defaults, $input's parameter
// maps, $stageVariables), parsing the 2.5 KB body of the passthrough
// request, compiling a JSONPath, and writing the parsed body back as JSON
// ($input.json('$')).
func BenchmarkRequestParts(b *testing.B) {
	ins := benchInputs(b)
	seed, pass := ins[0].req, ins[1].req
	b.Run("NewRequestEnv/seed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewRequestEnv(seed).Vars()
		}
	})
	b.Run("NewRequestEnv/passthrough", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewRequestEnv(pass).Vars()
		}
	})
	b.Run("NewContext/passthrough", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewContext(pass)
		}
	})
	b.Run("ParseJSON/passthrough-body", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(pass.Body)))
		for b.Loop() {
			if _, err := ParseJSON(pass.Body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CompileJSONPath", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := CompileJSONPath("$.order.customer.name"); err != nil {
				b.Fatal(err)
			}
		}
	})
	doc, err := ParseJSON(pass.Body)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("JSON/passthrough-body", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			vtleval.JSON(doc)
		}
	})
}
