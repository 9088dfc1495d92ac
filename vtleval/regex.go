package vtleval

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
)

// Java regular expressions (String.matches, replaceAll, replaceFirst, split)
// run on regexp2, whose default syntax is close to java.util.regex.

var regexCache sync.Map // string -> *regexp2.Regexp or error

func compileJava(expr string) (*regexp2.Regexp, error) {
	if v, ok := regexCache.Load(expr); ok {
		if re, ok := v.(*regexp2.Regexp); ok {
			return re, nil
		}
		return nil, v.(error)
	}
	if err := checkJavaRepetition(expr); err != nil {
		regexCache.Store(expr, err)
		return nil, err
	}
	re, err := regexp2.Compile(translateJavaRegex(expr), regexp2.None)
	if err != nil {
		err = throw("java.util.regex.PatternSyntaxException", "%s near index %d\n%s", strings.TrimPrefix(err.Error(), "error parsing regexp: "), 0, expr)
		regexCache.Store(expr, err)
		return nil, err
	}
	re.MatchTimeout = 2 * time.Second
	regexCache.Store(expr, re)
	return re, nil
}

// translateJavaRegex rewrites the Java constructs regexp2 spells differently:
// possessive quantifiers become atomic groups is not attempted here; '.'
// excludes Java's line terminators.
func translateJavaRegex(expr string) string {
	var sb strings.Builder
	inClass := false
	rs := []rune(expr)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\' && i+1 < len(rs):
			if rs[i+1] == 'Q' {
				end := strings.Index(string(rs[i+2:]), `\E`)
				lit := string(rs[i+2:])
				if end >= 0 {
					lit = string(rs[i+2 : i+2+len([]rune(string(rs[i+2:])[:end]))])
				}
				sb.WriteString(regexp2.Escape(lit))
				if end < 0 {
					i = len(rs)
				} else {
					i += 2 + len([]rune(lit)) + 1
				}
				continue
			}
			if (rs[i+1] == 'p' || rs[i+1] == 'P') && i+2 < len(rs) && rs[i+2] == '{' {
				if j := strings.IndexRune(string(rs[i+3:]), '}'); j >= 0 {
					name := string(rs[i+3 : i+3+len([]rune(string(rs[i+3:])[:j]))])
					if set, ok := javaClasses[strings.TrimPrefix(name, "Is")]; ok {
						neg := rs[i+1] == 'P'
						switch {
						case inClass && !neg:
							sb.WriteString(set)
						case inClass:
							sb.WriteString(`\P{` + name + `}`) // approximation
						case neg:
							sb.WriteString("[^" + set + "]")
						default:
							sb.WriteString("[" + set + "]")
						}
						i += 3 + len([]rune(name))
						continue
					}
				}
			}
			sb.WriteRune(c)
			sb.WriteRune(rs[i+1])
			i++
		case c == '[':
			inClass = true
			sb.WriteRune(c)
		case c == ']':
			inClass = false
			sb.WriteRune(c)
		case c == '&' && inClass && i+3 < len(rs) && rs[i+1] == '&' && rs[i+2] == '[' && rs[i+3] == '^':
			// [a-z&&[^aeiou]] is a subtraction, which .NET spells [a-z-[aeiou]]
			sb.WriteString("-[")
			i += 3
		case c == '.' && !inClass:
			sb.WriteString(`[^\n\r\u0085\u2028\u2029]`)
		case c == '+' && !inClass && quantifierBefore(rs, i):
			// a possessive quantifier (a++): .NET has none; the greedy one
			// matches the same in all but pathological cases
		default:
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

// quantifierBefore reports whether rs[i-1] is an unescaped quantifier.
func quantifierBefore(rs []rune, i int) bool {
	if i == 0 {
		return false
	}
	switch rs[i-1] {
	case '+', '*':
	case '}':
		// only the end of a counted repetition {n,m}, not of \p{Lower}
		j := i - 2
		for j >= 0 && (rs[j] >= '0' && rs[j] <= '9' || rs[j] == ',') {
			j--
		}
		if j < 0 || rs[j] != '{' || j == i-2 {
			return false
		}
	case '?':
		if i >= 2 && rs[i-2] == '(' {
			return false
		}
	default:
		return false
	}
	// not escaped: an even number of backslashes before it
	n := 0
	for j := i - 2; j >= 0 && rs[j] == '\\'; j-- {
		n++
	}
	if n%2 != 0 {
		return false
	}
	// "a++" is possessive, but in "a+++" only the second '+' is
	return !quantifierBefore(rs, i-1)
}

// javaClasses are java.util.regex's POSIX and java.lang.Character classes,
// as the contents of a character class.
var javaClasses = map[string]string{
	"Lower": "a-z", "Upper": "A-Z", "ASCII": `\x00-\x7F`, "Alpha": "a-zA-Z", "Digit": "0-9",
	"Alnum": "a-zA-Z0-9", "Punct": `!-/:-@\[-` + "`" + `{-~`, "Graph": `!-~`, "Print": `\x20-~`,
	"Blank": `\x20\t`, "Cntrl": `\x00-\x1F\x7F`, "XDigit": "0-9a-fA-F", "Space": `\x20\t\n\x0B\f\r`,
	"javaLowerCase": `\p{Ll}`, "javaUpperCase": `\p{Lu}`, "javaWhitespace": `\t\n\x0B\f\r\x1C-\x1F\p{Zs}\p{Zl}\p{Zp}`,
	"javaDigit": `\p{Nd}`, "javaLetter": `\p{L}`, "javaLetterOrDigit": `\p{L}\p{Nd}`,
	"Alphabetic": `\p{L}\p{Nl}`, "Letter": `\p{L}`,
}

func javaMatches(expr, s string) (bool, error) {
	re, err := compileJava(expr)
	if err != nil {
		return false, err
	}
	m, err := re.FindStringMatch(s)
	for err == nil && m != nil {
		if m.Index == 0 && m.Length == len([]rune(s)) {
			return true, nil
		}
		m, err = re.FindNextMatch(m)
	}
	if err != nil {
		return false, err
	}
	// FindStringMatch finds leftmost-first matches; anchor explicitly.
	anch, err2 := compileJava(`^(?:` + expr + `)$`)
	if err2 != nil {
		return false, nil
	}
	ok, err := anch.MatchString(s)
	return ok, err
}

// javaReplace is String.replaceAll/replaceFirst with Java's replacement
// syntax ($n, ${name}, \x).
func javaReplace(s, expr, rep string, all bool) (string, error) {
	if lit, ok := literalRegex(expr); ok && !strings.ContainsAny(rep, `\$`) && utf8.ValidString(s) {
		// a pattern that only matches its own text, a replacement without
		// group references or escapes: what the regex would do
		// (replaceAll("\\'", "'") after escapeJavaScript, mostly)
		n := -1
		if !all {
			n = 1
		}
		return strings.Replace(s, lit, rep, n), nil
	}
	return regexReplace(s, expr, rep, all)
}

// regexReplace is javaReplace through the regex engine.
func regexReplace(s, expr, rep string, all bool) (string, error) {
	re, err := compileJava(expr)
	if err != nil {
		return "", err
	}
	rs := []rune(s)
	var sb strings.Builder
	last := 0
	m, err := re.FindStringMatch(s)
	for m != nil && err == nil {
		sb.WriteString(string(rs[last:m.Index]))
		if err := appendReplacement(&sb, m, rep); err != nil {
			return "", err
		}
		last = m.Index + m.Length
		if !all {
			break
		}
		m, err = re.FindNextMatch(m)
	}
	if err != nil {
		return "", err
	}
	sb.WriteString(string(rs[last:]))
	return sb.String(), nil
}

func appendReplacement(sb *strings.Builder, m *regexp2.Match, rep string) error {
	rs := []rune(rep)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch c {
		case '\\':
			i++
			if i >= len(rs) {
				return throw("java.lang.IllegalArgumentException", "character to be escaped is missing")
			}
			sb.WriteRune(rs[i])
		case '$':
			i++
			if i >= len(rs) {
				return throw("java.lang.IllegalArgumentException", "Illegal group reference: group index is missing")
			}
			if rs[i] == '{' {
				j := i + 1
				for j < len(rs) && rs[j] != '}' {
					j++
				}
				if j >= len(rs) {
					return throw("java.lang.IllegalArgumentException", "named capturing group is missing trailing '}'")
				}
				name := string(rs[i+1 : j])
				g := m.GroupByName(name)
				if g == nil {
					return throw("java.lang.IllegalArgumentException", "No group with name {%s}", name)
				}
				sb.WriteString(g.String())
				i = j
				continue
			}
			if rs[i] < '0' || rs[i] > '9' {
				return throw("java.lang.IllegalArgumentException", "Illegal group reference")
			}
			num := int(rs[i] - '0')
			groups := len(m.Groups()) - 1
			if num > groups {
				return throw("java.lang.IndexOutOfBoundsException", "No group %d", num)
			}
			// Java takes more digits while the group number stays valid.
			for i+1 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '9' {
				n2 := num*10 + int(rs[i+1]-'0')
				if n2 > groups {
					break
				}
				num = n2
				i++
			}
			g := m.GroupByNumber(num)
			if g != nil && len(g.Captures) > 0 {
				sb.WriteString(g.String())
			}
		default:
			sb.WriteRune(c)
		}
	}
	return nil
}

