// Command benchcompare measures vtlcheck against Apache Velocity 1.7 side by
// side, in one run (make bench-compare):
//
//	go run ./tools/benchcompare [-run REGEXP] [-rounds 5] [-best N] [-no-parse]
//	go run ./tools/benchcompare scaling [-java]
//	go run ./tools/benchcompare cases [-n 1000] [-runs 5]
//
// The default command renders every template of testdata/bench with
// Apache Velocity 1.7 (tools/java/src/velocity17/Bench.java, JIT warmed)
// and with `vtlcheck bench`, doing the same work per render, checks that
// both produced the same output, and prints render and parse times and
// their ratio per template; -best N runs each engine N times, taking turns,
// and keeps each one's fastest run (the engines' figures move between runs
// on a shared machine, the JVM's most). `scaling` prints vtlcheck's render time against
// template size and body size; `cases` writes N copies of the seed case
// file and times `vtlcheck test` over them.
//
// Run it from anywhere inside the repository. It builds vtlcheck into a
// temporary directory and installs and compiles the Java drivers with
// tools/java/apigw-install.sh (the Debian packages velocity and, for API
// Gateway mode on the Java side, libjsonpath-java, libjson-smart-java,
// libasm-java and libslf4j-java: Jayway JsonPath 2.0.0, json-smart 2.2).
// Nothing it measures runs concurrently.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchcompare:", err)
		os.Exit(1)
	}
}

// entry is one template of the comparison.
type entry struct {
	Name    string
	Mode    string // apigw or velocity
	Tmpl    string // file in testdata/bench, or "" for the large template
	Input   string // request (apigw) or context (velocity) file in testdata/bench
	Comment string
}

var entries = []entry{
	{"seed", "apigw", "seed.vm", "seed.request.json", "the seed request template, 1 path parameter"},
	{"passthrough", "apigw", "passthrough.vm", "passthrough.request.json", `console "Method Request passthrough" + 2.5 KB body`},
	{"response", "apigw", "response.vm", "response.request.json", "response template over a 25-item Lambda result"},
	{"error-response", "apigw", "error.response.vm", "error.request.json", "the seed's 400 response template over a Lambda error"},
	{"unit-velocity", "velocity", "unit.vm", "unit.context.json", "one large-template block, identical contexts, no $input"},
	{"large300k", "apigw", "", "response.request.json", "large.head.vm + unit.vm to 300 KB"},
}

type env struct {
	root    string // repository root
	bench   string // testdata/bench
	tmp     string
	vtl     string // the vtlcheck binary
	javaCP  string // class path for velocity17.Bench; "" until needed
	verbose bool
	out     io.Writer
}

func run(args []string, out io.Writer) error {
	cmd := "compare"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	fs := flag.NewFlagSet("benchcompare "+cmd, flag.ContinueOnError)
	runRE := fs.String("run", "", "only templates whose name matches `regexp`")
	rounds := fs.Int("rounds", 5, "measured rounds per benchmark")
	best := fs.Int("best", 1, "compare: run each engine `N` times (fresh processes, alternating) and keep each one's fastest run")
	javaWarm := fs.Duration("java-warmup", 5*time.Second, "Velocity warm-up time per benchmark")
	goWarm := fs.Duration("go-warmup", time.Second, "vtlcheck warm-up time per benchmark")
	noParse := fs.Bool("no-parse", false, "skip the parse comparison")
	withJava := fs.Bool("java", false, "scaling: also measure Apache Velocity 1.7")
	n := fs.Int("n", 1000, "cases: number of case files")
	runs := fs.Int("runs", 5, "cases: timed runs of vtlcheck test")
	verbose := fs.Bool("v", false, "print every round of every benchmark")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *best < 1 {
		return fmt.Errorf("-best %d: want at least 1", *best)
	}
	e, err := setup(out, *verbose)
	if err != nil {
		return err
	}
	defer os.RemoveAll(e.tmp)
	machine(e)
	b := benchOpts{rounds: *rounds, javaWarm: *javaWarm, goWarm: *goWarm, best: max(*best, 1)}
	switch cmd {
	case "compare":
		re, err := regexp.Compile(*runRE)
		if err != nil {
			return err
		}
		return compare(e, b, re, !*noParse)
	case "scaling":
		return scaling(e, b, *withJava)
	case "cases":
		return timeCases(e, *n, *runs)
	}
	return fmt.Errorf("unknown command %q (want compare, scaling or cases)", cmd)
}

