package vtleval

import (
	"math"
	"math/big"
)

// Arithmetic follows org.apache.velocity.runtime.parser.node.MathUtils
// (1.7): two integers are computed in long and narrowed to the wider
// operand class when the result fits, long overflow goes to BigInteger, a
// BigInteger with a Double or Float (or any BigDecimal) makes a BigDecimal,
// otherwise any Double makes it double and a Float float.

type calcBase int

const (
	baseLong calcBase = iota
	baseFloat
	baseDouble
	baseBigInt
	baseBigDec
)

// isIntegral is MathUtils.isInteger.
func isIntegral(v Value) bool {
	switch v.(type) {
	case int32, int64, *big.Int:
		return true
	}
	return false
}

// findBase is MathUtils.findCalculationBase.
func findBase(a, b Value) calcBase {
	ai, bi := isIntegral(a), isIntegral(b)
	_, abig := a.(*big.Int)
	_, bbig := b.(*big.Int)
	_, adec := a.(*BigDecimal)
	_, bdec := b.(*BigDecimal)
	if adec || bdec || (!ai || !bi) && (abig || bbig) {
		return baseBigDec
	}
	if ai && bi {
		if abig || bbig {
			return baseBigInt
		}
		return baseLong
	}
	_, adbl := a.(float64)
	_, bdbl := b.(float64)
	if adbl || bdbl {
		return baseDouble
	}
	return baseFloat
}

// toLong is Number.longValue().
func toLong(v Value) int64 {
	switch v := v.(type) {
	case int32:
		return int64(v)
	case int64:
		return v
	case *big.Int:
		return int64(new(big.Int).And(v, maxUint64).Uint64())
	case float64:
		return javaD2L(v, math.MinInt64, math.MaxInt64)
	case float32:
		return javaD2L(float64(v), math.MinInt64, math.MaxInt64)
	case *BigDecimal:
		return toLong(v.toBigInteger())
	}
	return 0
}

var maxUint64 = new(big.Int).SetUint64(math.MaxUint64)

// toDouble is Number.doubleValue().
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
	case float32:
		return float64(v)
	case *BigDecimal:
		return v.float64()
	}
	return 0
}

// toFloat is Number.floatValue().
func toFloat(v Value) float32 {
	switch v := v.(type) {
	case int32:
		return float32(v)
	case int64:
		return float32(v)
	case *big.Int:
		f, _ := new(big.Float).SetInt(v).Float32()
		return f
	case float32:
		return v
	case *BigDecimal:
		r := new(big.Rat).SetFrac(v.rescaled(max(v.Scale, 0)), pow10(max(v.Scale, 0)))
		f, _ := r.Float32()
		return f
	}
	return float32(toDouble(v))
}

// toBig is MathUtils.toBigInteger.
func toBig(v Value) *big.Int {
	if b, ok := v.(*big.Int); ok {
		return b
	}
	return big.NewInt(toLong(v))
}

// classRank is the position of the class in MathUtils.typesBySize
// (Integer, Long, Float, Double; -1 for the others).
func classRank(v Value) int {
	switch v.(type) {
	case int32:
		return 2
	case int64:
		return 3
	case float32:
		return 4
	case float64:
		return 5
	}
	return -1
}

