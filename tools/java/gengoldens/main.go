// Command gengoldens writes the templates and contexts of the golden tests in
// vtleval/testdata/golden/*.txtar from the case tables in this directory.
//
// It writes only NAME.vm, NAME.json and NAME/FILE (resource) sections. The expected
// results (NAME.out / NAME.err) come from Apache Velocity 1.7 itself: tools/java/goldens.sh
// (make goldens) records them with tools/java/src/velocity17/Driver.java. When a case's
// inputs are unchanged, gengoldens keeps its recorded result, so running it is harmless.
//
// Usage, from the repository root:
//
//	go run ./tools/java/gengoldens [-dir vtleval/testdata/golden]
//	tools/java/goldens.sh
//
// Files in the directory that gengoldens does not generate are left alone, so hand-written
// archives can live next to the generated ones.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/txtar"
)

// A testCase is one golden case: a template, an optional JSON context and optional resources.
type testCase struct {
	name string
	vm   string
	json string // JSON object text, or "" for none
	res  []resource
}

type resource struct{ name, body string }

// An archive is one generated golden file.
type archive struct {
	file  string // base name, e.g. "whitespace.txtar"
	doc   string // what the file covers; becomes the start of the archive comment
	cases []testCase
}

// archives lists every generated file; each topic file appends to it in init.
var archives []*archive

func newArchive(file, doc string) *archive {
	a := &archive{file: file, doc: doc}
	archives = append(archives, a)
	return a
}

// add appends a case with no context.
func (a *archive) add(name, vm string) { a.cases = append(a.cases, testCase{name: name, vm: vm}) }

// addj appends a case with a JSON context.
func (a *archive) addj(name, vm, js string) {
	a.cases = append(a.cases, testCase{name: name, vm: vm, json: js})
}

const provenance = `Recorded from Apache Velocity 1.7 (Debian velocity 1.7-6, OpenJDK 17) by tools/java
(velocity17.Driver golden, stock configuration). Do not edit .out/.err by hand: change
the case tables in tools/java/gengoldens, run 'go run ./tools/java/gengoldens', then
'make goldens' (tools/java/goldens.sh), which re-records every result from Velocity.

Case NAME is the sections NAME.vm (the template), optional NAME.json (a JSON object whose
keys become variables: integer -> Integer, too big -> Long, then BigInteger; decimal ->
Double; object -> LinkedHashMap; array -> ArrayList; a top-level null is not set),
optional NAME/FILE (resource FILE for #parse/#include; without one they fail), and exactly
one of NAME.out (the exact output) or NAME.err (Velocity threw; the exception class and the
first line of its message, informational: only "it is an error" is checked).

Exactness rule: the writer appends exactly one "\n" to every section's content and readers
strip exactly one trailing "\n" from every section, so a template or output that itself
ends in a newline is stored followed by a blank line. Templates never contain "\r".
`

