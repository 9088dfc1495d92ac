package apigw

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// compactJSON answers $input.json('$') from the body text while the body has
// not been parsed into engine values yet (so nothing can have changed it):
// it re-serialises the text the way vtleval.JSON prints the values
// ParseJSON would build (json-smart's compact NO_COMPRESS style), without
// building them. ok=false for anything the strict fast parser does not take
// or that is unusual (a repeated key, deep nesting, a key with escapes
// that is not plain); the caller then goes the slow way.
// TestCompactJSONAgrees checks that both agree.
//
// It is one loop over the text with the open objects and arrays on a
// stack, copying each byte it keeps as it reads it: whitespace between
// tokens is then simply not copied, where cutting the text around it
// cost more than the copying.
func compactJSON(s string) (string, bool) {
	var (
		i     = skipJSONSpace(s, 0)
		out   []byte
		stack []compactFrame
		keys  []string // the keys of the open objects, innermost last
		start int
	)
	var stackBuf [16]compactFrame
	var keysBuf [32]string
	stack, keys = stackBuf[:0], keysBuf[:0]
	if i >= len(s) || (s[i] != '{' && s[i] != '[') {
		return "", false
	}
	out = make([]byte, 0, len(s)-i+16)

value:
	// a value at i, after whitespace
	if len(stack) > compactMaxDepth {
		return "", false
	}
	i = skipJSONSpace(s, i)
	if i >= len(s) {
		return "", false
	}
	switch c := s[i]; {
	case c == '"':
		start = i
		i++
		for i < len(s) && jsonPlainASCII[s[i]] {
			i++
		}
		if i < len(s) && s[i] == '"' {
			i++
			out = append(out, s[start:i]...)
			goto after
		}
		out = append(out, s[start:i]...)
		var ok bool
		if out, i, ok = compactStringTail(out, s, i); !ok {
			return "", false
		}
		goto after
	case c == '{' || c == '[':
		// '}' is '{'+2, and ']' is '['+2
		out = append(out, c)
		i = skipJSONSpace(s, i+1)
		if i < len(s) && s[i] == c+2 {
			out = append(out, c+2)
			i++
			goto after
		}
		stack = append(stack, compactFrame{object: c == '{', mark: len(keys)})
		if c == '{' {
			goto key
		}
		goto value
	case c == '-' || c >= '0' && c <= '9':
		var ok bool
		if out, i, ok = compactNumber(out, s, i); !ok {
			return "", false
		}
		goto after
	default:
		for _, lit := range [...]string{"true", "false", "null"} {
			if strings.HasPrefix(s[i:], lit) && endsToken(s, i+len(lit)) {
				out = append(out, lit...)
				i += len(lit)
				goto after
			}
		}
		return "", false
	}

key:
	// a member of the innermost object at i, after whitespace
	i = skipJSONSpace(s, i)
	if i >= len(s) || s[i] != '"' {
		return "", false
	}
	{
		start = i
		i++
		for i < len(s) && jsonPlainASCII[s[i]] {
			i++
		}
		var k string
		if i < len(s) && s[i] == '"' {
			k = s[start+1 : i]
			i++
			out = append(out, s[start:i]...)
		} else {
			// escapes or characters to escape (rare): the value, then
			// the value written as vtleval.JSON writes it
			p := fastParser{s: s, i: start}
			var ok bool
			if k, ok = p.str(); !ok || !utf8.ValidString(s[start:p.i]) {
				return "", false
			}
			i = p.i
			out = appendJSONString(out, k)
		}
		// a repeated key keeps its first position and its last value:
		// leave that to the values
		top := &stack[len(stack)-1]
		if top.seen != nil {
			if _, dup := top.seen[k]; dup {
				return "", false
			}
			top.seen[k] = struct{}{}
		} else {
			for _, o := range keys[top.mark:] {
				if o == k {
					return "", false
				}
			}
			if len(keys)-top.mark >= 16 {
				top.seen = make(map[string]struct{}, 32)
				for _, o := range keys[top.mark:] {
					top.seen[o] = struct{}{}
				}
				top.seen[k] = struct{}{}
			}
		}
		keys = append(keys, k)
		i = skipJSONSpace(s, i)
		if i >= len(s) || s[i] != ':' {
			return "", false
		}
		out = append(out, ':')
		i++
		goto value
	}

after:
	// after a value: a separator or the end of the innermost container
	if len(stack) == 0 {
		// what follows the document is ignored, but must be text
		if !utf8.ValidString(s[i:]) {
			return "", false
		}
		return unsafe.String(&out[0], len(out)), true
	}
	i = skipJSONSpace(s, i)
	if i >= len(s) {
		return "", false
	}
	switch top := &stack[len(stack)-1]; s[i] {
	case ',':
		out = append(out, ',')
		i++
		if top.object {
			goto key
		}
		goto value
	case '}':
		if !top.object {
			return "", false
		}
		keys = keys[:top.mark]
	case ']':
		if top.object {
			return "", false
		}
	default:
		return "", false
	}
	out = append(out, s[i])
	i++
	stack = stack[:len(stack)-1]
	goto after
}

