package apigw

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// parseStrictJSON is a fast path for ParseJSON: most bodies are plain,
// valid JSON, which it parses from the bytes without the permissive
// parser's rune conversions. It gives exactly what the permissive parser
// gives for such input (checked by TestFastJSONAgrees), and ok=false for
// anything else, which then goes through the permissive parser.
func parseStrictJSON(s string) (v vtleval.Value, ok bool) {
	p := strictParser{}
	return p.parse(s)
}

// parseStrictJSONCompact is parseStrictJSON that also gives what
// vtleval.JSON prints for the value, its compact printing, for
// $input.json('$') in a template that reads the body's values as well:
// the text with the spans it changes, noted while parsing, written
// otherwise, at a fraction of the cost of a separate pass over the text.
//
// The values' first blocks come from a pool, as with parseJSON(s, true).
func parseStrictJSONCompact(s string) (v vtleval.Value, text string, blocks *vtleval.ArenaBlocks, ok bool) {
	n := notesPool.Get().(*compactNotes)
	defer func() {
		clear(n.repl)
		*n = compactNotes{tokens: n.tokens[:0], repl: n.repl[:0]}
		notesPool.Put(n)
	}()
	p := strictParser{compact: true, compactNotes: n, pooled: true}
	if v, ok = p.parse(s); !ok {
		return nil, "", nil, false
	}
	if p.uneven {
		return v, vtleval.JSON(v), p.blocks, true
	}
	// the text without the whitespace between tokens, and with the
	// tokens written otherwise
	out := make([]byte, 0, p.i-p.start+p.grow+16)
	at := int32(p.start)
	for t := p.tokens; len(t) >= 3; t = t[3:] {
		out = appendNoSpace(out, s[at:t[0]])
		if t[2] == 0 {
			out = append(out, s[t[0]:t[1]]...)
		} else {
			switch v := p.repl[t[2]-1].(type) {
			case string:
				out = appendJSONString(out, v)
			default:
				out = append(out, vtleval.JSON(v)...)
			}
		}
		at = t[1]
	}
	out = appendNoSpace(out, s[at:p.i])
	return v, unsafe.String(&out[0], len(out)), p.blocks, true
}

// appendNoSpace appends the bytes of t but whitespace.
func appendNoSpace(out []byte, t string) []byte {
	out = slices.Grow(out, len(t))
	n := len(out)
	out = out[:n+len(t)]
	for i := 0; i < len(t); i++ {
		// each byte is written, and kept unless it is whitespace
		c := t[i]
		out[n] = c
		n += int(jsonKeep[c])
	}
	return out[:n]
}

// jsonKeep is 1 for the bytes that are not JSON whitespace.
var jsonKeep = func() (t [256]uint8) {
	for c := range t {
		if !jsonSpace[c] {
			t[c] = 1
		}
	}
	return t
}()

// itemsPool keeps the value stacks of strictParser.
var itemsPool = sync.Pool{New: func() any { s := make([]vtleval.Value, 0, 64); return &s }}

// parse parses the JSON text s.
func (p *strictParser) parse(s string) (v vtleval.Value, ok bool) {
	if !utf8.ValidString(s) || len(s) > math.MaxInt32 {
		return nil, false
	}
	p.fastParser = fastParser{s: s}
	// the stack of value, kept from one parse to the next: it holds
	// nothing once a parse is over
	ip := itemsPool.Get().(*[]vtleval.Value)
	p.items = (*ip)[:0]
	defer func() {
		clear(p.items)
		if cap(p.items) <= 4096 {
			*ip = p.items[:0]
			itemsPool.Put(ip)
		}
	}()
	p.fastParser.space()
	if p.i >= len(p.s) || (p.s[p.i] != '{' && p.s[p.i] != '[') {
		return nil, false // bare values and strings: the permissive parser's rules
	}
	p.start = p.i
	if len(s) <= 1<<16 {
		// one block for the document's maps, one for their entries and
		// the lists' items, and one for the lists: at most a map for
		// each brace and a list for each bracket, and not more than the
		// text holds (an entry takes at least 2 bytes of it, a map 3).
		// The m members of the o non-empty objects and the n items of
		// the a non-empty lists take 2m+n values; the text has m colons
		// and (m-o)+(n-a) commas, so 2m+n is colons+commas+o+a, which
		// braces and brackets bound (colons and commas in strings only
		// make more)
		braces, brackets := strings.Count(s, "{"), strings.Count(s, "[")
		maps := min(braces, len(s)/3+1)
		values := min(strings.Count(s, ":")+strings.Count(s, ",")+braces+brackets, len(s)/2+1)
		lists := min(brackets, len(s)/2)
		// a guess, not a bound: the first blocks of the strings and
		// Doubles not met before (see box)
		strs, floats := min(max(len(s)/32, 16), 256), min(max(len(s)/64, 16), 256)
		if p.pooled {
			p.blocks = p.arena.ReservePooled(maps, values, lists, strs, floats)
		} else {
			p.arena.Reserve(maps, values)
			p.arena.ReserveLists(lists)
			p.arena.ReserveScalars(strs, floats)
		}
	}
	v, ok = p.value(0)
	if !ok {
		if p.blocks != nil {
			p.blocks.Release() // nothing has the values
			p.blocks = nil
		}
		return nil, false
	}
	return v, true
}

