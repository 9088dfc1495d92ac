package vtleval

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
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
//	float32    java.lang.Float
//	*BigDecimal java.math.BigDecimal
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

// ArgBorrower is a MethodCaller whose CallMethod never keeps its args
// slice (or a subslice of it) after it returns. The engine then passes
// arguments in a reused slice instead of allocating one per call.
type ArgBorrower interface {
	MethodCaller
	BorrowsArgs()
}

// PropertySetter implements #set($obj.name = v).
type PropertySetter interface {
	SetProperty(name string, v Value) bool
}

// Map is an insertion-ordered map with Java semantics.
type Map struct {
	keys []Value
	vals []Value
	idx  map[any]int // mapKey -> position; nil while the map is small (see find)
	// Hash makes iteration follow java.util.HashMap order instead of
	// insertion order.
	Hash bool
	// Blank makes toString() return "" (API Gateway's $context maps).
	Blank bool
	// mod counts structural changes, for fail-fast iteration.
	mod int
}

// NewMap returns an empty map.
func NewMap() *Map { return &Map{} }

// NewMapFromPairs returns the map Put makes of the pairs kv (key, value,
// key, value, …) in order, sized for them in one allocation.
func NewMapFromPairs(kv []Value) *Map {
	n := len(kv) / 2
	buf := make([]Value, 2*n)
	m := &Map{keys: buf[:0:n], vals: buf[n : n : 2*n]}
	for i := 0; i+1 < len(kv); i += 2 {
		m.Put(kv[i], kv[i+1])
	}
	return m
}

// Arena makes maps and lists in blocks, for a parser that builds many at
// once (a JSON document): a few allocations instead of two per object.
// They are the maps NewMapFromPairs and the lists a List literal make; an
// arena's blocks stay in memory while any of them is in use. The zero
// Arena is ready to use; it is not safe for concurrent use.
type Arena struct {
	maps   []Map
	lists  []List
	vals   []Value
	strs   []string
	floats []float64
	// sizes of the last blocks: they start small and double
	n, nMaps, nLists, nStrs, nFloats int
}

// String returns s as a Value whose string header lives in one of the
// arena's blocks. Storing a string in an interface otherwise allocates
// 16 bytes for the header each time, which is most of what building a
// JSON body's values allocates. The Value is an ordinary string to
// everything that reads it.
func (a *Arena) String(s string) Value {
	p := nextIn(&a.strs, &a.nStrs, 16)
	*p = s
	return valueAt(stringType, unsafe.Pointer(p))
}

// Float is String for a Double.
func (a *Arena) Float(f float64) Value {
	p := nextIn(&a.floats, &a.nFloats, 64) // 512 bytes to start
	*p = f
	return valueAt(float64Type, unsafe.Pointer(p))
}

// nextIn takes the next element of *block, first making a new block when
// it is used up: of first elements, then twice the last size (*size), up
// to 256.
func nextIn[T any](block *[]T, size *int, first int) *T {
	if len(*block) == 0 {
		*size = min(max(2**size, first), 256)
		*block = make([]T, *size)
	}
	p := &(*block)[0]
	*block = (*block)[1:]
	return p
}

// ReserveScalars makes the arena's next strings and Doubles (String,
// Float) come from blocks of at least these sizes, for a caller that can
// guess how many it will box.
func (a *Arena) ReserveScalars(strs, floats int) {
	if len(a.strs) < strs {
		a.nStrs = strs
		a.strs = make([]string, strs)
	}
	if len(a.floats) < floats {
		a.nFloats = floats
		a.floats = make([]float64, floats)
	}
}

// ArenaBlocks are blocks an arena took from a pool (ReservePooled), for
// the caller to give back (Release) once the values made from them are
// no longer used: the next parse then reuses memory that is still in the
// cache, instead of the allocator's zeroed fresh memory.
type ArenaBlocks struct {
	maps   []Map
	vals   []Value
	lists  []List
	strs   []string
	floats []float64
}

var arenaBlocks = sync.Pool{New: func() any { return new(ArenaBlocks) }}

// ReservePooled is Reserve, ReserveLists and ReserveScalars with blocks
// from a pool. The caller must Release them once no Value the arena makes
// from them is used any more (not the strings or numbers read out of such
// Values: a string's bytes are never in a block).
func (a *Arena) ReservePooled(maps, values, lists, strs, floats int) *ArenaBlocks {
	b := arenaBlocks.Get().(*ArenaBlocks)
	a.maps, b.maps = poolBlock(b.maps, maps)
	a.vals, b.vals = poolBlock(b.vals, values)
	a.lists, b.lists = poolBlock(b.lists, lists)
	a.strs, b.strs = poolBlock(b.strs, strs)
	a.floats, b.floats = poolBlock(b.floats, floats)
	a.nStrs, a.nFloats = strs, floats
	return b
}

