package vtleval

import (
	"bufio"
	"compress/gzip"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestFormatDoubleGolden checks FormatDouble (how every Double prints) against
// ~20,000 values printed by JDK 17's Double.toString: special values, powers
// of ten and their neighbours, short decimals, subnormals and random bit
// patterns. Re-record with tools/java/numgoldens.sh (part of make goldens).
func TestFormatDoubleGolden(t *testing.T) {
	f, err := os.Open("testdata/doubles.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	n, bad := 0, 0
	for line := 1; sc.Scan(); line++ {
		hexBits, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("doubles.tsv.gz:%d: malformed line", line)
		}
		bits, err := strconv.ParseUint(hexBits, 16, 64)
		if err != nil {
			t.Fatalf("doubles.tsv.gz:%d: %v", line, err)
		}
		n++
		if got := FormatDouble(math.Float64frombits(bits)); got != want {
			if bad++; bad <= 20 {
				t.Errorf("doubles.tsv.gz:%d: FormatDouble(bits %s) = %s, Java says %s", line, hexBits, got, want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 20000 {
		t.Errorf("only %d values in the golden", n)
	}
	if bad > 0 {
		t.Errorf("%d of %d values differ from Java", bad, n)
	}
}
