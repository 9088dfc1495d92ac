package vtleval

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// Java methods of the number and boolean classes, found the way Velocity
// 1.7's introspector finds them: by name among the public methods (static
// ones included, so $i.parseInt('1') works), keeping those whose parameters
// accept the arguments and choosing the most specific.

// jmethod is one public method. params has one letter per parameter:
//
//	I int  J long  F float  D double  Z boolean  C char
//	S String  O Object  T the receiver's class  B BigInteger  E BigDecimal
type jmethod struct {
	name   string
	params string
	static bool
	fn     func(recv Value, args []Value) (Value, error)
}

// accepts is IntrospectionUtils.isMethodInvocationConvertible for one
// argument.
func accepts(p byte, recvClass string, a Value) bool {
	switch p {
	case 'O':
		return true
	case 'S':
		_, ok := a.(string)
		return ok || a == nil
	case 'T':
		return a == nil || javaClass(a) == recvClass
	case 'B':
		_, ok := a.(*big.Int)
		return ok || a == nil
	case 'E':
		_, ok := a.(*BigDecimal)
		return ok || a == nil
	case 'Z':
		_, ok := a.(bool)
		return ok
	case 'C':
		_, ok := a.(Char)
		return ok
	}
	switch a.(type) {
	case int32, Char:
		return p == 'I' || p == 'J' || p == 'F' || p == 'D'
	case int64:
		return p == 'J' || p == 'F' || p == 'D'
	case float32:
		return p == 'F' || p == 'D'
	case float64:
		return p == 'D'
	}
	return false
}

// strictlyConvertible reports whether parameter type q accepts values of
// parameter type p (MethodMap.isStrictConvertible, for choosing the most
// specific method).
func strictlyConvertible(q, p byte) bool {
	if p == q || q == 'O' && strings.IndexByte("STBE", p) >= 0 {
		return true
	}
	widen := map[byte]string{'I': "JFD", 'J': "FD", 'F': "D", 'C': "IJFD"}
	return strings.IndexByte(widen[p], q) >= 0
}

