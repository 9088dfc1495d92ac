package vtleval

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestParseIntLit checks the short-literal path of parseIntLit against
// the general one (strconv, then math/big).
func TestParseIntLit(t *testing.T) {
	cases := []string{"", "0", "7", "007", "42", "999999999", "123456789", "1000000000", "2147483647",
		"2147483648", "-1", "-2147483648", "9223372036854775808", "1a", "a1", "+1", "1 ", "١", "#5"}
	r := rand.New(rand.NewSource(5))
	for range 2000 {
		b := make([]byte, 1+r.Intn(11))
		for i := range b {
			b[i] = "0123456789-a"[r.Intn(12)]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		got, w := parseIntLit(s), parseIntLitSlow(s)
		if fmt.Sprintf("%T %v", got, got) != fmt.Sprintf("%T %v", w, w) {
			t.Errorf("parseIntLit(%q) = %T %v, want %T %v", s, got, got, w, w)
		}
	}
}
