package vtleval

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// Char is a java.lang.Character (what String.charAt returns).
type Char uint16

func (c Char) JavaClass() string { return "java.lang.Character" }
func (c Char) String() string    { return string(utf16.Decode([]uint16{uint16(c)})) }

// javaException is an exception thrown by an emulated Java method.
type javaException struct {
	class, msg string
}

func (e *javaException) Error() string {
	if e.msg == "" {
		return e.class
	}
	return e.class + ": " + e.msg
}

func throw(class, format string, args ...any) error {
	return &javaException{class: class, msg: fmt.Sprintf(format, args...)}
}

// voidResult is what Velocity makes of a void method: "".
const voidResult = ""

// getProperty is UberspectImpl.getPropertyGet + invoke: $obj.name.
func getProperty(v Value, name string) Value {
	if name == "class" {
		if _, ok := v.(*Map); !ok || true {
			return javaClassValue(javaClass(v))
		}
	}
	switch v := v.(type) {
	case *Map:
		r, _ := v.Get(name)
		return r
	case PropertyGetter:
		r, _ := v.GetProperty(name)
		return r
	}
	// getName() / getname(), then isName() for booleans.
	cap := strings.ToUpper(name[:1]) + name[1:]
	for _, m := range []string{"get" + name, "get" + cap} {
		if r, found, err := callMethod(v, m, nil); err == nil && found {
			return r
		}
	}
	for _, m := range []string{"is" + name, "is" + cap} {
		if r, found, err := callMethod(v, m, nil); err == nil && found {
			if _, ok := r.(bool); ok {
				return r
			}
		}
	}
	return nil
}

type javaClassValue string

func (c javaClassValue) JavaClass() string { return "java.lang.Class" }
func (c javaClassValue) String() string    { return "class " + string(c) }
func (c javaClassValue) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "getName":
			return string(c), true, nil
		case "getSimpleName":
			s := string(c)
			return s[strings.LastIndexAny(s, ".$")+1:], true, nil
		}
	}
	return nil, false, nil
}

func setProperty(obj Value, name string, v Value) {
	switch o := obj.(type) {
	case *Map:
		o.Put(name, v)
	case PropertySetter:
		o.SetProperty(name, v)
	}
}

// asInt converts an argument for an int parameter: Integer only (plus
// Character/short types Java would widen, not emulated).
func asInt(v Value) (int, bool) {
	switch v := v.(type) {
	case int32:
		return int(v), true
	case Char:
		return int(v), true
	}
	return 0, false
}

// utf16 helpers: Java strings are UTF-16.
func u16(s string) []uint16 { return utf16.Encode([]rune(s)) }
func s16(u []uint16) string {
	return decodeUTF16Lossy(u)
}

func decodeUTF16Lossy(u []uint16) string {
	return string(utf16.Decode(u))
}

