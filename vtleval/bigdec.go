package vtleval

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// BigDecimal is a java.math.BigDecimal: Unscaled × 10^-Scale. Velocity 1.7
// makes one when it computes with a BigInteger and a Double (or Float).
type BigDecimal struct {
	Unscaled *big.Int
	Scale    int32
}

// bigDecFromDouble is new BigDecimal(double): the exact binary value, with
// the smallest scale that holds it.
func bigDecFromDouble(d float64) (*BigDecimal, error) {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return nil, throw("java.lang.NumberFormatException", "Infinite or NaN")
	}
	if d == 0 {
		return &BigDecimal{Unscaled: new(big.Int), Scale: 0}, nil
	}
	frac, exp := math.Frexp(d) // d = frac × 2^exp
	mant := int64(frac * (1 << 53))
	exp -= 53
	for mant%2 == 0 {
		mant /= 2
		exp++
	}
	u := big.NewInt(mant)
	if exp >= 0 {
		u.Lsh(u, uint(exp))
		return &BigDecimal{Unscaled: u, Scale: 0}, nil
	}
	// mant × 2^exp = mant × 5^-exp / 10^-exp
	u.Mul(u, new(big.Int).Exp(big.NewInt(5), big.NewInt(int64(-exp)), nil))
	return &BigDecimal{Unscaled: u, Scale: int32(-exp)}, nil
}

// toBigDecimal is MathUtils.toBigDecimal: BigDecimal and BigInteger
// exactly, everything else through doubleValue().
func toBigDecimal(v Value) (*BigDecimal, error) {
	switch v := v.(type) {
	case *BigDecimal:
		return v, nil
	case *big.Int:
		return &BigDecimal{Unscaled: v, Scale: 0}, nil
	}
	return bigDecFromDouble(toDouble(v))
}

func pow10(n int32) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// rescaled returns x's unscaled value at scale s >= x.Scale.
func (x *BigDecimal) rescaled(s int32) *big.Int {
	if s == x.Scale {
		return x.Unscaled
	}
	return new(big.Int).Mul(x.Unscaled, pow10(s-x.Scale))
}

func (x *BigDecimal) add(y *BigDecimal) *BigDecimal {
	s := max(x.Scale, y.Scale)
	return &BigDecimal{Unscaled: new(big.Int).Add(x.rescaled(s), y.rescaled(s)), Scale: s}
}

func (x *BigDecimal) sub(y *BigDecimal) *BigDecimal {
	s := max(x.Scale, y.Scale)
	return &BigDecimal{Unscaled: new(big.Int).Sub(x.rescaled(s), y.rescaled(s)), Scale: s}
}

func (x *BigDecimal) mul(y *BigDecimal) *BigDecimal {
	return &BigDecimal{Unscaled: new(big.Int).Mul(x.Unscaled, y.Unscaled), Scale: x.Scale + y.Scale}
}

// Rounding modes of java.math.BigDecimal.
const (
	roundUp = iota
	roundDown
	roundCeiling
	roundFloor
	roundHalfUp
	roundHalfDown
	roundHalfEven
	roundUnnecessary
)

