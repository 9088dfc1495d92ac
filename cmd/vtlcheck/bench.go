package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

const benchUsage = `usage: vtlcheck bench --template FILE [--request FILE.json | --context FILE.json]
                     [--mode velocity|apigw] [--iterations N] [--rounds R]
                     [--warmup N] [--warmup-time D] [--parse-each | --parse-only] [--output FILE]
                     [--cpuprofile FILE]

Parses the template once, warms up, then renders it N times per round for R
rounds, printing each round's figures (with the process's CPU time per
render where /proc/self/stat exists: "cpu-ns/render: MEDIAN") and, last,
"ns/render: MEDIAN" (wall time).
apigw mode (the default with --request) builds a fresh $input, $context and
$stageVariables for every render, so the body is parsed per render as it is
per request on API Gateway; velocity mode (the default otherwise) renders
with the context's variables, copied into a fresh variable set per render.
--parse-each measures parse plus render, --parse-only parse alone
("ns/parse: MEDIAN"). The warm-up lasts at least --warmup iterations and
--warmup-time, then until three 0.25 s slices agree within 8 %. Without
--iterations, N is chosen so that a round takes about 0.3 s. --cpuprofile
writes a CPU profile of the measured rounds (go tool pprof FILE).
tools/benchcompare does the same work on Apache Velocity 1.7 side by side.
`

// benchWork is one measured unit of work; it returns the rendered output
// (nil for parse-only) so that the work cannot be optimised away.
type benchWork func() (string, error)

func cmdBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tmplFile := fs.String("template", "", "template `file`")
	ctxFile := fs.String("context", "", "context JSON `file` (velocity mode)")
	reqFile := fs.String("request", "", "request JSON `file` (apigw mode)")
	mode := fs.String("mode", "", "velocity or apigw (default: apigw with --request, else velocity)")
	iterations := fs.Int("iterations", 0, "renders per round (0: about 0.3 s per round)")
	rounds := fs.Int("rounds", 5, "measured rounds")
	warmup := fs.Int("warmup", 0, "minimum warm-up renders")
	warmupTime := fs.Duration("warmup-time", 500*time.Millisecond, "minimum warm-up time")
	parseEach := fs.Bool("parse-each", false, "parse and render in every iteration")
	parseOnly := fs.Bool("parse-only", false, "only parse in every iteration")
	output := fs.String("output", "", "write one render's output to `file`")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured rounds to `file`")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *tmplFile == "" || fs.NArg() > 0 || *rounds < 1 || *iterations < 0 || (*parseEach && *parseOnly) ||
		(*ctxFile != "" && *reqFile != "") {
		fs.Usage()
		return 2
	}
	if *mode == "" {
		*mode = "velocity"
		if *reqFile != "" {
			*mode = "apigw"
		}
	}
	if *mode != "velocity" && *mode != "apigw" {
		fmt.Fprintf(stderr, "vtlcheck: --mode must be velocity or apigw, not %q\n", *mode)
		return 2
	}
	if *mode == "apigw" && *ctxFile != "" || *mode == "velocity" && *reqFile != "" {
		fmt.Fprintf(stderr, "vtlcheck: --mode %s takes --%s\n", *mode, map[string]string{"apigw": "request", "velocity": "context"}[*mode])
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 1
	}
	srcBytes, err := os.ReadFile(*tmplFile)
	if err != nil {
		return fail(err)
	}
	src := string(srcBytes)
	name := *tmplFile

	var parse func() (*vtleval.Template, error)
	var render func(t *vtleval.Template) (string, error)
	if *mode == "apigw" {
		var data []byte
		if *reqFile != "" {
			if data, err = readRequest(*reqFile); err != nil {
				return fail(err)
			}
		}
		req, err := apigw.RequestFromJSON(data)
		if err != nil {
			return fail(fmt.Errorf("%s:%v", *reqFile, err)) // err starts with line:col
		}
		parse = func() (*vtleval.Template, error) { return apigw.Parse(name, src) }
		render = func(t *vtleval.Template) (string, error) {
			return apigw.RenderRequest(t, req) // released, as vtlcheck test does after each case
		}
	} else {
		var data []byte
		if *ctxFile != "" {
			if data, err = os.ReadFile(*ctxFile); err != nil {
				return fail(err)
			}
		}
		vars, err := vtleval.VarsFromJSON(data)
		if err != nil {
			return fail(fmt.Errorf("%s:%v", *ctxFile, err)) // err starts with line:col
		}
		parse = func() (*vtleval.Template, error) { return vtleval.Parse(name, src) }
		render = func(t *vtleval.Template) (string, error) {
			// a fresh variable set, as Velocity gets a fresh VelocityContext
			v := make(vtleval.Vars, len(vars))
			for k, x := range vars {
				v[k] = x
			}
			return t.Render(v, nil)
		}
	}

	t, err := parse()
	if err != nil {
		return fail(err)
	}
	first, err := render(t)
	if err != nil {
		return fail(err)
	}
	if *output != "" {
		if err := os.WriteFile(*output, []byte(first), 0o666); err != nil {
			return fail(err)
		}
	}

	unit := "render"
	var work benchWork
	switch {
	case *parseOnly:
		unit = "parse"
		work = func() (string, error) {
			_, err := parse()
			return "", err
		}
	case *parseEach:
		work = func() (string, error) {
			t, err := parse()
			if err != nil {
				return "", err
			}
			return render(t)
		}
	default:
		work = func() (string, error) { return render(t) }
	}

	gogc := debug.SetGCPercent(100)
	debug.SetGCPercent(gogc)
	fmt.Fprintf(stdout, "template: %s (%d bytes), mode %s, vtlcheck %s %s/%s, GOMAXPROCS %d, GOGC %d\n",
		*tmplFile, len(src), *mode, runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), gogc)
	fmt.Fprintf(stdout, "output: %d bytes\n", len(first))

	// Warm up: at least --warmup iterations and --warmup-time, then on in
	// 0.25 s slices until three slices in a row agree within 8 % (at most
	// 20 s more). The last slice sets N.
	start := time.Now()
	w := 0
	for w < *warmup || time.Since(start) < *warmupTime {
		if _, err := work(); err != nil {
			return fail(err)
		}
		w++
	}
	last := [3]float64{math.MaxFloat64, math.MaxFloat64 / 2, math.MaxFloat64 / 4}
	per := 0.0
	for settle, slice := time.Now(), 0; ; slice++ {
		t0 := time.Now()
		k := 0
		for time.Since(t0) < 250*time.Millisecond || k < 10 {
			if _, err := work(); err != nil {
				return fail(err)
			}
			k++
		}
		w += k
		per = float64(time.Since(t0).Nanoseconds()) / float64(k)
		last[slice%3] = per
		if slices.Max(last[:]) <= 1.08*slices.Min(last[:]) || time.Since(settle) > 20*time.Second {
			break
		}
	}
	fmt.Fprintf(stdout, "warm-up: %d %ss in %.2f s, last at %.0f ns/%s\n", w, unit, time.Since(start).Seconds(), per, unit)
	n := *iterations
	if n == 0 {
		n = max(10, int(3e8/per)) // about 0.3 s per round
	}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	ns := make([]float64, *rounds)
	var cpu []float64 // CPU ns per unit, when the system tells
	var ms0, ms1 runtime.MemStats
	sink := 0
	for r := range *rounds {
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		c0, cpuOK := processCPU()
		t0 := time.Now()
		for range n {
			s, err := work()
			if err != nil {
				return fail(err)
			}
			sink += len(s)
		}
		dt := time.Since(t0)
		c1, cpuOK1 := processCPU()
		runtime.ReadMemStats(&ms1)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		ns[r] = float64(dt.Nanoseconds()) / float64(n)
		cpuText := ""
		if cpuOK && cpuOK1 {
			cpu = append(cpu, float64((c1-c0).Nanoseconds())/float64(n))
			cpuText = fmt.Sprintf(" (CPU %.0f ns)", cpu[len(cpu)-1])
		}
		fmt.Fprintf(stdout, "round %d: %d %ss in %.3f s: %.0f ns/%s%s, %.0f %ss/s, %d B/%s and %d allocs/%s allocated, heap after GC %d KB\n",
			r+1, n, unit, dt.Seconds(), ns[r], unit, cpuText, 1e9/ns[r], unit,
			(ms1.TotalAlloc-ms0.TotalAlloc)/uint64(n), unit, (ms1.Mallocs-ms0.Mallocs)/uint64(n), unit,
			after.HeapAlloc/1024)
	}
	if sink == -1 {
		fmt.Fprint(stdout, "") // keeps the outputs alive
	}
	if len(cpu) == len(ns) {
		fmt.Fprintf(stdout, "cpu-ns/%s: %.0f\n", unit, median(cpu))
	}
	fmt.Fprintf(stdout, "ns/%s: %.0f\n", unit, median(ns))
	return 0
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	if n := len(v); n%2 == 0 {
		return (v[n/2-1] + v[n/2]) / 2
	}
	return v[len(v)/2]
}

// processCPU is the CPU time the process has used, all threads (GC
// included), from /proc/self/stat (utime + stime, in clock ticks of 10
// ms); ok is false where there is no such file. On a shared machine it
// tells the cost of a render apart from time spent waiting for a CPU.
func processCPU() (d time.Duration, ok bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// the fields after the command name, which is in parentheses
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}
