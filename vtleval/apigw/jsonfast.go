package apigw

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// parseStrictJSON is a fast path for ParseJSON: most bodies are plain,
// valid JSON, which it parses from the bytes without the permissive
// parser's rune conversions. It gives exactly what the permissive parser
// gives for such input (checked by TestFastJSONAgrees), and ok=false for
// anything else, which then goes through the permissive parser.
func parseStrictJSON(s string) (v vtleval.Value, ok bool) {
	if !utf8.ValidString(s) {
		return nil, false
	}
	p := fastParser{s: s}
	p.space()
	if p.i >= len(p.s) || (p.s[p.i] != '{' && p.s[p.i] != '[') {
		return nil, false // bare values and strings: the permissive parser's rules
	}
	v, ok = p.value(0)
	if !ok {
		return nil, false
	}
	return v, true
}

type fastParser struct {
	s     string
	i     int
	items []vtleval.Value // see value
	arena vtleval.Arena   // the document's maps and lists
	boxed [32]struct {
		s string
		v vtleval.Value
	} // see box
}

// box returns s as a Value, reusing the Value of an equal short string met
// before: the objects of an array mostly have the same keys, and often the
// same values, and each new Value of a string is an allocation. Strings
// are immutable, so sharing them is invisible to templates.
func (p *fastParser) box(s string) vtleval.Value {
	if len(s) == 0 || len(s) > 32 {
		return s
	}
	e := &p.boxed[(uint(len(s))*7+uint(s[0])*3+uint(s[len(s)-1]))%uint(len(p.boxed))]
	if e.v != nil && e.s == s {
		return e.v
	}
	e.s, e.v = s, s
	return e.v
}

func (p *fastParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *fastParser) value(depth int) (vtleval.Value, bool) {
	if depth > 500 {
		return nil, false
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		p.i++
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return vtleval.NewMap(), true
		}
		// keys and values gather on the stack lists use, then go to a
		// map of their exact size
		mark := len(p.items)
		for {
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != '"' {
				return nil, false
			}
			k, ok := p.str()
			if !ok {
				return nil, false
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, false
			}
			p.i++
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			p.items = append(p.items, p.box(k), v)
			p.space()
			if p.i >= len(p.s) {
				return nil, false
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case '}':
				p.i++
				m := p.arena.MapFromPairs(p.items[mark:])
				clear(p.items[mark:])
				p.items = p.items[:mark]
				return m, true
			default:
				return nil, false
			}
		}
	case c == '[':
		p.i++
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ']' {
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
			if p.i >= len(p.s) {
				return nil, false
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case ']':
				p.i++
				l := p.arena.List(p.items[mark:], true)
				clear(p.items[mark:])
				p.items = p.items[:mark]
				return l, true
			default:
				return nil, false
			}
		}
	case c == '"':
		s, ok := p.str()
		return p.box(s), ok
	case c == '-' || c >= '0' && c <= '9':
		num, _, ok := p.number()
		if !ok {
			return nil, false
		}
		return numberValue(num), true
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
	p.i++ // opening quote
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			s := p.s[start:p.i]
			p.i++
			return s, true
		}
		if c == '\\' {
			break
		}
		p.i++
	}
	// with escapes
	buf := []byte(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			return string(buf), true
		case '\\':
			if p.i+1 >= len(p.s) {
				return "", false
			}
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.escapedRune()
				if !ok {
					return "", false
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", false
			}
		default:
			buf = append(buf, c)
			p.i++
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
	if p.i < len(p.s) && p.s[p.i] == '.' {
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
