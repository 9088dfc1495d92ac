// Command vtlcheck renders and tests Amazon API Gateway mapping templates
// locally, with the results API Gateway gives.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

const usage = `vtlcheck tests API Gateway mapping templates (Velocity 1.7 + $input/$util/$context) locally.

Usage:
  vtlcheck test [--run REGEXP] [--junit FILE] [PATH ...]
  vtlcheck lint [PATH ...]
  vtlcheck precommit [--cases DIR] FILE ...
  vtlcheck docs [-o FILE] [PATH ...]
  vtlcheck render --template FILE [--context FILE.json | --request FILE.json]
  vtlcheck render --jsonl < lines.jsonl
  vtlcheck invoke --jsonl < invocations.jsonl
  vtlcheck bench --template FILE [--request FILE.json | --context FILE.json] [--mode velocity|apigw] [--iterations N] [--parse-each]
`

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC sets the collector for a batch program: vtlcheck keeps little
// live data (parsed templates, a case's values) while it allocates fast,
// and with Go's default GOGC=100 it would collect every few megabytes of
// garbage, spending a third of a render in the collector. GOGC=800 lets
// the heap grow to nine times the live data first (tens of megabytes),
// much as a JVM sized to the machine does; a soft limit of 1 GiB keeps a
// large run in bounds. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "render":
		return cmdRender(args[1:], stdin, stdout, stderr)
	case "test":
		return cmdTest(args[1:], stdout, stderr)
	case "lint":
		return cmdLint(args[1:], stdout, stderr)
	case "precommit":
		return cmdPrecommit(args[1:], stdout, stderr)
	case "docs":
		return cmdDocs(args[1:], stdout, stderr)
	case "invoke":
		return cmdInvoke(args[1:], stdin, stdout, stderr)
	case "bench":
		return cmdBench(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "vtlcheck: unknown command %q\n%s", args[0], usage)
	return 2
}
