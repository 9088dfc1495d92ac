package apigw

import (
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// ParseJSON follows json-smart's permissive parser (apigw.md §1.4: Jayway's
// default provider). Expected values were checked against json-smart 2.2
// through Jayway 2.0.0.
func TestParseJSONPermissive(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a": 10.00, "b": [1, {"c": null}]}`, `{a=10.0, b=[1,{"c":null}]}`},
		{`{'a':'b'}`, `{a=b}`},
		{`{a b:c d}`, `{a b=c d}`},
		{`[a b, c]`, `["a b","c"]`},
		{`  some raw data  `, `some raw data`},
		{`a=1&b=2`, `a=1&b=2`},
		{`12abc`, `12abc`},
		{`123`, `123`},
		{`12345678901234567890123`, `12345678901234567890123`},
		{`[1,]`, `[1]`},
		{`{"a":1,}`, `{a=1}`},
		{`{"a":1}}`, `{a=1}`},
		{`{"a":1} x`, `{a=1}`},
		{`[1]]`, `[1]`},
		{`{,}`, `{}`},
		{`[,1]`, `[1]`},
		{`[1,,2]`, `[1,2]`},
		{`{"a":1,,"b":2}`, `{a=1, b=2}`},
		{`"abc" x`, `abc`},
		{`{"a":1, "a":2}`, `{a=2}`},
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
	for _, tc := range []struct{ in, msg string }{
		{`{"a":`, "Unexpected End Of File"},
		{`[1, 2`, "Unexpected End Of File"},
		{`{"a":}`, "Unexpected character (}) at position 5."},
		{`{"a":[}`, "Unexpected character (}) at position 6."},
		{`[}`, "Unexpected character (}) at position 1."},
	} {
		_, err := ParseJSON(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("ParseJSON(%q) error %v, want %q", tc.in, err, tc.msg)
		}
	}
}
