#!/usr/bin/env bash
# Records cmd/vtlcheck/default.pgo: the CPU profile that `go build`,
# `go install` and `go run` of ./cmd/vtlcheck use for profile-guided
# optimisation (https://go.dev/doc/pgo). It profiles the Go benchmarks of
# testdata/bench (parse, render, parse+render in API Gateway mode, the
# engine alone in Velocity mode), which are what the binary spends its
# time on. Re-run it (make pgo) after large changes to the engine.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOGC=800 # as the vtlcheck binary runs (cmd/vtlcheck/main.go)
go test ./vtleval/apigw -run '^$' -bench 'BenchmarkParse$|BenchmarkRender$|BenchmarkParseRender$' \
	-benchtime 1s -cpuprofile "$tmp/apigw.pprof" -o "$tmp/apigw.test" >/dev/null
go test ./vtleval -run '^$' -bench 'BenchmarkEngine' \
	-benchtime 1s -cpuprofile "$tmp/engine.pprof" -o "$tmp/engine.test" >/dev/null
go tool pprof -proto "$tmp/apigw.pprof" "$tmp/engine.pprof" >"$tmp/default.pgo" 2>/dev/null
mv "$tmp/default.pgo" cmd/vtlcheck/default.pgo
echo "wrote cmd/vtlcheck/default.pgo ($(wc -c <cmd/vtlcheck/default.pgo) bytes)"