func setup(out io.Writer, verbose bool) (*env, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "benchcompare-")
	if err != nil {
		return nil, err
	}
	e := &env{root: root, bench: filepath.Join(root, "testdata", "bench"), tmp: tmp, out: out, verbose: verbose}
	e.vtl = filepath.Join(tmp, "vtlcheck")
	build := exec.Command("go", "build", "-o", e.vtl, "./cmd/vtlcheck")
	build.Dir = root
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("building vtlcheck: %v", err)
	}
	return e, nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "testdata", "bench")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run me inside the vtlcheck repository (no go.mod with testdata/bench above the current directory)")
		}
		dir = parent
	}
}

// machine prints what the figures were measured on.
func machine(e *env) {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	fmt.Fprintf(e.out, "machine: %d CPUs (%s), %s %s/%s, %s\n", runtime.NumCPU(), model, runtime.Version(), runtime.GOOS, runtime.GOARCH, loadavg())
}

// loadavg is the 1-minute load average: other work on the machine skews
// the figures.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load unknown"
	}
	return "load " + strings.Fields(string(b))[0]
}

// java installs and compiles the Java drivers (once: velocity and, for API
// Gateway mode, Jayway JsonPath and json-smart, with
// tools/java/apigw-install.sh) and returns the class path.
func (e *env) java() (string, error) {
	if e.javaCP != "" {
		return e.javaCP, nil
	}
	cmd := exec.Command(filepath.Join(e.root, "tools", "java", "apigw-install.sh"))
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("tools/java/apigw-install.sh: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	e.javaCP = lines[len(lines)-1]
	return e.javaCP, nil
}

type benchOpts struct {
	rounds   int
	javaWarm time.Duration
	goWarm   time.Duration
	best     int // runs of each engine, fresh processes; the fastest counts
}

// result is what one bench run printed.
type result struct {
	ns    float64 // median wall ns per unit
	cpu   float64 // median process CPU ns per unit; 0 if unknown
	lines []string
}

var medianRE = regexp.MustCompile(`^(cpu-)?ns/(render|parse): ([0-9.]+)$`)

// runBench runs a bench command and reads its figures.
func (e *env) runBench(name string, args ...string) (*result, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	r := &result{}
	sc := bufio.NewScanner(bytes.NewReader(stdout))
	for sc.Scan() {
		l := sc.Text()
		r.lines = append(r.lines, l)
		if m := medianRE.FindStringSubmatch(l); m != nil {
			v, _ := strconv.ParseFloat(m[3], 64)
			if m[1] != "" {
				r.cpu = v
			} else {
				r.ns = v
			}
		}
	}
	if r.ns == 0 {
		return nil, fmt.Errorf("%s printed no ns/render line:\n%s", filepath.Base(name), stdout)
	}
	if e.verbose {
		for _, l := range r.lines {
			fmt.Fprintln(e.out, "    "+l)
		}
	}
	return r, nil
}

// inputs writes the files of an entry for both engines: the template, the
// request or context for vtlcheck, and for Velocity in apigw mode the
// request with $context resolved to the one vtlcheck builds.
func (e *env) inputs(en entry) (tmpl, goIn, javaIn string, err error) {
	tmpl = filepath.Join(e.bench, en.Tmpl)
	if en.Tmpl == "" {
		src, err := largeTemplate(e.bench, 0)
		if err != nil {
			return "", "", "", err
		}
		tmpl = filepath.Join(e.tmp, en.Name+".vm")
		if err := os.WriteFile(tmpl, []byte(src), 0o666); err != nil {
			return "", "", "", err
		}
	}
	goIn = filepath.Join(e.bench, en.Input)
	javaIn = goIn
	if en.Mode == "apigw" {
		data, err := os.ReadFile(goIn)
		if err != nil {
			return "", "", "", err
		}
		javaIn = filepath.Join(e.tmp, en.Name+".java-request.json")
		if err := resolveRequest(data, javaIn); err != nil {
			return "", "", "", fmt.Errorf("%s: %v", goIn, err)
		}
	}
	return tmpl, goIn, javaIn, nil
}

// resolveRequest writes the request for Bench.java: the same parameters
// and body, and "context" the complete $context vtlcheck builds (defaults
// merged with the request's overrides), so both sides render the same.
func resolveRequest(data []byte, file string) error {
	r, err := apigw.RequestFromJSON(data)
	if err != nil {
		return err
	}
	params := func(ps apigw.Params) *vtleval.Map {
		m := vtleval.NewMap()
		for _, kv := range ps {
			m.Put(kv.Name, kv.Value)
		}
		return m
	}
	out := vtleval.NewMap()
	out.Put("body", r.Body)
	out.Put("path", params(r.Path))
	out.Put("querystring", params(r.Query))
	out.Put("header", params(r.Header))
	out.Put("stageVariables", params(r.StageVariables))
	out.Put("context", apigw.NewContext(r))
	return os.WriteFile(file, []byte(vtleval.JSON(out)), 0o666)
}

// faster returns the run with the lower wall time per unit (a when b is
// nil), with the lower of the two CPU times.
func faster(a, b *result) *result {
	if a == nil {
		return b
	}
	r := *a
	if b.ns < a.ns {
		r = *b
	}
	if a.cpu > 0 && b.cpu > 0 {
		r.cpu = min(a.cpu, b.cpu)
	}
	return &r
}

// pair measures one template on both engines.
type pair struct {
	java, vtl *result
	same      bool
}

func (e *env) measure(en entry, b benchOpts, tmpl, goIn, javaIn string, extra ...string) (*pair, error) {
	cp, err := e.java()
	if err != nil {
		return nil, err
	}
	inFlag := "--request"
	if en.Mode == "velocity" {
		inFlag = "--context"
	}
	jOut := filepath.Join(e.tmp, en.Name+".java.out")
	gOut := filepath.Join(e.tmp, en.Name+".vtlcheck.out")
	common := []string{"--template", tmpl, inFlag, "", "--mode", en.Mode, "--rounds", strconv.Itoa(b.rounds)}
	jargs := append([]string{"-cp", cp, "velocity17.Bench"}, common...)
	jargs[6] = javaIn
	jargs = append(jargs, "--output", jOut, "--warmup", "0", "--warmup-time", strconv.FormatFloat(b.javaWarm.Seconds(), 'f', -1, 64))
	jargs = append(jargs, extra...)
	gargs := append([]string{"bench"}, common...)
	gargs[4] = goIn
	gargs = append(gargs, "--output", gOut, "--warmup-time", b.goWarm.String())
	gargs = append(gargs, extra...)
	p := &pair{}
	// the engines take turns, so that a busy spell of the machine does
	// not fall on one of them only
	for range max(b.best, 1) {
		if e.verbose {
			fmt.Fprintf(e.out, "  Apache Velocity 1.7 %s\n", strings.Join(extra, " "))
		}
		r, err := e.runBench("java", jargs...)
		if err != nil {
			return nil, err
		}
		p.java = faster(p.java, r)
		if e.verbose {
			fmt.Fprintf(e.out, "  vtlcheck %s\n", strings.Join(extra, " "))
		}
		if r, err = e.runBench(e.vtl, gargs...); err != nil {
			return nil, err
		}
		p.vtl = faster(p.vtl, r)
	}
	jb, err1 := os.ReadFile(jOut)
	gb, err2 := os.ReadFile(gOut)
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	p.same = bytes.Equal(jb, gb)
	if !p.same && e.verbose {
		fmt.Fprintf(e.out, "  outputs differ: %s vs %s\n", jOut, gOut)
	}
	return p, nil
}

func compare(e *env, b benchOpts, re *regexp.Regexp, parse bool) error {
	runs := ""
	if b.best > 1 {
		runs = fmt.Sprintf(", each engine's fastest of %d runs (fresh processes, taking turns)", b.best)
	}
	fmt.Fprintf(e.out, "Apache Velocity 1.7 (tools/java Bench, %s warm-up) vs vtlcheck bench (%s warm-up); median of %d rounds%s;\n"+
		"times are wall time per render/parse; speed-up = Velocity time / vtlcheck time, CPU speed-up the same with the\n"+
		"process CPU time (all threads, GC and JIT included), which waiting for a CPU on a busy machine does not inflate\n\n",
		b.javaWarm, b.goWarm, b.rounds, runs)
	var rows [][]string
	header := []string{"template", "mode", "size", "same output", "Velocity render", "vtlcheck render", "speed-up", "CPU speed-up"}
	if parse {
		header = append(header, "Velocity parse", "vtlcheck parse", "speed-up", "CPU speed-up")
	}
	for _, en := range entries {
		if !re.MatchString(en.Name) {
			continue
		}
		if e.verbose {
			fmt.Fprintf(e.out, "%s (%s)\n", en.Name, en.Comment)
		}
		tmpl, goIn, javaIn, err := e.inputs(en)
		if err != nil {
			return err
		}
		st, err := os.Stat(tmpl)
		if err != nil {
			return err
		}
		r, err := e.measure(en, b, tmpl, goIn, javaIn)
		if err != nil {
			return err
		}
		same := "yes"
		if !r.same {
			same = "NO"
		}
		row := []string{en.Name, en.Mode, size(st.Size()), same, ns(r.java.ns), ns(r.vtl.ns), ratio(r.java.ns, r.vtl.ns), ratio(r.java.cpu, r.vtl.cpu)}
		if parse {
			p, err := e.measure(en, b, tmpl, goIn, javaIn, "--parse-only")
			if err != nil {
				return err
			}
			row = append(row, ns(p.java.ns), ns(p.vtl.ns), ratio(p.java.ns, p.vtl.ns), ratio(p.java.cpu, p.vtl.cpu))
		}
		rows = append(rows, row)
		if !e.verbose {
			fmt.Fprintf(e.out, "measured %s\n", en.Name)
		}
	}
	fmt.Fprintf(e.out, "\nfinished at %s\n", loadavg())
	table(e.out, header, rows)
	return nil
}

func ns(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.1f ms", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%.0f µs", v/1e3)
	case v >= 1e3:
		return fmt.Sprintf("%.2f µs", v/1e3)
	}
	return fmt.Sprintf("%.0f ns", v)
}