// compactFrame is an open object or array of compactJSON.
type compactFrame struct {
	object bool
	mark   int                 // where the object's keys start
	seen   map[string]struct{} // its keys, once it has many
}

// jsonSpace marks JSON's whitespace.
var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// skipJSONSpace returns the index of the first byte from i on that is not
// JSON whitespace.
func skipJSONSpace(s string, i int) int {
	for i < len(s) && jsonSpace[s[i]] {
		i++
	}
	return i
}

// compactStringTail writes the rest of a string whose text up to i is
// already written, as vtleval.JSON writes its value, and returns the index
// after its closing quote.
func compactStringTail(out []byte, s string, i int) ([]byte, int, bool) {
	for i < len(s) {
		switch c := s[i]; {
		case jsonPlainASCII[c]:
			j := i + 1
			for j < len(s) && jsonPlainASCII[s[j]] {
				j++
			}
			out = append(out, s[i:j]...)
			i = j
		case c == '"':
			return append(out, '"'), i + 1, true
		case c == '\\':
			if i+1 >= len(s) {
				return out, i, false
			}
			switch e := s[i+1]; {
			case jsonSameEscape[e]:
				// written back the same way
				out = append(out, '\\', e)
				i += 2
			case e == 'u':
				// the fast parser's decoding, then vtleval.JSON's encoding
				p := fastParser{s: s, i: i + 2}
				r, ok := p.escapedRune()
				if !ok {
					return out, i, false
				}
				out = vtleval.AppendJSONRune(out, r)
				i = p.i
			default:
				return out, i, false
			}
		case c < utf8.RuneSelf:
			out = vtleval.AppendJSONRune(out, rune(c))
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return out, i, false // not UTF-8
			}
			if jsonEscapes(r) {
				out = vtleval.AppendJSONRune(out, r)
			} else {
				out = append(out, s[i:i+size]...)
			}
			i += size
		}
	}
	return out, i, false
}

// compactNumber writes the number at i as vtleval.JSON writes its value.
func compactNumber(out []byte, s string, i int) ([]byte, int, bool) {
	p := fastParser{s: s, i: i}
	num, integer, ok := p.number()
	if !ok {
		return out, i, false
	}
	if numberTextSame(num, integer) {
		out = append(out, num...)
	} else {
		out = append(out, vtleval.JSON(numberValue(num))...)
	}
	return out, p.i, true
}

// numberTextSame reports whether vtleval.JSON writes the value of the
// number num (strict JSON syntax; integer when it has no fraction and no
// exponent) as num: Integer, Long and BigInteger print the text itself,
// but for -0, which is the Integer 0; Doubles when plainDouble says so.
func numberTextSame(num string, integer bool) bool {
	if integer {
		return num != "-0"
	}
	return plainDouble(num)
}

// jsonEscapes reports whether vtleval.JSON escapes the character r, which
// is not ASCII (AppendJSONRune's rule: C1 controls and U+2000 to U+20FF).
func jsonEscapes(r rune) bool { return r <= 0x9F || r >= 0x2000 && r <= 0x20FF }

// appendJSONString appends s quoted, as vtleval.JSON writes a string.
func appendJSONString(out []byte, s string) []byte {
	out = append(out, '"')
	for _, r := range s {
		out = vtleval.AppendJSONRune(out, r)
	}
	return append(out, '"')
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

// jsonPlainNoSpace is jsonPlainASCII without the space.
var jsonPlainNoSpace = func() [256]bool {
	t := jsonPlainASCII
	t[' '] = false
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
