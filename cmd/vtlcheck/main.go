// Command vtlcheck renders and tests Amazon API Gateway mapping templates
// locally, with the results API Gateway gives.
package main

import (
	"fmt"
	"io"
	"os"
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

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

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