// poolBlock returns n zero elements of block, or of a new one when block
// is shorter, and the block to keep.
func poolBlock[T any](block []T, n int) ([]T, []T) {
	if len(block) < n {
		block = make([]T, n)
	}
	return block[:n:n], block
}

// Release clears the blocks and gives them back to the pool. No Value made
// from them may be used afterwards.
func (b *ArenaBlocks) Release() {
	clear(b.maps)
	clear(b.vals)
	clear(b.lists)
	clear(b.strs)
	clear(b.floats)
	if len(b.vals) <= 1<<14 { // (a huge body's blocks go to the collector)
		arenaBlocks.Put(b)
	}
}

// eface is the layout of an interface value without methods (the Go
// runtime's eface: type word, data word), through which valueAt builds
// a Value that points at a value the arena holds, as the runtime's own
// conversions point at the copy they allocate. TestArenaBoxes checks
// that such Values behave as ordinary ones, across collections.
type eface struct {
	typ, data unsafe.Pointer
}

var (
	stringType  = typeWord("")
	float64Type = typeWord(0.0)
)

func typeWord(v Value) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// valueAt returns the Value of type typ (a typeWord) stored at data,
// which must not change afterwards.
func valueAt(typ, data unsafe.Pointer) (v Value) {
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, data
	return v
}

// values returns n zeroed Values with no spare capacity.
func (a *Arena) values(n int) []Value {
	if len(a.vals) < n {
		a.n = min(max(2*a.n, 16), 1024)
		if n > a.n/4 {
			return make([]Value, n)
		}
		a.vals = make([]Value, a.n)
	}
	v := a.vals[:n:n]
	a.vals = a.vals[n:]
	return v
}

// Reserve makes the arena's next maps and values come from blocks of at
// least these sizes, for a caller that knows what it will build.
func (a *Arena) Reserve(maps, values int) {
	if len(a.maps) < maps {
		a.maps = make([]Map, maps)
	}
	if len(a.vals) < values {
		a.vals = make([]Value, values)
	}
}

// ReserveLists makes the arena's next lists come from a block of at least
// n, for a caller that knows how many it will build.
func (a *Arena) ReserveLists(n int) {
	if len(a.lists) < n {
		a.lists = make([]List, n)
	}
}

// MapFromPairs is NewMapFromPairs.
func (a *Arena) MapFromPairs(kv []Value) *Map { return a.MapWithRoom(kv, 0) }

// newMap returns a zero map from the arena's block.
func (a *Arena) newMap() *Map {
	if len(a.maps) == 0 {
		a.nMaps = min(max(2*a.nMaps, 2), 64)
		a.maps = make([]Map, a.nMaps)
	}
	m := &a.maps[0]
	a.maps = a.maps[1:]
	return m
}

// MapWithRoom is MapFromPairs with room for room more entries, which Put
// then adds without allocating.
func (a *Arena) MapWithRoom(kv []Value, room int) *Map {
	m := a.newMap()
	n := len(kv) / 2
	c := n + room
	buf := a.values(2 * c)
	if n < mapIndexMin && distinctStringKeys(kv) {
		// what Put makes of them (a JSON object's keys, mostly), without
		// looking each up
		for i := 0; i < n; i++ {
			buf[i], buf[c+i] = kv[2*i], kv[2*i+1]
		}
		m.keys, m.vals, m.mod = buf[:n:c], buf[c:c+n:2*c], n
		return m
	}
	m.keys, m.vals = buf[:0:c], buf[c:c:2*c]
	for i := 0; i+1 < len(kv); i += 2 {
		m.Put(kv[i], kv[i+1])
	}
	return m
}

// CloneTree returns a copy of m made by a, as m would be after the same
// Puts and Removes (its entries in order, its capacity, its mod count),
// in which each value that is a *Map is itself copied, recursively; other
// values are shared. m must not contain itself. It is for a host that
// would build the same maps for every render: it builds them once and
// hands out copies. TreeSize gives what Reserve needs for a copy.
func (a *Arena) CloneTree(m *Map) *Map {
	c := a.newMap()
	n, ck, cv := len(m.keys), cap(m.keys), cap(m.vals)
	buf := a.values(ck + cv)
	copy(buf, m.keys)
	copy(buf[ck:], m.vals)
	*c = Map{keys: buf[:n:ck], vals: buf[ck : ck+n : ck+cv], Hash: m.Hash, Blank: m.Blank, mod: m.mod}
	if m.idx != nil {
		c.idx = maps.Clone(m.idx)
	}
	for i, v := range c.vals {
		if sm, ok := v.(*Map); ok {
			c.vals[i] = a.CloneTree(sm)
		}
	}
	return c
}

