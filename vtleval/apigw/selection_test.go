package apigw

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// selectionTests pin the rules of apigw.md §6.1 and §6.2; every row was checked against
// java.util.regex (the same pairs are in testdata/util/regex.cases.json).
var selectionTests = []struct {
	spec, pattern, input string
	want                 bool
}{
	{"§6.1 whole-string match: Invalid* does not match a longer message", "Invalid*", "Invalid input", false},
	{"§6.1 whole-string match: Invalid.* does", "Invalid.*", "Invalid input", true},
	{"§6.1 . does not match \\n, so .+ misses multi-line messages", ".+", "Error\n at line 1", false},
	{"§6.1 AWS's catch-all (\\n|.)+", `(\n|.)+`, "Error\n at line 1", true},
	{"§6.1 Serverless's [\\s\\S]*", `[\s\S]*\[400\][\s\S]*`, "x\n[400] Bad\ny", true},
	{"§6.1 (?s) makes . match newlines", "(?s).+", "a\nb", true},
	{"§6.1 Java's . also stops at \\r", ".*", "a\rb", false},
	{"§6.1 Java's . also stops at U+0085", ".*", "a\u0085b", false},
	{"§6.1 Java's . also stops at U+2028", ".*", "a\u2028b", false},
	{"§6.1 (?d) leaves only \\n as a line terminator", "(?d).*", "a\rb", true},
	{"§6.1 a success is matched as the empty string: .* selects it", ".*", "", true},
	{"§6.1 a success is matched as the empty string: .+ does not", ".+", "", false},
	{"§6.1 200 is not selected for a success", "200", "", false},
	{"§6.2 HTTP status pattern", `4\d{2}`, "404", true},
	{"§6.2 \\d is ASCII only", `4\d{2}`, "4\u0660\u0660", false},
	{"§6.1 $ may match before a final line terminator", `a$\n`, "a\n", true},
	{"§6.1 $ does not match between \\r and \\n", `a$\n`, "a\r\n", false},
	{"§6.1 (?m)^ does not match at the very end", `(?m)a\n^`, "a\n", false},
	{"§6.1 (?i) is ASCII only", "(?i)é", "É", false},
	{"§6.1 (?i) widens \\p{Lu}", `(?i)\p{Lu}`, "a", true},
	{"§6.1 [^a[b]] negates the whole class (Java 9+)", "[^a[b]]", "b", false},
	{"§6.1 class intersection", "[a-z&&[^aeiou]]+", "bcd", true},
	{"§6.1 \\b counts non-ASCII letters (Java 17)", `x\bé`, "xé", false},
	{"§6.1 possessive quantifiers do not give back", "a*+a", "aa", false},
	{"§6.1 atomic groups", "(?>a*)a", "aa", false},
	{"§6.1 \\R backtracks from \\r\\n to \\r", `\R\n`, "\r\n", true},
	{"§6.1 \\h", `\h`, "\u00a0", true},
	{"§6.1 \\Q…\\E quotes", `\Q.*\E`, ".*", true},
	{"§6.1 named groups keep Java's numbering", `(?<x>a)(b)\2`, "abb", true},
	{"§6.1 a reference to a missing group never matches", `(a)\2`, "a", false},
	{"§6.1 lookbehind", "ab(?<=a.)", "ab", true},
	{"§6.1 supplementary characters are one character", ".", "😀", true},
	{"§6.1 an unpaired surrogate (WTF-8) is one character", ".", "\xed\xa0\xbd", true},
	{"§6.1 an unpaired surrogate is \\p{Cs}", `\p{Cs}`, "\xed\xa0\x80", true},
	{"§6.1 a repeated \\R does not give back the \\n of \\r\\n", `\R{2}`, "\r\n", false},
	{"§6.1 Java's 32-bit lookbehind length wraps: no match at the start", `.*(?<=a{0,2}b*)`, "", false},
	{"§6.1 Java's 32-bit lookbehind length wraps: matches further on", `.*(?<=a{0,2}b*)`, "xa", true},
}

func TestSelectionPattern(t *testing.T) {
	for _, tt := range selectionTests {
		p, err := CompileSelectionPattern(tt.pattern)
		if err != nil {
			t.Errorf("%s: CompileSelectionPattern(%q): %v", tt.spec, tt.pattern, err)
			continue
		}
		got, err := p.Matches(tt.input)
		if err != nil || got != tt.want {
			t.Errorf("%s: %q matches %q = %v, %v; want %v", tt.spec, tt.pattern, tt.input, got, err, tt.want)
		}
	}
}

var selectionErrorTests = []struct {
	spec, pattern, err string
}{
	{"§6.1 Java rejects a dangling quantifier", "*a", `invalid selectionPattern "*a": column 1: dangling meta character '*'`},
	{"§6.1 unclosed group", "(a", `invalid selectionPattern "(a": column 1: unclosed group`},
	{"§6.1 unbounded lookbehind", "(?<=a(?:bc)*)", `invalid selectionPattern "(?<=a(?:bc)*)": column 1: look-behind group does not have an obvious maximum length`},
	{"§6.1 unsupported: (?u)", "x(?iu)é", `invalid selectionPattern "x(?iu)é": column 5: flag 'u' is not supported`},
	{"§6.1 unsupported: Unicode blocks", `a\p{InGreek}`, `invalid selectionPattern "a\\p{InGreek}": column 2: Unicode blocks (\p{In…}) are not supported`},
	{"§6.1 unknown property", `\p{Foo}`, `invalid selectionPattern "\\p{Foo}": column 1: unknown character property name {Foo}`},
	{"§6.1 unsupported: Java ends a loop at an empty repetition", `(?:\A|x){2}`, `invalid selectionPattern "(?:\\A|x){2}": column 9: a group that matches the empty string only through an assertion, repeated at least 2 times, is not supported (Java stops at the first empty repetition)`},
	{"§6.1 unsupported: back reference under (?i)", `(?i)(a)\1`, `invalid selectionPattern "(?i)(a)\\1": column 8: back references under (?i) are not supported`},
}