// findMethod is MethodMap.find: nil when no method applies. A method
// without parameters applies to any arguments (a Velocity 1.7 quirk: the
// call then fails with "wrong number of arguments").
func findMethod(methods []jmethod, recvClass, name string, args []Value) (*jmethod, error) {
	var best []*jmethod
	for i := range methods {
		m := &methods[i]
		if m.name != name {
			continue
		}
		if len(m.params) > len(args) || len(m.params) < len(args) && len(m.params) > 0 {
			continue
		}
		ok := true
		for j := 0; j < len(m.params); j++ {
			if !accepts(m.params[j], recvClass, args[j]) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		// keep the maximally specific ones
		var kept []*jmethod
		dominated := false
		for _, b := range best {
			switch moreSpecific(m.params, b.params) {
			case 1:
				// m beats b: drop b
			case -1:
				dominated = true
				kept = append(kept, b)
			default:
				kept = append(kept, b)
			}
		}
		if !dominated {
			kept = append(kept, m)
		}
		best = kept
	}
	switch len(best) {
	case 0:
		return nil, nil
	case 1:
		return best[0], nil
	}
	// MethodMap.AmbiguousException: Velocity finds no method
	return nil, nil
}

func moreSpecific(p1, p2 string) int {
	if len(p1) != len(p2) {
		if len(p1) > len(p2) {
			return 1
		}
		return -1
	}
	c1, c2 := false, false
	for i := 0; i < len(p1); i++ {
		if p1[i] != p2[i] {
			c1 = c1 || strictlyConvertible(p2[i], p1[i])
			c2 = c2 || strictlyConvertible(p1[i], p2[i])
		}
	}
	switch {
	case c1 && !c2:
		return 1
	case c2 && !c1:
		return -1
	}
	return 0
}

// callJava calls name on recv from a method table.
func callJava(methods []jmethod, recv Value, name string, args []Value) (Value, bool, error) {
	m, err := findMethod(methods, javaClass(recv), name, args)
	if err != nil {
		return nil, true, err
	}
	if m == nil {
		return nil, false, nil
	}
	if len(m.params) != len(args) {
		return nil, true, throw("java.lang.IllegalArgumentException", "wrong number of arguments")
	}
	v, err := m.fn(recv, args)
	return v, true, err
}

func nfe(s string) error {
	return throw("java.lang.NumberFormatException", "For input string: \"%s\"", s)
}

// parseJavaInt is Integer.parseInt / Long.parseLong.
func parseJavaInt(a Value, radix int32, bitSize int) (int64, error) {
	if a == nil {
		return 0, throw("java.lang.NumberFormatException", "Cannot parse null string: null")
	}
	s := a.(string)
	if radix < 2 || radix > 36 {
		return 0, throw("java.lang.NumberFormatException", "radix %d out of range", radix)
	}
	t := s
	if strings.HasPrefix(t, "+") && len(t) > 1 && t[1] != '-' && t[1] != '+' {
		t = t[1:]
	}
	if t == "" || strings.HasPrefix(t, "-") && (len(t) == 1 || t[1] == '+' || t[1] == '-') {
		return 0, nfe(s)
	}
	for _, c := range strings.TrimPrefix(t, "-") {
		if c > 127 {
			return 0, nfe(s)
		}
	}
	v, err := strconv.ParseInt(t, int(radix), bitSize)
	if err != nil {
		if radix == 10 || !strings.Contains(err.Error(), "range") {
			return 0, nfe(s)
		}
		return 0, throw("java.lang.NumberFormatException", "For input string: \"%s\" under radix %d", s, radix)
	}
	return v, nil
}

// parseJavaDouble is Double.parseDouble (trimmed, with Java's literal
// forms: a trailing d/f, "Infinity", "NaN", hexadecimal).
func parseJavaDouble(a Value) (float64, error) {
	if a == nil {
		return 0, throw("java.lang.NullPointerException", "")
	}
	s := strings.Trim(a.(string), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	t := s
	switch strings.TrimLeft(t, "+-") {
	case "Infinity":
		if strings.HasPrefix(t, "-") {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "NaN":
		return math.NaN(), nil
	}
	if n := len(t); n > 0 && strings.IndexByte("dDfF", t[n-1]) >= 0 {
		t = t[:n-1]
	}
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 || body == "" || strings.ContainsAny(body, "_ ") ||
		strings.HasPrefix(strings.ToLower(body), "inf") || strings.HasPrefix(strings.ToLower(body), "nan") ||
		strings.HasPrefix(strings.ToLower(body), "0x") && !strings.ContainsAny(body, "pP") {
		return 0, nfe(a.(string))
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return v, nil
		}
		return 0, nfe(a.(string))
	}
	return v, nil
}

func i32(v Value) int32   { return v.(int32) }
func asI(v Value) int32   { return int32(toLong(v)) }
func asJ(v Value) int64   { return toLong(v) }
func asD(v Value) float64 { return toDouble(v) }
func asF(v Value) float32 { return toFloat(v) }

func cmpInt(a, b int64) int32 {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func boolCompare(a, b bool) int32 {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// numberCommon are the methods every java.lang.Number here has.
func numberCommon() []jmethod {
	return []jmethod{
		{"byteValue", "", false, func(r Value, _ []Value) (Value, error) { return int32(int8(toLong(r))), nil }},
		{"shortValue", "", false, func(r Value, _ []Value) (Value, error) { return int32(int16(toLong(r))), nil }},
		{"intValue", "", false, func(r Value, _ []Value) (Value, error) { return intOf(r), nil }},
		{"longValue", "", false, func(r Value, _ []Value) (Value, error) { return toLong(r), nil }},
		{"floatValue", "", false, func(r Value, _ []Value) (Value, error) { return toFloat(r), nil }},
		{"doubleValue", "", false, func(r Value, _ []Value) (Value, error) { return toDouble(r), nil }},
		{"toString", "", false, func(r Value, _ []Value) (Value, error) { return ToString(r), nil }},
		{"hashCode", "", false, func(r Value, _ []Value) (Value, error) { return int32(javaHashCode(r)), nil }},
		{"equals", "O", false, func(r Value, a []Value) (Value, error) { return JavaEquals(r, a[0]), nil }},
		{"getClass", "", false, func(r Value, _ []Value) (Value, error) { return javaClassValue(javaClass(r)), nil }},
		{"compareTo", "T", false, func(r Value, a []Value) (Value, error) {
			if a[0] == nil {
				return nil, npe()
			}
			c, err := compareNumbers(r, a[0])
			return int32(c), err
		}},
		// the bridge method compareTo(Object) casts its argument
		{"compareTo", "O", false, func(r Value, a []Value) (Value, error) {
			if a[0] == nil {
				return nil, npe()
			}
			return nil, throw("java.lang.ClassCastException", "class %s cannot be cast to class %s", javaClass(a[0]), javaClass(r))
		}},
	}
}

// intOf is Number.intValue().
func intOf(v Value) int32 {
	switch v := v.(type) {
	case float64:
		return int32(javaD2L(v, math.MinInt32, math.MaxInt32))
	case float32:
		return int32(javaD2L(float64(v), math.MinInt32, math.MaxInt32))
	}
	return int32(toLong(v))
}

func radixString(v int64, radix int32) string {
	if radix < 2 || radix > 36 {
		radix = 10
	}
	return strconv.FormatInt(v, int(radix))
}

var integerMethods = append(numberCommon(), []jmethod{
	{"parseInt", "S", true, func(_ Value, a []Value) (Value, error) { v, err := parseJavaInt(a[0], 10, 32); return int32(v), err }},
	{"parseInt", "SI", true, func(_ Value, a []Value) (Value, error) {
		v, err := parseJavaInt(a[0], i32(a[1]), 32)
		return int32(v), err
	}},
	{"valueOf", "S", true, func(_ Value, a []Value) (Value, error) { v, err := parseJavaInt(a[0], 10, 32); return int32(v), err }},
	{"valueOf", "SI", true, func(_ Value, a []Value) (Value, error) {
		v, err := parseJavaInt(a[0], i32(a[1]), 32)
		return int32(v), err
	}},
	{"valueOf", "I", true, func(_ Value, a []Value) (Value, error) { return asI(a[0]), nil }},
	{"decode", "S", true, func(_ Value, a []Value) (Value, error) { v, err := javaDecode(a[0], 32); return int32(v), err }},
	{"toString", "I", true, func(_ Value, a []Value) (Value, error) { return strconv.Itoa(int(asI(a[0]))), nil }},
	{"toString", "II", true, func(_ Value, a []Value) (Value, error) { return radixString(int64(asI(a[0])), asI(a[1])), nil }},
	{"toHexString", "I", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(uint32(asI(a[0]))), 16), nil }},
	{"toOctalString", "I", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(uint32(asI(a[0]))), 8), nil }},
	{"toBinaryString", "I", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(uint32(asI(a[0]))), 2), nil }},
	{"toUnsignedString", "I", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(uint32(asI(a[0]))), 10), nil }},
	{"toUnsignedLong", "I", true, func(_ Value, a []Value) (Value, error) { return int64(uint32(asI(a[0]))), nil }},
	{"hashCode", "I", true, func(_ Value, a []Value) (Value, error) { return asI(a[0]), nil }},
	{"compare", "II", true, func(_ Value, a []Value) (Value, error) {
		return int32(cmpFloat(float64(asI(a[0])), float64(asI(a[1])))), nil
	}},
	{"signum", "I", true, func(_ Value, a []Value) (Value, error) { return int32(cmpFloat(float64(asI(a[0])), 0)), nil }},
	{"sum", "II", true, func(_ Value, a []Value) (Value, error) { return asI(a[0]) + asI(a[1]), nil }},
	{"max", "II", true, func(_ Value, a []Value) (Value, error) { return max(asI(a[0]), asI(a[1])), nil }},
	{"min", "II", true, func(_ Value, a []Value) (Value, error) { return min(asI(a[0]), asI(a[1])), nil }},
	{"bitCount", "I", true, func(_ Value, a []Value) (Value, error) { return int32(bits.OnesCount32(uint32(asI(a[0])))), nil }},
	{"reverse", "I", true, func(_ Value, a []Value) (Value, error) { return int32(bits.Reverse32(uint32(asI(a[0])))), nil }},
	{"reverseBytes", "I", true, func(_ Value, a []Value) (Value, error) { return int32(bits.ReverseBytes32(uint32(asI(a[0])))), nil }},
	{"numberOfLeadingZeros", "I", true, func(_ Value, a []Value) (Value, error) { return int32(bits.LeadingZeros32(uint32(asI(a[0])))), nil }},
	{"numberOfTrailingZeros", "I", true, func(_ Value, a []Value) (Value, error) { return int32(bits.TrailingZeros32(uint32(asI(a[0])))), nil }},
	{"highestOneBit", "I", true, func(_ Value, a []Value) (Value, error) {
		u := uint32(asI(a[0]))
		if u == 0 {
			return int32(0), nil
		}
		return int32(uint32(1) << (31 - bits.LeadingZeros32(u))), nil
	}},
	{"lowestOneBit", "I", true, func(_ Value, a []Value) (Value, error) { x := asI(a[0]); return x & -x, nil }},
	{"rotateLeft", "II", true, func(_ Value, a []Value) (Value, error) {
		return int32(bits.RotateLeft32(uint32(asI(a[0])), int(asI(a[1])&31))), nil
	}},
	{"rotateRight", "II", true, func(_ Value, a []Value) (Value, error) {
		return int32(bits.RotateLeft32(uint32(asI(a[0])), -int(asI(a[1])&31))), nil
	}},
	{"getInteger", "S", true, func(_ Value, a []Value) (Value, error) { return nil, nil }},
}...)

