package vtleval

import (
	"fmt"
	"math"
	"math/big"
	"sort"
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

// maxCollection bounds the size of lists and maps a template builds; a
// JVM with a 1 GB heap fails well before.
const maxCollection = 1 << 24

func tooBig() error {
	return throw("java.lang.OutOfMemoryError", "Java heap space (a collection of more than %d elements)", maxCollection)
}

// voidResult is what Velocity makes of a void method: "".
const voidResult = ""

// smallView is a view list of up to 4 elements with its items, allocated
// together.
type smallView struct {
	l     List
	items [4]Value
}

// keySetView is keySet(): a copy of the keys, as a view of m.
func keySetView(m *Map) *List {
	keys := m.Keys()
	if n := len(keys); n > 0 && n <= len(smallView{}.items) {
		sv := &smallView{}
		copy(sv.items[:], keys)
		sv.l = List{Items: sv.items[:n:n], view: "KeySet", viewOf: m}
		return &sv.l
	}
	return &List{Items: append([]Value(nil), keys...), view: "KeySet", viewOf: m}
}

// getProperty is UberspectImpl.getPropertyGet + invoke: $obj.name.
func getProperty(v Value, name string) Value {
	if name == "class" {
		if _, ok := v.(*Map); !ok || true {
			return javaClassValue(javaClass(v))
		}
	}
	switch v := v.(type) {
	case *Map:
		r, _ := v.getString(name)
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
	switch name {
	case "getName", "getTypeName", "getCanonicalName":
		if len(args) == 0 {
			return strings.ReplaceAll(string(c), "$", map[bool]string{true: ".", false: "$"}[name == "getCanonicalName"]), true, nil
		}
	case "getSimpleName":
		if len(args) == 0 {
			str := string(c)
			switch {
			case str == "[C":
				return "char[]", true, nil
			case strings.HasPrefix(str, "[L"):
				str = strings.TrimSuffix(str[2:], ";")
				return str[strings.LastIndexAny(str, ".$")+1:] + "[]", true, nil
			}
			return str[strings.LastIndexAny(str, ".$")+1:], true, nil
		}
	case "getPackageName":
		if len(args) == 0 {
			str := string(c)
			return str[:max(strings.LastIndex(str, "."), 0)], true, nil
		}
	case "toString":
		if len(args) == 0 {
			return c.String(), true, nil
		}
	case "isArray", "isInterface", "isPrimitive", "isEnum", "isAnnotation", "isAnonymousClass", "isLocalClass", "isMemberClass", "isRecord", "isSynthetic":
		if len(args) == 0 {
			return name == "isMemberClass" && strings.Contains(string(c), "$"), true, nil
		}
	case "equals":
		if len(args) == 1 {
			return c == args[0], true, nil
		}
	case "hashCode":
		if len(args) == 0 {
			return int32(javaHash(string(c))), true, nil
		}
	case "getClass":
		if len(args) == 0 {
			return javaClassValue("java.lang.Class"), true, nil
		}
	}
	if len(args) > 0 && strings.Contains(zeroArgClassMethods, " "+name+" ") {
		return nil, true, throw("java.lang.IllegalArgumentException", "wrong number of arguments")
	}
	// Velocity calls the static methods of the class a Class stands for
	// (VELOCITY-102); an instance method fails, as Method.invoke does on
	// the Class object.
	return staticMethod(string(c), name, args)
}

// zeroArgClassMethods are java.lang.Class's public methods without
// parameters (JDK 17).
const zeroArgClassMethods = " arrayType componentType describeConstable descriptorString desiredAssertionStatus getAnnotatedInterfaces getAnnotatedSuperclass getAnnotations getCanonicalName getClass getClassLoader getClasses getComponentType getConstructors getDeclaredAnnotations getDeclaredClasses getDeclaredConstructors getDeclaredFields getDeclaredMethods getDeclaringClass getEnclosingClass getEnclosingConstructor getEnclosingMethod getEnumConstants getFields getGenericInterfaces getGenericSuperclass getInterfaces getMethods getModifiers getModule getName getNestHost getNestMembers getPackage getPackageName getPermittedSubclasses getProtectionDomain getRecordComponents getSigners getSimpleName getSuperclass getTypeName getTypeParameters hashCode isAnnotation isAnonymousClass isArray isEnum isHidden isInterface isLocalClass isMemberClass isPrimitive isRecord isSealed isSynthetic newInstance notify notifyAll toGenericString toString wait "

// staticMethod calls a static method of the named class through a Class
// value.
func staticMethod(class, name string, args []Value) (Value, bool, error) {
	var table []jmethod
	var sample Value
	switch class {
	case "java.lang.Integer":
		table = integerMethods
	case "java.lang.Long":
		table = longMethods
	case "java.lang.Double":
		table = doubleMethods
	case "java.lang.Float":
		table = floatMethods
	case "java.lang.Boolean":
		table = booleanMethods
	case "java.math.BigInteger":
		table = bigIntegerMethods
	case "java.math.BigDecimal":
		table = bigDecimalMethods
	case "java.lang.String":
		switch name {
		case "valueOf", "copyValueOf", "join":
			return stringMethod("", name, args)
		}
		sample = ""
	case "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.HashMap":
		sample = class
	case "java.util.LinkedHashMap$Entry", "java.util.HashMap$Node":
		sample = &Entry{}
	case "org.apache.velocity.runtime.directive.ForeachScope":
		sample = &foreachScope{index: -1}
	default:
		return nil, false, nil
	}
	notInstance := throw("java.lang.IllegalArgumentException", "object is not an instance of declaring class")
	if table != nil {
		m, err := findMethod(table, class, name, args)
		if err != nil || m == nil {
			return nil, err != nil, err
		}
		if !m.static {
			return nil, true, notInstance
		}
		if len(m.params) != len(args) {
			return nil, true, throw("java.lang.IllegalArgumentException", "wrong number of arguments")
		}
		v, err := m.fn(nil, args)
		return v, true, err
	}
	// the instance methods of String, ArrayList and the maps: found on a
	// scratch value (so the arguments are checked), then refused
	switch sample {
	case "java.util.ArrayList":
		sample = &List{}
	case "java.util.LinkedHashMap", "java.util.HashMap":
		sample = NewMap()
	}
	if _, found, err := callMethod(sample, name, args); found || err != nil {
		return nil, true, notInstance
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

// index is ASTIndex.execute: $v[idx] calls get(idx), after turning a
// negative Integer index into size() + idx (which needs a size() method).
func index(v Value, idx Value) (Value, error) {
	if i, ok := idx.(int32); ok && i < 0 {
		sz, found, err := callMethod(v, "size", nil)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, throw("org.apache.velocity.exception.VelocityException", "A 'size()' method required for negative value %d does not exist for class '%s'", i, javaClass(v))
		}
		n, ok := sz.(int32)
		if !ok {
			return nil, throw("org.apache.velocity.exception.VelocityException", "Method 'size()' on class '%s' returned '%s' when Integer was expected", javaClass(v), javaClass(sz))
		}
		idx = n + i
	}
	switch o := v.(type) {
	case *List:
		i, ok := asInt(idx)
		if !ok || o.view != "" {
			return nil, nil // a Set has no get(int)
		}
		if i < 0 || i >= len(o.Items) {
			return nil, throw("java.lang.IndexOutOfBoundsException", "Index %d out of bounds for length %d", i, len(o.Items))
		}
		return o.Items[i], nil
	case *Map:
		r, _ := o.Get(idx)
		return r, nil
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

// zeroArgMethods names, per class, the public methods without parameters
// (JDK 17). Velocity 1.7's method matching takes such a method for a call
// with any number of arguments, which then fails with "wrong number of
// arguments" (MethodMap.isApplicable).
var zeroArgMethods = map[string]string{
	"java.lang.String":                                   " chars codePoints describeConstable getBytes getClass hashCode intern isBlank isEmpty length lines notify notifyAll strip stripIndent stripLeading stripTrailing toCharArray toLowerCase toString toUpperCase translateEscapes trim wait ",
	"java.util.ArrayList":                                " clear clone getClass hashCode isEmpty iterator listIterator notify notifyAll parallelStream size spliterator stream toArray toString trimToSize wait ",
	"net.minidev.json.JSONArray":                         " clear clone getClass hashCode isEmpty iterator listIterator notify notifyAll parallelStream size spliterator stream toArray toJSONString toString trimToSize wait ",
	"java.util.LinkedHashMap":                            " clear clone entrySet getClass hashCode isEmpty keySet notify notifyAll size toString values wait ",
	"java.util.HashMap":                                  " clear clone entrySet getClass hashCode isEmpty keySet notify notifyAll size toString values wait ",
	"org.apache.velocity.runtime.directive.ForeachScope": " clear entrySet getClass getCount getFirst getHasNext getIndex getInfo getLast getParent getReplaced getTopmost hasNext hashCode isEmpty isFirst isLast keySet notify notifyAll size toString values wait ",
	"org.apache.velocity.runtime.directive.Scope$Info":   " getClass getColumn getDepth getLine getName getTemplate getType hashCode notify notifyAll toString wait ",
	"array":                                  " clear getClass hashCode isEmpty iterator listIterator notify notifyAll parallelStream size spliterator stream toArray toString wait ",
	"java.util.LinkedHashMap$LinkedKeySet":   mapViewZeroArg,
	"java.util.LinkedHashMap$LinkedValues":   mapViewZeroArg,
	"java.util.LinkedHashMap$LinkedEntrySet": mapViewZeroArg,
	"java.util.HashMap$KeySet":               mapViewZeroArg,
	"java.util.HashMap$Values":               mapViewZeroArg,
	"java.util.HashMap$EntrySet":             mapViewZeroArg,
	"java.util.LinkedHashMap$Entry":          mapEntryZeroArg,
	"java.util.HashMap$Node":                 mapEntryZeroArg,
}

// mapViewZeroArg: a map view's class is not public, so Velocity sees the
// methods of AbstractCollection, Set/Collection and Object.
const mapViewZeroArg = " clear getClass hashCode isEmpty iterator notify notifyAll parallelStream size spliterator stream toArray toString wait "

// mapEntryZeroArg: an entry's class is not public, so Velocity sees the
// methods of Map.Entry and Object.
const mapEntryZeroArg = " comparingByKey comparingByValue getClass getKey getValue hashCode notify notifyAll toString wait "

// callMethod calls a Java method on v. found is false when no method of that
// name accepts these arguments.
func callMethod(v Value, name string, args []Value) (Value, bool, error) {
	r, found, err := callMethod1(v, name, args)
	if !found && err == nil && len(args) > 0 && v != nil {
		class := javaClass(v)
		if l, ok := v.(*List); ok && l.Array {
			class = "array"
		}
		if names, ok := zeroArgMethods[class]; ok && strings.Contains(names, " "+name+" ") {
			return nil, true, throw("java.lang.IllegalArgumentException", "wrong number of arguments")
		}
	}
	return r, found, err
}

func callMethod1(v Value, name string, args []Value) (Value, bool, error) {
	switch o := v.(type) {
	case string:
		r, found, err := stringMethod(o, name, args)
		if _, ok := r.(sameString); ok {
			r = v
		}
		return r, found, err
	case *List:
		return listMethod(o, name, args)
	case *Map:
		return mapMethod(o, name, args)
	case *Entry:
		return entryMethod(o, name, args)
	case int32, int64, *big.Int, float64, float32, *BigDecimal, bool:
		return numberMethod(o, name, args)
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
	case *Entry:
		var kh, vh uint32
		if v.Key != nil {
			kh = javaHashCode(v.Key)
		}
		if v.Value != nil {
			vh = javaHashCode(v.Value)
		}
		return kh ^ vh
	case float32:
		return math.Float32bits(v)
	case *big.Int:
		return bigIntHash(v)
	case Char:
		return uint32(v)
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

// bigIntHash is BigInteger.hashCode: 31-based over the magnitude's 32-bit
// words, most significant first, times the sign.
func bigIntHash(b *big.Int) uint32 {
	var h uint32
	words := new(big.Int).Abs(b).Bytes()
	for len(words)%4 != 0 {
		words = append([]byte{0}, words...)
	}
	for i := 0; i < len(words); i += 4 {
		w := uint32(words[i])<<24 | uint32(words[i+1])<<16 | uint32(words[i+2])<<8 | uint32(words[i+3])
		h = 31*h + w
	}
	return h * uint32(int32(b.Sign()))
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

// sameString is what stringMethod returns for a result that is the
// receiver itself (a replaceAll that replaced nothing, a trim of nothing):
// callMethod1 answers the receiver's Value, which spares boxing a new one.
type sameString struct{}

// strResult is r as stringMethod returns it for receiver s.
func strResult(r, s string) Value {
	if identical(r, s) {
		return sameString{}
	}
	return r
}

func stringMethod(s string, name string, args []Value) (Value, bool, error) {
	n := len(args)
	switch name {
	case "valueOf", "copyValueOf":
		// static String.valueOf through an instance
		if n == 1 && name == "valueOf" {
			switch a := args[0].(type) {
			case nil:
				return "null", true, nil // Velocity picks valueOf(Object)
			case *List:
				if a.Array && a.Elem == "C" {
					var sb strings.Builder
					for _, c := range a.Items {
						sb.WriteString(ToString(c))
					}
					return sb.String(), true, nil
				}
			}
			return ToString(args[0]), true, nil
		}
	case "join":
		// static String.join(delimiter, elements...) / (delimiter, Iterable)
		if n >= 1 {
			d, ok := args[0].(string)
			if !ok && args[0] != nil {
				break
			}
			elems := args[1:]
			if n == 2 && args[1] == nil {
				// join(CharSequence, CharSequence...) and join(CharSequence,
				// Iterable) both take null: ambiguous, so no method
				return nil, false, nil
			}
			if n == 2 {
				if l, ok := args[1].(*List); ok {
					elems = l.Items
				} else if args[1] != nil {
					if _, ok := args[1].(string); !ok {
						break
					}
				}
			} else {
				for _, e := range elems {
					if _, ok := e.(string); !ok && e != nil {
						return nil, false, nil
					}
				}
			}
			if args[0] == nil || n == 2 && args[1] == nil {
				return nil, true, npe()
			}
			parts := make([]string, len(elems))
			for i, e := range elems {
				switch e := e.(type) {
				case string:
					parts[i] = e
				case nil:
					parts[i] = "null"
				default:
					return nil, true, throw("java.lang.ClassCastException", "class %s cannot be cast to class java.lang.CharSequence", javaClass(e))
				}
			}
			return strings.Join(parts, d), true, nil
		}
	case "codePointCount":
		if n == 2 {
			b, ok1 := asInt(args[0])
			e, ok2 := asInt(args[1])
			if !ok1 || !ok2 {
				break
			}
			u := u16(s)
			if b < 0 || e > len(u) || b > e {
				return nil, true, throw("java.lang.IndexOutOfBoundsException", "")
			}
			return int32(len([]rune(s16(u[b:e])))), true, nil
		}
	case "length":
		if n == 0 {
			return int32(utf16Len(s)), true, nil
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
			return sameString{}, true, nil
		}
	case "toUpperCase":
		if n == 0 {
			return strResult(javaUpper(s), s), true, nil
		}
	case "toLowerCase":
		if n == 0 {
			return strResult(javaLower(s), s), true, nil
		}
	case "trim":
		if n == 0 {
			return strResult(strings.TrimFunc(s, func(r rune) bool { return r <= ' ' }), s), true, nil
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
			from := -1
			if n == 2 {
				f, ok := asInt(args[1])
				if !ok {
					return nil, false, nil
				}
				from = f
			}
			var needle []uint16
			switch a := args[0].(type) {
			case string:
				needle = u16(a)
			case Char:
				needle = []uint16{uint16(a)}
			case int32:
				if a < 0 || a > unicode.MaxRune {
					return int32(-1), true, nil
				}
				needle = u16(string(rune(a)))
				if a >= 0xD800 && a < 0xE000 {
					needle = []uint16{uint16(a)}
				}
			case nil:
				return nil, true, npe()
			default:
				return nil, false, nil
			}
			u := u16(s)
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
			off := 0
			if n == 2 {
				if off, ok = asInt(args[1]); !ok {
					return nil, false, nil
				}
			}
			if args[0] == nil {
				return nil, true, npe()
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
				if name == "compareTo" {
					// the bridge method compareTo(Object) casts its argument
					return nil, true, throw("java.lang.ClassCastException", "class %s cannot be cast to class java.lang.String", javaClass(args[0]))
				}
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
			if args[0] == nil || args[1] == nil && name == "replaceFirst" {
				return nil, true, npe()
			}
			if args[1] == nil {
				// Matcher.replaceAll reads the replacement only on a match
				ok, err := javaFind(s, re)
				if err != nil {
					return nil, true, err
				}
				if ok {
					return nil, true, npe()
				}
				return s, true, nil
			}
			r, err := javaReplace(s, re, rep, name == "replaceAll")
			if err != nil {
				return nil, true, err
			}
			return strResult(r, s), true, nil
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
			limit := 0
			if n == 2 {
				if limit, ok = asInt(args[1]); !ok {
					return nil, false, nil
				}
			}
			if args[0] == nil {
				return nil, true, npe()
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

// isASCII reports whether s is all ASCII, where Java's case mappings are
// the plain ones.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// utf16Len is len(u16(s)), the Java length of s, without converting it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func javaUpper(s string) string {
	if isASCII(s) {
		return strings.ToUpper(s)
	}
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
	if isASCII(s) {
		return strings.ToLower(s)
	}
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
	if l.view != "" {
		// a map's Set/Collection view: no positional methods
		switch name {
		case "get", "set", "indexOf", "lastIndexOf", "subList", "sort", "listIterator", "addAll":
			return objectMethod(l, name, args)
		case "clear":
			if n == 0 {
				mapMethod(l.viewOf, "clear", nil)
				l.Items = nil
				return voidResult, true, nil
			}
		case "remove":
			// removes the first matching element and its entry
			if n != 1 {
				return nil, false, nil
			}
			for i, it := range l.Items {
				var match bool
				var key Value
				switch l.view {
				case "KeySet":
					match, key = JavaEquals(it, args[0]), it
				case "Values":
					match = JavaEquals(it, args[0])
					key = l.viewOf.Keys()[i]
				default:
					match = JavaEquals(it, args[0])
					if e, ok := it.(*Entry); ok {
						key = e.Key
					}
				}
				if match {
					l.viewOf.Remove(key)
					l.Items = append(l.Items[:i:i], l.Items[i+1:]...)
					return true, true, nil
				}
			}
			return false, true, nil
		case "add":
			if n == 1 {
				return nil, true, throw("java.lang.UnsupportedOperationException", "")
			}
			return nil, false, nil
		}
	}
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
		// Velocity 1.7 wraps arrays in a fixed-size list (ArrayListWrapper)
		switch name {
		case "subList":
			if n == 2 {
				v, found, err := listMethod(&List{Items: l.Items}, name, args)
				return v, found, err
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
		case "add", "remove", "addAll", "clear", "removeAll", "retainAll":
			if n >= 1 || name == "clear" {
				return nil, true, throw("java.lang.UnsupportedOperationException", "")
			}
		}
		return objectMethod(l, name, args)
	}
	switch name {
	case "add":
		if len(l.Items) >= maxCollection && (n == 1 || n == 2) {
			return nil, true, tooBig()
		}
		if n == 1 {
			l.mod++
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
			l.mod++
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
				l.mod++
				old := l.Items[i]
				l.Items = append(l.Items[:i], l.Items[i+1:]...)
				return old, true, nil
			}
			i := indexOfValue(l.Items, args[0])
			if i < 0 {
				return false, true, nil
			}
			l.mod++
			l.Items = append(l.Items[:i], l.Items[i+1:]...)
			return true, true, nil
		}
	case "addAll":
		if n == 1 {
			if o, ok := args[0].(*List); ok {
				if len(l.Items)+len(o.Items) > maxCollection {
					return nil, true, tooBig()
				}
				l.mod++
				l.Items = append(l.Items, o.Items...)
				return len(o.Items) > 0, true, nil
			}
			if args[0] == nil {
				return nil, true, npe()
			}
		}
	case "clear":
		if n == 0 {
			l.mod++
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
			l.mod++
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
		return compareNumbers(a, b)
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
			if m.Len() >= maxCollection {
				return nil, true, tooBig()
			}
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
		if n == 2 {
			if v, ok := m.Get(args[0]); ok && JavaEquals(v, args[1]) {
				m.Remove(args[0])
				return true, true, nil
			}
			return false, true, nil
		}
	case "replace":
		if n == 2 {
			if v, ok := m.Get(args[0]); ok {
				m.Put(args[0], args[1])
				return v, true, nil
			}
			return nil, true, nil
		}
		if n == 3 {
			if v, ok := m.Get(args[0]); ok && JavaEquals(v, args[1]) {
				m.Put(args[0], args[2])
				return true, true, nil
			}
			return false, true, nil
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
			return keySetView(m), true, nil
		}
	case "values":
		if n == 0 {
			l := &List{view: "Values", viewOf: m}
			m.Entries(func(_, v Value) { l.Items = append(l.Items, v) })
			return l, true, nil
		}
	case "entrySet":
		if n == 0 {
			l := &List{view: "EntrySet", viewOf: m}
			m.Entries(func(k, v Value) { l.Items = append(l.Items, &Entry{Key: k, Value: v, m: m}) })
			return l, true, nil
		}
	case "clear":
		if n == 0 {
			*m = Map{Hash: m.Hash, Blank: m.Blank, mod: m.mod + 1}
			return voidResult, true, nil
		}
	case "toString":
		if n == 0 {
			return ToString(m), true, nil
		}
	}
	return objectMethod(m, name, args)
}

// value is the entry's current value: an entry of a map's entrySet() reads
// through to the map.
func (e *Entry) value() Value {
	if e.m != nil {
		if v, ok := e.m.Get(e.Key); ok {
			e.Value = v
		}
	}
	return e.Value
}

func entryMethod(e *Entry, name string, args []Value) (Value, bool, error) {
	if len(args) == 0 {
		switch name {
		case "getKey":
			return e.Key, true, nil
		case "getValue":
			return e.value(), true, nil
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
