package apigw

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// This file is API Gateway's JSON model: bodies and $util.parseJson input are
// parsed the way json-smart parses them in its permissive mode (the parser
// Jayway JsonPath uses by default), into engine values: objects become
// insertion-ordered maps (a repeated key keeps its first position and its
// last value), arrays JSON-printing lists, integers Integer/Long/BigInteger,
// other numbers Double, and text that is not JSON a plain string.

// ParseJSON parses text as json-smart's permissive parser does.
func ParseJSON(text string) (vtleval.Value, error) {
	v, _, err := parseJSON(text, false)
	return v, err
}

// parseJSON is ParseJSON; pooled takes the strict parser's first blocks
// from a pool, for the caller to release (when not nil) once it uses none
// of the values any more.
func parseJSON(text string, pooled bool) (vtleval.Value, *vtleval.ArenaBlocks, error) {
	p := strictParser{pooled: pooled}
	if v, ok := p.parse(text); ok {
		return v, p.blocks, nil
	}
	v, err := parsePermissive(text)
	return v, nil, err
}

// parsePermissive is json-smart's permissive parser proper.
func parsePermissive(text string) (vtleval.Value, error) {
	p := &jsonParser{s: []rune(text)}
	p.space()
	if p.i >= len(p.s) {
		// Empty or only whitespace: json-smart's permissive parser returns
		// the empty string (checked through Jayway 2.0.0's provider /
		// json-smart 2.2 with tools/java/apigw17; found by tools/difftest
		// -mode apigw).
		return "", nil
	}
	c := p.s[p.i]
	if c != '{' && c != '[' && c != '"' && c != '\'' {
		// A bare value: a number, true/false/null, or unquoted text, which
		// json-smart returns as the trimmed string.
		word := javaTrim(string(p.s[p.i:]))
		return bareValue(word), nil
	}
	// json-smart stops after the first complete value: whatever follows
	// ("{...}}" or "[1] x") is ignored (checked with the oracle).
	return p.value(0)
}

type jsonParser struct {
	s []rune
	i int
}

// JSONError is a body or parseJson argument json-smart rejects.
type JSONError struct{ Msg string }

func (e *JSONError) Error() string { return "net.minidev.json.parser.ParseException: " + e.Msg }

func (p *jsonParser) errorf(format string, args ...any) error {
	return &JSONError{Msg: fmt.Sprintf(format, args...)}
}

// eof is json-smart's error for text that ends inside an array or an
// object: it names the position of the last character (in UTF-16 units,
// like Java) and, as the unexpected token, "EOF" where a value or an array
// separator was due and "null" where an object key or separator was
// (ToQoz's AWS recording: `{a` gives "position 1: null", `[a` "position 1:
// EOF"; the other cases checked against json-smart 2.2).
func (p *jsonParser) eof(token string) error {
	return p.errorf("Unexpected End Of File position %d: %s", p.javaLen()-1, token)
}

// stringEOF is json-smart's error for a string that is not closed: the
// position is the length of the text.
func (p *jsonParser) stringEOF() error {
	return p.errorf("Unexpected End Of File position %d: null", p.javaLen())
}

