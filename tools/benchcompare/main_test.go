package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

const benchDir = "../../testdata/bench"

func TestLargeTemplate(t *testing.T) {
	src, err := largeTemplate(benchDir, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(src) > apigw.MaxTemplateSize || len(src) < apigw.MaxTemplateSize-1024 {
		t.Errorf("large template is %d bytes, want just under %d", len(src), apigw.MaxTemplateSize)
	}
	if _, err := apigw.Parse("large", src); err != nil {
		t.Error(err)
	}
	ten, err := largeTemplate(benchDir, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(ten, "## One block"); n != 10 {
		t.Errorf("largeTemplate(10) has %d blocks", n)
	}
}

// The scaling bodies have the shape of the bench body: at 25 items it is
// the same JSON.
func TestOrderBody(t *testing.T) {
	req, err := os.ReadFile(filepath.Join(benchDir, "passthrough.request.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := apigw.RequestFromJSON(req)
	if err != nil {
		t.Fatal(err)
	}
	want, err := vtleval.DecodeJSON([]byte(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	got, err := vtleval.DecodeJSON([]byte(orderBody(25, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if vtleval.JSON(got) != vtleval.JSON(want) {
		t.Errorf("orderBody(25, 0) =\n%s\nwant\n%s", vtleval.JSON(got), vtleval.JSON(want))
	}
	if b := orderBody(1000, 900); len(b) < 900*1000 {
		t.Errorf("orderBody(1000, 900) is only %d bytes", len(b))
	}
}

// The request Bench.java gets carries vtlcheck's whole $context: defaults
// and the request's overrides.
func TestResolveRequest(t *testing.T) {
	file := filepath.Join(t.TempDir(), "r.json")
	if err := resolveRequest([]byte(`{"path": {"hoge": "fuga"}, "context": {"stage": "prod"}}`), file); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vtleval.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	m := v.(*vtleval.Map)
	path, _ := m.Get("path")
	if vtleval.JSON(path) != `{"hoge":"fuga"}` {
		t.Errorf("path = %s", vtleval.JSON(path))
	}
	ctx, _ := m.Get("context")
	c := ctx.(*vtleval.Map)
	for k, want := range map[string]string{"stage": "prod", "accountId": apigw.DefaultAccountID, "httpMethod": "GET"} {
		if got, _ := c.Get(k); got != want {
			t.Errorf("context.%s = %v, want %s", k, got, want)
		}
	}
	if _, ok := c.Get("requestOverride"); !ok {
		t.Error("context has no requestOverride")
	}
}

func TestTable(t *testing.T) {
	var b bytes.Buffer
	table(&b, []string{"a", "speed-up"}, [][]string{{"seed", "3.1×"}, {"passthrough", "12.0×"}})
	want := "| a           | speed-up |\n| ----------- | -------- |\n| seed        | 3.1×     |\n| passthrough | 12.0×    |\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant\n%s", b.String(), want)
	}
	for v, want := range map[float64]string{512: "512 ns", 2500: "2.50 µs", 147000: "147 µs", 2.5e6: "2.5 ms"} {
		if got := ns(v); got != want {
			t.Errorf("ns(%v) = %q, want %q", v, got, want)
		}
	}
}

// -best keeps each engine's fastest run: the lowest wall time, and the
// lowest CPU time of the runs that report one.
func TestFaster(t *testing.T) {
	a := &result{ns: 100, cpu: 120, lines: []string{"a"}}
	b := &result{ns: 90, cpu: 130, lines: []string{"b"}}
	if r := faster(nil, a); r != a {
		t.Errorf("faster(nil, a) = %v, want a", r)
	}
	r := faster(a, b)
	if r.ns != 90 || r.cpu != 120 || r.lines[0] != "b" {
		t.Errorf("faster(a, b) = %+v, want ns 90 and cpu 120 from b's run", r)
	}
	if r := faster(b, &result{ns: 95}); r.ns != 90 || r.cpu != 130 {
		t.Errorf("a run without CPU time: got %+v", r)
	}
	if a.ns != 100 || b.ns != 90 {
		t.Error("faster changed its arguments")
	}
}