var longMethods = append(numberCommon(), []jmethod{
	{"parseLong", "S", true, func(_ Value, a []Value) (Value, error) { return parseJavaInt(a[0], 10, 64) }},
	{"parseLong", "SI", true, func(_ Value, a []Value) (Value, error) { return parseJavaInt(a[0], i32(a[1]), 64) }},
	{"valueOf", "S", true, func(_ Value, a []Value) (Value, error) { return parseJavaInt(a[0], 10, 64) }},
	{"valueOf", "SI", true, func(_ Value, a []Value) (Value, error) { return parseJavaInt(a[0], i32(a[1]), 64) }},
	{"valueOf", "J", true, func(_ Value, a []Value) (Value, error) { return asJ(a[0]), nil }},
	{"decode", "S", true, func(_ Value, a []Value) (Value, error) { return javaDecode(a[0], 64) }},
	{"toString", "J", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatInt(asJ(a[0]), 10), nil }},
	{"toString", "JI", true, func(_ Value, a []Value) (Value, error) { return radixString(asJ(a[0]), asI(a[1])), nil }},
	{"toHexString", "J", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(asJ(a[0])), 16), nil }},
	{"toOctalString", "J", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(asJ(a[0])), 8), nil }},
	{"toBinaryString", "J", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatUint(uint64(asJ(a[0])), 2), nil }},
	{"hashCode", "J", true, func(_ Value, a []Value) (Value, error) { x := asJ(a[0]); return int32(x ^ int64(uint64(x)>>32)), nil }},
	{"compare", "JJ", true, func(_ Value, a []Value) (Value, error) { return cmpInt(asJ(a[0]), asJ(a[1])), nil }},
	{"signum", "J", true, func(_ Value, a []Value) (Value, error) { return cmpInt(asJ(a[0]), 0), nil }},
	{"sum", "JJ", true, func(_ Value, a []Value) (Value, error) { return asJ(a[0]) + asJ(a[1]), nil }},
	{"max", "JJ", true, func(_ Value, a []Value) (Value, error) { return max(asJ(a[0]), asJ(a[1])), nil }},
	{"min", "JJ", true, func(_ Value, a []Value) (Value, error) { return min(asJ(a[0]), asJ(a[1])), nil }},
	{"bitCount", "J", true, func(_ Value, a []Value) (Value, error) { return int32(bits.OnesCount64(uint64(asJ(a[0])))), nil }},
	{"numberOfLeadingZeros", "J", true, func(_ Value, a []Value) (Value, error) { return int32(bits.LeadingZeros64(uint64(asJ(a[0])))), nil }},
	{"numberOfTrailingZeros", "J", true, func(_ Value, a []Value) (Value, error) { return int32(bits.TrailingZeros64(uint64(asJ(a[0])))), nil }},
	{"getLong", "S", true, func(_ Value, a []Value) (Value, error) { return nil, nil }},
}...)

