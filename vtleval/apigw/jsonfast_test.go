package apigw

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// describe prints a value with its Java types, so that two parses agree
// only if they built the same classes.
func describe(v vtleval.Value) string {
	switch v := v.(type) {
	case *vtleval.Map:
		var sb strings.Builder
		sb.WriteString("{")
		v.Entries(func(k, x vtleval.Value) { fmt.Fprintf(&sb, "%q:%s,", k, describe(x)) })
		return sb.String() + "}"
	case *vtleval.List:
		var sb strings.Builder
		fmt.Fprintf(&sb, "[json=%v ", v.JSON)
		for _, x := range v.Items {
			sb.WriteString(describe(x) + ",")
		}
		return sb.String() + "]"
	}
	return fmt.Sprintf("%T(%q)", v, vtleval.ToString(v))
}

func randomString(r *rand.Rand) string {
	pieces := []string{"a", "é", "😀", `\"`, `\\`, `\/`, `\n`, `\u00e9`, `\ud83d\ude00`, `\ud800`, `\udc00x`, `\x`, "\t", " ", "b"}
	var sb strings.Builder
	sb.WriteString(`"`)
	for i := r.Intn(5); i > 0; i-- {
		sb.WriteString(pieces[r.Intn(len(pieces))])
	}
	sb.WriteString(`"`)
	return sb.String()
}

// The fast path must give exactly what the permissive parser gives.
func TestFastJSONAgrees(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	fast := 0
	inputs := []string{`{"a": 10.00, "b": [1, {"c": null}]}`, `[]`, `{}`, `{"a":1,"a":2}`, `[1]]`, `{"a":1} x`, "{\"a\":\"\xff\"}"}
	for i := 0; i < 20000; i++ {
		inputs = append(inputs, randomBody(r, 0))
	}
	for _, in := range inputs {
		want, werr := parsePermissive(in)
		got, ok := parseStrictJSON(in)
		if !ok {
			continue
		}
		fast++
		if werr != nil {
			t.Errorf("%q: fast path accepted what the permissive parser rejects (%v)", in, werr)
			continue
		}
		if describe(got) != describe(want) {
			t.Errorf("%q:\nfast       %s\npermissive %s", in, describe(got), describe(want))
		}
	}
	if fast < 2000 {
		t.Errorf("only %d inputs took the fast path", fast)
	}
}

// FuzzFastJSON: whatever the fast path takes, it builds what the
// permissive parser builds.
func FuzzFastJSON(f *testing.F) {
	r := rand.New(rand.NewSource(3))
	for _, s := range []string{`{"a": 10.00, "b": [1, {"c": null}]}`, `{"a":1,"a":2,"b":3,"a":4}`, `[-0, -0.0, 0.5, 123456789, 1234567890, -2147483648, 2147483648]`,
		`{"k":"x\"y\u00e9\ud83d\ude00z","k2":"\\\/\b\f\n\r\t"}`, `[1.5e3, 0.001, 1.0000000000000001, 9007199254740993.0]`} {
		f.Add(s)
	}
	for i := 0; i < 50; i++ {
		f.Add(randomBody(r, 0))
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, ok := parseStrictJSON(in)
		if !ok {
			return
		}
		want, werr := parsePermissive(in)
		if werr != nil {
			t.Fatalf("%q: fast path accepted what the permissive parser rejects (%v)", in, werr)
		}
		if describe(got) != describe(want) {
			t.Fatalf("%q:\nfast       %s\npermissive %s", in, describe(got), describe(want))
		}
	})
}
