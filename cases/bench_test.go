package cases

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeCorpus writes n case files shaped like the seed scenario (five
// cases each, one shared template file) into dir.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	src, err := os.ReadFile("01-seed-hoge.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	tmpl, err := os.ReadFile("templates/seed-hoge.request.vtl")
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o777); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates/seed-hoge.request.vtl"), tmpl, 0o666); err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("case-%04d.yaml", i))
		if err := os.WriteFile(name, src, 0o666); err != nil {
			tb.Fatal(err)
		}
	}
}

// seedOutcome is what a correct runner produces for a seed case.
func seedOutcome(c *Case) Outcome {
	switch {
	case strings.HasPrefix(c.Name, "builds"), strings.HasPrefix(c.Name, "returns"):
		return Outcome{Event: "{\n  \"pathParams\": {\n    \"hoge\": \"hoge\"  }\n}\n", Status: 200, Body: `{"message": "hogehoge"}`}
	case strings.HasPrefix(c.Name, "raises"):
		return Outcome{Event: seedEventFuga, Status: 400, Body: ` {"message" : "[400:BadRequest] fuga is not hoge"}`}
	case strings.HasPrefix(c.Name, "answers"):
		return Outcome{Event: seedEventFuga, Status: 200, Body: `"[400:BadRequest] fuga is not hoge"`}
	}
	return Outcome{Event: seedEventFuga}
}

func TestThousandFiles(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 1000)
	files, err := LoadFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := Select(files, "")
	if len(files) != 1000 || len(cs) != 5000 {
		t.Fatalf("%d files, %d cases", len(files), len(cs))
	}
	rs := Run(cs, seedOutcome)
	if got := Summary(rs); got != "5000 passed, 0 failed" {
		t.Errorf("Summary = %s", got)
	}
}

// BenchmarkLoadAndCheck1000 loads 1,000 case files (5,000 cases) and checks
// every case against a prepared outcome: the part of `vtlcheck test` that
// is not template evaluation.
func BenchmarkLoadAndCheck1000(b *testing.B) {
	dir := b.TempDir()
	writeCorpus(b, dir, 1000)
	for b.Loop() {
		files, err := LoadFiles(dir)
		if err != nil {
			b.Fatal(err)
		}
		cs, _ := Select(files, "")
		for _, r := range Run(cs, seedOutcome) {
			if r.Failed() {
				b.Fatal(r.Failure())
			}
		}
	}
}