func doubleStatics(parse func(Value) (Value, error)) []jmethod {
	return []jmethod{
		{"isNaN", "", false, func(r Value, _ []Value) (Value, error) { return math.IsNaN(toDouble(r)), nil }},
		{"isInfinite", "", false, func(r Value, _ []Value) (Value, error) { return math.IsInf(toDouble(r), 0), nil }},
		{"isNaN", "D", true, func(_ Value, a []Value) (Value, error) { return math.IsNaN(asD(a[0])), nil }},
		{"isInfinite", "D", true, func(_ Value, a []Value) (Value, error) { return math.IsInf(asD(a[0]), 0), nil }},
		{"isFinite", "D", true, func(_ Value, a []Value) (Value, error) {
			d := asD(a[0])
			return !math.IsInf(d, 0) && !math.IsNaN(d), nil
		}},
		{"valueOf", "S", true, func(_ Value, a []Value) (Value, error) { return parse(a[0]) }},
		{"compare", "DD", true, func(_ Value, a []Value) (Value, error) { return int32(javaDoubleCompare(asD(a[0]), asD(a[1]))), nil }},
	}
}

// javaDoubleCompare is Double.compare: -0.0 < 0.0 and NaN above everything.
func javaDoubleCompare(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	xb, yb := math.Float64bits(x), math.Float64bits(y)
	if math.IsNaN(x) {
		xb = 0x7ff8000000000000
	}
	if math.IsNaN(y) {
		yb = 0x7ff8000000000000
	}
	switch {
	case int64(xb) == int64(yb):
		return 0
	case int64(xb) < int64(yb):
		return -1
	}
	return 1
}