// ratio is how many times faster vtlcheck is.
func ratio(java, vtl float64) string {
	if java == 0 || vtl == 0 {
		return "?"
	}
	return fmt.Sprintf("%.1f×", java/vtl)
}

func size(n int64) string {
	if n >= 1024 {
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%d B", n)
}

// table prints a Markdown table.
func table(w io.Writer, header []string, rows [][]string) {
	width := make([]int, len(header))
	for i, h := range header {
		width[i] = len([]rune(h))
	}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cells {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-len([]rune(c))) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	line(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
}

// scaling shows render time against template size and body size.
func scaling(e *env, b benchOpts, withJava bool) error {
	type point struct {
		label string
		size  int
		en    entry
		tmpl  string
		input string
	}
	var pts []point
	for _, units := range []int{10, 40, 160, 320} {
		src, err := largeTemplate(e.bench, units)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("large-%d", units)
		f := filepath.Join(e.tmp, name+".vm")
		if err := os.WriteFile(f, []byte(src), 0o666); err != nil {
			return err
		}
		pts = append(pts, point{"template", len(src), entry{Name: name, Mode: "apigw"}, f, filepath.Join(e.bench, "response.request.json")})
	}
	base, err := os.ReadFile(filepath.Join(e.bench, "passthrough.request.json"))
	if err != nil {
		return err
	}
	// at most 300 items: json-smart 2.2+deb12u1 (Debian's fix for
	// CVE-2023-1370) counts nested arrays cumulatively and rejects a body
	// with more than 400 arrays as "Malicious payload"; larger bodies come
	// from longer notes instead
	for _, s := range []struct{ items, pad int }{{8, 0}, {80, 0}, {300, 250}, {300, 3300}} {
		body := orderBody(s.items, s.pad)
		req, err := withBody(base, body)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("body-%d", len(body))
		f := filepath.Join(e.tmp, name+".request.json")
		if err := os.WriteFile(f, req, 0o666); err != nil {
			return err
		}
		pts = append(pts, point{"body", len(body), entry{Name: name, Mode: "apigw"}, filepath.Join(e.bench, "passthrough.vm"), f})
	}
	header := []string{"varies", "size", "vtlcheck render", "vtlcheck CPU per KB"}
	if withJava {
		header = append(header, "Velocity render", "Velocity CPU per KB", "same output")
	}
	var rows [][]string
	for _, p := range pts {
		kb := float64(p.size) / 1024
		var row []string
		if withJava {
			javaIn := filepath.Join(e.tmp, p.en.Name+".java-request.json")
			data, err := os.ReadFile(p.input)
			if err != nil {
				return err
			}
			if err := resolveRequest(data, javaIn); err != nil {
				return err
			}
			r, err := e.measure(p.en, b, p.tmpl, p.input, javaIn)
			if err != nil {
				return err
			}
			same := "yes"
			if !r.same {
				same = "NO"
			}
			row = []string{p.label, size(int64(p.size)), ns(r.vtl.ns), ns(r.vtl.cpu / kb), ns(r.java.ns), ns(r.java.cpu / kb), same}
		} else {
			r, err := e.runBench(e.vtl, "bench", "--template", p.tmpl, "--request", p.input, "--rounds", strconv.Itoa(b.rounds), "--warmup-time", b.goWarm.String())
			if err != nil {
				return err
			}
			row = []string{p.label, size(int64(p.size)), ns(r.ns), ns(r.cpu / kb)}
		}
		rows = append(rows, row)
	}
	fmt.Fprintln(e.out, "\nrender time against template size (large.head.vm + N × unit.vm, 2.5 KB body) and body size (passthrough.vm)")
	table(e.out, header, rows)
	return nil
}

// withBody replaces the body of a request JSON.
func withBody(req []byte, body string) ([]byte, error) {
	v, err := vtleval.DecodeJSON(req)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*vtleval.Map)
	if !ok {
		return nil, errors.New("the request is not a JSON object")
	}
	m.Put("body", body)
	return []byte(vtleval.JSON(m)), nil
}

// timeCases writes n copies of the seed case file and times `vtlcheck test`.
func timeCases(e *env, n, runs int) error {
	dir := filepath.Join(e.tmp, "cases")
	if err := writeCaseCorpus(filepath.Join(e.root, "cases"), dir, n); err != nil {
		return err
	}
	fmt.Fprintf(e.out, "vtlcheck test over %d copies of cases/01-seed-hoge.yaml (%s)\n", n, dir)
	var walls []time.Duration
	for i := range runs {
		cmd := exec.Command(e.vtl, "test", dir)
		var out bytes.Buffer
		cmd.Stdout = &out
		cmd.Stderr = &out
		t0 := time.Now()
		err := cmd.Run()
		wall := time.Since(t0)
		if err != nil {
			return fmt.Errorf("vtlcheck test: %v\n%s", err, out.String())
		}
		walls = append(walls, wall)
		cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		fmt.Fprintf(e.out, "run %d: %.3f s wall, %.3f s CPU: %s", i+1, wall.Seconds(), cpu.Seconds(), lastLine(out.String()))
	}
	slices.Sort(walls)
	fmt.Fprintf(e.out, "median wall time: %.3f s\n", walls[len(walls)/2].Seconds())
	return nil
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s + "\n"
}
