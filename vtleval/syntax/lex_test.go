package syntax

import (
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// The lexer tries, at each position, only the rules that can start with the
// character there (dispatch). These tests check that this changes nothing:
// canStart never excludes a rule that matches, and parsing with every rule
// tried everywhere (the JavaCC way) gives the same trees and errors.

// probeAlphabet covers every character any rule looks at, plus others.
var probeAlphabet = []rune("$#\\!{}[]().,:;*\"' \t\r\n-+/%&|<>=@_0123456789aeflgnoistrdEéÿ\u2028€x")

func TestCanStartIsSound(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	firsts := []rune{0x80, 0xA0, 'é', '€', 0xFFFD, 0x1F600}
	for c := range rune(128) {
		firsts = append(firsts, c)
	}
	for k := tokKind(0); k <= tokEmptyIndex; k++ {
		for _, c := range firsts {
			for range 300 {
				n := r.Intn(8)
				src := make([]rune, 1, n+1)
				src[0] = c
				for range n {
					src = append(src, probeAlphabet[r.Intn(len(probeAlphabet))])
				}
				l := &lexer{src: string(src)}
				if l.match(k, 0) > 0 && !canStart(k, c) {
					t.Fatalf("rule %d matches %q but canStart(%d, %q) is false", k, string(src), k, c)
				}
			}
		}
	}
}

// TestQuickIsLongestMatch checks lexer.quick against the rules tried one
// by one, in every state: where it decides, it decides what longest match
// with ties to the earlier rule does.
func TestQuickIsLongestMatch(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	decided := 0
	for st := range lexState(len(rules)) {
		for range 20000 {
			src := make([]rune, 1+r.Intn(8))
			for i := range src {
				src[i] = probeAlphabet[r.Intn(len(probeAlphabet))]
			}
			l := &lexer{src: string(src), state: st}
			k, n := l.quick()
			if n == 0 {
				continue
			}
			decided++
			var best tokKind
			bestLen := 0
			for _, c := range rules[st] {
				if m := l.match(c, 0); m > bestLen {
					best, bestLen = c, m
				}
			}
			if k == tokSkip || k == tokMoreAny {
				// a run of what the rules take one character at a time
				n = min(n, bestLen)
			}
			if k != best || n != bestLen {
				t.Fatalf("state %d, %q: quick gives kind %d (%d bytes), the rules kind %d (%d bytes)", st, string(src), k, n, best, bestLen)
			}
		}
	}
	if decided < 50000 {
		t.Fatalf("quick decided only %d of %d cases", decided, 20000*len(rules))
	}
}

// withFullScan parses with every rule of the state tried at every position
// and no fast path.
func withFullScan(f func()) {
	saved := dispatch
	fastPaths = false
	defer func() { dispatch, fastPaths = saved, true }()
	for st, ks := range rules {
		for c := range dispatch[st].ascii {
			dispatch[st].ascii[c] = ks
		}
		dispatch[st].other = ks
	}
	f()
}

func parseResult(src string) (any, string) {
	f, err := Parse("t.vm", src, nil)
	if err != nil {
		return nil, err.Error()
	}
	return f.Nodes, ""
}

func checkSameParse(t *testing.T, name, src string) {
	t.Helper()
	got, gotErr := parseResult(src)
	var want any
	var wantErr string
	withFullScan(func() { want, wantErr = parseResult(src) })
	if gotErr != wantErr || !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: dispatch changes the parse of %q:\n got %v %s\nwant %v %s", name, src, got, gotErr, want, wantErr)
	}
}