var doubleMethods = append(append(numberCommon(), doubleStatics(
	func(a Value) (Value, error) { return parseJavaDouble(a) })...), []jmethod{
	{"parseDouble", "S", true, func(_ Value, a []Value) (Value, error) { return parseJavaDouble(a[0]) }},
	{"valueOf", "D", true, func(_ Value, a []Value) (Value, error) { return asD(a[0]), nil }},
	{"toString", "D", true, func(_ Value, a []Value) (Value, error) { return FormatDouble(asD(a[0])), nil }},
	{"sum", "DD", true, func(_ Value, a []Value) (Value, error) { return asD(a[0]) + asD(a[1]), nil }},
	{"max", "DD", true, func(_ Value, a []Value) (Value, error) { return javaMax(asD(a[0]), asD(a[1])), nil }},
	{"min", "DD", true, func(_ Value, a []Value) (Value, error) { return javaMin(asD(a[0]), asD(a[1])), nil }},
	{"hashCode", "D", true, func(_ Value, a []Value) (Value, error) { return int32(javaHashCode(asD(a[0]))), nil }},
	{"doubleToLongBits", "D", true, func(_ Value, a []Value) (Value, error) {
		d := asD(a[0])
		if math.IsNaN(d) {
			return int64(0x7ff8000000000000), nil
		}
		return int64(math.Float64bits(d)), nil
	}},
	{"doubleToRawLongBits", "D", true, func(_ Value, a []Value) (Value, error) { return int64(math.Float64bits(asD(a[0]))), nil }},
	{"longBitsToDouble", "J", true, func(_ Value, a []Value) (Value, error) { return math.Float64frombits(uint64(asJ(a[0]))), nil }},
}...)

var floatMethods = append(append(numberCommon(), doubleStatics(
	func(a Value) (Value, error) { d, err := parseJavaDouble(a); return float32(d), err })...), []jmethod{
	{"parseFloat", "S", true, func(_ Value, a []Value) (Value, error) { d, err := parseJavaDouble(a[0]); return float32(d), err }},
	{"valueOf", "F", true, func(_ Value, a []Value) (Value, error) { return asF(a[0]), nil }},
	{"toString", "F", true, func(_ Value, a []Value) (Value, error) { return formatFloat(asF(a[0])), nil }},
	{"sum", "FF", true, func(_ Value, a []Value) (Value, error) { return asF(a[0]) + asF(a[1]), nil }},
	{"max", "FF", true, func(_ Value, a []Value) (Value, error) { return float32(javaMax(asD(a[0]), asD(a[1]))), nil }},
	{"min", "FF", true, func(_ Value, a []Value) (Value, error) { return float32(javaMin(asD(a[0]), asD(a[1]))), nil }},
	{"floatToIntBits", "F", true, func(_ Value, a []Value) (Value, error) { return int32(math.Float32bits(asF(a[0]))), nil }},
}...)

// javaMax is Math.max for doubles: NaN wins, 0.0 beats -0.0.
func javaMax(x, y float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.NaN()
	}
	return math.Max(x, y)
}

func javaMin(x, y float64) float64 {
	if math.IsNaN(x) || math.IsNaN(y) {
		return math.NaN()
	}
	return math.Min(x, y)
}

// javaDecode is Integer.decode / Long.decode: optional sign, then 0x, # or
// 0 for hexadecimal and octal.
func javaDecode(a Value, bitSize int) (int64, error) {
	if a == nil {
		return 0, npe()
	}
	s := a.(string)
	if s == "" {
		return 0, throw("java.lang.NumberFormatException", "Zero length string")
	}
	t, neg := s, false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	radix := 10
	switch {
	case strings.HasPrefix(t, "0x"), strings.HasPrefix(t, "0X"):
		radix, t = 16, t[2:]
	case strings.HasPrefix(t, "#"):
		radix, t = 16, t[1:]
	case strings.HasPrefix(t, "0") && len(t) > 1:
		radix, t = 8, t[1:]
	}
	if t == "" || t[0] == '-' || t[0] == '+' {
		return 0, nfe(s)
	}
	if neg {
		t = "-" + t
	}
	v, err := strconv.ParseInt(t, radix, bitSize)
	if err != nil {
		return 0, nfe(s)
	}
	return v, nil
}