// javaSplit is String.split(regex, limit).
func javaSplit(s, expr string, limit int) ([]string, error) {
	rs := []rune(s)
	var parts []string
	if len(rs) == 0 {
		return []string{""}, nil
	}
	re, err := compileJava(expr)
	if err != nil {
		return nil, err
	}
	index := 0
	m, err := re.FindStringMatch(s)
	for m != nil && err == nil {
		if limit <= 0 || len(parts) < limit-1 {
			if index == 0 && m.Index == 0 && m.Length == 0 {
				// no empty leading substring for a zero-width match at 0
			} else {
				parts = append(parts, string(rs[index:m.Index]))
				index = m.Index + m.Length
			}
		} else {
			break
		}
		m, err = re.FindNextMatch(m)
	}
	if err != nil {
		return nil, err
	}
	if index == 0 && len(parts) == 0 {
		return []string{s}, nil
	}
	parts = append(parts, string(rs[index:]))
	if limit == 0 {
		for len(parts) > 0 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
	}
	return parts, nil
}

var _ = strconv.Itoa

// javaFind is Matcher.find: whether expr matches somewhere in s.
func javaFind(s, expr string) (bool, error) {
	re, err := compileJava(expr)
	if err != nil {
		return false, err
	}
	m, err := re.FindStringMatch(s)
	return m != nil, err
}

