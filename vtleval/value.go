package vtleval

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Value is a value as a template sees it. The dynamic types mirror the Java
// classes Velocity works with:
//
//	nil        null
//	string     java.lang.String
//	int32      java.lang.Integer
//	int64      java.lang.Long
//	*big.Int   java.math.BigInteger
//	float64    java.lang.Double
//	bool       java.lang.Boolean
//	*Map       java.util.LinkedHashMap (or a HashMap, see Map.Hash)
//	*List      java.util.ArrayList (or a JSON array, see List.JSON)
//	*Entry     java.util.Map.Entry
//	Object     a host object (API Gateway's $input, $util, ...)
type Value = any

// Object is a host object. It may also implement PropertyGetter,
// MethodCaller and PropertySetter.
type Object interface {
	// JavaClass is the Java class name used in messages.
	JavaClass() string
	// String is Java's toString().
	String() string
}

// PropertyGetter resolves $obj.name. ok is false when there is no such
// property (the reference is then null).
type PropertyGetter interface {
	GetProperty(name string) (v Value, ok bool)
}

// MethodCaller calls $obj.name(args). found is false when there is no such
// method for these arguments (the reference is then null); a non-nil error
// aborts the render, as an exception thrown by a Java method does.
type MethodCaller interface {
	CallMethod(name string, args []Value) (v Value, found bool, err error)
}

// PropertySetter implements #set($obj.name = v).
type PropertySetter interface {
	SetProperty(name string, v Value) bool
}

// Map is an insertion-ordered map with Java semantics.
type Map struct {
	keys []Value
	vals []Value
	idx  map[any]int
	// Hash makes iteration follow java.util.HashMap order instead of
	// insertion order.
	Hash bool
	// Blank makes toString() return "" (API Gateway's $context maps).
	Blank bool
}

// NewMap returns an empty map.
func NewMap() *Map { return &Map{idx: map[any]int{}} }

type bigKey string

func mapKey(k Value) any {
	switch k := k.(type) {
	case *big.Int:
		return bigKey(k.String())
	case float64:
		if k == 0 {
			return math.Copysign(0, k) // keep -0.0 distinct as Java's Double.equals does
		}
	}
	return k
}

// Len returns the number of entries.
func (m *Map) Len() int { return len(m.keys) }

// Get returns the value for k.
func (m *Map) Get(k Value) (Value, bool) {
	if i, ok := m.idx[mapKey(k)]; ok {
		return m.vals[i], true
	}
	return nil, false
}

// Put sets k to v and returns the previous value (nil if none).
func (m *Map) Put(k, v Value) Value {
	if m.idx == nil {
		m.idx = map[any]int{}
	}
	key := mapKey(k)
	if i, ok := m.idx[key]; ok {
		old := m.vals[i]
		m.vals[i] = v
		return old
	}
	m.idx[key] = len(m.keys)
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
	return nil
}

// Remove deletes k and returns its value.
func (m *Map) Remove(k Value) Value {
	i, ok := m.idx[mapKey(k)]
	if !ok {
		return nil
	}
	old := m.vals[i]
	m.keys = append(m.keys[:i], m.keys[i+1:]...)
	m.vals = append(m.vals[:i], m.vals[i+1:]...)
	delete(m.idx, mapKey(k))
	for j := i; j < len(m.keys); j++ {
		m.idx[mapKey(m.keys[j])] = j
	}
	return old
}

// Keys returns the keys in iteration order.
func (m *Map) Keys() []Value {
	if !m.Hash {
		return m.keys
	}
	return hashOrder(m.keys)
}

// Entries calls f for each entry in iteration order.
func (m *Map) Entries(f func(k, v Value)) {
	for _, k := range m.Keys() {
		v, _ := m.Get(k)
		f(k, v)
	}
}

// hashOrder sorts keys in the order java.util.HashMap iterates them: by
// bucket, then by insertion within a bucket.
func hashOrder(keys []Value) []Value {
	n := 16
	for float64(len(keys)) > float64(n)*0.75 {
		n *= 2
	}
	buckets := make([][]Value, n)
	for _, k := range keys {
		h := javaHash(k)
		h ^= h >> 16
		b := int(h & uint32(n-1))
		buckets[b] = append(buckets[b], k)
	}
	out := make([]Value, 0, len(keys))
	for _, b := range buckets {
		out = append(out, b...)
	}
	return out
}