func bigArg(v Value) (*big.Int, error) {
	if v == nil {
		return nil, npe()
	}
	return v.(*big.Int), nil
}

func bigOp(f func(z, x, y *big.Int) *big.Int) func(Value, []Value) (Value, error) {
	return func(r Value, a []Value) (Value, error) {
		y, err := bigArg(a[0])
		if err != nil {
			return nil, err
		}
		return f(new(big.Int), r.(*big.Int), y), nil
	}
}

var bigIntegerMethods = append(numberCommon(), []jmethod{
	{"add", "B", false, bigOp((*big.Int).Add)},
	{"subtract", "B", false, bigOp((*big.Int).Sub)},
	{"multiply", "B", false, bigOp((*big.Int).Mul)},
	{"and", "B", false, bigOp((*big.Int).And)},
	{"or", "B", false, bigOp((*big.Int).Or)},
	{"xor", "B", false, bigOp((*big.Int).Xor)},
	{"andNot", "B", false, bigOp((*big.Int).AndNot)},
	{"gcd", "B", false, bigOp(func(z, x, y *big.Int) *big.Int {
		return z.GCD(nil, nil, new(big.Int).Abs(x), new(big.Int).Abs(y))
	})},
	{"min", "B", false, bigOp(func(z, x, y *big.Int) *big.Int {
		if x.Cmp(y) <= 0 {
			return x
		}
		return y
	})},
	{"max", "B", false, bigOp(func(z, x, y *big.Int) *big.Int {
		if x.Cmp(y) >= 0 {
			return x
		}
		return y
	})},
	{"divide", "B", false, func(r Value, a []Value) (Value, error) {
		y, err := bigArg(a[0])
		if err != nil {
			return nil, err
		}
		if y.Sign() == 0 {
			return nil, throw("java.lang.ArithmeticException", "BigInteger divide by zero")
		}
		return new(big.Int).Quo(r.(*big.Int), y), nil
	}},
	{"remainder", "B", false, func(r Value, a []Value) (Value, error) {
		y, err := bigArg(a[0])
		if err != nil {
			return nil, err
		}
		if y.Sign() == 0 {
			return nil, throw("java.lang.ArithmeticException", "BigInteger divide by zero")
		}
		return new(big.Int).Rem(r.(*big.Int), y), nil
	}},
	{"mod", "B", false, func(r Value, a []Value) (Value, error) {
		y, err := bigArg(a[0])
		if err != nil {
			return nil, err
		}
		if y.Sign() <= 0 {
			return nil, throw("java.lang.ArithmeticException", "BigInteger: modulus not positive")
		}
		return new(big.Int).Mod(r.(*big.Int), y), nil
	}},
	{"pow", "I", false, func(r Value, a []Value) (Value, error) {
		e := asI(a[0])
		if e < 0 {
			return nil, throw("java.lang.ArithmeticException", "Negative exponent")
		}
		if e > 100000 {
			return nil, throw("java.lang.ArithmeticException", "BigInteger would overflow supported range")
		}
		return new(big.Int).Exp(r.(*big.Int), big.NewInt(int64(e)), nil), nil
	}},
	{"negate", "", false, func(r Value, _ []Value) (Value, error) { return new(big.Int).Neg(r.(*big.Int)), nil }},
	{"abs", "", false, func(r Value, _ []Value) (Value, error) { return new(big.Int).Abs(r.(*big.Int)), nil }},
	{"not", "", false, func(r Value, _ []Value) (Value, error) { return new(big.Int).Not(r.(*big.Int)), nil }},
	{"signum", "", false, func(r Value, _ []Value) (Value, error) { return int32(r.(*big.Int).Sign()), nil }},
	{"bitLength", "", false, func(r Value, _ []Value) (Value, error) {
		x := r.(*big.Int)
		if x.Sign() < 0 {
			return int32(new(big.Int).Not(x).BitLen()), nil
		}
		return int32(x.BitLen()), nil
	}},
	{"toString", "I", false, func(r Value, a []Value) (Value, error) {
		radix := int(asI(a[0]))
		if radix < 2 || radix > 36 {
			radix = 10
		}
		return r.(*big.Int).Text(radix), nil
	}},
	{"testBit", "I", false, func(r Value, a []Value) (Value, error) {
		n := asI(a[0])
		if n < 0 {
			return nil, throw("java.lang.ArithmeticException", "Negative bit address")
		}
		return new(big.Int).Rsh(r.(*big.Int), uint(n)).Bit(0) == 1, nil
	}},
	{"shiftLeft", "I", false, func(r Value, a []Value) (Value, error) {
		n := asI(a[0])
		if n >= 0 {
			return new(big.Int).Lsh(r.(*big.Int), uint(n)), nil
		}
		return new(big.Int).Rsh(r.(*big.Int), uint(-n)), nil
	}},
	{"shiftRight", "I", false, func(r Value, a []Value) (Value, error) {
		n := asI(a[0])
		if n >= 0 {
			return new(big.Int).Rsh(r.(*big.Int), uint(n)), nil
		}
		return new(big.Int).Lsh(r.(*big.Int), uint(-n)), nil
	}},
	{"valueOf", "J", true, func(_ Value, a []Value) (Value, error) { return big.NewInt(asJ(a[0])), nil }},
	{"sqrt", "", false, func(r Value, _ []Value) (Value, error) {
		x := r.(*big.Int)
		if x.Sign() < 0 {
			return nil, throw("java.lang.ArithmeticException", "Negative BigInteger")
		}
		return new(big.Int).Sqrt(x), nil
	}},
}...)