func index(v Value, idx Value) (Value, error) {
	switch o := v.(type) {
	case *List:
		i, ok := asInt(idx)
		if !ok {
			return nil, nil
		}
		if i < 0 {
			i += len(o.Items)
		}
		if i < 0 || i >= len(o.Items) {
			return nil, throw("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, len(o.Items))
		}
		return o.Items[i], nil
	case *Map:
		r, _ := o.Get(idx)
		return r, nil
	}
	if idx != nil {
		if i, ok := idx.(int32); ok && i < 0 {
			sz, found, _ := callMethod(v, "size", nil)
			if n, ok := sz.(int32); found && ok {
				idx = int32(int(n) + int(i))
			}
		}
	}
	r, found, err := callMethod(v, "get", []Value{idx})
	if err != nil || !found {
		return nil, err
	}
	return r, nil
}

func setIndex(obj, idx, v Value) error {
	switch o := obj.(type) {
	case *List:
		i, ok := asInt(idx)
		if !ok {
			return nil
		}
		if i < 0 {
			i += len(o.Items)
		}
		if i < 0 || i >= len(o.Items) {
			return throw("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, len(o.Items))
		}
		o.Items[i] = v
		return nil
	case *Map:
		o.Put(idx, v)
		return nil
	}
	if _, found, err := callMethod(obj, "set", []Value{idx, v}); found || err != nil {
		return err
	}
	_, _, err := callMethod(obj, "put", []Value{idx, v})
	return err
}

// callMethod calls a Java method on v. found is false when no method of that
// name accepts these arguments.
func callMethod(v Value, name string, args []Value) (Value, bool, error) {
	switch o := v.(type) {
	case string:
		return stringMethod(o, name, args)
	case *List:
		return listMethod(o, name, args)
	case *Map:
		return mapMethod(o, name, args)
	case *Entry:
		return entryMethod(o, name, args)
	case int32, int64, *big.Int, float64:
		return numberMethod(o, name, args)
	case bool:
		return boolMethod(o, name, args)
	case MethodCaller:
		return o.CallMethod(name, args)
	case nil:
		return nil, false, nil
	}
	return objectMethod(v, name, args)
}

// objectMethod is java.lang.Object's methods.
func objectMethod(v Value, name string, args []Value) (Value, bool, error) {
	switch {
	case name == "toString" && len(args) == 0:
		return ToString(v), true, nil
	case name == "equals" && len(args) == 1:
		return JavaEquals(v, args[0]), true, nil
	case name == "getClass" && len(args) == 0:
		return javaClassValue(javaClass(v)), true, nil
	case name == "hashCode" && len(args) == 0:
		return int32(javaHashCode(v)), true, nil
	}
	return nil, false, nil
}

func javaHashCode(v Value) uint32 {
	switch v := v.(type) {
	case string, int32, int64, bool:
		return javaHash(v)
	case float64:
		b := math.Float64bits(v)
		return uint32(b ^ b>>32)
	case *List:
		h := uint32(1)
		for _, it := range v.Items {
			var eh uint32
			if it != nil {
				eh = javaHashCode(it)
			}
			h = 31*h + eh
		}
		return h
	case *Map:
		var h uint32
		v.Entries(func(k, val Value) {
			var kh, vh uint32
			if k != nil {
				kh = javaHashCode(k)
			}
			if val != nil {
				vh = javaHashCode(val)
			}
			h += kh ^ vh
		})
		return h
	}
	return 0
}

func argString(args []Value, i int) (string, bool) {
	if i >= len(args) {
		return "", false
	}
	switch a := args[i].(type) {
	case string:
		return a, true
	case nil:
		return "", true // null matches any reference parameter
	}
	return "", false
}

// charSeq accepts String (a CharSequence) or null.
func charSeq(args []Value, i int) (string, bool, bool) {
	if i >= len(args) {
		return "", false, false
	}
	switch a := args[i].(type) {
	case string:
		return a, true, false
	case nil:
		return "", true, true
	}
	return "", false, false
}

func npe() error { return throw("java.lang.NullPointerException", "") }

func stringMethod(s string, name string, args []Value) (Value, bool, error) {
	n := len(args)
	switch name {
	case "length":
		if n == 0 {
			return int32(len(u16(s))), true, nil
		}
	case "isEmpty":
		if n == 0 {
			return s == "", true, nil
		}
	case "toString", "intern", "toCharArray":
		if n == 0 {
			if name == "toCharArray" {
				l := &List{Array: true, Elem: "C"}
				for _, c := range u16(s) {
					l.Items = append(l.Items, Char(c))
				}
				return l, true, nil
			}
			return s, true, nil
		}
	case "toUpperCase":
		if n == 0 {
			return javaUpper(s), true, nil
		}
	case "toLowerCase":
		if n == 0 {
			return javaLower(s), true, nil
		}
	case "trim":
		if n == 0 {
			return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' }), true, nil
		}
	case "strip":
		if n == 0 {
			return strings.TrimFunc(s, javaWhitespace), true, nil
		}
	case "isBlank":
		if n == 0 {
			return strings.TrimFunc(s, javaWhitespace) == "", true, nil
		}
	case "charAt":
		if n == 1 {
			i, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			u := u16(s)
			if i < 0 || i >= len(u) {
				return nil, true, throw("java.lang.StringIndexOutOfBoundsException", "String index out of range: %d", i)
			}
			return Char(u[i]), true, nil
		}
	case "codePointAt":
		if n == 1 {
			i, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			u := u16(s)
			if i < 0 || i >= len(u) {
				return nil, true, throw("java.lang.StringIndexOutOfBoundsException", "String index out of range: %d", i)
			}
			r := rune(u[i])
			if utf16.IsSurrogate(r) && i+1 < len(u) {
				if d := utf16.DecodeRune(r, rune(u[i+1])); d != unicode.ReplacementChar {
					r = d
				}
			}
			return int32(r), true, nil
		}
	case "substring", "subSequence":
		if n == 1 || n == 2 {
			u := u16(s)
			b, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			e := len(u)
			if n == 2 {
				if e, ok = asInt(args[1]); !ok {
					return nil, false, nil
				}
			}
			if b < 0 || e > len(u) || b > e {
				if n == 1 {
					return nil, true, throw("java.lang.StringIndexOutOfBoundsException", "String index out of range: %d", len(u)-b)
				}
				return nil, true, throw("java.lang.StringIndexOutOfBoundsException", "begin %d, end %d, length %d", b, e, len(u))
			}
			return s16(u[b:e]), true, nil
		}
	case "indexOf", "lastIndexOf":
		if n == 1 || n == 2 {
			var needle []uint16
			switch a := args[0].(type) {
			case string:
				needle = u16(a)
			case Char:
				needle = []uint16{uint16(a)}
			case int32:
				needle = u16(string(rune(a)))
			case nil:
				return nil, true, npe()
			default:
				return nil, false, nil
			}
			u := u16(s)
			from := -1
			if n == 2 {
				f, ok := asInt(args[1])
				if !ok {
					return nil, false, nil
				}
				from = f
			}
			if name == "indexOf" {
				if from < 0 {
					from = 0
				}
				return int32(indexU16(u, needle, from)), true, nil
			}
			if n == 1 {
				from = len(u)
			}
			return int32(lastIndexU16(u, needle, from)), true, nil
		}
	case "contains":
		if n == 1 {
			a, ok, isNil := charSeq(args, 0)
			if !ok {
				return nil, false, nil
			}
			if isNil {
				return nil, true, npe()
			}
			return strings.Contains(s, a), true, nil
		}
	case "startsWith":
		if n == 1 || n == 2 {
			a, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
			off := 0
			if n == 2 {
				if off, ok = asInt(args[1]); !ok {
					return nil, false, nil
				}
			}
			u, p := u16(s), u16(a)
			if off < 0 || off+len(p) > len(u) {
				return false, true, nil
			}
			return equalU16(u[off:off+len(p)], p), true, nil
		}
	case "endsWith":
		if n == 1 {
			a, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
			return strings.HasSuffix(s, a), true, nil
		}
	case "equals":
		if n == 1 {
			a, ok := args[0].(string)
			return ok && a == s, true, nil
		}
	case "equalsIgnoreCase":
		if n == 1 {
			a, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return false, true, nil
			}
			return equalsIgnoreCase(s, a), true, nil
		}
	case "compareTo", "compareToIgnoreCase":
		if n == 1 {
			a, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
			x, y := s, a
			if name == "compareToIgnoreCase" {
				x, y = foldCase(x), foldCase(y)
			}
			return int32(compareU16(u16(x), u16(y))), true, nil
		}
	case "concat":
		if n == 1 {
			a, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
			return s + a, true, nil
		}
	case "replace":
		if n == 2 {
			a, ok1, nil1 := charSeq(args, 0)
			b, ok2, nil2 := charSeq(args, 1)
			if c1, ok := args[0].(Char); ok {
				if c2, ok := args[1].(Char); ok {
					return strings.ReplaceAll(s, c1.String(), c2.String()), true, nil
				}
			}
			if !ok1 || !ok2 {
				return nil, false, nil
			}
			if nil1 || nil2 {
				return nil, true, npe()
			}
			return javaReplaceLiteral(s, a, b), true, nil
		}
	case "replaceAll", "replaceFirst":
		if n == 2 {
			re, ok1 := argString(args, 0)
			rep, ok2 := argString(args, 1)
			if !ok1 || !ok2 {
				return nil, false, nil
			}
			if args[0] == nil || args[1] == nil {
				return nil, true, npe()
			}
			r, err := javaReplace(s, re, rep, name == "replaceAll")
			return r, true, err
		}
	case "matches":
		if n == 1 {
			re, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
			m, err := javaMatches(re, s)
			return m, true, err
		}
	case "split":
		if n == 1 || n == 2 {
			re, ok := argString(args, 0)
			if !ok {
				return nil, false, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
			limit := 0
			if n == 2 {
				if limit, ok = asInt(args[1]); !ok {
					return nil, false, nil
				}
			}
			parts, err := javaSplit(s, re, limit)
			if err != nil {
				return nil, true, err
			}
			l := &List{Array: true, Elem: "Ljava.lang.String;"}
			for _, p := range parts {
				l.Items = append(l.Items, p)
			}
			return l, true, nil
		}
	case "hashCode":
		if n == 0 {
			return int32(javaHash(s)), true, nil
		}
	case "repeat":
		if n == 1 {
			c, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			if c < 0 {
				return nil, true, throw("java.lang.IllegalArgumentException", "count is negative: %d", c)
			}
			if len(s)*c > 1<<26 {
				return nil, true, throw("java.lang.OutOfMemoryError", "Repeating %d bytes String %d times will produce a String exceeding maximum size.", len(s), c)
			}
			return strings.Repeat(s, c), true, nil
		}
	case "getBytes":
		if n == 0 {
			l := &List{Array: true, Elem: "B"}
			for _, b := range []byte(s) {
				l.Items = append(l.Items, int32(int8(b)))
			}
			return l, true, nil
		}
	case "chars":
	}
	return objectMethod(s, name, args)
}

func javaWhitespace(r rune) bool {
	if r == '\u00A0' || r == '\u2007' || r == '\u202F' {
		return false
	}
	return unicode.IsSpace(r) || r >= 0x1C && r <= 0x1F
}

func javaUpper(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case 'ß':
			sb.WriteString("SS")
			continue
		case 'ŉ':
			sb.WriteString("ʼN")
			continue
		}
		sb.WriteRune(unicode.ToUpper(r))
	}
	return sb.String()
}

