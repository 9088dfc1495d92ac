package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBench runs `vtlcheck bench` briefly: it must print a figure per round
// and the median line, write the output of a render and a CPU profile, and
// refuse contradictory flags. (Times are printed, never checked.)
func TestBench(t *testing.T) {
	dir := t.TempDir()
	out, prof := filepath.Join(dir, "out.json"), filepath.Join(dir, "cpu.pprof")
	args := []string{"--template", "../../testdata/bench/seed.vm", "--request", "../../testdata/bench/seed.request.json",
		"--iterations", "20", "--rounds", "2", "--warmup-time", "1ms", "--output", out, "--cpuprofile", prof}
	var stdout, stderr bytes.Buffer
	if code := cmdBench(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, re := range []string{`(?m)^round 1: 20 renders in `, `(?m)^round 2: 20 renders in `, `(?m)^ns/render: \d+$`} {
		if !regexp.MustCompile(re).MatchString(stdout.String()) {
			t.Errorf("output does not match %s:\n%s", re, stdout.String())
		}
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != "{\n  \"pathParams\": {\n    \"hoge\": \"fuga\"  }\n}\n" {
		t.Errorf("--output wrote %q (%v)", b, err)
	}
	if b, err := os.ReadFile(prof); err != nil || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Errorf("--cpuprofile did not write a (gzipped) profile: %d bytes, %v", len(b), err)
	}

	stdout.Reset()
	stderr.Reset()
	args = []string{"--template", "../../testdata/bench/seed.vm", "--parse-only", "--iterations", "10", "--rounds", "1", "--warmup-time", "1ms"}
	if code := cmdBench(args, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "\nns/parse: ") {
		t.Errorf("--parse-only: exit %d, output:\n%s%s", code, stdout.String(), stderr.String())
	}

	stderr.Reset()
	args = []string{"--template", "../../testdata/bench/seed.vm", "--parse-only", "--parse-each"}
	if code := cmdBench(args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "usage: vtlcheck bench") {
		t.Errorf("--parse-only with --parse-each: exit %d, stderr %q; want 2 and the usage", code, stderr.String())
	}
}

// An empty --request file is refused by render and bench alike, naming the
// file, rather than taken as a request without parameters or body.
func TestEmptyRequestFile(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.json")
	if err := os.WriteFile(empty, []byte(" \n"), 0o666); err != nil {
		t.Fatal(err)
	}
	tmpl := "../../testdata/bench/error.response.vm"
	want := empty + ": empty request file (write {} for a request with no parameters or body)"
	var stdout, stderr bytes.Buffer
	if code := cmdRender([]string{"--template", tmpl, "--request", empty}, nil, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("render: exit %d, stderr %q; want 1 and %q", code, stderr.String(), want)
	}
	stderr.Reset()
	if code := cmdBench([]string{"--template", tmpl, "--request", empty}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), want) {
		t.Errorf("bench: exit %d, stderr %q; want 1 and %q", code, stderr.String(), want)
	}
}
