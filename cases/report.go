package cases

import (
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Result is the result of one case.
type Result struct {
	Case       *Case
	Outcome    Outcome
	Mismatches []Mismatch
	// Skipped is set for a case with "skip:"; it was not run.
	Skipped bool
	Elapsed time.Duration
}

// Failed reports whether the case ran and did not meet its expectations.
func (r *Result) Failed() bool { return !r.Skipped && len(r.Mismatches) > 0 }

// Failure returns the failure text (see [FormatFailure]), or "".
func (r *Result) Failure() string {
	if !r.Failed() {
		return ""
	}
	return FormatFailure(r.Case, r.Outcome, r.Mismatches)
}

// Run runs each case with run (which drives the API Gateway pipeline) and
// checks the outcome. Cases with "skip:" are not run.
//
// Cases run in parallel on all CPUs (run must be safe for concurrent use, as
// [RunCase] is); the results keep the order of cs.
func Run(cs []*Case, run func(*Case) Outcome) []*Result {
	rs := make([]*Result, len(cs))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if workers > len(cs) {
		workers = len(cs)
	}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := cs[i]
				r := &Result{Case: c}
				if c.Skip != "" {
					r.Skipped = true
				} else {
					start := time.Now()
					r.Outcome = run(c)
					r.Mismatches = Check(c, r.Outcome)
					r.Elapsed = time.Since(start)
				}
				rs[i] = r
			}
		}()
	}
	for i := range cs {
		next <- i
	}
	close(next)
	wg.Wait()
	return rs
}

// FormatFailure renders a failed case the same way for the CLI and for
// Ginkgo: the case's file:line and name, every mismatch, the selected
// integration response and why, and the trace.
//
//	cases/01-seed-hoge.yaml:14: raises 400 for /fuga
//	  Lambda event differs at $.pathParams.hoge (-want +got):
//	    @@ -1,5 +1,5 @@
//	    ...
//	  status: got 200, want 400 (selected: default 200: no selectionPattern matched ...)
//	  trace:
//	    Method request path: {hoge=fuga}
func FormatFailure(c *Case, got Outcome, ms []Mismatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: %s\n", c.File.Path, c.Pos.Line, c.Name)
	statusSaid := false
	for _, m := range ms {
		b.WriteString(indentLines(m.Msg, "  "))
		b.WriteByte('\n')
		if m.What == "status" {
			statusSaid = true
		}
	}
	if got.Selected != "" && !statusSaid && c.Kind != KindRequest {
		fmt.Fprintf(&b, "  selected: %s\n", got.Selected)
	}
	if len(got.Trace) > 0 {
		b.WriteString("  trace:\n")
		for _, t := range got.Trace {
			b.WriteString(indentLines(t, "    "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Summary returns the summary line: "N passed, N failed", plus
// ", N skipped" when cases were skipped.
func Summary(rs []*Result) string {
	var passed, failed, skipped int
	for _, r := range rs {
		switch {
		case r.Skipped:
			skipped++
		case r.Failed():
			failed++
		default:
			passed++
		}
	}
	s := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if skipped > 0 {
		s += fmt.Sprintf(", %d skipped", skipped)
	}
	return s
}

// Select returns the cases of files, in order, whose name or file path
// matches the regular expression run (Go syntax); "" selects all.
func Select(files []*File, run string) ([]*Case, error) {
	var re *regexp.Regexp
	if run != "" {
		var err error
		if re, err = regexp.Compile(run); err != nil {
			return nil, fmt.Errorf("--run: %v", err)
		}
	}
	var cs []*Case
	for _, f := range files {
		for _, c := range f.Cases {
			if re == nil || re.MatchString(c.Name) || re.MatchString(filepath.ToSlash(f.Path)) {
				cs = append(cs, c)
			}
		}
	}
	return cs, nil
}

// Labels returns a case's labels for Ginkgo's --label-filter: its tags,
// "kind:request|response|e2e", "file:BASE" (the case file's name without
// extension) and a "template:" label for each template the case's kind
// exercises (request templates for request and e2e cases, response
// templates for response and e2e cases): "template:BASE" for a template
// file (seed-hoge.request.vtl), and for an inline template the case
// file's name, "#" and where the template is in the integration:
// "template:FILE.yaml#request.TYPE" for a request template and
// "template:FILE.yaml#response.STATUS.TYPE" for a response template, TYPE
// being the content type (01-seed-hoge.yaml#response.400.application_json).
// Characters Ginkgo forbids in labels (&|!,()/) are replaced by "_".
func Labels(c *Case) []string {
	labels := append([]string(nil), c.Tags...)
	labels = append(labels, "kind:"+string(c.Kind))
	base := filepath.Base(c.File.Path)
	labels = append(labels, "file:"+labelSafe(strings.TrimSuffix(base, filepath.Ext(base))))
	seen := map[string]bool{}
	addTemplates := func(ts []*Template, where string) {
		for _, t := range ts {
			l := "template:" + labelSafe(filepath.Base(t.Path))
			if t.Inline() {
				l = "template:" + labelSafe(base+"#"+where+"."+t.ContentType)
			}
			if !seen[l] {
				seen[l] = true
				labels = append(labels, l)
			}
		}
	}
	in := c.File.Integration
	if c.Kind != KindResponse {
		addTemplates(in.RequestTemplates, "request")
	}
	if c.Kind != KindRequest {
		for _, r := range in.Responses {
			addTemplates(r.ResponseTemplates, "response."+r.StatusCode)
		}
	}
	return labels
}

func labelSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("&|!,()/", r) {
			return '_'
		}
		return r
	}, s)
}

// JUnit XML, in the shape CI systems read (Jenkins, GitLab, GitHub
// actions that annotate tests).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Line      int           `xml:"line,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// WriteJUnit writes results as JUnit XML: one testsuite per case file, one
// testcase per case (classname and file = the case file's path, line = the
// case's line); a failure's text is [FormatFailure]'s.
func WriteJUnit(w io.Writer, rs []*Result) error {
	secs := func(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
	var out junitSuites
	index := map[*File]int{}
	var total time.Duration
	for _, r := range rs {
		f := r.Case.File
		i, ok := index[f]
		if !ok {
			i = len(out.Suites)
			index[f] = i
			out.Suites = append(out.Suites, junitSuite{Name: filepath.ToSlash(f.Path)})
		}
		s := &out.Suites[i]
		jc := junitCase{
			Name:      r.Case.Name,
			Classname: filepath.ToSlash(f.Path),
			File:      filepath.ToSlash(f.Path),
			Line:      r.Case.Pos.Line,
			Time:      secs(r.Elapsed),
		}
		s.Tests++
		out.Tests++
		switch {
		case r.Skipped:
			jc.Skipped = &junitSkipped{Message: r.Case.Skip}
			s.Skipped++
			out.Skipped++
		case r.Failed():
			first := r.Mismatches[0].Msg
			if i := strings.IndexByte(first, '\n'); i >= 0 {
				first = first[:i]
			}
			jc.Failure = &junitFailure{Message: first, Type: "mismatch", Text: r.Failure()}
			s.Failures++
			out.Failures++
		}
		s.Cases = append(s.Cases, jc)
		total += r.Elapsed
	}
	for i := range out.Suites {
		var d time.Duration
		for _, r := range rs {
			if index[r.Case.File] == i {
				d += r.Elapsed
			}
		}
		out.Suites[i].Time = secs(d)
	}
	out.Time = secs(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
