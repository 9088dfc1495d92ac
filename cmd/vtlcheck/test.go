package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/vtlcheck/vtlcheck/cases"
)

func cmdTest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	junit := fs.String("junit", "", "write a JUnit XML report to `file`")
	run := fs.String("run", "", "run only cases whose name or file matches `regexp`")
	verbose := fs.Bool("v", false, "list every case, not only failures")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vtlcheck test [--run REGEXP] [--junit FILE] [-v] [PATH ...]")
		fmt.Fprintln(stderr, "Runs the case files under each PATH (default: cases if it exists, else .).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
		if st, err := os.Stat("cases"); err == nil && st.IsDir() {
			paths = []string{"cases"}
		}
	}
	files, err := cases.Options{CompilePattern: cases.JavaPattern}.LoadFiles(paths...)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	cs, err := cases.Select(files, *run)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 2
	}
	if len(cs) == 0 {
		fmt.Fprintf(stderr, "vtlcheck: no cases found in %v\n", paths)
		return 2
	}
	rs := cases.Run(cs, cases.RunCase)
	failed := false
	for _, r := range rs {
		switch {
		case r.Failed():
			failed = true
			fmt.Fprintf(stdout, "--- FAIL: %s", r.Failure())
		case *verbose && r.Skipped:
			fmt.Fprintf(stdout, "--- SKIP: %s:%d: %s (%s)\n", r.Case.File.Path, r.Case.Pos.Line, r.Case.Name, r.Case.Skip)
		case *verbose:
			fmt.Fprintf(stdout, "--- PASS: %s:%d: %s\n", r.Case.File.Path, r.Case.Pos.Line, r.Case.Name)
		}
	}
	if *junit != "" {
		f, err := os.Create(*junit)
		if err == nil {
			err = cases.WriteJUnit(f, rs)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "vtlcheck: --junit: %v\n", err)
			return 2
		}
	}
	fmt.Fprintln(stdout, cases.Summary(rs))
	if failed {
		return 1
	}
	return 0
}
