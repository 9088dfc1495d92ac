package vtleval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// Benchmarks of the engine alone (Velocity mode, no API Gateway layer) on
// the templates of testdata/bench (see its README):
//
//	go test ./vtleval -run '^$' -bench . -benchmem
//
// The API Gateway benchmarks (fresh $input per render, the 300 KB
// template, selection) are in vtleval/apigw/bench_test.go. Times are never
// asserted.

const benchDir = "../testdata/bench"

func readBench(tb testing.TB, file string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(benchDir, file))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

type engineBench struct {
	name string
	src  string
	vars Vars
}

// engineBenches are Velocity-mode inputs: unit.vm (one block of the large
// template) with its order as a context variable, and the same block
// repeated to 300 KB.
func engineBenches(tb testing.TB) []engineBench {
	vars, err := VarsFromJSON([]byte(readBench(tb, "unit.context.json")))
	if err != nil {
		tb.Fatal(err)
	}
	unit := readBench(tb, "unit.vm")
	return []engineBench{
		{"unit", unit, vars},
		{"unit-x320", strings.Repeat(unit, 320), vars},
	}
}

// fresh copies the variables, as Velocity gets a fresh VelocityContext per
// merge (#set writes into the variables).
func fresh(v Vars) Vars {
	c := make(Vars, len(v))
	for k, x := range v {
		c[k] = x
	}
	return c
}

func TestBenchUnit(t *testing.T) {
	for _, b := range engineBenches(t) {
		tmpl, err := Parse(b.name, b.src)
		if err != nil {
			t.Fatal(err)
		}
		out, err := tmpl.Render(fresh(b.vars), nil)
		if err != nil {
			t.Fatal(err)
		}
		blocks := strings.Count(b.src, "## One block")
		// Velocity 1.7 output (tools/java Bench, checked by tools/benchcompare)
		for _, want := range []string{
			`  {"line": 1, "sku": "SKU-0000", "size": "small", "amount": 3.5, "tags": "b-c", "note": "13"},`,
			`  {"line": 25, "sku": "SKU-0024", "size": "large", "amount": 167.5, "tags": "b-c", "note": "14"}`,
			`  {"customer": "ZOË O'BRIEN", "city": "Spring", "total": 1450.0, "big": 8, "count": 25, "first": "sku-0000:small", "has": true}`,
		} {
			if got := strings.Count(out, want+"\n"); got != blocks {
				t.Errorf("%s: %d times %q, want %d", b.name, got, want, blocks)
			}
		}
	}
}

func BenchmarkEngineParse(b *testing.B) {
	for _, e := range engineBenches(b) {
		b.Run(e.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(e.src)))
			for b.Loop() {
				if _, err := Parse(e.name, e.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEngineRender(b *testing.B) {
	for _, e := range engineBenches(b) {
		b.Run(e.name, func(b *testing.B) {
			tmpl, err := Parse(e.name, e.src)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tmpl.Render(fresh(e.vars), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMap is the map every JSON object, parameter set and $context
// becomes: building a small one and reading it back.
func BenchmarkMap(b *testing.B) {
	keys := []string{"path", "querystring", "header", "stage", "resourcePath", "httpMethod"}
	b.ReportAllocs()
	for b.Loop() {
		m := NewMap()
		for _, k := range keys {
			m.Put(k, k)
		}
		for _, k := range keys {
			if v, ok := m.Get(k); !ok || v != k {
				b.Fatal(k)
			}
		}
	}
}

func TestMapSmallAndIndexed(t *testing.T) {
	// maps below and above the indexing threshold behave the same
	for _, n := range []int{3, mapIndexMin - 1, mapIndexMin, 3 * mapIndexMin} {
		m := NewMap()
		for i := range n {
			m.Put(int32(i), i)
		}
		m.Put(int32(1), "one") // replace keeps the position
		if m.Len() != n {
			t.Fatalf("n=%d: Len = %d", n, m.Len())
		}
		if v, _ := m.Get(int32(1)); v != "one" {
			t.Errorf("n=%d: Get(1) = %v", n, v)
		}
		if _, ok := m.Get(int64(1)); ok {
			t.Errorf("n=%d: Long 1 found as Integer 1", n)
		}
		if m.Remove(int32(0)) != 0 || m.Len() != n-1 {
			t.Errorf("n=%d: Remove(0)", n)
		}
		if _, ok := m.Get(int32(0)); ok {
			t.Errorf("n=%d: 0 still there", n)
		}
		for i := 1; i < n; i++ {
			if _, ok := m.Get(int32(i)); !ok {
				t.Errorf("n=%d: %d lost after Remove", n, i)
			}
			if k := m.Keys()[i-1]; k != int32(i) {
				t.Errorf("n=%d: key %d is %v", n, i-1, k)
			}
		}
		m.Put("k", 1)
		if v, _ := m.Get("k"); v != 1 || m.Keys()[m.Len()-1] != "k" {
			t.Errorf("n=%d: string key after int keys: %v", n, v)
		}
	}
}

// refJSONString is writeJSONString before its ASCII fast path: one rune at
// a time.
func refJSONString(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '\b':
			sb.WriteString(`\b`)
		case '\f':
			sb.WriteString(`\f`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		case '/':
			sb.WriteString(`\/`)
		default:
			if c <= 0x1F || c >= 0x7F && c <= 0x9F || c >= 0x2000 && c <= 0x20FF {
				fmt.Fprintf(&sb, `\u%04X`, c)
			} else {
				sb.WriteRune(c)
			}
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

func TestJSONStringFastPath(t *testing.T) {
	for _, s := range []string{
		"", "plain", "a/b", `q"q`, `b\s`, "tab\tnl\n", "\x00\x1f\x7f", "Zoë", "\u2028x\u2029",
		"\xff\xfeinvalid", "ok then \xc3", "ascii then é and / and \u0085", strings.Repeat("x", 100) + "/",
	} {
		var sb strings.Builder
		writeJSONString(&sb, s)
		if got, want := sb.String(), refJSONString(s); got != want {
			t.Errorf("writeJSONString(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestStringFastPaths(t *testing.T) {
	for _, s := range []string{"", "abc", "MiXeD 123 _-/", "Zoë", "straße", "İstanbul ΣΑΣ", "𝄞 clef", "\xff\xfe", "a\xc3"} {
		if got, want := utf16Len(s), len(u16(s)); got != want {
			t.Errorf("utf16Len(%q) = %d, want %d", s, got, want)
		}
		if isASCII(s) {
			// the ASCII fast path gives what the rune-by-rune mapping gives
			if got, want := javaUpper(s), strings.Map(unicode.ToUpper, s); got != want {
				t.Errorf("javaUpper(%q) = %q, want %q", s, got, want)
			}
			if got, want := javaLower(s), strings.Map(unicode.ToLower, s); got != want {
				t.Errorf("javaLower(%q) = %q, want %q", s, got, want)
			}
		}
	}
}
