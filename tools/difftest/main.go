// Command difftest compares vtlcheck's VTL engine with Apache Velocity 1.7 on
// random templates (differential testing).
//
//	go run ./tools/difftest -n 5000
//	go run ./tools/difftest -mode apigw -n 5000
//	go run ./tools/difftest -n 2000 -seed 7 -reduce -out diffs.jsonl
//	go run ./tools/difftest -java '/path/to/vtl-oracle batch'
//
// It generates templates and contexts (weighted toward whitespace,
// directives, references, numbers and Java methods), renders each with
// `vtlcheck render --jsonl` (built from this checkout unless -vtlcheck is
// given) and with the Java driver's batch mode (tools/java/velocity17 batch
// by default), and reports how many agree: the same output, or both an
// error. -reduce shrinks each difference by dropping template fragments
// while the engines still disagree. -out writes the differences as JSON
// Lines ({"template","context","java","go"}).
//
// -mode apigw compares API Gateway mapping templates instead: random
// templates over $input.path/json/params/body, $util, $context,
// $stageVariables, AWS's null handling and the #foreach quota, with random
// request bodies (JSON of every shape, empty, not JSON) and parameters,
// rendered by `vtlcheck render --jsonl` in apigw mode and by the repo's API
// Gateway reference (tools/java/apigw17 batch: Velocity 1.7 configured like
// API Gateway, Jayway JsonPath 2.0.0 + json-smart). The records of -out then
// hold "request" instead of "context".
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

type result struct {
	ID     int     `json:"id"`
	Output *string `json:"output"`
	Error  string  `json:"error"`
}

func (r result) String() string {
	if r.Output == nil {
		return "error: " + r.Error
	}
	return fmt.Sprintf("%q", *r.Output)
}

type tcase struct {
	frags []string
	ctx   map[string]any // velocity mode: the variables
	req   map[string]any // apigw mode: the method request
}

// identityHash is a Java array's Object.toString suffix ("[Ljava.lang.String;@1b6d3586"):
// the identity hash code differs from run to run, so apigw mode compares
// outputs without it.
var identityHash = regexp.MustCompile(`;@[0-9a-f]+`)

// apigwNormalize removes what apigw mode cannot compare: identity hash
// codes, and the class names of the reference's stand-ins for AWS's
// (unpublished) classes, which vtlcheck names after what they behave as.
func apigwNormalize(s string) string {
	s = identityHash.ReplaceAllString(s, ";@")
	return strings.NewReplacer("apigw17.Driver$CtxMap", "java.util.HashMap",
		"apigw17.Input", "com.amazonaws.apigateway.Input", "apigw17.Util", "com.amazonaws.apigateway.Util").Replace(s)
}

// bothFail counts the agreements of the last compare that were errors.
var bothFail int

// apigwMode is set by -mode apigw.
var apigwMode bool

// line is the case's JSON Lines input: for vtlcheck, and in apigw mode for
// the Java driver too (the same format).
func (c tcase) line(i int) string {
	if c.req != nil {
		return fmt.Sprintf(`{"id":%d,"mode":"apigw","template":%s,"request":%s}`, i, jsonString(c.template()), jsonString(c.req))
	}
	return fmt.Sprintf(`{"id":%d,"mode":"velocity","template":%s,"context":%s}`, i, jsonString(c.template()), jsonString(c.ctx))
}

// key identifies a case (template and data).
func (c tcase) key() string {
	return c.template() + "\x00" + jsonString(c.ctx) + jsonString(c.req)
}

func (c tcase) template() string { return strings.Join(c.frags, "") }

