package vtleval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// confDir holds Apache Velocity 1.7's own test suite, converted to data files
// (see testdata/velocity17/README.md and NOTICE): every case is a list of
// steps that run against one engine, with a JSON context.
const confDir = "testdata/velocity17"

// confKnownFailures lists the usable cases this engine does not pass, with
// the reason. A listed case that starts passing fails the test, so the list
// stays honest; so does an unlisted case that fails.
var confKnownFailures = map[string]string{}

// confConfigured lists the needs-config cases whose engine properties a user
// of API Gateway can meet through [Config]: the test runs them with that
// configuration.
var confConfigured = map[string]func(c *Config){
	// directive.foreach.maxloops = 3
	"junit/ForeachTestCase/testMaxNbrLoopsConstraint": func(c *Config) { c.MaxLoops = 3 },
	// velocimacro.max.depth = 3
	"junit/BlockMacroTestCase/testRecursiveBlockMacro": func(c *Config) { c.MaxDepth = 3 },
}

// confSkippedProperties names, for every other engine property the
// needs-config cases set, why the engine does not offer it: API Gateway runs
// Velocity with a fixed configuration, so these behaviours never occur there.
var confSkippedProperties = []struct {
	pattern *regexp.Regexp
	reason  string
}{
	{regexp.MustCompile(`\.provide\.scope\.control$`), "scope control ($template, $macro, $evaluate, $define, ... scope objects) is off in Velocity 1.7's default configuration and in API Gateway"},
	{regexp.MustCompile(`^runtime\.references\.strict`), "strict reference mode is not API Gateway's configuration"},
	{regexp.MustCompile(`^runtime\.strict\.math$`), "strict math mode is not API Gateway's configuration"},
	{regexp.MustCompile(`^velocimacro\.library$`), "macro-library settings: API Gateway has no macro libraries"},
	{regexp.MustCompile(`^velocimacro\.permissions\.`), "macro-library settings (inline macro permissions and local scope) are fixed to the defaults"},
	{regexp.MustCompile(`^velocimacro\.context\.localscope$`), "macro-library settings (local macro context) are fixed to the defaults"},
	{regexp.MustCompile(`^velocimacro\.arguments\.strict$`), "strict macro arguments are not API Gateway's configuration"},
	{regexp.MustCompile(`^velocimacro\.body\.reference$`), "the $bodyContent name is fixed to the default"},
	{regexp.MustCompile(`^directive\.set\.null\.allowed$`), "#set of null always leaves the target unchanged (the default)"},
	{regexp.MustCompile(`^directive\.evaluate\.context\.class$`), "#evaluate always uses the default context class"},
	{regexp.MustCompile(`^directive\.foreach\.counter\.initial\.value$`), "$velocityCount always starts at 1 (the default)"},
	{regexp.MustCompile(`^directive\.define\.max\.depth$`), "#define depth is not configurable on its own; see Config.MaxDepth"},
	{regexp.MustCompile(`^velocimacro\.max\.depth$`), "only in combination with other settings, which are skipped"},
	{regexp.MustCompile(`^directive\.foreach\.maxloops$`), "only in combination with other settings, which are skipped"},
}

type confCase struct {
	ID       string `json:"id"`
	Bucket   string `json:"bucket"`
	Category string `json:"category"`
	Origin   struct {
		Driver     string `json:"driver"`
		SuiteOrder int    `json:"suite_order"`
	} `json:"origin"`
	Context          json.RawMessage   `json:"context"`
	EngineProperties map[string]any    `json:"engine_properties"`
	MacroLibrary     []string          `json:"macro_library"`
	Compare          string            `json:"compare"`
	Resources        map[string]string `json:"resources"`
	Steps            []confStep        `json:"steps"`

	dir string
}

type confStep struct {
	Template       string                     `json:"template"`
	TemplateName   string                     `json:"template_name"`
	Expected       string                     `json:"expected"`
	ExpectError    bool                       `json:"expect_error"`
	ContextUpdates map[string]json.RawMessage `json:"context_updates"`
}

