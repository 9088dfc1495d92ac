package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docsDir makes a directory like a user's: cases/a.yaml using the
// template file templates/t.vtl.
func docsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"cases", "templates"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "templates"), "t.vtl", `{"hoge": "$input.params('hoge')"}`)
	writeFile(t, filepath.Join(dir, "cases"), "a.yaml", strings.Replace(caseFile,
		`application/json: '{"hoge": "$input.params(''hoge'')"}'`,
		`application/json: {file: ../templates/t.vtl}`, 1))
	return dir
}

func TestDocsHeader(t *testing.T) {
	dir := docsDir(t)
	cdir := filepath.Join(dir, "cases")
	out, errs, code := runCLI(t, "", "docs", cdir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	want := "# Behaviour catalogue\n\n<!-- Generated from the case files by `vtlcheck docs " + cdir + "`. Do not edit. -->\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("page starts\n%s\nwant\n%s", out[:min(len(out), len(want)+100)], want)
	}
	for _, repo := range []string{"go test ./cases", "doc.go", "vtlcheck's case files"} {
		if strings.Contains(out, repo) {
			t.Errorf("a user's page mentions this repository's %q", repo)
		}
	}
	if !strings.Contains(out, "1 files, 2 cases.") {
		t.Errorf("page lacks the count:\n%s", out)
	}

	out, _, _ = runCLI(t, "", "docs", "-o", filepath.Join(dir, "my docs.md"), cdir)
	if out != "" {
		t.Errorf("-o: stdout %q", out)
	}
	page, err := os.ReadFile(filepath.Join(dir, "my docs.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "`vtlcheck docs -o '" + filepath.Join(dir, "my docs.md") + "' " + cdir + "`"; !strings.Contains(string(page), want) {
		t.Errorf("-o: page does not name the command %s:\n%s", want, page)
	}
}

var mdLink = regexp.MustCompile(`\]\(([^)#][^)]*)\)`)

// TestDocsLinks checks that every link of the page leads to a file from
// the directory the page is in, whether paths are relative or absolute.
func TestDocsLinks(t *testing.T) {
	dir := docsDir(t)
	t.Chdir(dir)
	for _, tc := range []struct {
		out  string // -o, "" for stdout
		args []string
	}{
		{"", []string{"cases"}},
		{"", []string{filepath.Join(dir, "cases")}},
		{"cases/README.md", []string{"cases"}},
		{"docs/catalogue.md", []string{"cases"}},
		{filepath.Join(dir, "docs", "catalogue.md"), []string{"cases"}},
		{"docs/catalogue.md", []string{filepath.Join(dir, "cases", "a.yaml")}},
	} {
		args := append([]string{"docs"}, tc.args...)
		pageDir := "."
		if tc.out != "" {
			args = append([]string{"docs", "-o", tc.out}, tc.args...)
			pageDir = filepath.Dir(tc.out)
			os.MkdirAll(pageDir, 0o755)
		}
		out, errs, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%q: exit %d, stderr %q", args, code, errs)
		}
		page := out
		if tc.out != "" {
			b, err := os.ReadFile(tc.out)
			if err != nil {
				t.Fatal(err)
			}
			page = string(b)
		}
		links := mdLink.FindAllStringSubmatch(page, -1)
		if len(links) < 4 { // the case file, the template, two cases
			t.Errorf("%q: %d links, want the case file, the template and each case:\n%s", args, len(links), page)
		}
		for _, l := range links {
			target, _, _ := strings.Cut(l[1], "#")
			if filepath.IsAbs(target) {
				t.Errorf("%q: link %s is absolute", args, l[1])
			} else if _, err := os.Stat(filepath.Join(pageDir, filepath.FromSlash(target))); err != nil {
				t.Errorf("%q: link %s does not lead from %s to a file: %v", args, l[1], pageDir, err)
			}
		}
	}
}

func TestDocsNoCaseFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "t.vtl", "$input.body\n")
	page := filepath.Join(dir, "page.md")
	out, errs, code := runCLI(t, "", "docs", "-o", page, dir)
	if code != 2 {
		t.Errorf("exit %d, want 2 (nothing to document)", code)
	}
	if want := "vtlcheck: no case files (*.yaml, *.yml) under " + dir + "\n"; errs != want || out != "" {
		t.Errorf("stdout %q, stderr %q; want stderr %q", out, errs, want)
	}
	if _, err := os.Stat(page); err == nil {
		t.Errorf("-o %s written with nothing to document", page)
	}
}