func main() {
	n := flag.Int("n", 1000, "number of random templates")
	seed := flag.Uint64("seed", 1, "random seed")
	javaCmd := flag.String("java", "", "Java driver command reading batch JSON Lines on stdin (default: tools/java/velocity17 batch)")
	vtlcheck := flag.String("vtlcheck", "", "vtlcheck binary (default: go build ./cmd/vtlcheck)")
	out := flag.String("out", "", "write the differences to this JSON Lines file")
	show := flag.Int("show", 10, "print this many differences")
	reduce := flag.Bool("reduce", false, "shrink each difference before reporting it")
	casesOut := flag.String("cases", "", "also write the generated cases (vtlcheck's JSON Lines input) to this file")
	timeout := flag.Duration("timeout", 10*time.Minute, "overall time limit")
	minRate := flag.Float64("min", 0, "exit with status 1 when fewer than this percentage of templates are identical (for CI)")
	mode := flag.String("mode", "velocity", "velocity (VTL engine vs Velocity 1.7) or apigw (API Gateway templates vs tools/java/apigw17)")
	flag.Parse()
	switch *mode {
	case "velocity":
	case "apigw":
		apigwMode = true
	default:
		fatal(fmt.Errorf("unknown -mode %q (want velocity or apigw)", *mode))
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	root, err := repoRoot()
	if err != nil {
		fatal(err)
	}
	if *vtlcheck == "" {
		dir, err := os.MkdirTemp("", "difftest")
		if err != nil {
			fatal(err)
		}
		defer os.RemoveAll(dir)
		*vtlcheck = filepath.Join(dir, "vtlcheck")
		build := exec.CommandContext(ctx, "go", "build", "-o", *vtlcheck, "./cmd/vtlcheck")
		build.Dir = root
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			fatal(fmt.Errorf("building vtlcheck: %v", err))
		}
	}
	java := strings.Fields(*javaCmd)
	if len(java) == 0 {
		java = []string{filepath.Join(root, "tools/java/velocity17"), "batch"}
		if apigwMode {
			java = []string{filepath.Join(root, "tools/java/apigw17"), "batch"}
		}
	}

	g := &gen{r: rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))}
	cases := make([]tcase, *n)
	for i := range cases {
		if apigwMode {
			cases[i] = tcase{frags: g.apigwTemplate(), req: g.request()}
			continue
		}
		cases[i] = tcase{frags: g.template(), ctx: g.context()}
	}
	if *casesOut != "" {
		var buf bytes.Buffer
		for i, c := range cases {
			buf.WriteString(c.line(i) + "\n")
		}
		if err := os.WriteFile(*casesOut, buf.Bytes(), 0o644); err != nil {
			fatal(err)
		}
	}
	start := time.Now()
	diffs, err := compare(ctx, java, *vtlcheck, cases)
	if err != nil {
		fatal(err)
	}
	same := len(cases) - len(diffs)
	rate := 100 * float64(same) / float64(len(cases))
	fmt.Printf("%d templates, %d identical (%.2f%%), %d differ [%s]\n", len(cases), same,
		rate, len(diffs), time.Since(start).Round(time.Millisecond))
	if rate < *minRate {
		defer func() {
			fmt.Fprintf(os.Stderr, "difftest: %.2f%% identical is below -min %.2f%%\n", rate, *minRate)
			os.Exit(1)
		}()
	}
	if apigwMode {
		fmt.Printf("  (of the identical, %d are an error in both)\n", bothFail)
	}
	if *reduce && len(diffs) > 0 {
		diffs, err = shrink(ctx, java, *vtlcheck, diffs)
		if err != nil {
			fatal(err)
		}
	}
	report(diffs, *show)
	if *out != "" {
		if err := writeDiffs(*out, diffs); err != nil {
			fatal(err)
		}
	}
}

type diff struct {
	c      tcase
	java   result
	goRes  result
	reason string
}

// compare renders cases with both engines and returns the disagreements.
func compare(ctx context.Context, java []string, vtlcheck string, cases []tcase) ([]diff, error) {
	var jin, gin bytes.Buffer
	for i, c := range cases {
		if c.req != nil {
			jin.WriteString(c.line(i) + "\n")
		} else {
			fmt.Fprintf(&jin, `{"id":%d,"mode":"render","template":%s,"context":%s}`+"\n", i, jsonString(c.template()), jsonString(c.ctx))
		}
		gin.WriteString(c.line(i) + "\n")
	}
	jres, err := run(ctx, java, &jin, len(cases))
	if err != nil {
		return nil, fmt.Errorf("java driver: %v", err)
	}
	gres, err := run(ctx, []string{vtlcheck, "render", "--jsonl"}, &gin, len(cases))
	if err != nil {
		return nil, fmt.Errorf("vtlcheck: %v", err)
	}
	var diffs []diff
	bothFail = 0
	for i, c := range cases {
		j, g := jres[i], gres[i]
		switch {
		case j.Output == nil && g.Output == nil:
			// both fail: agreement (messages differ by design)
			bothFail++
		case j.Output == nil:
			diffs = append(diffs, diff{c, j, g, "only Java fails"})
		case g.Output == nil && c.req != nil && strings.Contains(g.Error, "filter expressions [?(...)] are not supported"):
			diffs = append(diffs, diff{c, j, g, "only vtlcheck fails: JSONPath filter (not supported by vtleval/apigw/jsonpath.go)"})
		case g.Output == nil && c.req != nil && strings.Contains(g.Error, "unterminated quoted name"):
			diffs = append(diffs, diff{c, j, g, "only vtlcheck fails: JSONPath $['a] (Jayway 2.0.0 reads an unterminated quoted name; vtleval/apigw/jsonpath.go rejects it)"})
		case g.Output == nil:
			diffs = append(diffs, diff{c, j, g, "only vtlcheck fails"})
		case *j.Output != *g.Output && (c.req == nil || apigwNormalize(*j.Output) != apigwNormalize(*g.Output)):
			diffs = append(diffs, diff{c, j, g, "output differs"})
		}
	}
	return diffs, nil
}