// javaLen is the length of the text in UTF-16 units.
func (p *jsonParser) javaLen() int {
	n := len(p.s)
	for _, r := range p.s {
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func (p *jsonParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *jsonParser) value(depth int) (vtleval.Value, error) {
	if depth > 500 {
		return nil, p.errorf("JSON nested too deeply at position %d", p.i)
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, p.eof("EOF")
	}
	switch c := p.s[p.i]; c {
	case '{':
		p.i++
		m := vtleval.NewMap()
		for {
			p.space()
			if p.i >= len(p.s) {
				return nil, p.eof("null")
			}
			if p.s[p.i] == ',' {
				// json-smart skips empty members: {,} and {"a":1,,"b":2}
				p.i++
				continue
			}
			if p.s[p.i] == '}' {
				p.i++
				return m, nil
			}
			k, err := p.key()
			if err != nil {
				return nil, err
			}
			p.space()
			if p.i >= len(p.s) {
				return nil, p.eof("null")
			}
			if p.s[p.i] != ':' {
				return nil, p.errorf("Unexpected character (%c) at position %d.", p.s[p.i], p.i)
			}
			p.i++
			p.space()
			if p.i < len(p.s) && (p.s[p.i] == '}' || p.s[p.i] == ',') {
				return nil, p.errorf("Unexpected character (%c) at position %d.", p.s[p.i], p.i)
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			m.Put(k, v)
			p.space()
			if p.i >= len(p.s) {
				return nil, p.eof("null")
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case '}':
				p.i++
				return m, nil
			default:
				return nil, p.errorf("Unexpected character (%c) at position %d.", p.s[p.i], p.i)
			}
		}
	case '[':
		p.i++
		l := &vtleval.List{JSON: true, Items: []vtleval.Value{}}
		for {
			p.space()
			if p.i >= len(p.s) {
				return nil, p.eof("EOF")
			}
			if p.s[p.i] == ']' {
				p.i++
				return l, nil
			}
			if p.s[p.i] == ',' {
				// and empty elements: [,1] and [1,,2]
				p.i++
				continue
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, v)
			p.space()
			if p.i >= len(p.s) {
				return nil, p.eof("EOF")
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case ']':
				p.i++
				return l, nil
			default:
				return nil, p.errorf("Unexpected character (%c) at position %d.", p.s[p.i], p.i)
			}
		}
	case '"', '\'':
		return p.str(c)
	}
	// unquoted token up to a delimiter
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",:]}", p.s[p.i]) {
		p.i++
	}
	return bareValue(javaTrim(string(p.s[start:p.i]))), nil
}

func (p *jsonParser) key() (string, error) {
	if c := p.s[p.i]; c == '"' || c == '\'' {
		v, err := p.str(c)
		if err != nil {
			return "", err
		}
		return v.(string), nil
	}
	// An unquoted key runs to the next ':' (json-smart's stopKey): `{a,b:1}`
	// has the key "a,b" and `{a=1, b=2}` (a Java map's toString) has no ':'
	// and fails at the end (checked through Jayway 2.0.0 / json-smart 2.2
	// with tools/java/apigw17; found by tools/difftest -mode apigw).
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != ':' {
		p.i++
	}
	return javaTrim(string(p.s[start:p.i])), nil
}

func (p *jsonParser) str(q rune) (vtleval.Value, error) {
	p.i++
	var sb strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch c {
		case q:
			return sb.String(), nil
		case '\\':
			if p.i >= len(p.s) {
				return nil, p.stringEOF()
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case 'n':
				sb.WriteByte('\n')
			case 't':
				sb.WriteByte('\t')
			case 'r':
				sb.WriteByte('\r')
			case 'b':
				sb.WriteByte('\b')
			case 'f':
				sb.WriteByte('\f')
			case 'u':
				if p.i+4 > len(p.s) {
					return nil, p.stringEOF()
				}
				n, err := strconv.ParseUint(string(p.s[p.i:p.i+4]), 16, 16)
				if err != nil {
					return nil, p.errorf("Unexpected character (%c) at position %d.", p.s[p.i], p.i)
				}
				p.i += 4
				r := rune(n)
				if r >= 0xD800 && r < 0xDC00 && p.i+6 <= len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					if n2, err := strconv.ParseUint(string(p.s[p.i+2:p.i+6]), 16, 16); err == nil && n2 >= 0xDC00 && n2 < 0xE000 {
						r = (r-0xD800)<<10 + (rune(n2) - 0xDC00) + 0x10000
						p.i += 6
					}
				}
				if r >= 0xD800 && r < 0xE000 {
					r = 0xFFFD
				}
				sb.WriteRune(r)
			default:
				sb.WriteRune(e)
			}
		default:
			sb.WriteRune(c)
		}
	}
	return nil, p.stringEOF()
}

