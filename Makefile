# vtlcheck: test Amazon API Gateway mapping templates locally.
# Everything runs through the Go toolchain; `make goldens` also needs Java 17
# and the Debian package `velocity` (tools/java/install.sh installs them).

GO      ?= go
GINKGO  := $(GO) tool ginkgo
PKGS    := ./...

.PHONY: all run test check fmt vet suites goldens goldens-check fuzz docs bench bench-compare bench-scaling bench-cases difftest build install pgo

all: check

## run: check the example cases in cases/ (the main job)
run:
	$(GO) run ./cmd/vtlcheck test cases

## build: build bin/vtlcheck
build:
	$(GO) build -o bin/vtlcheck ./cmd/vtlcheck

## install: install vtlcheck into $GOBIN
install:
	$(GO) install ./cmd/vtlcheck

## test: unit tests, goldens, conformance, then the Ginkgo suites over cases/
test:
	$(GO) test $(PKGS)
	$(GINKGO) --fail-on-empty --fail-on-pending --keep-going ./suites

## suites: only the Ginkgo suites (CASES=dir to point them elsewhere)
suites:
	$(GINKGO) --fail-on-empty --fail-on-pending --keep-going ./suites $(if $(CASES),-- -cases=$(CASES))

## check: what the pre-commit hook runs: format, vet, tests, suites, lint
# The catalogue deliberately shows the escapeJavaScript quote bug (the seed
# template is the user's own), so that one rule is not enforced on cases/.
check: fmt vet test
	$(GO) run ./cmd/vtlcheck lint -ignore escapejs-quote cases

fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

## goldens: re-record every golden from Apache Velocity 1.7 / Java (installs the JDK packages if missing)
goldens:
	tools/java/goldens.sh
	tools/java/utilgoldens.sh
	tools/java/numgoldens.sh

## goldens-check: re-record and fail if any golden changed (CI)
goldens-check:
	tools/java/goldens.sh --check
	tools/java/utilgoldens.sh --check
	tools/java/numgoldens.sh --check

## fuzz: run the parse/render fuzz target for FUZZTIME (default 60s)
fuzz:
	$(GO) test ./vtleval -run '^$$' -fuzz '^FuzzParseRender$$' -fuzztime $(or $(FUZZTIME),60s)

## docs: rewrite the generated behaviour catalogue cases/README.md
docs:
	$(GO) test ./cases -run TestCatalog -update

## bench: Go benchmarks for parse and render
bench:
	$(GO) test ./vtleval/... -run '^$$' -bench . -benchmem

## pgo: re-record cmd/vtlcheck/default.pgo, the profile go build uses to optimise the vtlcheck binary
pgo:
	bash tools/pgo.sh

## bench-compare: testdata/bench on Apache Velocity 1.7 and vtlcheck side by side (~5 min, Java 17; BEST=3: fastest of 3 runs each)
bench-compare:
	$(GO) run ./tools/benchcompare $(if $(RUN),-run '$(RUN)') $(if $(BEST),-best $(BEST))

## bench-scaling: render time against template size and body size
bench-scaling:
	$(GO) run ./tools/benchcompare scaling -java

## bench-cases: vtlcheck test over 1,000 generated case files
bench-cases:
	$(GO) run ./tools/benchcompare cases -n 1000

## difftest: random templates compared with Apache Velocity 1.7, then in API Gateway mode with tools/java/apigw17
difftest:
	$(GO) run ./tools/difftest -n $(or $(N),5000)
	$(GO) run ./tools/difftest -mode apigw -n $(or $(N),5000)
