package vtleval

import (
	"strconv"
	"strings"
	"sync"
	"time"

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
			sb.WriteRune(c)
			sb.WriteRune(rs[i+1])
			i++
		case c == '[':
			inClass = true
			sb.WriteRune(c)
		case c == ']':
			inClass = false
			sb.WriteRune(c)
		case c == '.' && !inClass:
			sb.WriteString(`[^\n\r\u0085\u2028\u2029]`)
		default:
			sb.WriteRune(c)
		}
	}
	return sb.String()
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