// fastParser reads the tokens of strict JSON text (for strictParser, and
// for compactJSON's strings with escapes and its numbers).
type fastParser struct {
	s string
	i int
	// the values of strings with escapes are written one after the
	// other into chunks (see str)
	chunk  strings.Builder
	nChunk int
	// plain says that the last string str read has only the ASCII
	// characters vtleval.JSON writes as they are, and no space
	plain bool
}

// strictParser builds the values of strict JSON text.
// at reports whether the next byte is c.
func (p *fastParser) at(c byte) bool { return p.i < len(p.s) && p.s[p.i] == c }

// sep reads what follows a member or an element: ',' when more follow
// (more), close at the end; anything else is not strict JSON (ok=false).
func (p *fastParser) sep(close byte) (more, ok bool) {
	if p.i < len(p.s) {
		switch p.s[p.i] {
		case ',':
			p.i++
			return true, true
		case close:
			p.i++
			return false, true
		}
	}
	return false, false
}

type strictParser struct {
	fastParser
	items []vtleval.Value // see value
	arena vtleval.Arena   // the document's maps and lists
	// pooled has the arena's first blocks taken from a pool: blocks, for
	// the caller to release when the values are no longer used
	pooled bool
	blocks *vtleval.ArenaBlocks
	// the Values of short strings met before, keys and values apart
	// (see box)
	boxedKeys, boxedVals [64]vtleval.Value
	start                int // where the document starts

	// compact makes the parser note what the compact printing of the
	// document needs besides leaving out the whitespace between tokens
	// (parseStrictJSONCompact): tokens, in order, are the strings but
	// the plain ones (others may hold whitespace) and the tokens written
	// otherwise than as they are, each as start, end, and 0 for a string written as it is, or
	// 1 + the index in repl of the value written instead, as
	// vtleval.JSON writes it; grow bounds what those add, mostly; uneven
	// is set when the printing differs otherwise (a repeated key, great
	// depth).
	compact bool
	*compactNotes
	uneven bool
}

type compactNotes struct {
	tokens []int32
	repl   []vtleval.Value
	grow   int
}

// notesPool keeps the notes of parseStrictJSONCompact.
var notesPool = sync.Pool{New: func() any { return new(compactNotes) }}

// rewrite notes that the compact printing writes the token from start to
// p.i as vtleval.JSON writes v.
func (p *strictParser) rewrite(start int, v vtleval.Value) {
	p.repl = append(p.repl, v)
	p.tokens = append(p.tokens, int32(start), int32(p.i), int32(len(p.repl)))
	p.grow += 2 * (p.i - start)
}

// noteString notes the string just read from start, of value v, unless
// it is plain: written as it is, and without the spaces a token would
// keep.
func (p *strictParser) noteString(start int, v vtleval.Value) {
	if jsonTextSame(p.s[start+1 : p.i-1]) {
		p.tokens = append(p.tokens, int32(start), int32(p.i), 0)
		return
	}
	p.rewrite(start, v)
}

// noteNumber notes the number num just read, of value v, when its compact
// printing is not its text.
func (p *strictParser) noteNumber(num string, integer bool, v vtleval.Value) {
	if !numberTextSame(num, integer) {
		p.rewrite(p.i-len(num), v)
	}
}

// jsonTextSame reports whether vtleval.JSON writes the value of a JSON
// string with the text t (valid UTF-8, between the quotes) as t: plain
// ASCII, the escapes it writes back the same way, and the characters it
// does not escape.
func jsonTextSame(t string) bool {
	for i := 0; i < len(t); {
		switch c := t[i]; {
		case jsonPlainASCII[c]:
			i++
		case c == '\\':
			if i+1 >= len(t) || !jsonSameEscape[t[i+1]] {
				return false
			}
			i += 2
		case c < utf8.RuneSelf:
			return false
		default:
			r, size := utf8.DecodeRuneInString(t[i:])
			if jsonEscapes(r) {
				return false
			}
			i += size
		}
	}
	return true
}

