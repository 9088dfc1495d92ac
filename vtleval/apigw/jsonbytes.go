package apigw

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// compactJSON answers $input.json('$') from the body text while the body has
// not been parsed into engine values yet (so nothing can have changed it):
// it re-serialises the text the way vtleval.JSON prints the values
// ParseJSON would build (json-smart's compact NO_COMPRESS style), without
// building them. ok=false for anything the strict fast parser does not take
// or that is unusual (a repeated key, deep nesting, a number whose printing
// is not the text itself is printed through its engine value); the caller
// then goes the slow way. TestCompactJSONAgrees checks that both agree.
func compactJSON(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	w := jsonRewriter{p: fastParser{s: s}}
	w.p.space()
	if w.p.i >= len(s) || (s[w.p.i] != '{' && s[w.p.i] != '[') {
		return "", false
	}
	w.from = w.p.i
	if !w.value(0) {
		return "", false
	}
	if w.out.Cap() == 0 {
		// nothing left out or written otherwise: the text itself
		return s[w.from:w.p.i], true
	}
	w.out.WriteString(s[w.from:w.p.i])
	return w.out.String(), true
}

// jsonRewriter writes the text as it is but for what it must change: the
// text from from to where it has read is still to be copied to out, which
// happens when something is left out (whitespace) or written otherwise
// (see cut), so that the common text is copied in long runs.
type jsonRewriter struct {
	p    fastParser
	out  strings.Builder // empty until cut
	from int
	keys []string // the keys of the objects being read, innermost last
}

// cut copies the text from from to i to out, and will copy from j on: the
// text from i to j is left out or written otherwise.
func (w *jsonRewriter) cut(i, j int) {
	if w.out.Cap() == 0 {
		w.out.Grow(len(w.p.s))
	}
	w.out.WriteString(w.p.s[w.from:i])
	w.from = j
}

// space skips whitespace, which is left out.
func (w *jsonRewriter) space() {
	// most tokens have none before them: this much is inlined
	if w.p.i < len(w.p.s) && w.p.s[w.p.i] <= ' ' {
		w.skipSpace()
	}
}

func (w *jsonRewriter) skipSpace() {
	p := &w.p
	i := p.i
	p.space()
	if p.i > i {
		w.cut(i, p.i)
	}
}

// compactMaxDepth keeps well under vtleval.JSON's depth limit (100), past
// which it prints null.
const compactMaxDepth = 90

// jsonPlainASCII marks the ASCII bytes vtleval.JSON copies as they are
// (taken from vtleval.AppendJSONRune, the rule itself).
var jsonPlainASCII = func() (t [256]bool) {
	for c := range rune(0x80) {
		t[c] = string(vtleval.AppendJSONRune(nil, c)) == string(c)
	}
	return t
}()

