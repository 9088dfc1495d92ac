package vtleval

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// FormatDouble is Java's Double.toString (JDK 17): the shortest decimal that
// reads back as f, in plain notation from 10^-3 to 10^7 and computerized
// scientific notation ("1.0E-4") elsewhere, except for integral values of
// at least 2^53 and below 2^63, which Java prints from their exact integer
// digits (rounding off only the digits that a power of two bounds as
// insignificant), so 2^60 prints as 1.15292150460684698E18, not as the
// shortest 1.152921504606847E18.
func FormatDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	digits, exp := javaDigits(math.Abs(f), 53, 64)
	return javaFormat(math.Signbit(f), digits, exp)
}

// formatFloat is Java's Float.toString.
func formatFloat(f float32) string {
	d := float64(f)
	switch {
	case math.IsNaN(d):
		return "NaN"
	case math.IsInf(d, 1):
		return "Infinity"
	case math.IsInf(d, -1):
		return "-Infinity"
	case d == 0:
		if math.Signbit(d) {
			return "-0.0"
		}
		return "0.0"
	}
	digits, exp := javaDigits(math.Abs(d), 24, 32)
	return javaFormat(math.Signbit(d), digits, exp)
}

// javaDigits returns the digits of a positive finite number and the
// exponent e with a = 0.digits × 10^e, as JDK 17's FloatingDecimal
// computes them for Double.toString (sigBits = 53) and Float.toString
// (sigBits = 24). That algorithm is not always the shortest round-trip:
// integral values get their exact digits (less the insignificant ones), the
// E-form always gets a second digit, and its stopping test is symmetric and
// differs in ties between its int/long and big-number variants.
func javaDigits(a float64, sigBits, bitSize int) (string, int) {
	var fractBits uint64
	var binExp, nSignificantBits int
	if bitSize == 64 {
		b := math.Float64bits(a)
		e := int(b >> 52 & 0x7FF)
		fractBits = b & (1<<52 - 1)
		if e == 0 {
			lz := bits.LeadingZeros64(fractBits)
			shift := lz - (63 - 52)
			fractBits <<= uint(shift)
			binExp = -1022 - shift
			nSignificantBits = 64 - lz
		} else {
			fractBits |= 1 << 52
			binExp = e - 1023
			nSignificantBits = 53
		}
	} else {
		b := math.Float32bits(float32(a))
		e := int(b >> 23 & 0xFF)
		fb := b & (1<<23 - 1)
		if e == 0 {
			lz := bits.LeadingZeros32(fb)
			shift := lz - (31 - 23)
			fb <<= uint(shift)
			e = 1 - shift
			nSignificantBits = 32 - lz
		} else {
			fb |= 1 << 23
			nSignificantBits = 24
		}
		binExp = e - 127
		fractBits = uint64(fb) << (52 - 23)
	}
	_ = sigBits
	return dtoa(binExp, fractBits, nSignificantBits)
}

// n5bits[i] is the bit length of 5^i.
var n5bits = [...]int{0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52, 54, 56, 59, 61}

func pow5bits(i int) int {
	if i < len(n5bits) {
		return n5bits[i]
	}
	return i * 3
}

