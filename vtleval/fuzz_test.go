package vtleval

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
	"golang.org/x/tools/txtar"
)

// fuzzContext is the context every fuzzed template renders with: one value
// of each kind the value model has.
const fuzzContext = `{"s": "Hello, World", "n": 42, "d": 2.5, "b": true, "e": "",
	"l": ["a", 1, 2.5, true, null, [1, 2]], "m": {"a": 1, "b": "two", "c": {"d": [3]}},
	"big": 99999999999999999999, "long": 4294967296, "neg": -7}`

var fuzzErrorPos = regexp.MustCompile(`^fuzz\.vm:(\d+):(\d+): `)

// FuzzParseRender parses and renders arbitrary templates: neither may
// panic, a parse error must name fuzz.vm:line:col inside the template, and
// the limits keep every render short. Run it with
//
//	go test ./vtleval -run '^$' -fuzz FuzzParseRender -fuzztime 60s
func FuzzParseRender(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return // long inputs only make each run slower
		}
		tmpl, err := Parse("fuzz.vm", src)
		if err != nil {
			var se *syntax.Error
			if !errors.As(err, &se) {
				t.Fatalf("parse error of type %T, want *syntax.Error: %v", err, err)
			}
			m := fuzzErrorPos.FindStringSubmatch(err.Error())
			if m == nil {
				t.Fatalf("parse error %q does not start with fuzz.vm:line:col", err)
			}
			if lines := strings.Count(src, "\n") + strings.Count(src, "\r") + 1; se.Pos.Line < 1 || se.Pos.Line > lines || se.Pos.Col < 1 {
				t.Fatalf("parse error at %d:%d, outside the template's %d lines: %v", se.Pos.Line, se.Pos.Col, lines, err)
			}
			return
		}
		vars, err := VarsFromJSON([]byte(fuzzContext))
		if err != nil {
			t.Fatal(err)
		}
		cfg := &Config{MaxLoops: 200, MaxSteps: 20000, MaxOutput: 1 << 16}
		if _, err := tmpl.Render(vars, cfg); err != nil && err.Error() == "" {
			t.Fatalf("render error with an empty message (%T)", err)
		}
	})
}

// fuzzSeeds are the templates of the golden tests and of Velocity's own
// test suite.
func fuzzSeeds(f *testing.F) []string {
	var seeds []string
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*.txtar"))
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, sec := range a.Files {
			if strings.HasSuffix(sec.Name, ".vm") {
				seeds = append(seeds, string(sec.Data))
			}
		}
	}
	steps, _ := filepath.Glob(filepath.Join(confDir, "*", "*", "*", "*.vm"))
	more, _ := filepath.Glob(filepath.Join(confDir, "*", "*", "*", "*", "*.vm"))
	for _, file := range append(steps, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= 4096 {
			seeds = append(seeds, string(data))
		}
	}
	var vectors []struct {
		Template string `json:"template"`
	}
	if data, err := os.ReadFile("testdata/peer/apache-velocity-engine.json"); err == nil {
		if err := json.Unmarshal(data, &vectors); err != nil {
			f.Fatal(err)
		}
		for _, v := range vectors {
			if len(v.Template) <= 4096 {
				seeds = append(seeds, v.Template)
			}
		}
	}
	if len(seeds) == 0 {
		f.Fatal("no fuzz seeds")
	}
	return seeds
}
