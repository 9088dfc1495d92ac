package cases

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds a small strict JSON parser (RFC 8259, as Jackson reads a
// Lambda payload: no `\'` escape, no raw control characters in strings, no
// leading zeros, no trailing commas) that reports byte offsets and
// duplicate keys, and the canonical form used to compare JSON.
//
// Parsed values are map[string]any, []any, string, json.Number (the
// number's text as written), bool and nil.

// jsonError is a syntax error at a byte offset of the parsed text.
type jsonError struct {
	Offset int
	Msg    string
}

func (e *jsonError) Error() string { return e.Msg }

type jsonParser struct {
	s      string
	i      int
	noDups bool // duplicate keys are errors (expected values); else the last wins
}

// parseJSON parses one JSON value, surrounded by optional whitespace.
func parseJSON(s string, noDups bool) (any, *jsonError) {
	p := &jsonParser{s: s, noDups: noDups}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.errorf("invalid character %s after top-level value", p.quoteChar())
	}
	return v, nil
}

const maxJSONDepth = 1000

func (p *jsonParser) errorf(format string, args ...any) *jsonError {
	return &jsonError{Offset: p.i, Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) quoteChar() string {
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (any, *jsonError) {
	if depth > maxJSONDepth {
		return nil, p.errorf("JSON nested too deeply")
	}
	p.space()
	if p.i >= len(p.s) {
		return nil, p.errorf("unexpected end of JSON input")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case strings.HasPrefix(p.s[p.i:], "true"):
		p.i += 4
		return true, nil
	case strings.HasPrefix(p.s[p.i:], "false"):
		p.i += 5
		return false, nil
	case strings.HasPrefix(p.s[p.i:], "null"):
		p.i += 4
		return nil, nil
	}
	return nil, p.errorf("invalid character %s looking for beginning of value", p.quoteChar())
}

func (p *jsonParser) object(depth int) (any, *jsonError) {
	p.i++ // {
	m := map[string]any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return m, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		if p.s[p.i] != '"' {
			return nil, p.errorf("invalid character %s looking for beginning of object key string", p.quoteChar())
		}
		keyAt := p.i
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		if _, dup := m[k]; dup && p.noDups {
			return nil, &jsonError{Offset: keyAt, Msg: fmt.Sprintf("duplicate key %q", k)}
		}
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		if p.s[p.i] != ':' {
			return nil, p.errorf("invalid character %s after object key", p.quoteChar())
		}
		p.i++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, nil
		default:
			return nil, p.errorf("invalid character %s after object key:value pair", p.quoteChar())
		}
	}
}

func (p *jsonParser) array(depth int) (any, *jsonError) {
	p.i++ // [
	a := []any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return a, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		p.space()
		if p.i >= len(p.s) {
			return nil, p.errorf("unexpected end of JSON input")
		}
		switch p.s[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, nil
		default:
			return nil, p.errorf("invalid character %s after array element", p.quoteChar())
		}
	}
}

func (p *jsonParser) str() (string, *jsonError) {
	p.i++ // "
	var b strings.Builder
	for {
		if p.i >= len(p.s) {
			return "", p.errorf("unexpected end of JSON input in string")
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), nil
		case c < 0x20:
			return "", p.errorf("invalid control character %s in string (escape it)", p.quoteChar())
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", p.errorf("unexpected end of JSON input in string")
			}
			e := p.s[p.i+1]
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
				r, ok := p.hex4(p.i + 2)
				if !ok {
					return "", p.errorf(`invalid \u escape in string`)
				}
				p.i += 6
				if utf16IsHigh(r) {
					if r2, ok := p.hex4(p.i + 2); ok && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' && utf16IsLow(r2) {
						r = (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000
						p.i += 6
					}
				}
				b.WriteRune(r)
				continue
			default:
				p.i++
				return "", p.errorf("invalid escape %s in string", p.quoteChar())
			}
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
}

func utf16IsHigh(r rune) bool { return r >= 0xD800 && r < 0xDC00 }
func utf16IsLow(r rune) bool  { return r >= 0xDC00 && r < 0xE000 }