// endsToken is what may follow a number or a literal (the fast parser's rule).
func endsToken(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	switch s[i] {
	case ',', ']', '}', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

func (w *jsonRewriter) value(depth int) bool {
	if depth > compactMaxDepth {
		return false
	}
	p := &w.p
	w.space()
	if p.i >= len(p.s) {
		return false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.i++
		w.space()
		if p.at('}') {
			p.i++
			return true
		}
		mark := len(w.keys)
		var seen map[string]struct{}
		for {
			w.space()
			if !p.at('"') {
				return false
			}
			k, ok := w.str()
			if !ok {
				return false
			}
			// a repeated key keeps its first position and its last
			// value: leave that to the values
			if seen != nil {
				if _, dup := seen[k]; dup {
					return false
				}
				seen[k] = struct{}{}
			} else {
				for _, o := range w.keys[mark:] {
					if o == k {
						return false
					}
				}
				if len(w.keys)-mark >= 16 {
					seen = make(map[string]struct{}, 32)
					for _, o := range w.keys[mark:] {
						seen[o] = struct{}{}
					}
					seen[k] = struct{}{}
				}
			}
			if w.keys == nil {
				w.keys = make([]string, 0, min(len(p.s)/64+2, 16))
			}
			w.keys = append(w.keys, k)
			w.space()
			if !p.at(':') {
				return false
			}
			p.i++
			if !w.value(depth + 1) {
				return false
			}
			w.space()
			if more, ok := p.sep('}'); !ok {
				return false
			} else if !more {
				w.keys = w.keys[:mark]
				return true
			}
		}
	case c == '[':
		p.i++
		w.space()
		if p.at(']') {
			p.i++
			return true
		}
		for {
			if !w.value(depth + 1) {
				return false
			}
			w.space()
			if more, ok := p.sep(']'); !ok || !more {
				return ok
			}
		}
	case c == '"':
		return w.strText()
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		num, integer, ok := p.number()
		if !ok {
			return false
		}
		switch {
		case integer:
			// Integer, Long and BigInteger print the text itself, but
			// for -0, which is the Integer 0
			if num == "-0" {
				w.cut(start, p.i)
				w.out.WriteByte('0')
			}
		case plainDouble(num):
		case len(num) <= 18:
			// a Double (numberValue): printed as vtleval.JSON prints it
			w.cut(start, p.i)
			f, err := strconv.ParseFloat(num, 64)
			if err != nil || math.IsInf(f, 0) {
				w.out.WriteString(vtleval.JSON(numberValue(num)))
			} else {
				w.out.WriteString(vtleval.FormatDouble(f))
			}
		default:
			w.cut(start, p.i)
			w.out.WriteString(vtleval.JSON(numberValue(num)))
		}
		return true
	default:
		for _, lit := range [...]string{"true", "false", "null"} {
			if strings.HasPrefix(p.s[p.i:], lit) {
				p.i += len(lit)
				return endsToken(p.s, p.i)
			}
		}
	}
	return false
}

// str reads a string at p.i and writes it as vtleval.JSON writes it; it
// returns the string's value.
func (w *jsonRewriter) str() (string, bool) {
	p := &w.p
	start := p.i + 1
	i := start
	for i < len(p.s) && jsonPlainASCII[p.s[i]] {
		i++
	}
	if i < len(p.s) && p.s[i] == '"' {
		// nothing to escape or unescape: the text as it is
		p.i = i + 1
		return p.s[start:i], true
	}
	for i < len(p.s) && p.s[i] != '"' && p.s[i] != '\\' {
		i++
	}
	if i < len(p.s) && p.s[i] == '"' {
		// no escapes: the text is the value
		if !w.strText() {
			return "", false
		}
		return p.s[start:i], true
	}
	v, ok := p.str()
	if !ok {
		return "", false
	}
	w.cut(start-1, p.i)
	w.string(v)
	return v, true
}

// strText reads a string at p.i and writes it as vtleval.JSON writes its
// value, straight from the text.
func (w *jsonRewriter) strText() bool {
	p := &w.p
	s := p.s
	i := p.i + 1
	// what is written as it is: plain ASCII, escapes written back the
	// same way, and the other characters but those vtleval.JSON escapes
	// (the text is valid UTF-8)
	for i < len(s) {
		if c := s[i]; jsonPlainASCII[c] {
			i++
		} else if c == '\\' && i+1 < len(s) && jsonSameEscape[s[i+1]] {
			i += 2
		} else if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r <= 0x9F || r >= 0x2000 && r <= 0x20FF {
				break
			}
			i += size
		} else {
			break
		}
	}
	if i < len(s) && s[i] == '"' {
		// the text as it is
		p.i = i + 1
		return true
	}
	// the quote and what follows as it is, then the rest character by
	// character
	w.cut(i, i)
	for {
		j := i
		for i < len(s) && jsonPlainASCII[s[i]] {
			i++
		}
		w.out.WriteString(s[j:i])
		if i >= len(s) {
			return false
		}
		switch c := s[i]; {
		case c == '"':
			w.out.WriteByte('"')
			p.i = i + 1
			w.from = p.i
			return true
		case c == '\\':
			if i+1 >= len(s) {
				return false
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				// written back the same way
				w.out.WriteByte('\\')
				w.out.WriteByte(e)
				i += 2
			case 'u':
				// the fast parser's decoding, then vtleval.JSON's encoding
				p.i = i + 2
				r, ok := p.escapedRune()
				if !ok {
					return false
				}
				w.rune(r)
				i = p.i
			default:
				return false
			}
		case c < utf8.RuneSelf:
			w.rune(rune(c))
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			w.rune(r)
			i += size
		}
	}
}

// plainDouble reports whether num, a number in strict JSON syntax with a
// fraction or an exponent, is printed as itself: a Double (numberValue)
// written with at most 6 digits before the point and 1 to 3 after it, the
// last not 0 unless it is the only one ("12.5", "0.125", "3.0"). Java's
// Double.toString (vtleval.FormatDouble) gives back exactly that text for
// each of those 10^9 numbers (checked one by one; TestPlainDouble checks a
// part), and the sign is written apart.
func plainDouble(num string) bool {
	d := num
	if d[0] == '-' {
		d = d[1:]
	}
	dot := strings.IndexByte(d, '.')
	if dot < 1 || dot > 6 {
		return false
	}
	f := d[dot+1:]
	if len(f) < 1 || len(f) > 3 || f[len(f)-1] == '0' && len(f) > 1 {
		return false
	}
	for i := 0; i < len(f); i++ {
		if f[i] < '0' || f[i] > '9' {
			return false // an exponent
		}
	}
	return true
}

// jsonSameEscape marks the escapes vtleval.JSON writes for the character
// they stand for: \" \\ \/ \b \f \n \r \t.
var jsonSameEscape = [256]bool{'"': true, '\\': true, '/': true, 'b': true, 'f': true, 'n': true, 'r': true, 't': true}

// rune writes a character as vtleval.JSON writes it.
func (w *jsonRewriter) rune(r rune) {
	var buf [8]byte
	w.out.Write(vtleval.AppendJSONRune(buf[:0], r))
}

// string writes a string's value as vtleval.JSON does.
func (w *jsonRewriter) string(s string) {
	w.out.WriteByte('"')
	for _, c := range s {
		w.rune(c)
	}
	w.out.WriteByte('"')
}
