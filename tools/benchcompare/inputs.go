package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
)

// largeTemplate is the 300 KB template of testdata/bench/README.md:
// large.head.vm, then unit.vm repeated while the whole stays within API
// Gateway's 300 KB quota (units = 0), or exactly units times.
// vtleval/apigw/bench_test.go builds the same.
func largeTemplate(dir string, units int) (string, error) {
	head, err := os.ReadFile(filepath.Join(dir, "large.head.vm"))
	if err != nil {
		return "", err
	}
	unit, err := os.ReadFile(filepath.Join(dir, "unit.vm"))
	if err != nil {
		return "", err
	}
	if units == 0 {
		units = (apigw.MaxTemplateSize - len(head)) / len(unit)
	}
	return string(head) + strings.Repeat(string(unit), units), nil
}

// orderBody is the order of passthrough.request.json with n items, each
// note padded to pad bytes: bodies of any size with the same shape.
// vtleval/apigw/bench_test.go builds the same.
func orderBody(n, pad int) string {
	var b strings.Builder
	b.WriteString(`{"order": {"id": "o-123", "customer": {"name": "Zo\u00eb O'Brien", "email": "zoe@example.com", "address": {"line1": "1 Main St", "city": "Springfield"}}, "items": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		note := fmt.Sprintf(`item \"%d\" it's`, i)
		if len(note) < pad {
			note += strings.Repeat("x", pad-len(note))
		}
		fmt.Fprintf(&b, `{"sku": "SKU-%04d", "qty": %d, "price": %s, "tags": ["a", "b/c"], "note": "%s"}`,
			i, i%5+1, vtleval.ToString(3.5+1.25*float64(i)), note)
	}
	b.WriteString("]}}")
	return b.String()
}

// writeCaseCorpus writes n copies of the seed case file (five cases each)
// and its request template into dir: the `vtlcheck test` timing corpus.
func writeCaseCorpus(casesDir, dir string, n int) error {
	src, err := os.ReadFile(filepath.Join(casesDir, "01-seed-hoge.yaml"))
	if err != nil {
		return err
	}
	tmpl, err := os.ReadFile(filepath.Join(casesDir, "templates", "seed-hoge.request.vtl"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o777); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "seed-hoge.request.vtl"), tmpl, 0o666); err != nil {
		return err
	}
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("case-%04d.yaml", i)), src, 0o666); err != nil {
			return err
		}
	}
	return nil
}