func (p *jsonParser) hex4(at int) (rune, bool) {
	if at+4 > len(p.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(p.s[at:at+4], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}

func (p *jsonParser) number() (any, *jsonError) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	intStart := p.i
	if n := digits(); n == 0 {
		return nil, p.errorf("invalid number: missing digits")
	} else if n > 1 && p.s[intStart] == '0' {
		p.i = intStart + 1
		return nil, p.errorf("invalid number: leading zero")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errorf("invalid number: missing digits after decimal point")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid number: missing digits in exponent")
		}
	}
	return json.Number(p.s[start:p.i]), nil
}

// isJSONLiteral reports whether a YAML plain scalar's text is a JSON
// literal: true, false, null or a number in JSON's grammar.
func isJSONLiteral(s string) bool {
	switch s {
	case "true", "false", "null":
		return true
	}
	if s == "" {
		return false
	}
	p := &jsonParser{s: s}
	if c := s[0]; c != '-' && (c < '0' || c > '9') {
		return false
	}
	if _, err := p.number(); err != nil {
		return false
	}
	return p.i == len(s)
}

// canonicalJSON renders a parsed value with sorted keys and two-space
// indentation; numbers keep their text.
func canonicalJSON(v any) string {
	var b strings.Builder
	writeCanonical(&b, v, "")
	return b.String()
}

func writeCanonical(b *strings.Builder, v any, indent string) {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		keys := sortedKeys(v)
		b.WriteString("{\n")
		for i, k := range keys {
			b.WriteString(indent + "  ")
			b.WriteString(quoteJSON(k))
			b.WriteString(": ")
			writeCanonical(b, v[k], indent+"  ")
			if i < len(keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, e := range v {
			b.WriteString(indent + "  ")
			writeCanonical(b, e, indent+"  ")
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case string:
		b.WriteString(quoteJSON(v))
	case json.Number:
		b.WriteString(string(v))
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case nil:
		b.WriteString("null")
	default:
		panic(fmt.Sprintf("cases: unexpected JSON value %T", v))
	}
}

// compactJSON renders a parsed value on one line, keys sorted.
func compactJSON(v any) string {
	var b strings.Builder
	writeCompact(&b, v)
	return b.String()
}

func writeCompact(b *strings.Builder, v any) {
	switch v := v.(type) {
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteJSON(k))
			b.WriteString(": ")
			writeCompact(b, v[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeCompact(b, e)
		}
		b.WriteByte(']')
	default:
		writeCanonical(b, v, "")
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// quoteJSON quotes s as a JSON string without HTML escaping.
func quoteJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// firstDiff returns the JSONPath of the first place (in canonical order)
// where want and got differ, or "" when they are equal.
func firstDiff(want, got any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		all := make([]string, 0, len(keys))
		for k := range keys {
			all = append(all, k)
		}
		sort.Strings(all)
		for _, k := range all {
			wv, wok := w[k]
			gv, gok := g[k]
			p := path + pathKey(k)
			if wok != gok {
				return p
			}
			if d := firstDiff(wv, gv, p); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok {
			return path
		}
		for i := 0; i < len(w) && i < len(g); i++ {
			if d := firstDiff(w[i], g[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		if len(w) != len(g) {
			n := min(len(w), len(g))
			return fmt.Sprintf("%s[%d]", path, n)
		}
		return ""
	default:
		if canonicalJSON(want) != canonicalJSON(got) {
			return path
		}
		return ""
	}
}

// pathKey formats one JSONPath step: .name for identifiers, ['name']
// otherwise.
func pathKey(k string) string {
	ident := k != ""
	for i, r := range k {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ident = false
			break
		}
	}
	if ident {
		return "." + k
	}
	return "['" + strings.ReplaceAll(strings.ReplaceAll(k, `\`, `\\`), "'", `\'`) + "']"
}

// offsetLineCol converts a byte offset in s to a 1-based line and a
// 1-based column counted in runes.
func offsetLineCol(s string, off int) (line, col int) {
	if off > len(s) {
		off = len(s)
	}
	line = 1 + strings.Count(s[:off], "\n")
	start := strings.LastIndexByte(s[:off], '\n') + 1
	col = 1 + utf8.RuneCountInString(s[start:off])
	return line, col
}