// box returns s as a Value, reusing the Value of an equal short string met
// before: the objects of an array mostly have the same keys, and often the
// same values. Strings are immutable, so sharing them is invisible to
// templates. Keys and values have tables of their own, so that values met
// once do not push out the keys that come back in every object. A new
// Value comes from the arena's blocks.
func (p *strictParser) box(t *[64]vtleval.Value, s string) vtleval.Value {
	n := len(s)
	if n == 0 || n > 32 {
		return p.arena.String(s)
	}
	h := uint32(n) | uint32(s[0])<<8 | uint32(s[n-1])<<16 | uint32(s[n/2])<<24
	e := &t[(h*0x9E3779B1)>>26]
	if o, ok := (*e).(string); ok && o == s {
		return *e
	}
	*e = p.arena.String(s)
	return *e
}

// jsonStrStop marks the bytes that end the plain part of a string.
var jsonStrStop = [256]bool{'"': true, '\\': true}

// space skips JSON whitespace.
func (p *fastParser) space() {
	for p.i < len(p.s) {
		// all four are at most ' '
		if c := p.s[p.i]; c > ' ' || c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			return
		}
		p.i++
	}
}

func (p *strictParser) value(depth int) (vtleval.Value, bool) {
	if depth > 500 {
		return nil, false
	}
	if p.compact && depth > compactMaxDepth {
		p.uneven = true
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.i++
		p.space()
		if p.at('}') {
			p.i++
			return vtleval.NewMap(), true
		}
		// keys and values gather on the stack lists use, then go to a
		// map of their exact size
		mark := len(p.items)
		for {
			p.space()
			if !p.at('"') {
				return nil, false
			}
			ks := p.i
			k, ok := p.str()
			if !ok {
				return nil, false
			}
			bk := p.box(&p.boxedKeys, k)
			if p.compact && !p.plain {
				p.noteString(ks, bk)
			}

			p.space()
			if !p.at(':') {
				return nil, false
			}
			p.i++
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			p.items = append(p.items, bk, v)
			p.space()
			if more, ok := p.sep('}'); !ok {
				return nil, false
			} else if !more {
				m := p.arena.MapFromPairs(p.items[mark:])
				if p.compact && 2*m.Len() != len(p.items)-mark {
					p.uneven = true // a repeated key
				}
				clear(p.items[mark:])
				p.items = p.items[:mark]
				return m, true
			}
		}
	case c == '[':
		p.i++
		p.space()
		if p.at(']') {
			p.i++
			return &vtleval.List{JSON: true, Items: []vtleval.Value{}}, true
		}
		// the items gather on a stack shared by the nested lists, then
		// go to a slice of their exact size
		mark := len(p.items)
		for {
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			p.items = append(p.items, v)
			p.space()
			if more, ok := p.sep(']'); !ok {
				return nil, false
			} else if !more {
				l := p.arena.List(p.items[mark:], true)
				clear(p.items[mark:])
				p.items = p.items[:mark]
				return l, true
			}
		}
	case c == '"':
		start := p.i
		s, ok := p.str()
		v := p.box(&p.boxedVals, s)
		if ok && p.compact && !p.plain {
			p.noteString(start, v)
		}
		return v, ok
	case c == '-' || c >= '0' && c <= '9':
		num, integer, ok := p.number()
		if !ok {
			return nil, false
		}
		var v vtleval.Value
		switch n, f, ok := shortNumber(num, integer); {
		case !ok:
			v = numberValue(num)
		case integer:
			v = n
		default:
			v = p.arena.Float(f) // in a block, not an allocation of its own
		}
		if p.compact {
			p.noteNumber(num, integer, v)
		}
		return v, true
	default:
		for _, w := range [...]string{"true", "false", "null"} {
			if len(p.s)-p.i >= len(w) && p.s[p.i:p.i+len(w)] == w {
				p.i += len(w)
				if p.i < len(p.s) {
					switch p.s[p.i] {
					case ',', ']', '}', ' ', '\t', '\n', '\r':
					default:
						return nil, false
					}
				}
				switch w {
				case "true":
					return true, true
				case "false":
					return false, true
				}
				return nil, true
			}
		}
	}
	return nil, false
}