func TestSelectionPatternErrors(t *testing.T) {
	for _, tt := range selectionErrorTests {
		_, err := CompileSelectionPattern(tt.pattern)
		var pe *PatternError
		if err == nil || err.Error() != tt.err || !errors.As(err, &pe) {
			t.Errorf("%s: CompileSelectionPattern(%q) error = %v, want %s", tt.spec, tt.pattern, err, tt.err)
		}
	}
}

func TestSelectionPatternTimeout(t *testing.T) {
	p, err := CompileSelectionPattern(`(a+)+b`)
	if err != nil {
		t.Fatal(err)
	}
	p.SetMatchTimeout(50 * time.Millisecond)
	start := time.Now()
	_, err = p.Matches(strings.Repeat("a", 40))
	if err == nil || !strings.Contains(err.Error(), "catastrophic backtracking") {
		t.Errorf("catastrophic pattern: err = %v, want a timeout error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
}

// unsupportedPatterns lists patterns java.util.regex accepts that CompileSelectionPattern
// rejects on purpose, with the reason; TestSelectionGoldens checks that Java does accept
// each one (so the list cannot go stale) and that nothing else is rejected.
var unsupportedPatterns = map[string]string{
	`(?u)a`:                    "UNICODE_CASE",
	`(?iu)\u00e9`:              "UNICODE_CASE",
	`(?U)\w`:                   "UNICODE_CHARACTER_CLASS",
	`\p{InGreek}`:              "Unicode blocks",
	`\p{blk=Greek}`:            "Unicode blocks",
	`\p{IsLatn}`:               "script aliases",
	`\N{LATIN SMALL LETTER A}`: "character names",
	`\X`:                       "grapheme clusters",
	`\b{g}`:                    "grapheme boundaries",
	`\Ga`:                      "end of previous match",
	`(?i)(a)\1`:                "case-insensitive back references",
	`[&&a]`:                    "Java reads && with nothing before it as the right side alone",
	`[a-z&&]`:                  "Java reads && with nothing after it as the last item",
	`a{2}{3}`:                  "Java repeats an empty atom",
	`{1}`:                      "Java repeats an empty atom",
	`(?c)a`:                    "CANON_EQ",
	`\p{javaMirrored}`:         "no Bidi_Mirrored table",
}

// TestSelectionGoldens checks every pattern/input pair recorded from java.util.regex by
// tools/java/src/vtlutil/RegexGolden.java (re-record with testdata/util/record.sh).
func TestSelectionGoldens(t *testing.T) {
	path := filepath.Join("testdata", "util", "regex.golden.jsonl.gz")
	recs := readJavaGoldens(t, path)
	if len(recs) < 1000 {
		t.Fatalf("%s: only %d records", path, len(recs))
	}
	compiled := map[string]*SelectionPattern{}
	compileErr := map[string]error{}
	javaAccepts := map[string]bool{}
	reported := map[string]bool{}
	randomRejected := 0
	fails := 0
	for _, r := range recs {
		pat := r.fields["pattern"]
		where := path + ":" + strconv.Itoa(r.line)
		if _, seen := compiled[pat]; !seen && compileErr[pat] == nil {
			p, err := CompileSelectionPattern(pat)
			compiled[pat], compileErr[pat] = p, err
		}
		p, err := compiled[pat], compileErr[pat]
		if javaErr, ok := r.fields["error"]; ok {
			if err == nil {
				t.Errorf("%s: %q compiles, but Java rejects it: %s", where, pat, javaErr)
			}
			continue
		}
		javaAccepts[pat] = true
		if err != nil {
			if r.fields["group"] == "random (differential)" && strings.Contains(err.Error(), "is not supported") {
				// Randomly generated patterns may use a construct rejected on purpose;
				// the message must say so (and the count is checked below).
				if !reported[pat] {
					randomRejected++
					reported[pat] = true
				}
				continue
			}
			if _, ok := unsupportedPatterns[pat]; !ok && !reported[pat] {
				t.Errorf("%s: %q: %v (Java accepts it; add it to unsupportedPatterns only if rejecting is deliberate)", where, pat, err)
				reported[pat] = true
			}
			continue
		}
		if _, ok := unsupportedPatterns[pat]; ok {
			t.Errorf("%s: %q is in unsupportedPatterns but compiles", where, pat)
		}
		in := r.fields["input"]
		got, err := p.Matches(in)
		if want := r.bools["matches"]; err != nil || got != want {
			t.Errorf("%s: %q matches %q = %v, %v; Java says %v (translated: %s)", where, pat, in, got, err, want, p.translated)
			if fails++; fails >= 30 {
				t.Fatal("too many failures")
			}
		}
	}
	if randomRejected > 25 {
		t.Errorf("%d random patterns rejected as unsupported; expected only a few", randomRejected)
	}
	for pat := range unsupportedPatterns {
		if !javaAccepts[pat] {
			t.Errorf("unsupportedPatterns[%q]: not in the goldens or Java rejects it too; remove the entry", pat)
		}
	}
}