func javaLower(s string) string {
	var sb strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == 'Σ' {
			// final sigma rule
			if i > 0 && unicode.IsLetter(rs[i-1]) && (i+1 == len(rs) || !unicode.IsLetter(rs[i+1])) {
				sb.WriteRune('ς')
				continue
			}
		}
		if r == 'İ' {
			sb.WriteString("i̇")
			continue
		}
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

func foldCase(s string) string {
	var sb strings.Builder
	for _, r := range s {
		sb.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
	}
	return sb.String()
}

func equalsIgnoreCase(a, b string) bool {
	ua, ub := u16(a), u16(b)
	if len(ua) != len(ub) {
		return false
	}
	for i := range ua {
		c1, c2 := rune(ua[i]), rune(ub[i])
		if c1 == c2 {
			continue
		}
		u1, u2 := unicode.ToUpper(c1), unicode.ToUpper(c2)
		if u1 == u2 || unicode.ToLower(u1) == unicode.ToLower(u2) {
			continue
		}
		return false
	}
	return true
}

func indexU16(h, n []uint16, from int) int {
	if from > len(h) {
		return -1
	}
	for i := from; i+len(n) <= len(h); i++ {
		if equalU16(h[i:i+len(n)], n) {
			return i
		}
	}
	return -1
}

func lastIndexU16(h, n []uint16, from int) int {
	if from > len(h)-len(n) {
		from = len(h) - len(n)
	}
	for i := from; i >= 0; i-- {
		if equalU16(h[i:i+len(n)], n) {
			return i
		}
	}
	return -1
}

func equalU16(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func compareU16(a, b []uint16) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return len(a) - len(b)
}

// javaReplaceLiteral is String.replace(CharSequence, CharSequence); an empty
// target inserts the replacement between every char and at both ends.
func javaReplaceLiteral(s, a, b string) string {
	if a == "" {
		u := u16(s)
		var sb strings.Builder
		sb.WriteString(b)
		for _, c := range u {
			sb.WriteString(s16([]uint16{c}))
			sb.WriteString(b)
		}
		return sb.String()
	}
	return strings.ReplaceAll(s, a, b)
}

func checkIndex(i, n int) error {
	if i < 0 || i >= n {
		return throw("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, n)
	}
	return nil
}

func listMethod(l *List, name string, args []Value) (Value, bool, error) {
	n := len(args)
	switch name {
	case "size":
		if n == 0 {
			return int32(len(l.Items)), true, nil
		}
	case "isEmpty":
		if n == 0 {
			return len(l.Items) == 0, true, nil
		}
	case "get":
		if n == 1 {
			i, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			if err := checkIndex(i, len(l.Items)); err != nil {
				return nil, true, err
			}
			return l.Items[i], true, nil
		}
	case "contains":
		if n == 1 {
			return indexOfValue(l.Items, args[0]) >= 0, true, nil
		}
	case "indexOf":
		if n == 1 {
			return int32(indexOfValue(l.Items, args[0])), true, nil
		}
	case "lastIndexOf":
		if n == 1 {
			for i := len(l.Items) - 1; i >= 0; i-- {
				if JavaEquals(l.Items[i], args[0]) {
					return int32(i), true, nil
				}
			}
			return int32(-1), true, nil
		}
	case "toString":
		if n == 0 {
			return ToString(l), true, nil
		}
	case "iterator", "listIterator":
		if n == 0 {
			return &iterator{items: l.Items}, true, nil
		}
	}
	if l.Array {
		// arrays are wrapped as read-only lists by Velocity 1.7
		return objectMethod(l, name, args)
	}
	switch name {
	case "add":
		if n == 1 {
			l.Items = append(l.Items, args[0])
			return true, true, nil
		}
		if n == 2 {
			i, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			if i < 0 || i > len(l.Items) {
				return nil, true, throw("java.lang.IndexOutOfBoundsException", "Index: %d, Size: %d", i, len(l.Items))
			}
			l.Items = append(l.Items, nil)
			copy(l.Items[i+1:], l.Items[i:])
			l.Items[i] = args[1]
			return voidResult, true, nil
		}
	case "set":
		if n == 2 {
			i, ok := asInt(args[0])
			if !ok {
				return nil, false, nil
			}
			if err := checkIndex(i, len(l.Items)); err != nil {
				return nil, true, err
			}
			old := l.Items[i]
			l.Items[i] = args[1]
			return old, true, nil
		}
	case "remove":
		if n == 1 {
			if i, ok := args[0].(int32); ok {
				if err := checkIndex(int(i), len(l.Items)); err != nil {
					return nil, true, err
				}
				old := l.Items[i]
				l.Items = append(l.Items[:i], l.Items[i+1:]...)
				return old, true, nil
			}
			i := indexOfValue(l.Items, args[0])
			if i < 0 {
				return false, true, nil
			}
			l.Items = append(l.Items[:i], l.Items[i+1:]...)
			return true, true, nil
		}
	case "addAll":
		if n == 1 {
			if o, ok := args[0].(*List); ok {
				l.Items = append(l.Items, o.Items...)
				return len(o.Items) > 0, true, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
		}
	case "clear":
		if n == 0 {
			l.Items = l.Items[:0]
			return voidResult, true, nil
		}
	case "subList":
		if n == 2 {
			a, ok1 := asInt(args[0])
			b, ok2 := asInt(args[1])
			if !ok1 || !ok2 {
				return nil, false, nil
			}
			if a < 0 || b > len(l.Items) || a > b {
				return nil, true, throw("java.lang.IndexOutOfBoundsException", "fromIndex: %d, toIndex: %d, size: %d", a, b, len(l.Items))
			}
			return &List{Items: append([]Value(nil), l.Items[a:b]...), JSON: l.JSON}, true, nil
		}
	case "containsAll":
		if n == 1 {
			if o, ok := args[0].(*List); ok {
				for _, it := range o.Items {
					if indexOfValue(l.Items, it) < 0 {
						return false, true, nil
					}
				}
				return true, true, nil
			}
		}
	case "toJSONString":
		if n == 0 && l.JSON {
			return JSON(l), true, nil
		}
	case "sort":
		if n == 1 && args[0] == nil {
			var err error
			sort.SliceStable(l.Items, func(i, j int) bool {
				c, e := naturalCompare(l.Items[i], l.Items[j])
				if e != nil {
					err = e
				}
				return c < 0
			})
			return voidResult, true, err
		}
	}
	return objectMethod(l, name, args)
}

func naturalCompare(a, b Value) (int, error) {
	if isNumber(a) && isNumber(b) && javaClass(a) == javaClass(b) {
		return compareNumbers(a, b), nil
	}
	as, ok1 := a.(string)
	bs, ok2 := b.(string)
	if ok1 && ok2 {
		return compareU16(u16(as), u16(bs)), nil
	}
	return 0, throw("java.lang.ClassCastException", "%s cannot be cast to java.lang.Comparable", javaClass(a))
}

func indexOfValue(items []Value, v Value) int {
	for i, it := range items {
		if JavaEquals(it, v) {
			return i
		}
	}
	return -1
}

type iterator struct {
	items []Value
	pos   int
}

func (it *iterator) JavaClass() string { return "java.util.ArrayList$Itr" }
func (it *iterator) String() string    { return "java.util.ArrayList$Itr@1" }
func (it *iterator) Elements() []Value {
	rest := it.items[it.pos:]
	it.pos = len(it.items)
	return rest
}
func (it *iterator) CallMethod(name string, args []Value) (Value, bool, error) {
	if len(args) != 0 {
		return nil, false, nil
	}
	switch name {
	case "hasNext":
		return it.pos < len(it.items), true, nil
	case "next":
		if it.pos >= len(it.items) {
			return nil, true, throw("java.util.NoSuchElementException", "")
		}
		it.pos++
		return it.items[it.pos-1], true, nil
	}
	return objectMethod(it, name, args)
}

func mapMethod(m *Map, name string, args []Value) (Value, bool, error) {
	n := len(args)
	switch name {
	case "get":
		if n == 1 {
			r, _ := m.Get(args[0])
			return r, true, nil
		}
	case "getOrDefault":
		if n == 2 {
			if r, ok := m.Get(args[0]); ok {
				return r, true, nil
			}
			return args[1], true, nil
		}
	case "put":
		if n == 2 {
			return m.Put(args[0], args[1]), true, nil
		}
	case "putIfAbsent":
		if n == 2 {
			if r, ok := m.Get(args[0]); ok && r != nil {
				return r, true, nil
			}
			m.Put(args[0], args[1])
			return nil, true, nil
		}
	case "putAll":
		if n == 1 {
			if o, ok := args[0].(*Map); ok {
				o.Entries(func(k, v Value) { m.Put(k, v) })
				return voidResult, true, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
		}
	case "remove":
		if n == 1 {
			return m.Remove(args[0]), true, nil
		}
	case "containsKey":
		if n == 1 {
			_, ok := m.Get(args[0])
			return ok, true, nil
		}
	case "containsValue":
		if n == 1 {
			return indexOfValue(m.vals, args[0]) >= 0, true, nil
		}
	case "size":
		if n == 0 {
			return int32(m.Len()), true, nil
		}
	case "isEmpty":
		if n == 0 {
			return m.Len() == 0, true, nil
		}
	case "keySet":
		if n == 0 {
			return &List{Items: append([]Value(nil), m.Keys()...)}, true, nil
		}
	case "values":
		if n == 0 {
			l := &List{}
			m.Entries(func(_, v Value) { l.Items = append(l.Items, v) })
			return l, true, nil
		}
	case "entrySet":
		if n == 0 {
			l := &List{}
			m.Entries(func(k, v Value) { l.Items = append(l.Items, &Entry{Key: k, Value: v, m: m}) })
			return l, true, nil
		}
	case "clear":
		if n == 0 {
			*m = Map{idx: map[any]int{}, Hash: m.Hash, Blank: m.Blank}
			return voidResult, true, nil
		}
	case "toString":
		if n == 0 {
			return ToString(m), true, nil
		}
	}
	return objectMethod(m, name, args)
}

func entryMethod(e *Entry, name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "getKey":
			return e.Key, true, nil
		case "getValue":
			return e.Value, true, nil
		}
	}
	if name == "setValue" && len(args) == 1 {
		old := e.Value
		e.Value = args[0]
		if e.m != nil {
			e.m.Put(e.Key, args[0])
		}
		return old, true, nil
	}
	return objectMethod(e, name, args)
}

func numberMethod(v Value, name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "intValue":
			switch x := v.(type) {
			case float64:
				return int32(javaD2L(x, math.MinInt32, math.MaxInt32)), true, nil
			}
			return int32(toLong(v)), true, nil
		case "longValue":
			if x, ok := v.(float64); ok {
				return javaD2L(x, math.MinInt64, math.MaxInt64), true, nil
			}
			return toLong(v), true, nil
		case "doubleValue":
			return toDouble(v), true, nil
		case "isNaN":
			if x, ok := v.(float64); ok {
				return math.IsNaN(x), true, nil
			}
		case "isInfinite":
			if x, ok := v.(float64); ok {
				return math.IsInf(x, 0), true, nil
			}
		case "toString":
			return ToString(v), true, nil
		}
	}
	if name == "compareTo" && len(args) == 1 {
		if javaClass(args[0]) != javaClass(v) {
			return nil, false, nil
		}
		return int32(compareNumbers(v, args[0])), true, nil
	}
	return objectMethod(v, name, args)
}

func javaD2L(x float64, lo, hi int64) int64 {
	switch {
	case math.IsNaN(x):
		return 0
	case x <= float64(lo):
		return lo
	case x >= float64(hi):
		return hi
	}
	return int64(x)
}

func boolMethod(b bool, name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "booleanValue":
			return b, true, nil
		case "toString":
			return strconv.FormatBool(b), true, nil
		}
	}
	return objectMethod(b, name, args)
}
