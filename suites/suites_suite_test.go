// Package suites_test runs the case files under cases/ as Ginkgo specs:
// one spec per case, reported at the case file's line, labelled by kind,
// file and template so that --focus-file and --label-filter select cases.
//
//	ginkgo ./suites                                 # the repository's cases
//	ginkgo ./suites -- -cases=/path/to/your/cases   # someone else's
package suites_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/format"

	"github.com/vtlcheck/vtlcheck/cases"
)

var casesDir = flag.String("cases", "../cases", "directory or file of case files to run")

// files are loaded in TestSuites, before RunSpecs builds the spec tree.
var files []*cases.File

func TestSuites(t *testing.T) {
	RegisterFailHandler(Fail)
	format.MaxLength = 0 // failure texts carry whole bodies
	if _, err := os.Stat(*casesDir); err != nil {
		t.Fatalf("-cases: %v", err)
	}
	var err error
	files, err = cases.Options{CompilePattern: cases.JavaPattern}.LoadFiles(*casesDir)
	if err != nil {
		t.Fatalf("case files have problems:\n%v", err)
	}
	n := 0
	for _, f := range files {
		n += len(f.Cases)
	}
	if n == 0 {
		// a wrong -cases path must not pass vacuously
		t.Fatalf("-cases=%s: no case files found", *casesDir)
	}
	RunSpecs(t, "vtlcheck cases")
}

var _ = Describe("case files", func() {
	for _, f := range files {
		abs, _ := filepath.Abs(f.Path)
		Describe(f.Path, func() {
			for _, c := range f.Cases {
				c := c
				decorations := []any{
					Label(cases.Labels(c)...),
					// report, and let --focus-file select, the case file's line
					CodeLocation(abs, c.Pos.Line),
				}
				It(c.Name, append(decorations, func() {
					if c.Skip != "" {
						Skip(c.Skip)
					}
					got := cases.RunCase(c)
					if ms := cases.Check(c, got); len(ms) > 0 {
						Fail(cases.FormatFailure(c, got, ms))
					}
				})...)
			}
		})
	}
})
