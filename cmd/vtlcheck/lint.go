package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/vtlcheck/vtlcheck/cases"
	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

// templateExts are the file name endings of mapping templates.
var templateExts = []string{".vtl", ".vm"}

func isTemplateFile(p string) bool {
	for _, e := range templateExts {
		if strings.HasSuffix(p, e) {
			return true
		}
	}
	return false
}

func isCaseFile(p string) bool { return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") }

// lintTarget collects templates and case files under paths.
func collect(paths []string) (templates, caseFiles []string, err error) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			switch {
			case isTemplateFile(p):
				templates = append(templates, p)
			case isCaseFile(p):
				caseFiles = append(caseFiles, p)
			default:
				return nil, nil, fmt.Errorf("%s: not a template (.vtl, .vm) or case file (.yaml)", p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if q != p && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") || d.Name() == "testdata" || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			switch {
			case isTemplateFile(q):
				templates = append(templates, q)
			case isCaseFile(q):
				caseFiles = append(caseFiles, q)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return templates, caseFiles, nil
}

// lintAll lints template files and the inline templates of case files,
// returning one "file:line:col: message" per problem.
func lintAll(templates, caseFiles []string, ignore map[string]bool) ([]string, error) {
	var out []string
	add := func(ds []apigw.Diagnostic) {
		for _, d := range ds {
			if !ignore[d.Rule] {
				out = append(out, d.String())
			}
		}
	}
	seen := map[string]bool{}
	for _, p := range templates {
		seen[filepath.Clean(p)] = true
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		add(apigw.Lint(p, string(src), nil))
	}
	if len(caseFiles) > 0 {
		files, err := cases.Options{CompilePattern: cases.JavaPattern}.LoadFiles(caseFiles...)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				out = append(out, line)
			}
		}
		for _, f := range files {
			for _, t := range templatesOf(f) {
				if !t.Inline() {
					if seen[filepath.Clean(t.Path)] {
						continue
					}
					seen[filepath.Clean(t.Path)] = true
				}
				var o *vtleval.ParseOptions
				if t.Inline() {
					o = &vtleval.ParseOptions{Origin: cases.Origin(t)}
				}
				add(apigw.Lint(t.Name, t.Text, o))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i] < out[j] })
	return dedupe(out), nil
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func templatesOf(f *cases.File) []*cases.Template {
	ts := append([]*cases.Template(nil), f.Integration.RequestTemplates...)
	for _, r := range f.Integration.Responses {
		ts = append(ts, r.ResponseTemplates...)
	}
	return ts
}

func cmdLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ignoreFlag := fs.String("ignore", "", "comma-separated `rules` not to report ("+strings.Join(apigw.LintRules, ", ")+")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vtlcheck lint [PATH ...]")
		fmt.Fprintln(stderr, "Checks templates (.vtl, .vm) and the templates of case files (.yaml) for parse errors,")
		fmt.Fprintln(stderr, "constructs API Gateway rejects, the 300 KB quota and the escapeJavaScript quote bug.")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	templates, caseFiles, err := collect(paths)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 2
	}
	ignore, err := parseIgnore(*ignoreFlag)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 2
	}
	problems, err := lintAll(templates, caseFiles, ignore)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 2
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	if len(problems) > 0 {
		return 1
	}
	return 0
}

func parseIgnore(s string) (map[string]bool, error) {
	m := map[string]bool{}
	for _, r := range strings.Split(s, ",") {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		known := false
		for _, k := range apigw.LintRules {
			known = known || k == r
		}
		if !known {
			return nil, fmt.Errorf("-ignore: unknown rule %q (want %s)", r, strings.Join(apigw.LintRules, ", "))
		}
		m[r] = true
	}
	return m, nil
}

// cmdPrecommit is what the pre-commit hook runs on the staged files: lint
// every changed template and case file, then run the changed case files, or
// every case file under --cases when a template changed (any case may use it).
func cmdPrecommit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("precommit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("cases", "cases", "`directory` of the repository's case files")
	ignoreFlag := fs.String("ignore", "", "comma-separated lint `rules` not to report")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vtlcheck precommit [--cases DIR] FILE ...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var templates, caseFiles []string
	for _, p := range fs.Args() {
		if _, err := os.Stat(p); err != nil {
			continue // deleted in this commit
		}
		switch {
		case isTemplateFile(p):
			templates = append(templates, p)
		case isCaseFile(p) && underDir(p, *dir):
			caseFiles = append(caseFiles, p)
		}
	}
	ignore, err := parseIgnore(*ignoreFlag)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 2
	}
	problems, err := lintAll(templates, caseFiles, ignore)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 2
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	toRun := caseFiles
	if len(templates) > 0 {
		if st, err := os.Stat(*dir); err == nil && st.IsDir() {
			toRun = []string{*dir}
		}
	}
	code := 0
	if len(problems) > 0 {
		code = 1
	}
	if len(toRun) == 0 {
		return code
	}
	if c := cmdTest(toRun, stdout, stderr); c > code {
		code = c
	}
	return code
}

func underDir(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && !strings.HasPrefix(rel, "..")
}

func cmdDocs(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("docs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the page to `file` (default: stdout); links are relative to its directory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vtlcheck docs [-o FILE] [PATH ...]")
		fmt.Fprintln(stderr, "Writes a Markdown behaviour catalogue of the case files under each PATH (default: cases).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"cases"}
	}
	files, err := cases.Options{CompilePattern: cases.JavaPattern}.LoadFiles(paths...)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "vtlcheck: no case files (*.yaml, *.yml) under %s\n", strings.Join(paths, ", "))
		return 2
	}
	command := "vtlcheck docs"
	if *out != "" {
		command += " -o " + shellQuote(*out)
	}
	for _, p := range paths {
		command += " " + shellQuote(p)
	}
	root := "."
	var w io.Writer = stdout
	if *out != "" {
		root = filepath.Dir(*out)
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
			return 1
		}
		defer f.Close()
		w = f
	}
	if err := cases.WriteCatalogFor(w, root, command, files); err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 1
	}
	return 0
}

// shellQuote quotes s for a POSIX shell when it has characters the shell
// would interpret.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