// bareValue types an unquoted token: a number, true, false, null or text.
func bareValue(w string) vtleval.Value {
	switch w {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if isJSONNumber(w) {
		return numberValue(w)
	}
	return w
}

func isJSONNumber(w string) bool {
	if w == "" {
		return false
	}
	i := 0
	if w[0] == '-' {
		i++
	}
	digits := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
		digits++
	}
	if digits == 0 {
		return false
	}
	if i < len(w) && w[i] == '.' {
		i++
		for i < len(w) && w[i] >= '0' && w[i] <= '9' {
			i++
		}
	}
	if i < len(w) && (w[i] == 'e' || w[i] == 'E') {
		i++
		if i < len(w) && (w[i] == '+' || w[i] == '-') {
			i++
		}
		d := 0
		for i < len(w) && w[i] >= '0' && w[i] <= '9' {
			i++
			d++
		}
		if d == 0 {
			return false
		}
	}
	return i == len(w)
}

func numberValue(w string) vtleval.Value {
	// json-smart's extractFloat: a number with a fraction or an exponent
	// whose text is longer than 18 characters is new BigDecimal(text), a
	// shorter one a Double (checked through Jayway 2.0.0 / json-smart 2.2
	// with tools/java/apigw17; found by tools/difftest -mode apigw).
	if len(w) > 18 && strings.ContainsAny(w, ".eE") {
		if d := javaBigDecimal(w); d != nil {
			return d
		}
	}
	v := vtleval.NumberFromJSON(w)
	if b, ok := v.(*big.Int); ok {
		return b
	}
	return v
}

// valueNode adapts an engine value to the JSONPath evaluator, so that paths
// read the live objects a template may have changed.
type valueNode struct{ v vtleval.Value }

func (n valueNode) Kind() JSONKind {
	switch n.v.(type) {
	case nil:
		return JSONNull
	case *vtleval.Map:
		return JSONObject
	case *vtleval.List:
		return JSONArray
	}
	return JSONScalar
}

func (n valueNode) Keys() []string {
	m, ok := n.v.(*vtleval.Map)
	if !ok {
		return nil
	}
	var ks []string
	for _, k := range m.Keys() {
		ks = append(ks, vtleval.ToString(k))
	}
	return ks
}

func (n valueNode) Get(key string) (JSONNode, bool) {
	m, ok := n.v.(*vtleval.Map)
	if !ok {
		return nil, false
	}
	v, ok := m.GetString(key)
	return valueNode{v}, ok
}

func (n valueNode) Len() int {
	if l, ok := n.v.(*vtleval.List); ok {
		return len(l.Items)
	}
	return 0
}

func (n valueNode) Index(i int) JSONNode { return valueNode{n.v.(*vtleval.List).Items[i]} }

// nodeValue turns a JSONPath result back into an engine value.
func nodeValue(n JSONNode) vtleval.Value {
	switch n := n.(type) {
	case valueNode:
		return n.v
	case *JSONSubset:
		m := vtleval.NewMap()
		for i, k := range n.Names {
			m.Put(k, nodeValue(n.Values[i]))
		}
		return m
	}
	return nil
}

// javaBigDecimal is new BigDecimal(w) for a JSON number w; nil if the
// exponent is out of Java's range.
func javaBigDecimal(w string) *vtleval.BigDecimal {
	mant, exp := w, int64(0)
	if i := strings.IndexAny(w, "eE"); i >= 0 {
		e, err := strconv.ParseInt(strings.TrimPrefix(w[i+1:], "+"), 10, 32)
		if err != nil {
			return nil
		}
		mant, exp = w[:i], e
	}
	frac := 0
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		frac = len(mant) - i - 1
		mant = mant[:i] + mant[i+1:]
	}
	u, ok := new(big.Int).SetString(mant, 10)
	scale := int64(frac) - exp
	if !ok || scale < math.MinInt32 || scale > math.MaxInt32 {
		return nil
	}
	return &vtleval.BigDecimal{Unscaled: u, Scale: int32(scale)}
}

// javaTrim is Java's String.trim, which json-smart applies to unquoted
// text: it removes the characters up to U+0020 at both ends (control
// characters included, Unicode spaces such as U+00A0 and U+2028 not).
// Checked with tools/java/apigw17; found by tools/difftest -mode apigw.
func javaTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}