var fragments = []string{
	"#if(", "#elseif(", "#else", "#end", "#{end}", "#{else}", "#set(", "#set (", " #set($a = 1)\n", "#foreach(", "#macro(",
	"#m(", "#{foo}", "#@blk(", "#break", "#stop", "#literal()", "#[[", "]]#", "##", "#**", "#*", "*#", "#",
	"$", "$!", "$a", "$!a", "${a}", "$!{a}", "\\$a", "\\\\$a", "$\\!a", "\\#if", "\\\\#end", "\\", "\\\\",
	"$a.b", "$a.b(", "$a[", "$a[0]", "$a.", "$[", "$.", "$![", "(", ")", ") \n", "[", "]", "{", "}", "..", ".", ",", ":",
	"\"", "'", "\"x$a\"", "'y'", "\"\"", "1", "-2", "3.5", "1e3", ".5", "-", "+", "*", "/", "%", "&&", "||",
	"and", "or", "not", "!", "!=", "==", "=", "<", "<=", ">", ">=", "lt", "le", "gt", "ge", "eq", "ne",
	"true", "false", "in", " ", "  ", "\t", "\n", "\r\n", "\r", "x", "word", "_u", "@", "é", "€ ", "1..3",
}

func randomTemplate(r *rand.Rand) string {
	var sb strings.Builder
	for range 1 + r.Intn(25) {
		sb.WriteString(fragments[r.Intn(len(fragments))])
	}
	return sb.String()
}

func TestDispatchSameParse(t *testing.T) {
	if !termOnly[0]['"'] || !termOnly[1][','] || termOnly[0][' '] || termOnly[1]['('] {
		t.Fatal("termOnly is not set from the dispatch lists")
	}
	r := rand.New(rand.NewSource(7))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := range n {
		checkSameParse(t, "random", randomTemplate(r))
		_ = i
	}
	var files []string
	for _, dir := range []string{"../testdata", "../../testdata/bench", "../../cases"} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".out") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 100 {
		t.Fatalf("found only %d template files", len(files))
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		checkSameParse(t, path, string(b))
	}
}

// The lexer scans bytes and positions are byte offsets, but columns count
// characters (bytes that are not UTF-8 each count as one, U+FFFD), inside
// interpolated string literals too.
func TestPositionsCountCharacters(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"x\n€€#if(1)\né", "t.vm:3:2: missing #end for #if opened at 2:3"},
		{"é\n\xc3\xa9\xff $a.b(1 =", `t.vm:2:11: unexpected "=" (lexical error)`},
		{`€#set($a = "é\u00e9$b.c(")`, "t.vm:1:21: unexpected end of input, want an argument (a literal, list, map, range or reference)"},
		{`€#set($a = "é\u00e9#if(")`, "t.vm:1:20: unexpected end of input, want an operand (a literal, reference, list, map, range or '(')"},
		{`é""#set($a = "é$b.c(")`, "t.vm:1:22: unexpected end of input, want an argument (a literal, list, map, range or reference)"},
		{"é€ #set($a = 'x')\n\xff#foo(\n", "t.vm:3:1: unexpected end of input, want ')' closing #foo"},
		{"##é#**😀", `t.vm:1:8: unexpected end of template after "#**😀" (Velocity 1.7 cannot end a template with an unfinished '$', '#' or comment)`},
	} {
		_, err := Parse("t.vm", c.src, nil)
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: got error %v, want %s", c.src, err, c.want)
		}
	}
	src := "é\xff$a.bé€ $b[1] #set($c = \"ü$d.e\")"
	f, err := Parse("t.vm", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	Inspect(f.Nodes, func(n any) bool {
		switch n := n.(type) {
		case *Ref:
			got = append(got, n.Literal+"@"+f.Position(n.P).String())
			for _, p := range n.Parts {
				got = append(got, p.Name+"@"+f.Position(p.P).String())
			}
		case *SetStmt:
			got = append(got, "#set@"+f.Position(n.P).String())
		}
		return true
	})
	want := "[$a.b@t.vm:1:3 b@t.vm:1:6 $b[1]@t.vm:1:10 @t.vm:1:12 #set@t.vm:1:16 $c@t.vm:1:21 $d.e@t.vm:1:28 e@t.vm:1:31]"
	if s := fmt.Sprint(got); s != want {
		t.Errorf("positions:\n got %s\nwant %s", s, want)
	}
}