// TreeSize counts the maps CloneTree(m) makes and the values it takes.
func TreeSize(m *Map) (nMaps, nValues int) {
	nMaps, nValues = 1, cap(m.keys)+cap(m.vals)
	for _, v := range m.vals {
		if sm, ok := v.(*Map); ok {
			n, vs := TreeSize(sm)
			nMaps, nValues = nMaps+n, nValues+vs
		}
	}
	return nMaps, nValues
}

// distinctStringKeys reports whether the keys of the pairs kv are strings,
// no two of them equal.
func distinctStringKeys(kv []Value) bool {
	// keys whose length and end bytes differ are different: a bit each
	// in a mask settles most objects without comparing any two keys
	var seen uint64
	clash := false
	for i := 0; i+1 < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return false
		}
		sig := uint(len(k))
		if len(k) > 0 {
			sig = sig*7 + uint(k[0])*3 + uint(k[len(k)-1])
		}
		bit := uint64(1) << (sig & 63)
		clash = clash || seen&bit != 0
		seen |= bit
	}
	if !clash {
		return true
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		for j := 0; j < i; j += 2 {
			if kv[j].(string) == k {
				return false
			}
		}
	}
	return true
}

// List returns a list of a copy of items (a JSON array when json is set).
func (a *Arena) List(items []Value, json bool) *List {
	if len(a.lists) == 0 {
		a.nLists = min(max(2*a.nLists, 2), 64)
		a.lists = make([]List, a.nLists)
	}
	l := &a.lists[0]
	a.lists = a.lists[1:]
	l.Items = a.values(len(items))
	copy(l.Items, items)
	l.JSON = json
	return l
}

// mapIndexMin is the size from which a map keeps a hash index; smaller maps
// (most of them: parameters, $context, JSON objects) are searched linearly,
// which allocates nothing and, for string keys, is faster up to about 20
// entries than hashing an interface (measured on $context's keys).
const mapIndexMin = 20

type bigKey string

type bigDecKey string

// mapKey turns a map key into a Go map key with Java's equals: numbers of
// different classes differ, 0.0 and -0.0 differ, NaN equals NaN, and lists
// and maps are equal when their contents are.
func mapKey(k Value) any {
	switch k := k.(type) {
	case *big.Int:
		return bigKey(k.String())
	case *BigDecimal:
		return bigDecKey(k.String())
	case float64:
		if k != k {
			return doubleKey(0x7ff8000000000000)
		}
		return doubleKey(math.Float64bits(k))
	case float32:
		if k != k {
			return floatKey(0x7fc00000)
		}
		return floatKey(math.Float32bits(k))
	case *List, *Map, *Entry:
		var sb strings.Builder
		writeKey(&sb, k, 0)
		return compositeKey(sb.String())
	}
	return k
}

type (
	doubleKey    uint64
	floatKey     uint32
	compositeKey string
)

// writeKey writes a canonical encoding of v: equal (by Java's equals)
// values, and only those, write the same text.
func writeKey(sb *strings.Builder, v Value, depth int) {
	if depth > 50 {
		sb.WriteString("…")
		return
	}
	switch v := v.(type) {
	case *List:
		sb.WriteString("L[")
		for _, it := range v.Items {
			writeKey(sb, it, depth+1)
			sb.WriteByte(',')
		}
		sb.WriteByte(']')
	case *Map:
		// Map.equals ignores order
		var parts []string
		v.Entries(func(k, val Value) {
			var e strings.Builder
			writeKey(&e, k, depth+1)
			e.WriteByte('=')
			writeKey(&e, val, depth+1)
			parts = append(parts, e.String())
		})
		sort.Strings(parts)
		sb.WriteString("M{")
		for _, p := range parts {
			sb.WriteString(p)
			sb.WriteByte(',')
		}
		sb.WriteByte('}')
	case *Entry:
		sb.WriteString("E(")
		writeKey(sb, v.Key, depth+1)
		sb.WriteByte('=')
		writeKey(sb, v.value(), depth+1)
		sb.WriteByte(')')
	case string:
		sb.WriteString(strconv.Quote(v))
	case nil:
		sb.WriteString("null")
	default:
		fmt.Fprintf(sb, "%s:%s", javaClass(v), ToString(v))
	}
}