func decArg(v Value) (*BigDecimal, error) {
	if v == nil {
		return nil, npe()
	}
	return v.(*BigDecimal), nil
}

var bigDecimalMethods = append(numberCommon(), []jmethod{
	{"add", "E", false, func(r Value, a []Value) (Value, error) {
		y, err := decArg(a[0])
		if err != nil {
			return nil, err
		}
		return r.(*BigDecimal).add(y), nil
	}},
	{"subtract", "E", false, func(r Value, a []Value) (Value, error) {
		y, err := decArg(a[0])
		if err != nil {
			return nil, err
		}
		return r.(*BigDecimal).sub(y), nil
	}},
	{"multiply", "E", false, func(r Value, a []Value) (Value, error) {
		y, err := decArg(a[0])
		if err != nil {
			return nil, err
		}
		return r.(*BigDecimal).mul(y), nil
	}},
	{"divide", "EI", false, func(r Value, a []Value) (Value, error) {
		y, err := decArg(a[0])
		if err != nil {
			return nil, err
		}
		x := r.(*BigDecimal)
		return x.divScale(y, x.Scale, int(asI(a[1])))
	}},
	{"divide", "EII", false, func(r Value, a []Value) (Value, error) {
		y, err := decArg(a[0])
		if err != nil {
			return nil, err
		}
		return r.(*BigDecimal).divScale(y, asI(a[1]), int(asI(a[2])))
	}},
	{"setScale", "II", false, func(r Value, a []Value) (Value, error) {
		x := r.(*BigDecimal)
		return x.divScale(&BigDecimal{Unscaled: big.NewInt(1)}, asI(a[0]), int(asI(a[1])))
	}},
	{"setScale", "I", false, func(r Value, a []Value) (Value, error) {
		x := r.(*BigDecimal)
		return x.divScale(&BigDecimal{Unscaled: big.NewInt(1)}, asI(a[0]), roundUnnecessary)
	}},
	{"negate", "", false, func(r Value, _ []Value) (Value, error) {
		x := r.(*BigDecimal)
		return &BigDecimal{Unscaled: new(big.Int).Neg(x.Unscaled), Scale: x.Scale}, nil
	}},
	{"abs", "", false, func(r Value, _ []Value) (Value, error) {
		x := r.(*BigDecimal)
		return &BigDecimal{Unscaled: new(big.Int).Abs(x.Unscaled), Scale: x.Scale}, nil
	}},
	{"signum", "", false, func(r Value, _ []Value) (Value, error) { return int32(r.(*BigDecimal).Unscaled.Sign()), nil }},
	{"scale", "", false, func(r Value, _ []Value) (Value, error) { return r.(*BigDecimal).Scale, nil }},
	{"precision", "", false, func(r Value, _ []Value) (Value, error) { return r.(*BigDecimal).precision(), nil }},
	{"unscaledValue", "", false, func(r Value, _ []Value) (Value, error) { return r.(*BigDecimal).Unscaled, nil }},
	{"toPlainString", "", false, func(r Value, _ []Value) (Value, error) { return r.(*BigDecimal).toPlainString(), nil }},
	{"toBigInteger", "", false, func(r Value, _ []Value) (Value, error) { return r.(*BigDecimal).toBigInteger(), nil }},
	{"stripTrailingZeros", "", false, func(r Value, _ []Value) (Value, error) { return r.(*BigDecimal).stripTrailingZeros(), nil }},
	{"valueOf", "J", true, func(_ Value, a []Value) (Value, error) { return &BigDecimal{Unscaled: big.NewInt(asJ(a[0]))}, nil }},
	{"valueOf", "D", true, func(_ Value, a []Value) (Value, error) {
		d := asD(a[0])
		if math.IsNaN(d) || math.IsInf(d, 0) {
			return nil, throw("java.lang.NumberFormatException", "Infinite or NaN")
		}
		s := FormatDouble(d) // BigDecimal.valueOf(double) goes through Double.toString
		return parseBigDecimal(s), nil
	}},
}...)

