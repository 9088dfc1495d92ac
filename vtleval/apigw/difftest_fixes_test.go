package apigw

import (
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// Differences found by `go run ./tools/difftest -mode apigw` against the
// repo's API Gateway reference (tools/java/apigw17: Velocity 1.7, Jayway
// JsonPath 2.0.0, json-smart 2.2); expected values are that driver's output.
func TestDifftestFixes(t *testing.T) {
	for _, tc := range []struct {
		name, tmpl, body, want, err string
	}{
		// json-smart's permissive parser reads whitespace-only text as "".
		{"blank body path", "[$input.path('$')][$input.path('$').length()][$input.path('$.a')]", " \n", "[][0][]", ""},
		{"blank body json", "[$input.json('$')][$input.json('$.a')]", "\t", `[""][""]`, ""},
		{"blank parseJson", "[$util.parseJson(' ').length()]", "", "[0]", ""},
		{"empty parseJson", "[$util.parseJson('')][$util.parseJson('').class.simpleName][$util.parseJson('').contains('a')][$util.parseJson('null')]", "", "[][String][false][]", ""},
		// Velocity 1.7 invokes the no-argument overload for arguments no
		// other overload accepts.
		{"params two args", "$input.params('q', 'x')", "", "", "wrong number of arguments"},
		{"params number", "$input.params(1)", "", "", "wrong number of arguments"},
		{"getBody arg", "$input.getBody(1)", "", "", "wrong number of arguments"},
		{"params null", "[$input.params($missing)]", "", "[]", ""},
		{"params ok", "[$input.params('q')][$input.params().size()]", "", "[v][3]", ""},
	} {
		r := &Request{Body: tc.body, Query: Params{{"q", "v"}}}
		got, err := RenderRequestTemplate(tc.name, tc.tmpl, r)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: got %q, %v; want error %q", tc.name, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

// json-smart reads a fractional number longer than 18 characters as a
// BigDecimal, a shorter one as a Double.
func TestDifftestBigDecimalNumbers(t *testing.T) {
	tmpl := "#foreach($k in ['1.7976931348623157e308', '123456789.123456789', '0.30000000000000004', '1.5', '1e400', " +
		"'12345678901234567.5', '1234567890123456.5', '-1234567890123456.5'])$util.parseJson($k) $util.parseJson($k).class.simpleName; #end" +
		"$input.path('$.d')|$input.json('$')"
	want := "1.7976931348623157E+308 BigDecimal; 123456789.123456789 BigDecimal; 0.30000000000000004 BigDecimal; 1.5 Double; " +
		"Infinity Double; 12345678901234567.5 BigDecimal; 1.2345678901234565E15 Double; -1234567890123456.5 BigDecimal; " +
		`1.00000000000000000000|{"d":1.00000000000000000000}`
	got, err := RenderRequestTemplate("t", tmpl, &Request{Body: `{"d": 1.00000000000000000000}`})
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}

// json-smart reads an unquoted object key up to the next ':'.
func TestDifftestUnquotedKeys(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{a,b:1}`, `{a,b=1}`},
		{`{a}:1}`, `{a}=1}`},
		{`{ a b :1}`, `{a b=1}`},
		{`{a]:1}`, `{a]=1}`},
		{"{a\n:1}", `{a=1}`},
		{`{a[1]:{b,c:2}}`, `{a[1]={b,c=2}}`},
		{`{big=1, items=[-3,{"url":"a\/b"}], u=x}`, `{big=1, items=[-3,{"url"=a/b}`},
		// unquoted text is trimmed as Java's String.trim does
		{" a\v", "a"},
		{"\x01a\x1f", "a"},
		{"a\u00a0", "a\u00a0"},
		{"\u2028a\u2028", "\u2028a\u2028"},
		{"[a\u2028, \u00a0b]", "[\"a\\u2028\",\"\u00a0b\"]"},
		{"{\u2028a\u2028:\u2028b\u2028}", "{\u2028a\u2028=\u2028b\u2028}"},
		{"\v", ""},
	} {
		v, err := ParseJSON(tc.in)
		if err != nil {
			t.Errorf("ParseJSON(%q): %v", tc.in, err)
			continue
		}
		if got := vtleval.ToString(v); got != tc.want {
			t.Errorf("ParseJSON(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	for _, in := range []string{`{a}`, `{a=1, b=2}`, `{a={b=1}, c=2}`} {
		if _, err := ParseJSON(in); err == nil || !strings.Contains(err.Error(), "Unexpected End Of File position") {
			t.Errorf("ParseJSON(%q) error %v, want Unexpected End Of File", in, err)
		}
	}
}

// A string built from a large body keeps every byte (strings past 32 KiB
// once lost what a buffered writer had flushed). The reference driver gives
// the body's length.
func TestLongInterpolatedBody(t *testing.T) {
	body := `{"a": "` + strings.Repeat("x", 40000) + `"}`
	got, err := RenderRequestTemplate("t", `#set($b = "$input.body")$b.length()|#set($j = "$input.json('$.a')")$j.length()`, &Request{Body: body})
	if want := "40009|40002"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}
