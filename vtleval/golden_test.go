package vtleval

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// goldenDir holds the golden tests recorded from Apache Velocity 1.7 by tools/java
// (make goldens). Each archive's comment documents the format; in short, case NAME is
// NAME.vm (template), optional NAME.json (context), optional NAME/FILE (a resource for
// #parse/#include) and exactly one of NAME.out (exact output) or NAME.err (Velocity
// threw). Every section's content is its data less exactly one trailing newline.
const goldenDir = "testdata/golden"

// goldenCase is one case of a golden archive.
type goldenCase struct {
	name      string
	vm        string
	json      []byte // nil: no context
	resources map[string]string
	want      string // expected output, or the Java exception text when wantErr
	wantErr   bool
	hasResult bool
	outLine   int // 1-based line of the first content line of NAME.out / NAME.err
	vmLine    int // same for NAME.vm
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden files in %s", goldenDir)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			cases, err := readGoldenFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					runGoldenCase(t, file, c)
				})
			}
		})
	}
}

func runGoldenCase(t *testing.T, file string, c *goldenCase) {
	t.Helper()
	where := fmt.Sprintf("%s:%d", filepath.ToSlash(file), c.outLine)
	got, err := renderGolden(file, c)
	switch {
	case c.wantErr && err == nil:
		t.Errorf("%s: %s: rendered without error, want an error (Velocity 1.7: %s)\n template (%s:%d): %q\n got output: %q",
			where, c.name, c.want, filepath.ToSlash(file), c.vmLine, c.vm, got)
	case c.wantErr:
		// Velocity failed too; the messages are not compared.
	case err != nil:
		t.Errorf("%s: %s: unexpected error: %v\n template (%s:%d): %q\n want output: %q",
			where, c.name, err, filepath.ToSlash(file), c.vmLine, c.vm, c.want)
	case got != c.want:
		t.Errorf("%s: %s: output differs%s\n template (%s:%d): %q\n  got: %q\n want: %q",
			where, c.name, goldenDiff(got, c.want), filepath.ToSlash(file), c.vmLine, c.vm, got, c.want)
	}
}

// renderGolden parses and executes a case with a zero Config (plus the case's resources),
// turning a panic into an error so that one broken case does not stop the others.
func renderGolden(file string, c *goldenCase) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	vars := Vars{}
	if c.json != nil {
		vars, err = VarsFromJSON(c.json)
		if err != nil {
			return "", fmt.Errorf("%s: %s.json: %v", file, c.name, err)
		}
	}
	tmpl, err := Parse(c.name, c.vm)
	if err != nil {
		return "", err
	}
	var cfg Config
	if c.resources != nil {
		cfg.Resources = func(name string) (string, error) {
			if body, ok := c.resources[name]; ok {
				return body, nil
			}
			return "", fmt.Errorf("resource %q not found", name)
		}
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, vars, &cfg)
	return buf.String(), err
}

// goldenDiff locates the first difference, and says whether only white space differs,
// because whitespace bugs are otherwise hard to see.
func goldenDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	line := 1 + strings.Count(want[:i], "\n")
	col := i - strings.LastIndex(want[:i], "\n")
	msg := fmt.Sprintf(" at output line %d, column %d (byte %d)", line, col, i)
	if strings.Join(strings.Fields(got), " ") == strings.Join(strings.Fields(want), " ") {
		msg += "; only white space differs"
	}
	return msg
}

// goldenContent returns a section's content: its data less exactly one trailing newline.
func goldenContent(data []byte) string {
	return strings.TrimSuffix(string(data), "\n")
}

// readGoldenFile parses one archive into cases, checking its structure.
func readGoldenFile(file string) ([]*goldenCase, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	lines := goldenMarkerLines(data)
	ar := txtar.Parse(data)
	byName := map[string]*goldenCase{}
	var order []*goldenCase
	get := func(name string) *goldenCase {
		c := byName[name]
		if c == nil {
			c = &goldenCase{name: name}
			byName[name] = c
			order = append(order, c)
		}
		return c
	}
	var problems []string
	for _, f := range ar.Files {
		line := lines[f.Name] + 1
		if i := strings.IndexByte(f.Name, '/'); i > 0 {
			c := get(f.Name[:i])
			if c.resources == nil {
				c.resources = map[string]string{}
			}
			c.resources[f.Name[i+1:]] = goldenContent(f.Data)
			continue
		}
		ext := filepath.Ext(f.Name)
		c := get(strings.TrimSuffix(f.Name, ext))
		switch ext {
		case ".vm":
			c.vm, c.vmLine = goldenContent(f.Data), line
		case ".json":
			c.json = []byte(goldenContent(f.Data))
		case ".out", ".err":
			if c.hasResult {
				problems = append(problems, fmt.Sprintf("%s:%d: case %s has more than one .out/.err section", file, line-1, c.name))
			}
			c.hasResult, c.wantErr, c.want, c.outLine = true, ext == ".err", goldenContent(f.Data), line
		default:
			problems = append(problems, fmt.Sprintf("%s:%d: unknown section %q", file, line-1, f.Name))
		}
	}
	for _, c := range order {
		if c.vmLine == 0 {
			problems = append(problems, fmt.Sprintf("%s: case %s has no %s.vm section", file, c.name, c.name))
		}
		if !c.hasResult {
			problems = append(problems, fmt.Sprintf("%s: case %s has no .out or .err section (run make goldens)", file, c.name))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return order, nil
}

// goldenMarkerLines maps each section name to the 1-based line of its "-- NAME --" marker,
// using txtar's marker syntax.
func goldenMarkerLines(data []byte) map[string]int {
	m := map[string]int{}
	ls := strings.Split(string(data), "\n")
	for i, l := range ls {
		if i < len(ls)-1 {
			l = strings.TrimSuffix(l, "\r") // txtar accepts CRLF marker lines
		}
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") && len(l) >= 6 {
			if name := strings.TrimSpace(l[3 : len(l)-3]); name != "" {
				if _, dup := m[name]; !dup {
					m[name] = i + 1
				}
			}
		}
	}
	return m
}
