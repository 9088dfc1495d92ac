// Package suites_test runs the case files under cases/ as Ginkgo specs:
// one spec per case, reported at the case file's line, labelled by kind,
// file and template so that --focus-file and --label-filter select cases.
//
//	ginkgo ./suites                                 # the repository's cases
//	ginkgo ./suites -- -cases=/path/to/your/cases   # someone else's
//
// The labels are those of [cases.Labels]: the case's tags, kind:KIND,
// file:NAME (the case file's name without extension) and one template:
// label for each template the case exercises: template:BASE for a
// template file (template:seed-hoge.request.vtl) and, for a template
// written in the case file, template:FILE.yaml#request.TYPE or
// template:FILE.yaml#response.STATUS.TYPE, with the "/" of the content
// type written "_" (template:01-seed-hoge.yaml#response.400.application_json).
//
//	ginkgo --label-filter 'kind:e2e && template: containsAny {seed-hoge.request.vtl}' ./suites
//
// A run in which no spec is selected fails (Ginkgo's --fail-on-empty is
// always on), so a filter that matches nothing does not pass silently.
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
	// A filter that selects no case fails the suite, as --fail-on-empty
	// would: a mistyped --label-filter or --focus-file must not pass.
	suiteConfig, reporterConfig := GinkgoConfiguration()
	suiteConfig.FailOnEmpty = true
	RunSpecs(t, "vtlcheck cases", suiteConfig, reporterConfig)
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
