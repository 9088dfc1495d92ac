package vtleval

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// Parse errors name the template, line and column of the offending token.
func TestParseErrorPositions(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"#if($a)x", "t.vm:1:9: missing #end for #if opened at 1:1"},
		{"ab\n#end", "t.vm:2:1: #end without a matching"},
		{"#set($a = )", "t.vm:1:11: unexpected \")\""},
		{"#foreach($i in $l)", "t.vm:1:19: missing #end for #foreach"},
		{"x\n  #macro()#end", "t.vm:2:3: #macro needs a name"},
		{"#set($a = 1", "t.vm:1:12: unexpected end of input"},
		{"${a", "t.vm:1:4: unexpected end of input"},
		{"#{else}", "t.vm:1:1: #{else} without a matching #if"},
		{"#*", "t.vm:1:3: unexpected end of template"},
		{"a $", "t.vm:1:4: unexpected end of template"},
		{"\r\n\r\n  #end", "t.vm:3:3: #end without"},
		{"é\u00e9 #end", "t.vm:1:4: #end without"}, // columns count characters
		// checks Velocity makes when it initialises the template
		{"#if(false)#evaluate(1)#end", "t.vm:1:21: #evaluate()  argument must be a string literal or reference"},
		{"a\n\n  #define()x#end", "t.vm:3:3: parameter missing: block name"},
		{"#set($a=#5)", "t.vm:1:9: java.lang.NumberFormatException"},
		{"#break($a $b)", "t.vm:1:1: the #break directive only accepts a single scope object"},
	}
	for _, tt := range tests {
		_, err := Parse("t.vm", tt.src)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error %q", tt.src, tt.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error\n got: %v\nwant: %s...", tt.src, err, tt.want)
		}
		var se *syntax.Error
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error is a %T, want *syntax.Error", tt.src, err)
		}
	}
}

// Parsing and rendering return errors, never panic, whatever the input.
func TestNoPanicOnOddInput(t *testing.T) {
	inputs := []string{
		"", "$", "#", "\\", "${", "$!{", "#{", "#[[", "#*", "#**", "##", "#@", "#@a", "#set(", "#set($",
		"#set($a", "#set($a=", "#if(", "#if($a", "#foreach", "#foreach(", "#macro(", "#macro(m", "#end",
		"#else", "#elseif", "$a.", "$a.b(", "$a.b(1,", "$a[", "$a[1", "\"$a", "'", "#set($a = \"$\")",
		"#set($a = \"#\")", "#set($a = \"\\\")", "#set($a = [)", "#set($a = {)", "#set($a = {'a':)",
		"#set($a = [1..)", "$a[-1]", "#evaluate('#evaluate($a)')", "#${a}_b", "#$#[[x]]#", "$\\!a",
		"#set($a = 1/0)$a", "#set($a = 1%0)$a", "#set($a = 99999999999999999999 % 0.5)",
		"#foreach($i in [1..3])#break($foreach.parent)#end", "#macro(m)#m()#end#m()",
		"#define($d)$d#end$d", "#set($s = '#set($s = \"$s\")')#evaluate($s)",
		strings.Repeat("(", 1000), "#if(" + strings.Repeat("(", 500) + "true" + strings.Repeat(")", 500) + ")x#end",
		strings.Repeat("#if(true)", 300) + strings.Repeat("#end", 300),
		strings.Repeat("\"$a", 60),
	}
	for _, src := range inputs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("panic on %q: %v", src, r)
				}
			}()
			tmpl, err := Parse("odd.vm", src)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "odd.vm:") {
					t.Errorf("Parse(%q) error %q does not start with odd.vm:", src, err)
				}
				return
			}
			tmpl.Render(Vars{"a": "x", "l": &List{Items: []Value{int32(1)}}}, &Config{MaxSteps: 100000})
		}()
	}
}