func loadConfCases(t *testing.T, bucket string) []*confCase {
	t.Helper()
	var cases []*confCase
	root := filepath.Join(confDir, bucket)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "case.json" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		c := &confCase{dir: filepath.Dir(path)}
		if err := json.Unmarshal(data, c); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		cases = append(cases, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("no cases under %s", root)
	}
	sort.Slice(cases, func(i, j int) bool {
		a, b := cases[i], cases[j]
		if a.Origin.SuiteOrder != b.Origin.SuiteOrder {
			return a.Origin.SuiteOrder < b.Origin.SuiteOrder
		}
		return a.ID < b.ID
	})
	return cases
}

// confEngine is what one Velocity runtime shares between renders: the
// macro namespace, with the macro libraries loaded first.
type confEngine struct {
	macros *Macros
}

func newConfEngine(c *confCase) (*confEngine, error) {
	e := &confEngine{macros: NewMacros()}
	for _, lib := range c.MacroLibrary {
		src, err := c.resource(lib)
		if err != nil {
			return nil, err
		}
		t, err := ParseWith(lib, src, &ParseOptions{Macros: e.macros})
		if err != nil {
			return nil, fmt.Errorf("macro library: %v", err)
		}
		e.macros.AddFrom(t)
	}
	return e, nil
}

func (c *confCase) read(name string) (string, error) {
	data, err := os.ReadFile(filepath.Join(c.dir, name))
	return string(data), err
}

func (c *confCase) resource(name string) (string, error) {
	p, ok := c.Resources[name]
	if !ok {
		return "", fmt.Errorf("no resource %q", name)
	}
	return c.read(p)
}

// normalizeNewlines is BaseTestCase.normalizeNewlines: s/\r[\r]?[\n]/\n/g.
var crlf = regexp.MustCompile("\r\r?\n")

func (c *confCase) normalize(s string) string {
	if strings.HasPrefix(c.Compare, "exact") {
		return s
	}
	return crlf.ReplaceAllString(s, "\n")
}

// run runs the case's steps in e and returns the first problem.
func (c *confCase) run(e *confEngine, setup func(*Config)) error {
	vars, err := VarsFromJSON(c.Context)
	if err != nil {
		return fmt.Errorf("context: %v", err)
	}
	cfg := &Config{Macros: e.macros, Resources: c.resource}
	if setup != nil {
		setup(cfg)
	}
	for i, s := range c.Steps {
		for k, raw := range s.ContextUpdates {
			v, err := DecodeJSON(raw)
			if err != nil {
				return fmt.Errorf("step %d: context update %s: %v", i+1, k, err)
			}
			vars[k] = v
		}
		name, src := s.Template, ""
		if s.TemplateName != "" {
			name = s.TemplateName
			src, err = c.resource(name)
		} else {
			src, err = c.read(s.Template)
		}
		if err != nil {
			return fmt.Errorf("step %d: %v", i+1, err)
		}
		out, err := renderConfStep(name, src, vars, cfg)
		if s.ExpectError {
			if err == nil {
				return fmt.Errorf("step %d (%s): rendered %q, want an error", i+1, name, out)
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("step %d (%s): %v", i+1, name, err)
		}
		want, err := c.read(s.Expected)
		if err != nil {
			return fmt.Errorf("step %d: %v", i+1, err)
		}
		if got, want := c.normalize(out), c.normalize(want); got != want {
			return fmt.Errorf("step %d (%s): output differs%s\n got: %q\nwant: %q", i+1, name, firstDiff(got, want), got, want)
		}
	}
	return nil
}

// renderConfStep parses and renders one template, turning a panic into an
// error so that one broken case does not hide the others.
func renderConfStep(name, src string, vars Vars, cfg *Config) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	t, err := ParseWith(name, src, &ParseOptions{Macros: cfg.Macros})
	if err != nil {
		return "", err
	}
	return t.Render(vars, cfg)
}