// Len returns the number of entries.
func (m *Map) Len() int { return len(m.keys) }

// find returns the position of the entry whose key is key (a mapKey), or -1.
func (m *Map) find(key any) int {
	if m.idx != nil {
		if i, ok := m.idx[key]; ok {
			return i
		}
		return -1
	}
	if ks, ok := key.(string); ok {
		// mapKey of a string is the string itself
		for i, k := range m.keys {
			if s, ok := k.(string); ok && sameText(s, ks) {
				return i
			}
		}
		return -1
	}
	for i, k := range m.keys {
		if mapKey(k) == key {
			return i
		}
	}
	return -1
}

// Get returns the value for k.
func (m *Map) Get(k Value) (Value, bool) {
	if i := m.find(mapKey(k)); i >= 0 {
		return m.vals[i], true
	}
	return nil, false
}

// GetString is Get of a string key, without boxing the key.
func (m *Map) GetString(k string) (Value, bool) { return m.getString(k) }

// getString is Get of a string key, without boxing the key.
func (m *Map) getString(k string) (Value, bool) {
	if i := m.stringIndex(k); i >= 0 {
		return m.vals[i], true
	}
	return nil, false
}

// stringIndex is the position of the string key k, or -1.
func (m *Map) stringIndex(k string) int {
	if m.idx != nil {
		if i, ok := m.idx[k]; ok {
			return i
		}
		return -1
	}
	for i, mk := range m.keys {
		// mapKey of a string is the string itself
		if s, ok := mk.(string); ok && sameText(s, k) {
			return i
		}
	}
	return -1
}

// getStringHinted is getString's value for a property read at one place
// of a template: maps read there mostly hold the key at the same index
// (the same JSON objects, the same $context), so that index, kept in
// *hint, is tried first.
func (m *Map) getStringHinted(k string, hint *int32) Value {
	if i := int(atomic.LoadInt32(hint)); i < len(m.keys) {
		if s, ok := m.keys[i].(string); ok && sameText(s, k) {
			return m.vals[i]
		}
	}
	i := m.stringIndex(k)
	if i < 0 {
		return nil
	}
	atomic.StoreInt32(hint, int32(i))
	return m.vals[i]
}

// sameText is a == b, quicker where maps search their keys: a key looked
// up is often the stored string itself (from keySet or the same literal),
// and keys of one length mostly differ in their first byte.
func sameText(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || identical(a, b) {
		return true
	}
	return a[0] == b[0] && a == b
}

// identical reports whether a and b are the same bytes in memory.
func identical(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}

// mapInitCap is the room the first Put makes for keys and for values (in
// one allocation): most maps are small.
const mapInitCap = 4

// Put sets k to v and returns the previous value (nil if none).
func (m *Map) Put(k, v Value) Value {
	key := mapKey(k)
	if i := m.find(key); i >= 0 {
		old := m.vals[i]
		m.vals[i] = v
		return old
	}
	if n := len(m.keys); n == cap(m.keys) || n == cap(m.vals) {
		// grow keys and values together, in one allocation
		c := max(mapInitCap, 2*n)
		buf := make([]Value, 2*c)
		copy(buf, m.keys)
		copy(buf[c:], m.vals)
		m.keys = buf[:n:c]
		m.vals = buf[c : c+n : 2*c]
	}
	m.mod++
	if m.idx != nil {
		m.idx[key] = len(m.keys)
	} else if len(m.keys)+1 >= mapIndexMin {
		m.idx = make(map[any]int, 2*mapIndexMin)
		for i, k := range m.keys {
			m.idx[mapKey(k)] = i
		}
		m.idx[key] = len(m.keys)
	}
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, v)
	return nil
}