// badJavaEscapes are the letters java.util.regex refuses after a
// backslash ("\\y"), where other engines take the letter literally.
const badJavaEscapes = "gijlmoqyCFIJKLMOTUY"

// checkJavaRepetition rejects a '{' that java.util.regex.Pattern does not
// read as a counted repetition {n}, {n,} or {n,m} after an atom (other
// engines take such a brace literally).
func checkJavaRepetition(expr string) error {
	rs := []rune(expr)
	inClass, atom := false, false
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\':
			if i+1 < len(rs) && rs[i+1] == 'Q' {
				end := strings.Index(string(rs[i+2:]), `\E`)
				if end < 0 {
					return nil
				}
				i += 2 + len([]rune(string(rs[i+2:])[:end])) + 1
			} else {
				i++
				if i < len(rs) && strings.ContainsRune(badJavaEscapes, rs[i]) {
					return throw("java.util.regex.PatternSyntaxException", "Illegal/unsupported escape sequence near index %d\n%s", i, expr)
				}
				// \p{Upper}, \x{263A}, \N{name}, \b{g}: the braces belong
				// to the escape
				if i+1 < len(rs) && rs[i+1] == '{' && strings.ContainsRune("pPxNb", rs[i]) {
					for i < len(rs) && rs[i] != '}' {
						i++
					}
				}
			}
			atom = true
		case inClass && c == '\\':
			i++
			if i < len(rs) && strings.ContainsRune(badJavaEscapes, rs[i]) {
				return throw("java.util.regex.PatternSyntaxException", "Illegal/unsupported escape sequence near index %d\n%s", i, expr)
			}
		case inClass:
			if c == ']' {
				inClass = false
				atom = true
			}
		case c == '[':
			inClass = true
			if i+1 < len(rs) && rs[i+1] == ']' {
				i++
			}
		case c == '(' || c == '|':
			atom = false
		case c == '{':
			j := i + 1
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			ok := j > i+1
			if ok && j < len(rs) && rs[j] == ',' {
				j++
				for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
					j++
				}
			}
			if !atom {
				return throw("java.util.regex.PatternSyntaxException", "Dangling meta character '{' near index %d\n%s", i, expr)
			}
			if !ok {
				return throw("java.util.regex.PatternSyntaxException", "Illegal repetition near index %d\n%s", max(i-1, 0), expr)
			}
			if j >= len(rs) || rs[j] != '}' {
				return throw("java.util.regex.PatternSyntaxException", "Unclosed counted closure near index %d\n%s", j, expr)
			}
			i = j
		default:
			atom = true
		}
	}
	return nil
}

// literalRegex returns the text a Java regex matches when it matches only
// that text: no metacharacters, and escapes only of characters that are
// neither letters nor digits (which Java reads as the character itself).
// The empty pattern is not one: it matches between every UTF-16 unit.
func literalRegex(expr string) (string, bool) {
	if expr == "" {
		return "", false
	}
	if !strings.ContainsAny(expr, `\^$.|?*+()[]{}`) {
		return expr, true
	}
	// a template calls replaceAll with the same few patterns, render
	// after render: the last answer is kept
	if l := lastLiteral.Load(); l != nil && l.expr == expr {
		return l.lit, l.ok
	}
	lit, ok := literalRegexText(expr)
	lastLiteral.Store(&literalAnswer{expr, lit, ok})
	return lit, ok
}

type literalAnswer struct {
	expr, lit string
	ok        bool
}

var lastLiteral atomic.Pointer[literalAnswer]

// literalRegexText is literalRegex for a pattern with metacharacters.
func literalRegexText(expr string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch c {
		case '\\':
			i++
			if i >= len(expr) {
				return "", false
			}
			e := expr[i]
			if e >= utf8.RuneSelf || e >= 'a' && e <= 'z' || e >= 'A' && e <= 'Z' || e >= '0' && e <= '9' {
				return "", false
			}
			b.WriteByte(e)
		case '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}':
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}
