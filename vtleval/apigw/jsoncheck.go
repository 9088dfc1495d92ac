package apigw

import (
	"fmt"
	"strings"
)

// jsonProblem checks that an event is valid JSON as Lambda requires, and
// describes the first problem the way Lambda's JSON parser (Jackson) words
// it: "Unrecognized character escape ”' (code 39)" is the classic
// escapeJavaScript single-quote bug (apigw.md §2.1, GH-SQ). The wording of
// the messages follows the reports; the position format is ours [inf].
func jsonProblem(s string) string {
	c := &jsonChecker{s: []rune(s), line: 1, col: 1}
	msg := c.value(0)
	if msg == "" {
		c.space()
		if c.i < len(c.s) {
			msg = c.unexpected("expected end of input")
		}
	}
	if msg == "" {
		return ""
	}
	return fmt.Sprintf("%s\n at [line: %d, column: %d]", msg, c.line, c.col)
}

type jsonChecker struct {
	s         []rune
	i         int
	line, col int
}

func (c *jsonChecker) next() rune {
	r := c.s[c.i]
	c.i++
	if r == '\n' {
		c.line++
		c.col = 1
	} else {
		c.col++
	}
	return r
}

func (c *jsonChecker) space() {
	for c.i < len(c.s) && strings.ContainsRune(" \t\r\n", c.s[c.i]) {
		c.next()
	}
}

func (c *jsonChecker) unexpected(what string) string {
	r := c.s[c.i]
	return fmt.Sprintf("Unexpected character ('%c' (code %d)): %s", r, r, what)
}

func (c *jsonChecker) eof(what string) string {
	return "Unexpected end-of-input: " + what
}

func (c *jsonChecker) value(depth int) string {
	if depth > 1000 {
		return "JSON nested too deeply"
	}
	c.space()
	if c.i >= len(c.s) {
		return "No content to map due to end-of-input"
	}
	switch r := c.s[c.i]; {
	case r == '{':
		c.next()
		c.space()
		if c.i < len(c.s) && c.s[c.i] == '}' {
			c.next()
			return ""
		}
		for {
			c.space()
			if c.i >= len(c.s) {
				return c.eof("expected close marker for Object")
			}
			if c.s[c.i] != '"' {
				return c.unexpected("was expecting double-quote to start field name")
			}
			if m := c.str(); m != "" {
				return m
			}
			c.space()
			if c.i >= len(c.s) {
				return c.eof("expected close marker for Object")
			}
			if c.s[c.i] != ':' {
				return c.unexpected("was expecting a colon to separate field name and value")
			}
			c.next()
			if m := c.value(depth + 1); m != "" {
				return m
			}
			c.space()
			if c.i >= len(c.s) {
				return c.eof("expected close marker for Object")
			}
			switch c.s[c.i] {
			case ',':
				c.next()
			case '}':
				c.next()
				return ""
			default:
				return c.unexpected("was expecting comma to separate Object entries")
			}
		}
	case r == '[':
		c.next()
		c.space()
		if c.i < len(c.s) && c.s[c.i] == ']' {
			c.next()
			return ""
		}
		for {
			if m := c.value(depth + 1); m != "" {
				return m
			}
			c.space()
			if c.i >= len(c.s) {
				return c.eof("expected close marker for Array")
			}
			switch c.s[c.i] {
			case ',':
				c.next()
			case ']':
				c.next()
				return ""
			default:
				return c.unexpected("was expecting comma to separate Array entries")
			}
		}
	case r == '"':
		return c.str()
	case r == '-' || r >= '0' && r <= '9':
		return c.number()
	default:
		for _, w := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(c.s[c.i:min(c.i+len(w), len(c.s))]), w) {
				for range w {
					c.next()
				}
				return ""
			}
		}
		return c.unexpected("expected a valid value (number, String, array, object, 'true', 'false' or 'null')")
	}
}

func (c *jsonChecker) str() string {
	c.next() // opening quote
	for c.i < len(c.s) {
		r := c.s[c.i]
		switch {
		case r == '"':
			c.next()
			return ""
		case r == '\\':
			c.next()
			if c.i >= len(c.s) {
				return c.eof("was expecting closing quote for a string value")
			}
			e := c.s[c.i]
			if !strings.ContainsRune(`"\/bfnrtu`, e) {
				return fmt.Sprintf("Unrecognized character escape '%c' (code %d)", e, e)
			}
			c.next()
			if e == 'u' {
				for k := 0; k < 4; k++ {
					if c.i >= len(c.s) {
						return c.eof("was expecting closing quote for a string value")
					}
					h := c.s[c.i]
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return fmt.Sprintf("Unexpected character ('%c' (code %d)): expected a hex-digit for character escape sequence", h, h)
					}
					c.next()
				}
			}
		case r < 0x20:
			return fmt.Sprintf("Illegal unquoted character ((CTRL-CHAR, code %d)): has to be escaped using backslash to be included in string value", r)
		default:
			c.next()
		}
	}
	return c.eof("was expecting closing quote for a string value")
}

func (c *jsonChecker) number() string {
	start := c.i
	if c.s[c.i] == '-' {
		c.next()
	}
	digits := 0
	for c.i < len(c.s) && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
		c.next()
		digits++
	}
	if digits == 0 {
		if c.i >= len(c.s) {
			return c.eof("expected digit after minus sign")
		}
		return c.unexpected("expected digit (0-9) to follow minus sign, for valid numeric value")
	}
	if digits > 1 && c.s[start] == '0' || digits > 1 && c.s[start] == '-' && c.s[start+1] == '0' {
		return "Invalid numeric value: Leading zeroes not allowed"
	}
	if c.i < len(c.s) && c.s[c.i] == '.' {
		c.next()
		d := 0
		for c.i < len(c.s) && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
			c.next()
			d++
		}
		if d == 0 {
			return "Unexpected character: Decimal point not followed by a digit"
		}
	}
	if c.i < len(c.s) && (c.s[c.i] == 'e' || c.s[c.i] == 'E') {
		c.next()
		if c.i < len(c.s) && (c.s[c.i] == '+' || c.s[c.i] == '-') {
			c.next()
		}
		d := 0
		for c.i < len(c.s) && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
			c.next()
			d++
		}
		if d == 0 {
			return "Unexpected character: Exponent indicator not followed by a digit"
		}
	}
	return ""
}