// run feeds input to cmd and reads one result per case, by id.
func run(ctx context.Context, cmd []string, input io.Reader, n int) ([]result, error) {
	c := exec.CommandContext(ctx, cmd[0], cmd[1:]...)
	c.Stdin = input
	c.Stderr = os.Stderr
	stdout, err := c.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.Start(); err != nil {
		return nil, err
	}
	res := make([]result, n)
	got := 0
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("bad result line %q: %v", sc.Text(), err)
		}
		if r.ID < 0 || r.ID >= n {
			return nil, fmt.Errorf("result for unknown id %d", r.ID)
		}
		res[r.ID] = r
		got++
	}
	if err := c.Wait(); err != nil {
		return nil, err
	}
	if got != n {
		return nil, fmt.Errorf("%d results for %d cases", got, n)
	}
	return res, nil
}

// shrink drops fragments of each differing template, one at a time, as long
// as the engines still disagree (all candidates of a round in one batch).
func shrink(ctx context.Context, java []string, vtlcheck string, diffs []diff) ([]diff, error) {
	for round := 0; round < 8; round++ {
		var cands []tcase
		var owner []int
		for i, d := range diffs {
			for k := range d.c.frags {
				frags := append(append([]string(nil), d.c.frags[:k]...), d.c.frags[k+1:]...)
				if len(frags) == 0 {
					continue
				}
				cands = append(cands, tcase{frags: frags, ctx: d.c.ctx, req: d.c.req})
				owner = append(owner, i)
			}
		}
		if len(cands) == 0 {
			break
		}
		still, err := compare(ctx, java, vtlcheck, cands)
		if err != nil {
			return nil, err
		}
		byTemplate := map[string]diff{}
		for _, d := range still {
			byTemplate[d.c.key()] = d
		}
		changed := false
		done := map[int]bool{}
		for k, c := range cands {
			i := owner[k]
			if done[i] {
				continue
			}
			if d, ok := byTemplate[c.key()]; ok {
				diffs[i] = d
				done[i] = true
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return diffs, nil
}

func report(diffs []diff, show int) {
	byReason := map[string]int{}
	for _, d := range diffs {
		byReason[d.reason]++
	}
	var reasons []string
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Printf("  %s: %d\n", r, byReason[r])
	}
	sort.SliceStable(diffs, func(i, j int) bool { return len(diffs[i].c.template()) < len(diffs[j].c.template()) })
	for i, d := range diffs {
		if i >= show {
			break
		}
		fmt.Printf("\n--- %s\ntemplate: %q\n", d.reason, d.c.template())
		if d.c.req != nil {
			fmt.Printf("request:  %s\n", jsonString(d.c.req))
		}
		fmt.Printf("java:     %s\nvtlcheck: %s\n", d.java, d.goRes)
	}
}

func writeDiffs(file string, diffs []diff) error {
	var buf bytes.Buffer
	for _, d := range diffs {
		rec := map[string]any{"template": d.c.template(), "context": d.c.ctx, "reason": d.reason,
			"java": d.java, "go": d.goRes}
		if d.c.req != nil {
			delete(rec, "context")
			rec["request"] = d.c.req
		}
		buf.WriteString(jsonString(rec))
		buf.WriteByte('\n')
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// repoRoot is the directory holding go.mod, from the working directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "difftest:", err)
	os.Exit(1)
}
