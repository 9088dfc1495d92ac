package vtleval

import (
	"math"
	"math/big"
)

// Arithmetic follows org.apache.velocity.util.MathUtils (1.7): integers are
// computed in long and narrowed to the wider operand class when the result
// fits, long overflow goes to BigInteger, any Double makes it double.

type calcBase int

const (
	baseLong calcBase = iota
	baseDouble
	baseBigInt
	baseBigDec
)

func findBase(a, b Value) calcBase {
	_, abig := a.(*big.Int)
	_, bbig := b.(*big.Int)
	_, adbl := a.(float64)
	_, bdbl := b.(float64)
	if abig || bbig {
		if adbl || bdbl {
			return baseBigDec
		}
		return baseBigInt
	}
	if adbl || bdbl {
		return baseDouble
	}
	return baseLong
}

func toLong(v Value) int64 {
	switch v := v.(type) {
	case int32:
		return int64(v)
	case int64:
		return v
	case *big.Int:
		return v.Int64()
	case float64:
		return int64(v)
	}
	return 0
}

func toDouble(v Value) float64 {
	switch v := v.(type) {
	case int32:
		return float64(v)
	case int64:
		return float64(v)
	case *big.Int:
		f, _ := new(big.Float).SetInt(v).Float64()
		return f
	case float64:
		return v
	}
	return 0
}

func toBig(v Value) *big.Int {
	switch v := v.(type) {
	case *big.Int:
		return v
	case float64:
		b, _ := big.NewFloat(v).Int(nil)
		return b
	}
	return big.NewInt(toLong(v))
}

func toBigFloat(v Value) *big.Float {
	switch v := v.(type) {
	case *big.Int:
		return new(big.Float).SetPrec(200).SetInt(v)
	}
	return new(big.Float).SetPrec(200).SetFloat64(toDouble(v))
}

// size ranks Integer < Long for MathUtils.wrapPrimitive.
func size(v Value) int {
	switch v.(type) {
	case int32:
		return 2
	case int64:
		return 3
	}
	return 0
}

func wrap(r int64, a, b Value) Value {
	t := a
	if size(b) >= size(a) {
		t = b
	}
	switch t.(type) {
	case int32:
		if r >= math.MinInt32 && r <= math.MaxInt32 {
			return int32(r)
		}
		return r
	case int64:
		return r
	}
	return big.NewInt(r)
}

func normBig(b *big.Int) Value { return b }

func bigDecResult(f *big.Float) Value {
	// BigDecimal results are rare (BigInteger mixed with Double); print them
	// through Double.
	d, _ := f.Float64()
	return d
}

// arith applies +, -, *, / or % to two numbers. ok is false when the result is
// null (division by zero).
func arith(op string, a, b Value) (Value, bool) {
	switch findBase(a, b) {
	case baseBigInt:
		x, y := toBig(a), toBig(b)
		r := new(big.Int)
		switch op {
		case "+":
			r.Add(x, y)
		case "-":
			r.Sub(x, y)
		case "*":
			r.Mul(x, y)
		case "/":
			if y.Sign() == 0 {
				return nil, false
			}
			r.Quo(x, y)
		case "%":
			if y.Sign() == 0 {
				return nil, false
			}
			r.Rem(x, y)
		}
		return normBig(r), true
	case baseBigDec:
		x, y := toBigFloat(a), toBigFloat(b)
		r := new(big.Float).SetPrec(200)
		switch op {
		case "+":
			r.Add(x, y)
		case "-":
			r.Sub(x, y)
		case "*":
			r.Mul(x, y)
		case "/":
			if y.Sign() == 0 {
				return nil, false
			}
			r.Quo(x, y)
		case "%":
			if y.Sign() == 0 {
				return nil, false
			}
			xf, _ := x.Float64()
			yf, _ := y.Float64()
			return math.Mod(xf, yf), true
		}
		return bigDecResult(r), true
	case baseDouble:
		x, y := toDouble(a), toDouble(b)
		switch op {
		case "+":
			return x + y, true
		case "-":
			return x - y, true
		case "*":
			return x * y, true
		case "/":
			if y == 0 {
				return nil, false
			}
			return x / y, true
		case "%":
			if y == 0 {
				return nil, false
			}
			return math.Mod(x, y), true
		}
	}
	x, y := toLong(a), toLong(b)
	switch op {
	case "+":
		r := x + y
		if (r^x) < 0 && (r^y) < 0 {
			return new(big.Int).Add(big.NewInt(x), big.NewInt(y)), true
		}
		return wrap(r, a, b), true
	case "-":
		r := x - y
		if (r^x) < 0 && (r^^y) < 0 {
			return new(big.Int).Sub(big.NewInt(x), big.NewInt(y)), true
		}
		return wrap(r, a, b), true
	case "*":
		r := x * y
		if x != 0 && (r/x != y || x == -1 && y == math.MinInt64 || y == -1 && x == math.MinInt64) {
			return new(big.Int).Mul(big.NewInt(x), big.NewInt(y)), true
		}
		return wrap(r, a, b), true
	case "/":
		if y == 0 {
			return nil, false
		}
		return wrap(x/y, a, b), true
	case "%":
		if y == 0 {
			return nil, false
		}
		return wrap(x%y, a, b), true
	}
	return nil, false
}

// compareNumbers is MathUtils.compare: -1, 0 or 1.
func compareNumbers(a, b Value) int {
	switch findBase(a, b) {
	case baseBigInt:
		return toBig(a).Cmp(toBig(b))
	case baseBigDec:
		return toBigFloat(a).Cmp(toBigFloat(b))
	case baseDouble:
		x, y := toDouble(a), toDouble(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		case x == y:
			return 0
		}
		// NaN: Double.compare semantics
		if math.IsNaN(x) && math.IsNaN(y) {
			return 0
		}
		if math.IsNaN(x) {
			return 1
		}
		return -1
	}
	x, y := toLong(a), toLong(b)
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