func javaHash(k Value) uint32 {
	switch k := k.(type) {
	case string:
		var h uint32
		for _, u := range utf16.Encode([]rune(k)) {
			h = 31*h + uint32(u)
		}
		return h
	case int32:
		return uint32(k)
	case int64:
		return uint32(k) ^ uint32(uint64(k)>>32)
	case bool:
		if k {
			return 1231
		}
		return 1237
	}
	return 0
}

// List is a list with Java semantics.
type List struct {
	Items []Value
	// JSON makes toString() print compact JSON, like the json-smart
	// JSONArray that API Gateway's JSON functions return.
	JSON bool
	// Array marks a Java array (String.split, toCharArray): it prints as
	// "[" + Elem + "@" + a hash, like Object.toString, and is read-only.
	Array bool
	Elem  string
}

// Entry is a java.util.Map.Entry.
type Entry struct {
	Key, Value Value
	m          *Map
}

// ToString is Java's String.valueOf(v).
func ToString(v Value) string {
	var sb strings.Builder
	writeString(&sb, v, 0)
	return sb.String()
}

func writeString(sb *strings.Builder, v Value, depth int) {
	if depth > 100 {
		sb.WriteString("...")
		return
	}
	switch v := v.(type) {
	case nil:
		sb.WriteString("null")
	case string:
		sb.WriteString(v)
	case int32:
		sb.WriteString(strconv.FormatInt(int64(v), 10))
	case int64:
		sb.WriteString(strconv.FormatInt(v, 10))
	case *big.Int:
		sb.WriteString(v.String())
	case float64:
		sb.WriteString(FormatDouble(v))
	case bool:
		sb.WriteString(strconv.FormatBool(v))
	case *Map:
		if v.Blank {
			return
		}
		sb.WriteByte('{')
		first := true
		v.Entries(func(k, val Value) {
			if !first {
				sb.WriteString(", ")
			}
			first = false
			if k == v {
				sb.WriteString("(this Map)")
			} else {
				writeString(sb, k, depth+1)
			}
			sb.WriteByte('=')
			if val == v {
				sb.WriteString("(this Map)")
			} else {
				writeString(sb, val, depth+1)
			}
		})
		sb.WriteByte('}')
	case *List:
		if v.JSON {
			writeJSON(sb, v, depth)
			return
		}
		if v.Array {
			// Java prints an identity hash, which no two runs share.
			fmt.Fprintf(sb, "[%s@%x", v.Elem, javaHashCode(v)|0x10000000)
			return
		}
		sb.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				sb.WriteString(", ")
			}
			if it == v {
				sb.WriteString("(this Collection)")
			} else {
				writeString(sb, it, depth+1)
			}
		}
		sb.WriteByte(']')
	case *Entry:
		writeString(sb, v.Key, depth+1)
		sb.WriteByte('=')
		writeString(sb, v.Value, depth+1)
	case Object:
		sb.WriteString(v.String())
	default:
		sb.WriteString("?")
	}
}

// JSON writes v as compact JSON the way json-smart's JSONValue does with its
// default style (NO_COMPRESS: '/' is written as "\/").
func JSON(v Value) string {
	var sb strings.Builder
	writeJSON(&sb, v, 0)
	return sb.String()
}

func writeJSON(sb *strings.Builder, v Value, depth int) {
	if depth > 100 {
		sb.WriteString("null")
		return
	}
	switch v := v.(type) {
	case nil:
		sb.WriteString("null")
	case string:
		writeJSONString(sb, v)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			sb.WriteString("null")
		} else {
			sb.WriteString(FormatDouble(v))
		}
	case int32, int64, *big.Int, bool:
		writeString(sb, v, depth)
	case *Map:
		sb.WriteByte('{')
		first := true
		v.Entries(func(k, val Value) {
			if !first {
				sb.WriteByte(',')
			}
			first = false
			writeJSONString(sb, ToString(k))
			sb.WriteByte(':')
			writeJSON(sb, val, depth+1)
		})
		sb.WriteByte('}')
	case *List:
		sb.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeJSON(sb, it, depth+1)
		}
		sb.WriteByte(']')
	default:
		writeJSONString(sb, ToString(v))
	}
}

