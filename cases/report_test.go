package cases

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

func seedFiles(t *testing.T) []*File {
	t.Helper()
	files, err := LoadFiles("01-seed-hoge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestRunSummaryJUnit(t *testing.T) {
	files := seedFiles(t)
	cs, err := Select(files, "/fuga|instead")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("Select = %d cases, want 2", len(cs))
	}
	cs[1].Skip = "testing skips"
	defer func() { cs[1].Skip = "" }()
	rs := Run(cs, func(c *Case) Outcome {
		return Outcome{Event: seedEventFuga, Status: 200, Trace: []string{"Method completed with status: 200"}}
	})
	if got := Summary(rs); got != "0 passed, 1 failed, 1 skipped" {
		t.Errorf("Summary = %q", got)
	}
	if !rs[0].Failed() || rs[1].Failed() || !rs[1].Skipped {
		t.Errorf("results = %+v", rs)
	}
	if f := rs[0].Failure(); !strings.HasPrefix(f, "01-seed-hoge.yaml:62: raises 400 for /fuga\n  status: got 200, want 400\n") {
		t.Errorf("Failure() = %q", f)
	}

	var buf bytes.Buffer
	if err := WriteJUnit(&buf, rs); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v\n%s", err, buf.String())
	}
	if doc.Tests != 2 || doc.Failures != 1 || doc.Skipped != 1 || len(doc.Suites) != 1 {
		t.Fatalf("JUnit = %+v", doc)
	}
	tc := doc.Suites[0].Cases[0]
	if tc.Name != "raises 400 for /fuga" || tc.File != "01-seed-hoge.yaml" || tc.Line != 62 ||
		tc.Failure == nil || tc.Failure.Message != "status: got 200, want 400" ||
		!strings.Contains(tc.Failure.Text, "trace:\n    Method completed with status: 200") {
		t.Errorf("testcase = %+v", tc)
	}
	if sk := doc.Suites[0].Cases[1].Skipped; sk == nil || sk.Message != "testing skips" {
		t.Errorf("skipped = %+v", sk)
	}

	rs = Run(cs[:1], func(*Case) Outcome {
		return Outcome{Event: seedEventFuga, Status: 400, Body: ` {"message" : "[400:BadRequest] fuga is not hoge"}`}
	})
	if got := Summary(rs); got != "1 passed, 0 failed" {
		t.Errorf("Summary = %q", got)
	}
}

func TestSelect(t *testing.T) {
	files := seedFiles(t)
	for run, want := range map[string]int{"": 5, "seed-hoge": 5, "^raises": 1, "nothing": 0} {
		cs, err := Select(files, run)
		if err != nil || len(cs) != want {
			t.Errorf("Select(%q) = %d cases, %v; want %d", run, len(cs), err, want)
		}
	}
	if _, err := Select(files, "("); err == nil {
		t.Error("bad --run accepted")
	}
}

func TestLabels(t *testing.T) {
	files := seedFiles(t)
	c := files[0].Cases[3] // e2e
	got := Labels(c)
	want := []string{"kind:e2e", "file:01-seed-hoge", "template:seed-hoge.request.vtl", "template:01-seed-hoge.yaml#response.400.application_json"}
	if !slices.Equal(got, want) {
		t.Errorf("Labels = %q, want %q", got, want)
	}
	// inline templates, including the empty one, by where they are; a
	// request case gets no response template labels and a response case
	// no request template labels
	full, err := LoadFiles("testdata/schema/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range [][]string{
		{"smoke", "area:request", "kind:request", "file:full", "template:t.request.vtl", "template:full.yaml#request.text_plain", "template:full.yaml#request.application_xml"},
		{"kind:response", "file:full", "template:full.yaml#response.400.application_json"},
	} {
		l := Labels(full[0].Cases[i])
		if !slices.Equal(l, want) {
			t.Errorf("Labels(%s) = %q, want %q", full[0].Cases[i].Name, l, want)
		}
		got = append(got, l...)
	}
	for _, l := range got {
		if strings.ContainsAny(l, "&|!,()/") {
			t.Errorf("label %q has a character Ginkgo forbids", l)
		}
	}
	if got := labelSafe("a(b)/c"); got != "a_b__c" {
		t.Errorf("labelSafe = %q", got)
	}
}
