package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/cases"
)

// The README's examples are tests: every ```vtl block is rendered (with the
// request or context given in the HTML comment just above it) and compared
// with the ```output block that follows it; every ```yaml block marked as a
// case file is run and must pass.

type fence struct {
	info    string
	comment string // the <!-- ... --> line right before the fence
	text    string // the content, without the final newline
	line    int
}

func readmeFences(t *testing.T) []fence {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var fs []fence
	var cur *fence
	var body []string
	prev := ""
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			cur = &fence{info: strings.TrimPrefix(trimmed, "```"), line: n}
			if strings.HasPrefix(prev, "<!--") {
				cur.comment = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(prev, "<!--"), "-->"))
			}
			body = nil
		case cur != nil && trimmed == "```":
			cur.text = strings.Join(body, "\n")
			fs = append(fs, *cur)
			cur = nil
		case cur != nil:
			body = append(body, line)
		}
		prev = trimmed
	}
	return fs
}

func TestReadmeExamples(t *testing.T) {
	fs := readmeFences(t)
	examples := 0
	for i, f := range fs {
		if f.info != "vtl" {
			continue
		}
		if i+1 >= len(fs) || fs[i+1].info != "output" {
			t.Errorf("README.md:%d: a vtl example needs an ```output block after it", f.line)
			continue
		}
		want := fs[i+1].text
		kind, data, _ := strings.Cut(f.comment, ":")
		var got string
		var err error
		switch strings.TrimSpace(kind) {
		case "request":
			got, err = renderAPIGW("README.md", f.text, []byte(data))
		case "context":
			got, err = renderVelocity("README.md", f.text, []byte(data), "context", nil)
		default:
			t.Errorf("README.md:%d: a vtl example needs <!-- request: {...} --> or <!-- context: {...} --> above it", f.line)
			continue
		}
		examples++
		if err != nil {
			t.Errorf("README.md:%d: %v", f.line, err)
			continue
		}
		// a template ends with a newline in the file, and so may its output
		if got != want && strings.TrimSuffix(got, "\n") != want {
			t.Errorf("README.md:%d: renders\n%q\nwant (README.md:%d)\n%q", f.line, got, fs[i+1].line, want)
		}
	}
	if examples < 3 {
		t.Errorf("found %d vtl examples in README.md, want at least 3", examples)
	}
}

func TestReadmeCaseFiles(t *testing.T) {
	ran := 0
	for _, f := range readmeFences(t) {
		kind, arg, _ := strings.Cut(f.comment, ":")
		if f.info != "yaml" || strings.TrimSpace(kind) != "case-file" {
			continue
		}
		dir := t.TempDir()
		for _, tmpl := range strings.Fields(arg) {
			src, err := os.ReadFile(filepath.Join("../../cases", tmpl))
			if err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Join(dir, filepath.Dir(tmpl)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, tmpl), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p := filepath.Join(dir, "readme.yaml")
		if err := os.WriteFile(p, []byte(f.text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files, err := cases.Options{CompilePattern: cases.JavaPattern}.LoadFiles(p)
		if err != nil {
			t.Errorf("README.md:%d: the case file does not load:\n%v", f.line, err)
			continue
		}
		cs, _ := cases.Select(files, "")
		for _, r := range cases.Run(cs, cases.RunCase) {
			ran++
			if r.Failed() {
				t.Errorf("README.md:%d: %s", f.line, r.Failure())
			}
		}
	}
	if ran == 0 {
		t.Error("no case file example ran from README.md")
	}
}