const hexUpper = "0123456789ABCDEF"

func writeJSONString(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '\b':
			sb.WriteString(`\b`)
		case '\f':
			sb.WriteString(`\f`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		case '/':
			sb.WriteString(`\/`)
		default:
			if c <= 0x1F || c >= 0x7F && c <= 0x9F || c >= 0x2000 && c <= 0x20FF {
				sb.WriteString(`\u`)
				sb.WriteByte(hexUpper[c>>12&0xF])
				sb.WriteByte(hexUpper[c>>8&0xF])
				sb.WriteByte(hexUpper[c>>4&0xF])
				sb.WriteByte(hexUpper[c&0xF])
			} else {
				sb.WriteRune(c)
			}
		}
	}
	sb.WriteByte('"')
}

// FormatDouble is Java's Double.toString.
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
	neg := f < 0
	a := math.Abs(f)
	// shortest digits and exponent: d.ddddE±x
	s := strconv.FormatFloat(a, 'e', -1, 64)
	mant, expS, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	if a >= 1e-3 && a < 1e7 {
		// plain notation
		pointPos := exp + 1 // digits before the point
		if pointPos <= 0 {
			out = "0." + strings.Repeat("0", -pointPos) + digits
		} else if pointPos >= len(digits) {
			out = digits + strings.Repeat("0", pointPos-len(digits)) + ".0"
		} else {
			out = digits[:pointPos] + "." + digits[pointPos:]
		}
	} else {
		frac := digits[1:]
		if frac == "" {
			frac = "0"
		}
		out = digits[:1] + "." + frac + "E" + strconv.Itoa(exp)
	}
	if neg {
		return "-" + out
	}
	return out
}

// Truthy is Velocity's test for #if($ref): non-null and not false.
func Truthy(v Value) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	}
	return true
}

// JavaEquals is Java's a.equals(b) for the value model.
func JavaEquals(a, b Value) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	case int32:
		bi, ok := b.(int32)
		return ok && a == bi
	case int64:
		bi, ok := b.(int64)
		return ok && a == bi
	case *big.Int:
		bb, ok := b.(*big.Int)
		return ok && a.Cmp(bb) == 0
	case float64:
		bf, ok := b.(float64)
		return ok && math.Float64bits(a) == math.Float64bits(bf) || ok && math.IsNaN(a) && math.IsNaN(bf)
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case *List:
		bl, ok := b.(*List)
		if !ok || len(a.Items) != len(bl.Items) {
			return false
		}
		for i := range a.Items {
			if !JavaEquals(a.Items[i], bl.Items[i]) {
				return false
			}
		}
		return true
	case *Map:
		bm, ok := b.(*Map)
		if !ok || a.Len() != bm.Len() {
			return false
		}
		for i, k := range a.keys {
			bv, ok := bm.Get(k)
			if !ok || !JavaEquals(a.vals[i], bv) {
				return false
			}
		}
		return true
	case *Entry:
		be, ok := b.(*Entry)
		return ok && JavaEquals(a.Key, be.Key) && JavaEquals(a.Value, be.Value)
	}
	return a == b
}

// javaClass names the Java class of a value, for messages and for the
// "same class" test of ==.
func javaClass(v Value) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return "java.lang.String"
	case int32:
		return "java.lang.Integer"
	case int64:
		return "java.lang.Long"
	case *big.Int:
		return "java.math.BigInteger"
	case float64:
		return "java.lang.Double"
	case bool:
		return "java.lang.Boolean"
	case *Map:
		if v.Hash {
			return "java.util.HashMap"
		}
		return "java.util.LinkedHashMap"
	case *List:
		if v.JSON {
			return "net.minidev.json.JSONArray"
		}
		return "java.util.ArrayList"
	case *Entry:
		return "java.util.Map$Entry"
	case Object:
		return v.JavaClass()
	}
	return "java.lang.Object"
}

func isNumber(v Value) bool {
	switch v.(type) {
	case int32, int64, *big.Int, float64:
		return true
	}
	return false
}