// divScale is divide(y, scale, mode): x / y rounded to scale.
func (x *BigDecimal) divScale(y *BigDecimal, scale int32, mode int) (*BigDecimal, error) {
	if y.Unscaled.Sign() == 0 {
		return nil, throw("java.lang.ArithmeticException", "/ by zero")
	}
	// x/y × 10^scale = xu × 10^(scale - xs + ys) / yu
	num := new(big.Int).Set(x.Unscaled)
	den := new(big.Int).Set(y.Unscaled)
	if e := scale - x.Scale + y.Scale; e >= 0 {
		num.Mul(num, pow10(e))
	} else {
		den.Mul(den, pow10(-e))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 {
		neg := (num.Sign() < 0) != (den.Sign() < 0)
		twice := new(big.Int).Abs(r)
		twice.Lsh(twice, 1)
		c := twice.Cmp(new(big.Int).Abs(den)) // remainder vs half
		up := false
		switch mode {
		case roundUp:
			up = true
		case roundDown:
		case roundCeiling:
			up = !neg
		case roundFloor:
			up = neg
		case roundHalfUp:
			up = c >= 0
		case roundHalfDown:
			up = c > 0
		case roundHalfEven:
			up = c > 0 || c == 0 && q.Bit(0) == 1
		default:
			return nil, throw("java.lang.ArithmeticException", "Rounding necessary")
		}
		if up {
			if neg {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return &BigDecimal{Unscaled: q, Scale: scale}, nil
}

func (x *BigDecimal) cmp(y *BigDecimal) int {
	s := max(x.Scale, y.Scale)
	return x.rescaled(s).Cmp(y.rescaled(s))
}

// String is BigDecimal.toString: plain digits, or scientific notation when
// the scale is negative or the adjusted exponent is below -6.
func (x *BigDecimal) String() string {
	coeff := new(big.Int).Abs(x.Unscaled).String()
	neg := x.Unscaled.Sign() < 0
	adjusted := -int64(x.Scale) + int64(len(coeff)-1)
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	if x.Scale >= 0 && adjusted >= -6 {
		sb.WriteString(plainDigits(coeff, x.Scale))
		return sb.String()
	}
	sb.WriteString(coeff[:1])
	if len(coeff) > 1 {
		sb.WriteByte('.')
		sb.WriteString(coeff[1:])
	}
	sb.WriteByte('E')
	if adjusted >= 0 {
		sb.WriteByte('+')
	}
	sb.WriteString(strconv.FormatInt(adjusted, 10))
	return sb.String()
}

// plainDigits places the decimal point scale digits from the right.
func plainDigits(coeff string, scale int32) string {
	switch {
	case scale <= 0:
		return coeff + strings.Repeat("0", int(-scale))
	case int(scale) >= len(coeff):
		return "0." + strings.Repeat("0", int(scale)-len(coeff)) + coeff
	}
	k := len(coeff) - int(scale)
	return coeff[:k] + "." + coeff[k:]
}

// toPlainString is BigDecimal.toPlainString.
func (x *BigDecimal) toPlainString() string {
	coeff := new(big.Int).Abs(x.Unscaled).String()
	s := plainDigits(coeff, x.Scale)
	if x.Unscaled.Sign() < 0 {
		return "-" + s
	}
	return s
}

// float64 is BigDecimal.doubleValue, correctly rounded.
func (x *BigDecimal) float64() float64 {
	var r *big.Rat
	if x.Scale <= 0 {
		r = new(big.Rat).SetInt(x.rescaled(0))
	} else {
		r = new(big.Rat).SetFrac(x.Unscaled, pow10(x.Scale))
	}
	f, _ := r.Float64()
	return f
}

// toBigInteger is BigDecimal.toBigInteger: the integer part.
func (x *BigDecimal) toBigInteger() *big.Int {
	if x.Scale <= 0 {
		return x.rescaled(0)
	}
	return new(big.Int).Quo(x.Unscaled, pow10(x.Scale))
}

// stripTrailingZeros is BigDecimal.stripTrailingZeros.
func (x *BigDecimal) stripTrailingZeros() *BigDecimal {
	if x.Unscaled.Sign() == 0 {
		return &BigDecimal{Unscaled: new(big.Int), Scale: 0}
	}
	u := new(big.Int).Set(x.Unscaled)
	s := x.Scale
	ten := big.NewInt(10)
	r := new(big.Int)
	for {
		q, m := new(big.Int).QuoRem(u, ten, r)
		if m.Sign() != 0 {
			break
		}
		u = q
		s--
	}
	return &BigDecimal{Unscaled: u, Scale: s}
}

// precision is BigDecimal.precision: the number of digits of the unscaled
// value.
func (x *BigDecimal) precision() int32 {
	if x.Unscaled.Sign() == 0 {
		return 1
	}
	return int32(len(new(big.Int).Abs(x.Unscaled).String()))
}

// equals is BigDecimal.equals: value and scale.
func (x *BigDecimal) equals(y *BigDecimal) bool {
	return x.Scale == y.Scale && x.Unscaled.Cmp(y.Unscaled) == 0
}