// parseBigDecimal is new BigDecimal(String) for the strings Double.toString
// prints.
func parseBigDecimal(s string) *BigDecimal {
	mant, exp := s, int64(0)
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		exp, _ = strconv.ParseInt(s[i+1:], 10, 32)
	}
	scale := int64(0)
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		scale = int64(len(mant) - i - 1)
		mant = mant[:i] + mant[i+1:]
	}
	u, _ := new(big.Int).SetString(mant, 10)
	return &BigDecimal{Unscaled: u, Scale: int32(scale - exp)}
}

var booleanMethods = []jmethod{
	{"booleanValue", "", false, func(r Value, _ []Value) (Value, error) { return r, nil }},
	{"toString", "", false, func(r Value, _ []Value) (Value, error) { return strconv.FormatBool(r.(bool)), nil }},
	{"hashCode", "", false, func(r Value, _ []Value) (Value, error) { return int32(javaHash(r)), nil }},
	{"equals", "O", false, func(r Value, a []Value) (Value, error) { return JavaEquals(r, a[0]), nil }},
	{"getClass", "", false, func(r Value, _ []Value) (Value, error) { return javaClassValue("java.lang.Boolean"), nil }},
	{"compareTo", "T", false, func(r Value, a []Value) (Value, error) {
		if a[0] == nil {
			return nil, npe()
		}
		return boolCompare(r.(bool), a[0].(bool)), nil
	}},
	{"compareTo", "O", false, func(r Value, a []Value) (Value, error) {
		if a[0] == nil {
			return nil, npe()
		}
		return nil, throw("java.lang.ClassCastException", "class %s cannot be cast to class java.lang.Boolean", javaClass(a[0]))
	}},
	{"parseBoolean", "S", true, func(_ Value, a []Value) (Value, error) {
		s, _ := a[0].(string)
		return strings.EqualFold(s, "true"), nil
	}},
	{"valueOf", "S", true, func(_ Value, a []Value) (Value, error) {
		s, _ := a[0].(string)
		return strings.EqualFold(s, "true"), nil
	}},
	{"valueOf", "Z", true, func(_ Value, a []Value) (Value, error) { return a[0], nil }},
	{"toString", "Z", true, func(_ Value, a []Value) (Value, error) { return strconv.FormatBool(a[0].(bool)), nil }},
	{"compare", "ZZ", true, func(_ Value, a []Value) (Value, error) { return boolCompare(a[0].(bool), a[1].(bool)), nil }},
	{"logicalAnd", "ZZ", true, func(_ Value, a []Value) (Value, error) { return a[0].(bool) && a[1].(bool), nil }},
	{"logicalOr", "ZZ", true, func(_ Value, a []Value) (Value, error) { return a[0].(bool) || a[1].(bool), nil }},
	{"logicalXor", "ZZ", true, func(_ Value, a []Value) (Value, error) { return a[0].(bool) != a[1].(bool), nil }},
	{"hashCode", "Z", true, func(_ Value, a []Value) (Value, error) { return int32(javaHash(a[0])), nil }},
	{"getBoolean", "S", true, func(_ Value, a []Value) (Value, error) { return false, nil }},
}

// numberMethod calls a method of Integer, Long, Double, Float, BigInteger,
// BigDecimal or Boolean.
func numberMethod(v Value, name string, args []Value) (Value, bool, error) {
	var table []jmethod
	switch v.(type) {
	case int32:
		table = integerMethods
	case int64:
		table = longMethods
	case float64:
		table = doubleMethods
	case float32:
		table = floatMethods
	case *big.Int:
		table = bigIntegerMethods
	case *BigDecimal:
		table = bigDecimalMethods
	case bool:
		table = booleanMethods
	}
	return callJava(table, v, name, args)
}