// Remove deletes k and returns its value.
func (m *Map) Remove(k Value) Value {
	i := m.find(mapKey(k))
	if i < 0 {
		return nil
	}
	old := m.vals[i]
	m.mod++
	m.keys = append(m.keys[:i], m.keys[i+1:]...)
	m.vals = append(m.vals[:i], m.vals[i+1:]...)
	if m.idx != nil {
		delete(m.idx, mapKey(k))
		for j := i; j < len(m.keys); j++ {
			m.idx[mapKey(m.keys[j])] = j
		}
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
	if !m.Hash {
		// insertion order: read the values in place while f leaves the
		// map's structure alone
		keys, vals, mod := m.keys, m.vals, m.mod
		for i, k := range keys {
			if m.mod != mod {
				v, _ := m.Get(k)
				f(k, v)
				continue
			}
			f(k, vals[i])
		}
		return
	}
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
	// mod counts structural changes (Java's modCount), for fail-fast
	// iteration.
	mod int
	// view is set on the keySet(), values() and entrySet() of a map: a
	// Set or Collection view, not a List (no get, no index), whose
	// iteration fails when the map changes.
	view   string
	viewOf *Map
}

// Entry is a java.util.Map.Entry.
type Entry struct {
	Key, Value Value
	m          *Map
}

// ToString is Java's String.valueOf(v).
func ToString(v Value) string {
	// the common scalars without a builder
	switch v := v.(type) {
	case string:
		return v
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return FormatDouble(v)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "null"
	}
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
	case float32:
		sb.WriteString(formatFloat(v))
	case *BigDecimal:
		sb.WriteString(v.String())
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
		writeString(sb, v.value(), depth+1)
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
	case float32:
		if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
			sb.WriteString("null")
		} else {
			sb.WriteString(formatFloat(v))
		}
	case int32, int64, *big.Int, bool, *BigDecimal:
		writeString(sb, v, depth)
	case *Map:
		sb.WriteByte('{')
		first := true
		v.Entries(func(k, val Value) {
			if !first {
				sb.WriteByte(',')
			}
			first = false
			if s, ok := k.(string); ok {
				writeJSONString(sb, s)
			} else {
				writeJSONString(sb, ToString(k))
			}
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

// jsonPlain marks the ASCII bytes writeJSONString copies as they are.
var jsonPlain = func() (t [128]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = c != '"' && c != '\\' && c != '/'
	}
	return t
}()

func writeJSONString(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	// copy the longest prefix of plain ASCII at once
	i := 0
	for i < len(s) && s[i] < 0x80 && jsonPlain[s[i]] {
		i++
	}
	sb.WriteString(s[:i])
	if i == len(s) {
		sb.WriteByte('"')
		return
	}
	s = s[i:]
	for _, c := range s {
		if c < 0x80 && jsonPlain[c] {
			sb.WriteByte(byte(c))
			continue
		}
		var buf [8]byte
		sb.Write(AppendJSONRune(buf[:0], c))
	}
	sb.WriteByte('"')
}

// AppendJSONRune appends one character of a string as JSON writes it
// (json-smart's NO_COMPRESS style: '/' escaped, control characters,
// U+007F–U+009F and U+2000–U+20FF as \uXXXX, everything else as it is).
func AppendJSONRune(b []byte, c rune) []byte {
	if c < 0x80 && jsonPlain[c] {
		return append(b, byte(c))
	}
	switch c {
	case '"':
		return append(b, `\"`...)
	case '\\':
		return append(b, `\\`...)
	case '\b':
		return append(b, `\b`...)
	case '\f':
		return append(b, `\f`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	case '/':
		return append(b, `\/`...)
	}
	if c <= 0x1F || c >= 0x7F && c <= 0x9F || c >= 0x2000 && c <= 0x20FF {
		return append(b, '\\', 'u', hexUpper[c>>12&0xF], hexUpper[c>>8&0xF], hexUpper[c>>4&0xF], hexUpper[c&0xF])
	}
	return utf8.AppendRune(b, c)
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
	case float32:
		bf, ok := b.(float32)
		return ok && math.Float32bits(a) == math.Float32bits(bf) || ok && a != a && bf != bf
	case *BigDecimal:
		bd, ok := b.(*BigDecimal)
		return ok && a.equals(bd)
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
	case float32:
		return "java.lang.Float"
	case *BigDecimal:
		return "java.math.BigDecimal"
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
		if v.Array {
			return "[" + v.Elem
		}
		if v.view != "" {
			prefix := "java.util.LinkedHashMap$Linked"
			if v.viewOf.Hash {
				prefix = "java.util.HashMap$"
			}
			return prefix + v.view
		}
		return "java.util.ArrayList"
	case *Entry:
		if v.m != nil && v.m.Hash {
			return "java.util.HashMap$Node"
		}
		return "java.util.LinkedHashMap$Entry"
	case Object:
		return v.JavaClass()
	}
	return "java.lang.Object"
}

func isNumber(v Value) bool {
	switch v.(type) {
	case int32, int64, *big.Int, float64, float32, *BigDecimal:
		return true
	}
	return false
}