// dtoa is FloatingDecimal's digit generation for fractBits × 2^(binExp-52)
// (fractBits normalised with bit 52 set).
func dtoa(binExp int, fractBits uint64, nSignificantBits int) (string, int) {
	tailZeros := bits.TrailingZeros64(fractBits)
	nFractBits := 53 - tailZeros
	nTinyBits := max(0, nFractBits-binExp-1)
	if binExp <= 62 && binExp >= -21 && nTinyBits == 0 {
		// integral value: its long digits, rounding off the insignificant ones
		v := fractBits
		if binExp >= 52 {
			v <<= uint(binExp - 52)
		} else {
			v >>= uint(52 - binExp)
		}
		ins := 0
		if binExp > nSignificantBits {
			ins = insignificantDigits(binExp - nSignificantBits - 1)
		}
		if ins > 0 {
			pow10 := uint64(1)
			for i := 0; i < ins; i++ {
				pow10 *= 10
			}
			residue := v % pow10
			v /= pow10
			if residue >= pow10/2 {
				v++
			}
		}
		full := strconv.FormatUint(v, 10)
		return strings.TrimRight(full, "0"), len(full) + ins
	}
	decExp := estimateDecExp(fractBits, binExp)
	b5 := max(0, -decExp)
	b2 := b5 + nTinyBits + binExp
	s5 := max(0, decExp)
	s2 := s5 + nTinyBits
	m5 := b5
	m2 := b2 - nSignificantBits
	fractBits >>= uint(tailZeros)
	b2 -= nFractBits - 1
	common := min(b2, s2)
	b2 -= common
	s2 -= common
	m2 -= common
	if nFractBits == 1 {
		m2-- // the next smaller number is only half as far below a power of two
	}
	if m2 < 0 {
		b2 -= m2
		s2 -= m2
		m2 = 0
	}
	bBits := nFractBits + b2 + pow5bits(b5)
	tenSBits := s2 + 1 + pow5bits(s5+1)
	var digits []byte
	var low, high bool
	var lowDiff int // sign of 2*remainder - tens
	eForm := func() bool { return decExp < -3 || decExp >= 8 }
	if bBits < 64 && tenSBits < 64 {
		// Java's int and long variants: the same steps in fixed-width
		// arithmetic (an overflowing margin stops the loop)
		width := 64
		if bBits < 32 && tenSBits < 32 {
			width = 32
		}
		wrap := func(x int64) int64 {
			if width == 32 {
				return int64(int32(x))
			}
			return x
		}
		p5 := func(n int) int64 {
			r := int64(1)
			for i := 0; i < n; i++ {
				r *= 5
			}
			return r
		}
		b := wrap(wrap(int64(fractBits)*p5(b5)) << uint(b2))
		s := wrap(p5(s5) << uint(s2))
		m := wrap(p5(m5) << uint(m2))
		tens := wrap(s * 10)
		q := b / s
		b = wrap(10 * (b % s))
		m = wrap(m * 10)
		low = b < m
		high = wrap(b+m) > tens
		if q == 0 && !high {
			decExp--
		} else {
			digits = append(digits, byte('0'+q))
		}
		if eForm() {
			low, high = false, false
		}
		for !low && !high {
			q = b / s
			b = wrap(10 * (b % s))
			m = wrap(m * 10)
			if m > 0 {
				low = b < m
				high = wrap(b+m) > tens
			} else {
				low, high = true, true
			}
			digits = append(digits, byte('0'+q))
		}
		d := wrap(wrap(b<<1) - tens)
		switch {
		case d > 0:
			lowDiff = 1
		case d < 0:
			lowDiff = -1
		}
	} else {
		pow52 := func(p5, p2 int) *big.Int {
			r := new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(p5)), nil)
			return r.Lsh(r, uint(p2))
		}
		S := pow52(s5, s2)
		B := new(big.Int).Mul(new(big.Int).SetUint64(fractBits), pow52(b5, 0))
		B.Lsh(B, uint(b2))
		M := pow52(m5+1, m2+1) // ten times the margin
		tenS := pow52(s5+1, s2+1)
		ten := big.NewInt(10)
		qr := func() int {
			q, r := new(big.Int).QuoRem(B, S, new(big.Int))
			B = r.Mul(r, ten)
			return int(q.Int64())
		}
		cmp := func() {
			low = B.Cmp(M) < 0
			high = new(big.Int).Add(B, M).Cmp(tenS) >= 0
		}
		q := qr()
		cmp()
		if q == 0 && !high {
			decExp--
		} else {
			digits = append(digits, byte('0'+q))
		}
		if eForm() {
			low, high = false, false
		}
		for !low && !high {
			q = qr()
			M.Mul(M, ten)
			cmp()
			digits = append(digits, byte('0'+q))
		}
		if high && low {
			lowDiff = new(big.Int).Lsh(B, 1).Cmp(tenS)
		}
	}
	exp := decExp + 1
	if high {
		if !low || lowDiff > 0 || lowDiff == 0 && (digits[len(digits)-1]-'0')&1 != 0 {
			// roundup: a carry out of all nines leaves "1" and zeros
			i := len(digits) - 1
			for i > 0 && digits[i] == '9' {
				digits[i] = '0'
				i--
			}
			if digits[i] == '9' {
				digits[0] = '1'
				exp++
			} else {
				digits[i]++
			}
		}
	}
	return string(digits), exp
}

// estimateDecExp is floor(log10(fractBits × 2^(binExp-52))), estimated as
// FloatingDecimal does (it may be one too high, which dtoa corrects).
func estimateDecExp(fractBits uint64, binExp int) int {
	d2 := math.Float64frombits(0x3FF0000000000000 | fractBits&(1<<52-1))
	d := (d2-1.5)*0.289529654 + 0.176091259 + float64(binExp)*0.301029995663981
	return int(math.Floor(d))
}

// insignificantDigits is the number of decimal digits of 2^p less one
// (0 for p < 2): how many low digits FloatingDecimal drops.
func insignificantDigits(p int) int {
	if p < 2 {
		return 0
	}
	v := uint64(1) << uint(p)
	n := 0
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}

// javaFormat lays out 0.digits × 10^exp as FloatingDecimal's
// toJavaFormatString does.
func javaFormat(neg bool, digits string, exp int) string {
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	n := len(digits)
	switch {
	case exp > 0 && exp < 8:
		k := min(n, exp)
		sb.WriteString(digits[:k])
		if k < exp {
			sb.WriteString(strings.Repeat("0", exp-k))
			sb.WriteString(".0")
		} else {
			sb.WriteByte('.')
			if k < n {
				sb.WriteString(digits[k:])
			} else {
				sb.WriteByte('0')
			}
		}
	case exp <= 0 && exp > -3:
		sb.WriteString("0.")
		sb.WriteString(strings.Repeat("0", -exp))
		sb.WriteString(digits)
	default:
		sb.WriteByte(digits[0])
		sb.WriteByte('.')
		if n > 1 {
			sb.WriteString(digits[1:])
		} else {
			sb.WriteByte('0')
		}
		sb.WriteByte('E')
		sb.WriteString(strconv.Itoa(exp - 1))
	}
	return sb.String()
}
