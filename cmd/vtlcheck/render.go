package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

// renderLine is one JSON Lines input of `vtlcheck render --jsonl`.
type renderLine struct {
	ID       json.RawMessage `json:"id"`
	Mode     string          `json:"mode"`
	Template *string         `json:"template"`
	Context  json.RawMessage `json:"context"`
	Request  json.RawMessage `json:"request"`
}

type renderResult struct {
	ID     json.RawMessage `json:"id"`
	Output *string         `json:"output,omitempty"`
	Error  string          `json:"error,omitempty"`
}

func cmdRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tmpl := fs.String("template", "", "template `file` to render")
	ctx := fs.String("context", "", "JSON `file` whose top-level keys become variables (velocity mode)")
	req := fs.String("request", "", "request JSON `file`: render as an API Gateway integration request template")
	jsonl := fs.Bool("jsonl", false, "read JSON Lines from stdin, write one result line per input")
	maxSteps := fs.Int("max-steps", defaultMaxSteps, "velocity mode: fail after this many statements (0: no limit, as stock Velocity)")
	maxOutput := fs.Int("max-output", defaultMaxOutput, "velocity mode: fail when the output or a string exceeds this many `bytes` (0: no limit)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vtlcheck render --template FILE [--context FILE.json | --request FILE.json]")
		fmt.Fprintln(stderr, "       vtlcheck render --jsonl < cases.jsonl")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	cfg := &vtleval.Config{MaxSteps: *maxSteps, MaxOutput: *maxOutput}
	if *jsonl {
		return renderJSONL(stdin, stdout, stderr, cfg)
	}
	if *tmpl == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	src, err := os.ReadFile(*tmpl)
	if err != nil {
		fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
		return 1
	}
	var out string
	if *req != "" {
		data, err := readRequest(*req)
		if err != nil {
			fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
			return 1
		}
		if _, err := apigw.RequestFromJSON(data); err != nil {
			fmt.Fprintf(stderr, "vtlcheck: %s\n", fileErr(*req, err))
			return 1
		}
		out, err = renderAPIGW(*tmpl, string(src), data)
		if err != nil {
			fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
			return 1
		}
	} else {
		var data []byte
		if *ctx != "" {
			if data, err = os.ReadFile(*ctx); err != nil {
				fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
				return 1
			}
		}
		out, err = renderVelocity(*tmpl, string(src), data, *ctx, cfg)
		if err != nil {
			fmt.Fprintf(stderr, "vtlcheck: %v\n", err)
			return 1
		}
	}
	io.WriteString(stdout, out)
	return 0
}

// The CLI's limits in velocity mode. Stock Velocity 1.7 has none, so a
// template such as #foreach($i in [1..100000000]) would run for minutes and
// fill the memory; these are far above what real templates need (API
// Gateway mode uses the same step limit, apigw.Config).
const (
	defaultMaxSteps  = 10_000_000
	defaultMaxOutput = 64 << 20
)

func renderVelocity(name, src string, ctx []byte, ctxName string, cfg *vtleval.Config) (string, error) {
	vars, err := vtleval.VarsFromJSON(ctx)
	if err != nil {
		if ctxName == "" {
			ctxName = "context"
		}
		return "", fmt.Errorf("%s", fileErr(ctxName, err))
	}
	t, err := vtleval.Parse(name, src)
	if err != nil {
		return "", err
	}
	return t.Render(vars, cfg)
}

func renderJSONL(stdin io.Reader, stdout, stderr io.Writer, cfg *vtleval.Config) int {
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		line++
		var in renderLine
		res := renderResult{}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			res.Error = fmt.Sprintf("stdin:%d: invalid input line: %v", line, err)
		} else {
			res.ID = in.ID
			res.Output, res.Error = renderOne(in, line, cfg)
		}
		if res.ID == nil {
			res.ID = json.RawMessage("null")
		}
		enc.Encode(res)
		w.Flush() // stream: a driver may wait for each answer
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "vtlcheck: reading stdin: %v\n", err)
		return 1
	}
	return 0
}

func renderOne(in renderLine, line int, cfg *vtleval.Config) (*string, string) {
	if in.Template == nil {
		return nil, fmt.Sprintf("stdin:%d: missing \"template\"", line)
	}
	name := fmt.Sprintf("stdin:%d", line)
	var out string
	var err error
	switch in.Mode {
	case "", "velocity":
		out, err = renderVelocity(name, *in.Template, in.Context, name+": context", cfg)
	case "apigw":
		out, err = renderAPIGW(name, *in.Template, in.Request)
	default:
		return nil, fmt.Sprintf("stdin:%d: unknown mode %q (want velocity or apigw)", line, in.Mode)
	}
	if err != nil {
		return nil, err.Error()
	}
	return &out, ""
}

// fileErr prefixes an error with the file it is about: "file:line:col: msg"
// when the error starts with a position, else "file: msg".
// readRequest reads a --request file. An empty file is an error: the
// library takes an empty document as "no request", which from a file named
// on the command line is far more likely a mistake (a benchmark once
// measured an empty body that way).
func readRequest(file string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty request file (write {} for a request with no parameters or body)", file)
	}
	return data, nil
}

func fileErr(file string, err error) string {
	msg := err.Error()
	if msg != "" && msg[0] >= '0' && msg[0] <= '9' {
		return file + ":" + msg
	}
	return file + ": " + msg
}