var caseName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$`)

func main() {
	dir := flag.String("dir", filepath.Join("vtleval", "testdata", "golden"), "golden directory")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gengoldens:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	total := 0
	seen := map[string]bool{}
	for _, a := range archives {
		if seen[a.file] {
			return fmt.Errorf("%s: generated twice", a.file)
		}
		seen[a.file] = true
		path := filepath.Join(dir, a.file)
		data, err := a.format(path)
		if err != nil {
			return err
		}
		old, _ := os.ReadFile(path)
		if !bytes.Equal(old, data) {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				return err
			}
			fmt.Printf("wrote %s (%d cases)\n", path, len(a.cases))
		}
		total += len(a.cases)
	}
	fmt.Printf("%d cases in %d files\n", total, len(archives))
	return nil
}

// format builds the archive text, keeping the recorded result of each case whose inputs
// are unchanged in the existing file at path.
func (a *archive) format(path string) ([]byte, error) {
	kept := map[string]txtar.File{} // case name -> its .out/.err section
	if old, err := os.ReadFile(path); err == nil {
		inputs := map[string]string{}
		results := map[string]txtar.File{}
		for _, f := range txtar.Parse(old).Files {
			switch {
			case strings.HasSuffix(f.Name, ".out"), strings.HasSuffix(f.Name, ".err"):
				results[f.Name[:len(f.Name)-4]] = f
			case strings.Contains(f.Name, "/"):
				n := f.Name[:strings.Index(f.Name, "/")]
				inputs[n] += "\x00res " + f.Name + "\x00" + string(f.Data)
			case strings.HasSuffix(f.Name, ".vm"):
				inputs[strings.TrimSuffix(f.Name, ".vm")] += "\x00vm\x00" + string(f.Data)
			case strings.HasSuffix(f.Name, ".json"):
				inputs[strings.TrimSuffix(f.Name, ".json")] += "\x00json\x00" + string(f.Data)
			}
		}
		for _, c := range a.cases {
			if r, ok := results[c.name]; ok && inputs[c.name] == c.inputKey() {
				kept[c.name] = r
			}
		}
	}

	ar := &txtar.Archive{Comment: []byte(wrapDoc(a.doc) + "\n" + provenance)}
	names := map[string]bool{}
	for _, c := range a.cases {
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("%s: %v", a.file, err)
		}
		if names[c.name] {
			return nil, fmt.Errorf("%s: duplicate case %s", a.file, c.name)
		}
		names[c.name] = true
		for _, f := range c.sections() {
			ar.Files = append(ar.Files, txtar.File{Name: f.Name, Data: f.Data})
		}
		if r, ok := kept[c.name]; ok {
			ar.Files = append(ar.Files, r)
		}
	}
	return txtar.Format(ar), nil
}

func (c testCase) sections() []txtar.File {
	fs := []txtar.File{{Name: c.name + ".vm", Data: []byte(c.vm + "\n")}}
	if c.json != "" {
		fs = append(fs, txtar.File{Name: c.name + ".json", Data: []byte(c.json + "\n")})
	}
	for _, r := range c.res {
		fs = append(fs, txtar.File{Name: c.name + "/" + r.name, Data: []byte(r.body + "\n")})
	}
	return fs
}

// inputKey must match what format collects from an existing file for the same case.
func (c testCase) inputKey() string {
	var b strings.Builder
	for _, f := range c.sections() {
		switch {
		case strings.Contains(f.Name, "/"):
			b.WriteString("\x00res " + f.Name + "\x00" + string(f.Data))
		case strings.HasSuffix(f.Name, ".vm"):
			b.WriteString("\x00vm\x00" + string(f.Data))
		default:
			b.WriteString("\x00json\x00" + string(f.Data))
		}
	}
	return b.String()
}

var markerLine = regexp.MustCompile(`(?m)^-- .*\S.* --$`)

func (c testCase) check() error {
	if !caseName.MatchString(c.name) {
		return fmt.Errorf("bad case name %q", c.name)
	}
	for _, ext := range []string{".vm", ".json", ".out", ".err"} {
		if strings.HasSuffix(c.name, ext) {
			return fmt.Errorf("case name %q ends in %s", c.name, ext)
		}
	}
	texts := []string{c.vm, c.json}
	for _, r := range c.res {
		texts = append(texts, r.body)
		if r.name == "" || strings.ContainsAny(r.name, " \n") {
			return fmt.Errorf("case %s: bad resource name %q", c.name, r.name)
		}
	}
	for _, t := range texts {
		if strings.Contains(t, "\r") {
			return fmt.Errorf("case %s: carriage return (not kept by txtar)", c.name)
		}
		if markerLine.MatchString(t) {
			return fmt.Errorf("case %s: a line looks like a txtar marker", c.name)
		}
	}
	if c.json != "" {
		var m map[string]any
		if err := json.Unmarshal([]byte(c.json), &m); err != nil || m == nil {
			return fmt.Errorf("case %s: context is not a JSON object: %v", c.name, err)
		}
	}
	return nil
}

// wrapDoc turns a file's doc into comment text ending in a newline.
func wrapDoc(doc string) string {
	doc = strings.TrimSpace(doc)
	return doc + "\n"
}