// One parsed Template renders in many goroutines at once, with a shared
// macro namespace too (run with -race).
func TestExecuteConcurrent(t *testing.T) {
	src := `#macro(row $k $v)$k=$v#end` +
		`#foreach($e in $m.entrySet())#row($e.key, $e.value)#if($foreach.hasNext),#end#end|` +
		`#set($x = $n * 2)$x|#define($d)[$s.toUpperCase()]#end$d|#evaluate('#set($y = $x + 1)$y')|` +
		`#foreach($i in [1..$n])$i#end|$l.size() $l[-1]`
	tmpl, err := Parse("c.vm", src)
	if err != nil {
		t.Fatal(err)
	}
	macros := NewMacros()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				m := NewMap()
				m.Put("a", int32(g))
				m.Put("b", "x")
				vars := Vars{"m": m, "n": int32(g%5 + 1), "s": fmt.Sprint("s", g),
					"l": &List{Items: []Value{"p", int32(i)}}}
				cfg := &Config{}
				if g%2 == 0 {
					cfg.Macros = macros
				}
				got, err := tmpl.Render(vars, cfg)
				if err != nil {
					errs <- err
					return
				}
				n := g%5 + 1
				var seq strings.Builder
				for k := 1; k <= n; k++ {
					fmt.Fprint(&seq, k)
				}
				want := fmt.Sprintf("a=%d,b=x|%d|[S%d]|%d|%s|2 %d", g, 2*n, g, 2*n+1, seq.String(), i)
				if got != want {
					errs <- fmt.Errorf("goroutine %d: got %q, want %q", g, got, want)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The limits end runaway templates quickly with a clear error, except
// MaxLoops, which stops a loop silently as directive.foreach.maxloops does.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, src string
		cfg       Config
		want      string // output, or the error's substring when wantErr
		wantErr   bool
	}{
		{"maxloops stops silently", "#foreach($i in [1..10])$i#end.", Config{MaxLoops: 3}, "123.", false},
		{"maxloops per loop", "#foreach($i in [1..3])#foreach($j in [1..9])x#end#end", Config{MaxLoops: 2}, "xxxx", false},
		{"macro recursion", "#macro(r $n)#r($n)#end#r(1)", Config{}, "max calling depth of 20", true},
		{"maxdepth", "#macro(r $n)x#set($m = $n + 1)#r($m)#end#r(1)", Config{MaxDepth: 3}, "max calling depth of 3", true},
		{"maxoutput", "#foreach($i in [1..1000])0123456789#end", Config{MaxOutput: 100}, "output exceeds the limit of 100 bytes", true},
		{"maxoutput bounds strings", "#set($s = 'x')#foreach($i in [1..40])#set($s = \"$s$s\")#end", Config{MaxOutput: 1000}, "exceeds the limit of 1000 bytes", true},
		{"maxsteps", "#foreach($i in [1..100000])#foreach($j in [1..100000])#end#end", Config{MaxSteps: 10000}, "more than 10000 statements", true},
		{"parse depth", "#parse('self.vm')", Config{Resources: func(string) (string, error) { return "x#parse('self.vm')", nil }}, "xxxxxxxxx", false},
		{"no resources", "#include('a.vm')", Config{}, "#include is not available", true},
		{"evaluate recursion", "#set($s = '#evaluate($s)')#evaluate($s)", Config{}, "l.vm(#evaluate at 1:27)(#evaluate depth 199 at 1:1):1:1: #evaluate: #evaluate nested deeper than 200", true},
		{"define recursion renders the reference", "#define($d)$d#end$d", Config{}, "$d", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, err := Parse("l.vm", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			var got string
			go func() {
				defer close(done)
				got, err = tmpl.Render(Vars{}, &tt.cfg)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("render did not finish within 20s")
			}
			switch {
			case tt.wantErr && err == nil:
				t.Errorf("rendered %.80q, want an error containing %q", got, tt.want)
			case tt.wantErr && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			case !tt.wantErr && err != nil:
				t.Errorf("unexpected error: %v", err)
			case !tt.wantErr && got != tt.want:
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// FormatDouble and Float's formatting reproduce JDK 17's Double.toString
// and Float.toString, including where they are not the shortest
// representation (values recorded with OpenJDK 17.0.15).
func TestFormatDoubleJDK17(t *testing.T) {
	doubles := []struct {
		bits uint64
		want string
	}{
		{math.Float64bits(1), "1.0"},
		{math.Float64bits(0.1), "0.1"},
		{math.Float64bits(100), "100.0"},
		{math.Float64bits(1e7), "1.0E7"},
		{math.Float64bits(9999999), "9999999.0"},
		{math.Float64bits(0.001), "0.001"},
		{math.Float64bits(0.0001), "1.0E-4"},
		{math.Float64bits(-2.5e-10), "-2.5E-10"},
		{math.Float64bits(1.0 / 3), "0.3333333333333333"},
		{math.Float64bits(math.Pow(2, 60)), "1.15292150460684698E18"},     // integral fast path
		{math.Float64bits(7.886145034478063e18), "7.8861450344780626E18"}, // 17 digits, not shortest
		{math.Float64bits(2.5821704374054427e25), "2.5821704374054426E25"},
		{math.Float64bits(5.795787221357824e19), "5.7957872213578236E19"},
		{1, "4.9E-324"}, // Double.MIN_VALUE
		{32, "1.58E-322"},
		{math.Float64bits(math.MaxFloat64), "1.7976931348623157E308"},
		{math.Float64bits(math.Copysign(0, -1)), "-0.0"},
		{math.Float64bits(math.Inf(1)), "Infinity"},
		{math.Float64bits(math.NaN()), "NaN"},
	}
	for _, tt := range doubles {
		if got := FormatDouble(math.Float64frombits(tt.bits)); got != tt.want {
			t.Errorf("FormatDouble(%v) = %s, want %s", math.Float64frombits(tt.bits), got, tt.want)
		}
	}
	floats := []struct {
		f    float32
		want string
	}{
		{5, "5.0"}, {-2.7, "-2.7"}, {0.1, "0.1"}, {1 << 30, "1.07374182E9"}, {math.SmallestNonzeroFloat32, "1.4E-45"},
		{4e-45, "4.2E-45"}, {-9.5873366e24, "-9.5873366E24"},
	}
	for _, tt := range floats {
		if got := formatFloat(tt.f); got != tt.want {
			t.Errorf("formatFloat(%v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

// BigDecimal arises from BigInteger and Double arithmetic and prints as
// java.math.BigDecimal.toString does.
func TestBigDecimal(t *testing.T) {
	b, _ := new(big.Int).SetString("100000000000000000001", 10)
	tests := []struct {
		op   string
		x, y Value
		want string
	}{
		{"+", b, 1.5, "100000000000000000002.5"},
		{"*", b, 0.5, "50000000000000000000.5"},
		{"/", b, 3.0, "33333333333333333334"}, // scale of the left operand, ROUND_HALF_DOWN
		{"-", b, 0.1, "100000000000000000000.8999999999999999944488848768742172978818416595458984375"},
		{"*", big.NewInt(1), 1e-10, "1.0000000000000000364321973154977415791655470655996396089904010295867919921875E-10"},
	}
	for _, tt := range tests {
		v, err := arith(tt.op, tt.x, tt.y)
		if err != nil {
			t.Errorf("%v %s %v: %v", tt.x, tt.op, tt.y, err)
			continue
		}
		if got := ToString(v); got != tt.want {
			t.Errorf("%v %s %v = %s, want %s", tt.x, tt.op, tt.y, got, tt.want)
		}
	}
	if _, err := arith("%", b, 1.5); err == nil || !strings.Contains(err.Error(), "Cannot calculate the modulo of BigDecimals") {
		t.Errorf("BigInteger %% Double: err = %v, want ArithmeticException", err)
	}
}

// Regular expressions follow java.util.regex (outputs recorded with
// Velocity 1.7 on OpenJDK 17).
func TestJavaRegex(t *testing.T) {
	tmpl, err := Parse("re.vm", `$s.replaceAll('\p{Upper}', '_')|$s.replaceAll('\p{Lower}+', '_')|$s.matches('\p{Alpha}+')|`+
		`$s.replaceAll('\p{Punct}', '#')|$s.replaceAll('(?i)h', 'J')|$s.replaceAll('\s', '')|$s.replaceAll('[\w&&[^l]]', '.')|`+
		`$s.replaceAll('(?<x>l)', '${x}${x}')|$s.split('(?=o)').size()|$s.replaceAll('\bW', 'w')|$s.replaceAll('d\z', '0')|`+
		`$s.replaceAll('\p{javaUpperCase}', 'U')|$s.replaceAll('[a-z&&[^lo]]', '-')|$s.replaceAll('l++', 'L')|$s.replaceAll('\Qo,\E', 'Q')`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tmpl.Render(Vars{"s": "Hello, World"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "_ello, _orld|H_, W_|false|Hello# World|Jello, World|Hello,World|..ll., ...l.|Hellllo, Worlld|3|Hello, world|Hello, Worl0|Uello, Uorld|H-llo, Wo-l-|HeLo, WorLd|HellQ World"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// java.util.regex refuses what other engines take literally
	for _, re := range []string{`${n}!`, `a{`, `{2}`, `x\y`, `\i`} {
		if _, err := compileJava(re); err == nil || !strings.Contains(err.Error(), "PatternSyntaxException") {
			t.Errorf("compileJava(%q): err = %v, want a PatternSyntaxException", re, err)
		}
	}
}

// javaReplace's shortcut for literal patterns gives what the regex gives.
func TestLiteralReplaceAgreesWithRegex(t *testing.T) {
	patterns := []string{`\'`, `'`, `\"`, `\\`, `\/`, `a`, `ab`, `é`, `\,`, `\ `, `--`, `x\-y`, `#`, `&amp;`, `\&`, `\%`, `<`, `\<`}
	reps := []string{"", "'", "X", "é", "--", "\\\\", "$0"}
	subjects := []string{"", "it\\'s", `say \"hi\"`, "a/b\\/c", "ababa", "éé aé", "a,b, c", "x-y--z", "#1 &amp; \\&", "😀'😀", "<p>\\<", "\n'\r\n"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		var b strings.Builder
		for j := r.Intn(12); j > 0; j-- {
			b.WriteString([]string{"a", "b", "'", "\\", "\"", "/", "é", "😀", "-", "&", "<", " ", ","}[r.Intn(13)])
		}
		subjects = append(subjects, b.String())
	}
	checked := 0
	for _, p := range patterns {
		if _, ok := literalRegex(p); !ok {
			t.Errorf("literalRegex(%q) = false, want a literal", p)
			continue
		}
		for _, rep := range reps {
			for _, s := range subjects {
				for _, all := range []bool{true, false} {
					got, err1 := javaReplace(s, p, rep, all)
					want, err2 := regexReplace(s, p, rep, all)
					if got != want || (err1 == nil) != (err2 == nil) {
						t.Fatalf("replace(%q, %q, %q, all=%v) = %q, %v; regex gives %q, %v", s, p, rep, all, got, err1, want, err2)
					}
					checked++
				}
			}
		}
	}
	for _, p := range []string{"", `.`, `a*`, `\d`, `\Q'\E`, `(?i)a`, `[']`, `a|b`, `\é`, `^a`, `a$`, `\`} {
		if _, ok := literalRegex(p); ok {
			t.Errorf("literalRegex(%q) = true, want false", p)
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d comparisons", checked)
	}
}

// fixedVars is a VarSource that counts what it is asked.
type fixedVars struct {
	vars  Vars
	asked map[string]int
}

func (f *fixedVars) Var(name string) (Value, bool) {
	f.asked[name]++
	v, ok := f.vars[name]
	return v, ok
}

// RenderFrom gives the same output as Render with the same variables, and
// keeps what the template sets to itself: the source is not written to,
// and a variable the template removes stays removed.
func TestRenderFrom(t *testing.T) {
	tests := []struct{ src, want string }{
		{"$a $b $!c", "1 x "},
		{"#set($a = 2)$a", "2"},
		{"#set($a = $c)$a", "1"}, // a null right-hand side leaves $a as it was
		{"#foreach($i in [1, 2])$i$a#end", "1121"},
		// names without a slot: only #evaluate's content knows them
		{`#evaluate('#set($d = 5)$d $b')`, "5 x"},
		{`#evaluate('$b#set($b = 7)$b')`, "x7"},
		{`#evaluate('#foreach($d in [3])$d#end$!d')`, "3"},
		{"$lazy $lazy", "L L"},
	}
	for _, tt := range tests {
		tmpl, err := Parse("t.vm", tt.src)
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		calls := 0
		lazy := Lazy(func() Value { calls++; return "L" })
		src := &fixedVars{vars: Vars{"a": int32(1), "b": "x", "lazy": lazy}, asked: map[string]int{}}
		got, err := tmpl.RenderFrom(src, nil)
		if err != nil || got != tt.want {
			t.Errorf("RenderFrom(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
		if want, err := tmpl.Render(Vars{"a": int32(1), "b": "x", "lazy": lazy}, nil); err != nil || want != got {
			t.Errorf("Render(%q) = %q, %v; RenderFrom gave %q", tt.src, want, err, got)
		}
		if src.vars["a"] != int32(1) || src.vars["b"] != "x" || len(src.vars) != 3 {
			t.Errorf("%q: the source changed: %v", tt.src, src.vars)
		}
		for name, n := range src.asked {
			if n > 1 && name != "b" {
				t.Errorf("%q: asked for $%s %d times", tt.src, name, n)
			}
		}
	}
}

// A #define block that outlives its render still prints with the state it
// was defined in: renders reuse their states, but not such a one.
func TestDefineOutlivesRender(t *testing.T) {
	m := NewMap()
	tmpl, err := Parse("t.vm", "#set($x = 'inner')#define($b)[$x]#end#set($ok = $m.put('b', $b))")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.Render(Vars{"m": m}, nil); err != nil {
		t.Fatal(err)
	}
	other, err := Parse("u.vm", "#set($x = 'other')$x#define($c)c#end$c")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := other.Render(Vars{}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := tmpl.Render(Vars{"m": NewMap()}, nil); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := m.Get("b")
	if got := ToString(b); got != "[inner]" {
		t.Errorf("the block prints %q after its render; want \"[inner]\"", got)
	}
}

// Memo computes a fact once per key and template, also when asked from
// many goroutines at once.
func TestMemo(t *testing.T) {
	tm, err := Parse("t", "$a")
	if err != nil {
		t.Fatal(err)
	}
	var calls [2]atomic.Int32
	keys := [2]*int{new(int), new(int)}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				for k := range keys {
					got := tm.Memo(keys[k], func(*Template) any { calls[k].Add(1); return k * 10 })
					if got != k*10 {
						t.Errorf("key %d: got %v", k, got)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for k := range calls {
		if n := calls[k].Load(); n != 1 {
			t.Errorf("key %d computed %d times", k, n)
		}
	}
	other, _ := Parse("u", "$a")
	if got := other.Memo(keys[0], func(*Template) any { return "other" }); got != "other" {
		t.Errorf("another template shares the fact: %v", got)
	}
}

// Values boxed in an arena's blocks behave as ordinary ones: type
// switches, equality, map keys, printing, reflection; and they survive
// collections once the arena is gone.
func TestArenaBoxes(t *testing.T) {
	var vals []Value
	func() {
		var a Arena
		for i := 0; i < 1000; i++ {
			vals = append(vals, a.String(fmt.Sprint("s", i)), a.Float(float64(i)+0.5))
		}
	}()
	runtime.GC()
	runtime.GC()
	seen := map[Value]int{}
	for i := 0; i < 1000; i++ {
		s, f := vals[2*i], vals[2*i+1]
		if want := fmt.Sprint("s", i); s != Value(want) || s.(string) != want || fmt.Sprint(s) != want {
			t.Fatalf("string %d: %#v", i, s)
		}
		switch f := f.(type) {
		case float64:
			if f != float64(i)+0.5 {
				t.Fatalf("float %d: %v", i, f)
			}
		default:
			t.Fatalf("float %d: a %T", i, f)
		}
		if reflect.TypeOf(s).Kind() != reflect.String || reflect.TypeOf(f).Kind() != reflect.Float64 {
			t.Fatalf("%d: types %T %T", i, s, f)
		}
		seen[s]++
		seen[Value(fmt.Sprint("s", i))]++
		if ToString(f) != JSON(float64(i)+0.5) {
			t.Fatalf("%d: %s", i, ToString(f))
		}
	}
	for k, n := range seen {
		if n != 2 {
			t.Fatalf("%v: %d entries for an arena Value and an ordinary one", k, n)
		}
	}
}

// distinctStringKeys agrees with comparing every two keys, whether or not
// their signatures clash.
func TestDistinctStringKeys(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 20000; i++ {
		var kv []Value
		for n := r.Intn(12); n > 0; n-- {
			k := make([]byte, r.Intn(4))
			for j := range k {
				k[j] = "abcé"[r.Intn(4)]
			}
			kv = append(kv, string(k), i)
		}
		want := true
		for a := 0; a < len(kv); a += 2 {
			for b := 0; b < a; b += 2 {
				if kv[a] == kv[b] {
					want = false
				}
			}
		}
		if got := distinctStringKeys(kv); got != want {
			t.Fatalf("%q: %v, want %v", kv, got, want)
		}
	}
	if distinctStringKeys([]Value{"a", 1, 2, 3}) {
		t.Fatal("a key that is not a string")
	}
}

// doubleArith gives what arith gives wherever it answers.
func TestDoubleArith(t *testing.T) {
	operands := []Value{int32(0), int32(3), int32(-7), int64(1) << 40, 0.0, math.Copysign(0, -1), 2.5, -1e300, 1e308,
		math.NaN(), math.Inf(1), float32(1.5), big.NewInt(5), "x"}
	answered := 0
	for _, op := range []string{"+", "-", "*", "/", "%"} {
		for _, a := range operands {
			for _, b := range operands {
				f, ok := doubleArith(op, a, b)
				if !ok {
					continue
				}
				answered++
				want, err := arith(op, a, b)
				if err != nil {
					t.Fatalf("%v %s %v: arith fails (%v)", a, op, b, err)
				}
				w, isDouble := want.(float64)
				if !isDouble || math.Float64bits(w) != math.Float64bits(f) && !(math.IsNaN(w) && math.IsNaN(f)) {
					t.Errorf("%v %s %v: %v, arith %#v", a, op, b, f, want)
				}
			}
		}
	}
	if answered < 100 {
		t.Errorf("answered only %d", answered)
	}
}

// A property read at one place of a template finds its key whatever the
// maps read there hold and in whatever order: small maps, indexed ones,
// keys removed, the key absent; also with renders running at once.
func TestPropertyHint(t *testing.T) {
	tm, err := Parse("t", `#foreach($m in $maps)[$!m.k]#end`)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(5))
	var maps []Value
	var want strings.Builder
	for i := 0; i < 300; i++ {
		m := NewMap()
		n := r.Intn(30)
		at := r.Intn(n + 1) // n: no k
		for j := 0; j < n; j++ {
			if j == at {
				m.Put("k", fmt.Sprint("v", i))
			}
			m.Put(fmt.Sprint("x", j), j)
		}
		if at == n && r.Intn(2) == 0 {
			m.Put("k", "gone")
			m.Remove("k")
		}
		if _, ok := m.Get("k"); ok {
			fmt.Fprintf(&want, "[v%d]", i)
		} else {
			want.WriteString("[]")
		}
		maps = append(maps, m)
	}
	l := &List{Items: maps}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				got, err := tm.Render(Vars{"maps": l}, nil)
				if err != nil || got != want.String() {
					t.Errorf("got %q (%v)\nwant %q", got, err, want.String())
					return
				}
			}
		}()
	}
	wg.Wait()
}