// wrap is MathUtils.wrapPrimitive: the result in the larger operand's
// class, widened until it fits.
func wrap(r int64, a, b Value) Value {
	t := b
	if classRank(a) > classRank(b) {
		t = a
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

// isZero is MathUtils.isZero.
func isZero(v Value) bool {
	switch v := v.(type) {
	case *big.Int:
		return v.Sign() == 0
	case *BigDecimal:
		return v.Unscaled.Sign() == 0
	case float32:
		return v == 0
	}
	return toDouble(v) == 0
}

// arith applies +, -, *, / or % to two numbers. A nil result with a nil
// error is Velocity's null (division by zero).
func arith(op string, a, b Value) (Value, error) {
	if (op == "/" || op == "%") && isZero(b) {
		return nil, nil
	}
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
			r.Quo(x, y)
		case "%":
			if y.Sign() < 0 {
				return nil, throw("java.lang.ArithmeticException", "BigInteger: modulus not positive")
			}
			r.Mod(x, y)
		}
		return r, nil
	case baseBigDec:
		if op == "%" {
			return nil, throw("java.lang.ArithmeticException", "Cannot calculate the modulo of BigDecimals.")
		}
		x, err := toBigDecimal(a)
		if err != nil {
			return nil, err
		}
		y, err := toBigDecimal(b)
		if err != nil {
			return nil, err
		}
		switch op {
		case "+":
			return x.add(y), nil
		case "-":
			return x.sub(y), nil
		case "*":
			return x.mul(y), nil
		}
		return x.divScale(y, x.Scale, roundHalfDown)
	case baseDouble:
		return doubleOp(op, toDouble(a), toDouble(b)), nil
	case baseFloat:
		x, y := toFloat(a), toFloat(b)
		switch op {
		case "+":
			return x + y, nil
		case "-":
			return x - y, nil
		case "*":
			return x * y, nil
		case "/":
			return x / y, nil
		}
		return float32(math.Mod(float64(x), float64(y))), nil
	}
	x, y := toLong(a), toLong(b)
	switch op {
	case "+":
		r := x + y
		if (r^x) < 0 && (r^y) < 0 {
			return new(big.Int).Add(big.NewInt(x), big.NewInt(y)), nil
		}
		return wrap(r, a, b), nil
	case "-":
		r := x - y
		if (r^x) < 0 && (r^^y) < 0 {
			return new(big.Int).Sub(big.NewInt(x), big.NewInt(y)), nil
		}
		return wrap(r, a, b), nil
	case "*":
		r := x * y
		if y != 0 && r/y != x {
			return new(big.Int).Mul(big.NewInt(x), big.NewInt(y)), nil
		}
		return wrap(r, a, b), nil
	case "/":
		return wrap(x/y, a, b), nil
	}
	return wrap(x%y, a, b), nil
}

// doubleArith is arith where it gives a Double (findBase's baseDouble) from
// a Double and a Double, Integer or Long, without boxing the result; ok is
// false for the other operands, and for a division or remainder by zero
// (null).
func doubleArith(op string, a, b Value) (r float64, ok bool) {
	x, xd, ok := doubleOperand(a)
	if !ok {
		return 0, false
	}
	y, yd, ok := doubleOperand(b)
	if !ok || !xd && !yd {
		return 0, false
	}
	switch op {
	case "+", "-", "*":
	case "/", "%":
		if y == 0 {
			return 0, false
		}
	default:
		return 0, false
	}
	return doubleOp(op, x, y), true
}

// doubleOp is the arithmetic operator op (+ - * / %) on two Doubles.
func doubleOp(op string, x, y float64) float64 {
	switch op {
	case "+":
		return x + y
	case "-":
		return x - y
	case "*":
		return x * y
	case "/":
		return x / y
	}
	return math.Mod(x, y)
}

// doubleOperand is toDouble for a Double, an Integer or a Long.
func doubleOperand(v Value) (f float64, isDouble, ok bool) {
	switch v := v.(type) {
	case float64:
		return v, true, true
	case int32:
		return float64(v), false, true
	case int64:
		return float64(v), false, true
	}
	return 0, false, false
}

// compareNumbers is MathUtils.compare: -1, 0 or 1 (0 when a NaN is
// involved, as neither < nor > holds).
func compareNumbers(a, b Value) (int, error) {
	switch findBase(a, b) {
	case baseBigInt:
		return toBig(a).Cmp(toBig(b)), nil
	case baseBigDec:
		x, err := toBigDecimal(a)
		if err != nil {
			return 0, err
		}
		y, err := toBigDecimal(b)
		if err != nil {
			return 0, err
		}
		return x.cmp(y), nil
	case baseDouble:
		return cmpFloat(toDouble(a), toDouble(b)), nil
	case baseFloat:
		return cmpFloat(float64(toFloat(a)), float64(toFloat(b))), nil
	}
	x, y := toLong(a), toLong(b)
	switch {
	case x < y:
		return -1, nil
	case x > y:
		return 1, nil
	}
	return 0, nil
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
