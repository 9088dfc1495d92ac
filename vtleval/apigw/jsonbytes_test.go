package apigw

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

func benchBody(b *testing.B) string {
	data, err := os.ReadFile("../../testdata/bench/passthrough.request.json")
	if err != nil {
		b.Fatal(err)
	}
	var req struct{ Body string }
	if err := json.Unmarshal(data, &req); err != nil {
		b.Fatal(err)
	}
	return req.Body
}

func BenchmarkCompactJSON(b *testing.B) {
	body := benchBody(b)
	b.Run("bytes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := compactJSON(body); !ok {
				b.Fatal("not taken")
			}
		}
	})
	// the same body without whitespace, as most clients send it
	compact, ok := compactJSON(body)
	if !ok {
		b.Fatal("not taken")
	}
	b.Run("bytes-compact", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := compactJSON(compact); !ok {
				b.Fatal("not taken")
			}
		}
	})
	b.Run("values", func(b *testing.B) {
		b.ReportAllocs()
		v, _ := ParseJSON(body)
		for b.Loop() {
			vtleval.JSON(v)
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ParseJSON(body)
		}
	})
	// what a template that prints the body and reads its values does
	b.Run("parse-and-print", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, _, ok := parseStrictJSONCompact(body); !ok {
				b.Fatal("not taken")
			}
		}
	})
}

// randomBody is a random JSON text, with what compactJSON must get right or refuse:
// repeated keys, numbers of every class, escapes, wide objects, depth.
func randomBody(r *rand.Rand, depth int) string {
	ws := func() string { return []string{"", " ", "\n  ", "\t", "\r\n"}[r.Intn(5)] }
	switch n := r.Intn(12); {
	case depth < 6 && n < 3:
		var parts []string
		keys := []string{`"a"`, `"b"`, `"\u0061"`, `"c/d"`, `"é"`, `"k\n"`}
		for i := r.Intn(5); i > 0; i-- {
			k := keys[r.Intn(len(keys))]
			if r.Intn(3) == 0 {
				k = randomString(r)
			}
			parts = append(parts, ws()+k+ws()+":"+ws()+randomBody(r, depth+1)+ws())
		}
		if r.Intn(20) == 0 {
			for i := 0; i < 20+r.Intn(20); i++ {
				parts = append(parts, fmt.Sprintf(`"k%d":%d`, r.Intn(40), i))
			}
		}
		return "{" + strings.Join(parts, ",") + "}"
	case depth < 6 && n < 5:
		var parts []string
		for i := r.Intn(5); i > 0; i-- {
			parts = append(parts, ws()+randomBody(r, depth+1)+ws())
		}
		return "[" + strings.Join(parts, ",") + "]"
	case n < 7:
		return randomString(r)
	case n < 10:
		nums := []string{"0", "-0", "-1", "10.00", "1e3", "1.5E-7", "2147483647", "2147483648", "-2147483649",
			"9223372036854775807", "9223372036854775808", "12345678901234567890123", "-0.0", "0.0", "007", "1.", "-",
			"3.5", "6.0", "11.0", "0.001", "0.0001", "1e999", "-1e-999", "1234567.0", "12345678.9", "1.0E7",
			"0.1000000000000000055511151231257827", "1.23456789012345678e5", "1E+2", "1e-2", "100000000000000000000.5",
			"2e2147483648", "4.9e-324", "1.7976931348623157e308", "12x", "1.5,", "0.30000000000000004"}
		return nums[r.Intn(len(nums))]
	}
	return []string{"true", "false", "null", "tru", "nul", "nullx"}[r.Intn(6)]
}