func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	line := 1 + strings.Count(got[:i], "\n")
	return fmt.Sprintf(" at byte %d (line %d)", i, line)
}

// TestVelocityConformance runs the "usable" cases of Velocity 1.7's test
// suite: they run with Velocity's default configuration.
func TestVelocityConformance(t *testing.T) {
	cases := loadConfCases(t, "usable")
	// TemplateTestSuite renders every test/templates case inside one
	// runtime, in suite order: inline macros persist from one to the next.
	var shared *confEngine
	passed := 0
	results := map[string]error{}
	for _, c := range cases {
		var e *confEngine
		var err error
		if strings.Contains(c.Origin.Driver, "TemplateTestSuite") {
			if shared == nil {
				shared, err = newConfEngine(c)
			}
			e = shared
		} else {
			e, err = newConfEngine(c)
		}
		if err == nil {
			err = c.run(e, nil)
		}
		results[c.ID] = err
	}
	for _, c := range cases {
		err := results[c.ID]
		reason, known := confKnownFailures[c.ID]
		t.Run(c.ID, func(t *testing.T) {
			switch {
			case err == nil && known:
				t.Errorf("%s passes now: remove it from confKnownFailures (it said: %s)", c.ID, reason)
			case err != nil && !known:
				t.Errorf("%s/case.json: %v", c.dir, err)
			case err != nil:
				t.Logf("known failure (%s): %v", reason, err)
			}
		})
		if err == nil {
			passed++
		}
	}
	for id := range confKnownFailures {
		if _, ok := results[id]; !ok {
			t.Errorf("confKnownFailures lists %s, which is not a usable case", id)
		}
	}
	rate := float64(passed) / float64(len(cases))
	t.Logf("Velocity 1.7 conformance: %d of %d usable cases pass (%.1f%%)", passed, len(cases), 100*rate)
	if rate < 0.95 {
		t.Errorf("only %.1f%% of the usable cases pass, want at least 95%%", 100*rate)
	}
}

// TestVelocityConformanceConfigured runs the needs-config cases whose
// settings Config offers, and checks that every other one is left out for a
// documented reason.
func TestVelocityConformanceConfigured(t *testing.T) {
	cases := loadConfCases(t, "needs-config")
	seen := map[string]bool{}
	notRun := 0
	for _, c := range cases {
		setup, ok := confConfigured[c.ID]
		if !ok {
			// not run: API Gateway users cannot configure this; say why
			if reason := confSkipReason(c); reason == "" {
				t.Errorf("%s/case.json: engine properties %v are neither configured nor listed with a reason", c.dir, c.EngineProperties)
			}
			notRun++
			continue
		}
		t.Run(c.ID, func(t *testing.T) {
			seen[c.ID] = true
			e, err := newConfEngine(c)
			if err == nil {
				err = c.run(e, setup)
			}
			if err != nil {
				t.Errorf("%s/case.json: %v", c.dir, err)
			}
		})
	}
	for id := range confConfigured {
		if !seen[id] {
			t.Errorf("confConfigured lists %s, which is not a needs-config case", id)
		}
	}
	t.Logf("needs-config: %d cases run with Config, %d not run (settings API Gateway does not offer, see confSkippedProperties)", len(seen), notRun)
}

// confSkipReason returns why a case cannot run, from the first property
// that has a reason ("" when none has one).
func confSkipReason(c *confCase) string {
	var keys []string
	for k := range c.EngineProperties {
		if k != "file.resource.loader.path" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var reasons []string
	for _, k := range keys {
		found := false
		for _, s := range confSkippedProperties {
			if s.pattern.MatchString(k) {
				if !strings.HasPrefix(s.reason, "only in combination") {
					reasons = append(reasons, k+": "+s.reason)
				}
				found = true
				break
			}
		}
		if !found {
			return ""
		}
	}
	if len(reasons) == 0 {
		return ""
	}
	return strings.Join(reasons, "; ")
}