func (p *fastParser) digits() int {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

// str reads a JSON string; escapes other than JSON's are not accepted here.
func (p *fastParser) str() (string, bool) {
	s := p.s         // in a register for the loops
	start := p.i + 1 // after the opening quote
	i := start
	for i < len(s) && jsonPlainNoSpace[s[i]] {
		i++
	}
	if i < len(s) && s[i] == '"' {
		p.i = i + 1
		p.plain = true
		return s[start:i], true
	}
	p.plain = false
	for i < len(s) && !jsonStrStop[s[i]] {
		i++
	}
	if i < len(s) && s[i] == '"' {
		p.i = i + 1
		return s[start:i], true
	}
	p.i = i
	// with escapes: the value, no longer than the text, goes to the end
	// of the current chunk, a new one when it has not the room: the
	// strings of a document then take an allocation per chunk, not one
	// each (a chunk's bytes are never written twice, so the strings
	// cut from it stay as they are)
	end := i
	for end < len(p.s) && p.s[end] != '"' {
		if p.s[end] == '\\' {
			end++
		}
		end++
	}
	if end >= len(p.s) {
		return "", false
	}
	b := &p.chunk
	if b.Cap()-b.Len() < end-start {
		p.nChunk = min(max(2*p.nChunk, 256), 8192)
		*b = strings.Builder{}
		b.Grow(max(p.nChunk, end-start))
	}
	mark := b.Len()
	b.WriteString(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			return b.String()[mark:], true
		case '\\':
			if p.i+1 >= len(p.s) {
				return "", false
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := p.escapedRune()
				if !ok {
					return "", false
				}
				b.WriteRune(r)
			default:
				return "", false
			}
		default:
			j := p.i + 1
			for j < len(p.s) && !jsonStrStop[p.s[j]] {
				j++
			}
			b.WriteString(p.s[p.i:j])
			p.i = j
		}
	}
	return "", false
}

func (p *fastParser) hex4() (rune, bool) {
	if p.i+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// escapedRune reads the four hex digits of a \u escape at p.i, and a second
// escape when the first is a high surrogate: the character, or U+FFFD for
// a surrogate without its pair.
func (p *fastParser) escapedRune() (rune, bool) {
	r, ok := p.hex4()
	if !ok {
		return 0, false
	}
	if !utf16.IsSurrogate(r) {
		return r, true
	}
	if r < 0xDC00 && p.i+6 <= len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
		save := p.i
		p.i += 2
		r2, ok := p.hex4()
		if ok && r2 >= 0xDC00 && r2 < 0xE000 {
			return utf16.DecodeRune(r, r2), true
		}
		p.i = save
	}
	return utf8.RuneError, true
}

// number reads a number at p.i in strict JSON syntax, ending where the
// permissive parser's token ends; integer is false when it has a fraction
// or an exponent. ok is false for anything else (leading zeros included:
// the permissive parser's business).
func (p *fastParser) number() (num string, integer, ok bool) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	d := p.digits()
	if d == 0 || d > 1 && p.s[p.i-d] == '0' {
		return "", false, false
	}
	integer = true
	if p.at('.') {
		integer = false
		p.i++
		if p.digits() == 0 {
			return "", false, false
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		integer = false
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return "", false, false
		}
	}
	if !endsToken(p.s, p.i) {
		return "", false, false
	}
	return p.s[start:p.i], integer, true
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// shortNumber is numberValue for the commonest numbers, without strconv:
// an integer of at most 9 digits (an Integer), and a decimal without an
// exponent of at most 15 digits (a Double). num is in strict JSON syntax
// (number). For the decimal, both the digits as an integer and the power
// of ten are exact float64s, so their quotient is the correctly rounded
// value, which is what strconv.ParseFloat gives (its own exact case).
// The value is n for an integer, else f.
func shortNumber(num string, integer bool) (n int32, f float64, ok bool) {
	d := num
	neg := d[0] == '-'
	if neg {
		d = d[1:]
	}
	if integer {
		if len(d) > 9 {
			return 0, 0, false
		}
		for i := 0; i < len(d); i++ {
			n = n*10 + int32(d[i]-'0')
		}
		if neg {
			n = -n
		}
		return n, 0, true
	}
	if len(d) > 16 {
		return 0, 0, false
	}
	var m uint64
	frac := -1
	for i := 0; i < len(d); i++ {
		switch c := d[i]; {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
		case c == '.':
			frac = len(d) - i - 1
		default:
			return 0, 0, false // an exponent
		}
	}
	if frac < 0 {
		return 0, 0, false
	}
	f = float64(m) / pow10[frac]
	if neg {
		f = -f
	}
	return 0, f, true
}