// $input.json('$') from the text must print exactly what printing the parsed
// values prints, and refuse what it cannot print that way.
func TestCompactJSONAgrees(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	inputs := []string{`{}`, `[]`, " \n{\"a\" : [1, 2.50, \"x/y\"]} trailing", `{"a":1,"a":2}`, `{"a":1,"\u0061":2}`,
		`{"a":{"b":1},"b":{"b":1}}`, strings.Repeat("[", 95) + strings.Repeat("]", 95),
		strings.Repeat("[", 120) + strings.Repeat("]", 120), "{\"a\":\"\xff\"}", `{"a":"\u2028\u0080\u007f\u001f"}`,
		`{"a":1`, `[1,]`, `{"a":1,}`, `"x"`, `12`, ``, `{'a':1}`, `{a:1}`,
		"[\"\u0085\u00a0\u2028\u20ac\u20ff\u2100\u1fff\u00ff\U0001F600\ufffd\u007f\"]", `["a\"b\\c\/d\be\ff\ng\rh\ti"]`,
		`{"a\"b":1,"c\/d":2,"e/f":3}`, `{"é":1,"\u00e9":2}`}
	for i := 0; i < 30000; i++ {
		inputs = append(inputs, randomBody(r, 0))
	}
	fast := 0
	for _, in := range inputs {
		got, ok := compactJSON(in)
		v, err := ParseJSON(in)
		checkStrictCompact(t, in, v, err)
		if !ok {
			continue
		}
		fast++
		if err != nil {
			t.Errorf("%q: printed what ParseJSON rejects (%v)", in, err)
			continue
		}
		if want := vtleval.JSON(v); got != want {
			t.Errorf("%q:\nfrom text   %s\nfrom values %s", in, got, want)
		}
	}
	if fast < 5000 {
		t.Errorf("only %d of %d bodies took the fast path", fast, len(inputs))
	}
	t.Logf("%d of %d bodies took the fast path", fast, len(inputs))
}

// checkStrictCompact checks parseStrictJSONCompact on in against what
// ParseJSON gives (v, err): the same value, printed as vtleval.JSON prints
// it, and taken exactly when the strict parser takes in.
func checkStrictCompact(t *testing.T, in string, v vtleval.Value, err error) {
	t.Helper()
	cv, text, _, ok := parseStrictJSONCompact(in)
	if _, strict := parseStrictJSON(in); ok != strict {
		t.Fatalf("%q: parseStrictJSONCompact takes it: %v, parseStrictJSON: %v", in, ok, strict)
	}
	if !ok {
		return
	}
	if err != nil {
		t.Fatalf("%q: parsed what ParseJSON rejects (%v)", in, err)
	}
	want := vtleval.JSON(v)
	if got := vtleval.JSON(cv); got != want {
		t.Fatalf("%q: values\n got %s\nwant %s", in, got, want)
	}
	if text != want {
		t.Fatalf("%q: printed\n got %s\nwant %s", in, text, want)
	}
}

// Through $input: json('$') before and after $input.path, and after a
// template changed what $input.path returned.
func TestInputJSONFastPath(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	for i := 0; i < 3000; i++ {
		body := randomBody(r, 0)
		fresh := NewInput(body, &Request{})
		got, _, gerr := fresh.CallMethod("json", []vtleval.Value{"$"})
		slow := NewInput(body, &Request{})
		slow.doc() // parsed: the slow way
		want, _, werr := slow.CallMethod("json", []vtleval.Value{"$"})
		if got != want || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Fatalf("%q: fast %v (%v), slow %v (%v)", body, got, gerr, want, werr)
		}
	}
	in := NewInput(`{"a":{"b":1}}`, &Request{})
	if s, _, _ := in.CallMethod("json", []vtleval.Value{"$"}); s != `{"a":{"b":1}}` {
		t.Fatalf("before: %v", s)
	}
	a, _, err := in.CallMethod("path", []vtleval.Value{"$.a"})
	if err != nil {
		t.Fatal(err)
	}
	a.(*vtleval.Map).Put("c", "x/y")
	if s, _, _ := in.CallMethod("json", []vtleval.Value{"$"}); s != `{"a":{"b":1,"c":"x\/y"}}` {
		t.Fatalf("after a change: %v", s)
	}
}

// Which templates have $input.json('$') parse the body as it prints it.
func TestReadsBodyValues(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{`$input.json('$')`, false},
		{`$input.json("$") $input.body $input.params() $input.params('a') $util.escapeJavaScript($input.body)`, false},
		{`$input.path('$.a')`, true},
		{`$input.json('$.a')`, true},
		{`#set($p = '$')$input.json($p)`, true},
		{`$input.json("$!{p}")`, true},
		{`#set($i = $input)`, true},
		{`"${input.path('$')}"`, true},
		{`#set($s = "x$input.path('$').size()")`, true},
		{`#macro(m)$input.path('$')#end`, true},
		{`#foreach($k in $input.path('$').keySet())#end`, true},
		{`#if($x)#else$input.json('$.b')#end`, true},
	} {
		tm, err := Parse("t", c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if got := readsBodyValues(tm); got != c.want {
			t.Errorf("%s: readsBodyValues %v, want %v", c.src, got, c.want)
		}
	}
}