// TestCleanStateHoldsNoSource checks that a parse state going back to the
// pool keeps no string or node of the parse, after a parse that succeeds
// and after one that fails half-way (with the stacks in use).
func TestCleanStateHoldsNoSource(t *testing.T) {
	for _, src := range []string{
		`#set($m = {"k": [1, 2]})#foreach($x in $m.k)$!{x} \$y $a.b("s$x", 'q')[0] ## c` + "\n#end",
		`#if($a.b("x$c" $d`,
		`#foreach($i in [1..3])#if($i == 2)$i.m($j.n([$k, {"a": $l}]))`,
		"a $ b # c $!",
		strings.Repeat("a $ b # c ", 10) + "$!", // more nodes than the stack's first array
		"#set($a = $b.c($d, ",
		"#if($x)#foreach($y in $z)$y.p[",
	} {
		src = strings.Clone(src)
		st := parseStates.New().(*parseState)
		st.parse(new(File), "t.vm", src, isASCII(src), nil)
		st.clean()
		if path := holdsString(reflect.ValueOf(st).Elem(), src, "st", map[uintptr]bool{}); path != "" {
			t.Errorf("after parsing %q, the clean state holds the source at %s", src, path)
		}
		// The arena's blocks go with the tree: a block's used part lies
		// before the slice the arena keeps, where holdsString cannot see.
		a := reflect.ValueOf(&st.a).Elem()
		for i := range a.NumField() {
			f := a.Type().Field(i)
			kept := strings.HasSuffix(f.Name, "Stack") || f.Name == "lexers"
			if f.Type.Kind() == reflect.Slice && !kept && !a.Field(i).IsNil() {
				t.Errorf("after parsing %q, the clean arena keeps its block %s", src, f.Name)
			}
		}
	}
}

// holdsString returns the path of a string or node in v that points into
// src's memory, or "".
func holdsString(v reflect.Value, src, path string, seen map[uintptr]bool) string {
	start := uintptr(unsafe.Pointer(unsafe.StringData(src)))
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); len(s) > 0 {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			if p >= start && p < start+uintptr(len(src)) {
				return path
			}
		}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ""
		}
		if v.Kind() == reflect.Interface {
			return path + " (" + v.Elem().Type().String() + ")"
		}
		if seen[v.Pointer()] {
			return ""
		}
		seen[v.Pointer()] = true
		return holdsString(v.Elem(), src, path, seen)
	case reflect.Struct:
		for i := range v.NumField() {
			if p := holdsString(v.Field(i), src, path+"."+v.Type().Field(i).Name, seen); p != "" {
				return p
			}
		}
	case reflect.Slice:
		v = v.Slice(0, v.Cap()) // what lies past len is kept too
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			if p := holdsString(v.Index(i), src, fmt.Sprintf("%s[%d]", path, i), seen); p != "" {
				return p
			}
		}
	case reflect.Map, reflect.Func:
		if !v.IsNil() {
			return path
		}
	}
	return ""
}

// TestTokenStoreGrowth parses with a token store that moves to a new array
// at every token, so that every *token the parser holds is stale: the trees
// and errors must not change (a change to a token must go through the
// store, see newToken).
func TestTokenStoreGrowth(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	srcs := []string{`#set($a = "x$b")\$a $!{c}.d \#if( $e.f("g", $h[0]) ) #end`}
	for range 5000 {
		srcs = append(srcs, randomTemplate(r))
	}
	for _, dir := range []string{"../../testdata/bench", "../../cases/templates"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.v*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, string(b))
		}
	}
	parse := func(src string) (any, string) {
		st := parseStates.New().(*parseState) // a store that starts empty
		f := new(File)
		if err := st.parse(f, "t.vm", src, isASCII(src), nil); err != nil {
			return nil, err.Error()
		}
		return f.Nodes, ""
	}
	defer func() { tokGrowMin = 64 }()
	for _, src := range srcs {
		tokGrowMin = 64
		want, wantErr := parse(src)
		tokGrowMin = 1
		got, gotErr := parse(src)
		if gotErr != wantErr || !reflect.DeepEqual(got, want) {
			t.Fatalf("a moving token store changes the parse of %q:\n got %v %s\nwant %v %s", src, got, gotErr, want, wantErr)
		}
	}
}