// $input.json('$') printed while the body is parsed (in a template that
// also reads values) prints what the values print, and afterwards shows
// what the template changed in them.
func TestInputJSONParsedAndPrinted(t *testing.T) {
	tm, err := Parse("t", `$input.json('$')|#set($d = $input.path('$'))$input.json('$')|#if($d.keySet())#set($_ = $d.put('z', 'x/y'))#end$input.json('$')`)
	if err != nil {
		t.Fatal(err)
	}
	if !readsBodyValues(tm) {
		t.Fatal("the template reads the body's values")
	}
	r := rand.New(rand.NewSource(13))
	fused := 0
	for i := 0; i < 3000; i++ {
		body := randomBody(r, 0)
		got, gerr := Render(tm, NewRequestEnv(&Request{Body: body}))
		// the same from values only
		in := NewInput(body, &Request{})
		first, _, werr := in.CallMethod("json", []vtleval.Value{"$"})
		if _, strict := parseStrictJSON(body); strict {
			fused++
		}
		if werr != nil || gerr != nil {
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("%q: error %v, want %v", body, gerr, werr)
			}
			continue
		}
		d, _, _ := in.CallMethod("path", []vtleval.Value{"$"})
		want := first.(string) + "|" + first.(string) + "|"
		if m, ok := d.(*vtleval.Map); ok {
			m.Put("z", "x/y")
			s, _, _ := in.CallMethod("json", []vtleval.Value{"$"})
			want += s.(string)
		} else {
			want += first.(string)
		}
		if got != want {
			t.Fatalf("%q:\n got %s\nwant %s", body, got, want)
		}
	}
	if fused < 500 {
		t.Errorf("only %d bodies were printed while parsed", fused)
	}
}

// FuzzCompactJSON: whatever compactJSON prints is what printing the parsed
// values prints.
func FuzzCompactJSON(f *testing.F) {
	r := rand.New(rand.NewSource(5))
	for _, s := range []string{`{"a": 10.00, "b": [1, {"c": null}]}`, `{"a":1,"a":2}`, `[-0, -0.0, 0.5, 3.25, 10.0, 99999.99, 0.001, 0.0001, 1234567.5, 12345678.5]`,
		`{"k":"x\"y\u00e9\ud83d\ude00z\u2028","k2":"\\\/\b\f\n\r\t"}`, `[1.5e3, 1.0000000000000001, 9007199254740993.0, 0.1, 0.2, 0.3]`,
		"[\"\u0085\u00a0\u2028\u20ac\u2100\U0001F600\ufffd\u007f\\\"\\/\"]"} {
		f.Add(s)
	}
	for i := 0; i < 50; i++ {
		f.Add(randomBody(r, 0))
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := compactJSON(in)
		v, err := ParseJSON(in)
		checkStrictCompact(t, in, v, err)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("%q: printed what ParseJSON rejects (%v)", in, err)
		}
		if want := vtleval.JSON(v); got != want {
			t.Fatalf("%q:\nfrom text   %s\nfrom values %s", in, got, want)
		}
	})
}

// plainDouble's numbers print as themselves: all those below 1000, and a
// sample of the rest. (All 10^9 were checked once, in about 4 minutes.)
func TestPlainDouble(t *testing.T) {
	var fracs []string
	for f := 0; f < 1000; f++ {
		s := fmt.Sprint(f)
		for _, w := range []int{1, 2, 3} {
			if len(s) <= w {
				fracs = append(fracs, strings.Repeat("0", w-len(s))+s)
			}
		}
	}
	check := func(ip int, frac string, neg bool) {
		s := fmt.Sprintf("%d.%s", ip, frac)
		if neg {
			s = "-" + s
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := plainDouble(s), ip < 1000000 && (len(frac) == 1 || frac[len(frac)-1] != '0'); got != want {
			t.Fatalf("plainDouble(%q) = %v", s, got)
		} else if printed := vtleval.FormatDouble(x); got && printed != s {
			t.Fatalf("plainDouble(%q), but it prints as %s", s, printed)
		}
	}
	for ip := 0; ip < 1000; ip++ {
		for _, f := range fracs {
			check(ip, f, false)
		}
	}
	r := rand.New(rand.NewSource(9))
	for i := 0; i < 300000; i++ {
		check(r.Intn(2000000), fracs[r.Intn(len(fracs))], r.Intn(2) == 0)
	}
	for _, s := range []string{"1e5", "1.5e3", "1.5E3", "0.0001", "1234567.5", "12.50", "0.10", "1.0000"} {
		if plainDouble(s) {
			t.Errorf("plainDouble(%q)", s)
		}
	}
}
