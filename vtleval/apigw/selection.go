package apigw

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/dlclark/regexp2"
)

// This file implements integration-response selection patterns (apigw.md §6.1, §6.2): a
// selectionPattern is a java.util.regex.Pattern (default flags) that must match the whole
// selection value, as String.matches does. Go has no Java regex engine, so the pattern is
// parsed here with Java's grammar and translated into a regexp2 (.NET syntax) pattern that
// spells out Java's meaning of every construct, instead of relying on .NET's defaults:
//
//   - '.' excludes exactly Java's line terminators \n \r \u0085 \u2028 \u2029 (only \n
//     under (?d)); '^', '$', \Z follow Java's rules for \r\n and those terminators, with and
//     without (?m);
//   - (?i) is ASCII-only case folding, as in Java without (?u), applied per class item the
//     way Java applies it, and \p{Lu}, \p{Lower}, \p{javaLowerCase}… widen under (?i) as
//     Java widens them;
//   - \w \d \s \h \v \R and POSIX classes (\p{Alpha}, \p{Punct}, …) are Java's ASCII
//     sets; \p{L}, \p{IsLatin}, \p{javaLowerCase}… are built from Go's Unicode tables;
//   - \b is Java 17's boundary (letters and digits of any script, '_', and non-spacing
//     marks after a letter or digit);
//   - class union, intersection (&&) and negation follow Java 9+;
//   - possessive quantifiers become atomic groups, and a repeated \R keeps its first way
//     of matching as Java's Curly does; named groups become numbered groups (so numbering
//     stays Java's, left to right); a reference to a group that does not exist never
//     matches;
//   - a lookbehind must have a length bound as Java computes it ("Look-behind group does
//     not have an obvious maximum length"), and where Java's 32-bit length arithmetic
//     overflows, the positions Java then skips are skipped too.
//
// Constructs whose Java meaning is not reproduced are rejected with a *PatternError
// naming the construct and its column, never translated approximately: (?u), (?U), (?c),
// Unicode blocks (\p{InGreek}) and script aliases (\p{IsLatn}), \N{…}, \X, \b{g}, \G,
// back references under (?i), a group that can match the empty string only through an
// assertion repeated a minimum of two times or more (Java ends such loops at the first
// empty repetition), and a few spellings Java reads in surprising ways ([&&a], a{2}{3}).
// Known limits: Go's Unicode tables (15.0) are newer than Java 17's (13.0), so characters
// assigned since then are letters here and unassigned in Java; Java's \b changed in Java 19
// (ASCII word characters only) and this follows Java 17, the release the goldens were
// recorded with; Java counts lookbehind positions in UTF-16 units and this in code points.

// DefaultMatchTimeout bounds one [SelectionPattern.Matches] call, so catastrophic
// backtracking returns an error instead of hanging.
const DefaultMatchTimeout = 2 * time.Second

// SelectionPattern is a compiled integration-response selectionPattern.
type SelectionPattern struct {
	src        string
	translated string
	re         *regexp2.Regexp
}

// PatternError is a selectionPattern Java would reject, or one using a construct this
// package does not reproduce.
type PatternError struct {
	Pattern string
	Col     int // 1-based column in Pattern, counted in characters
	Msg     string
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("invalid selectionPattern %q: column %d: %s", e.Pattern, e.Col, e.Msg)
}

// CompileSelectionPattern translates a Java regular expression (see the file comment)
// and compiles it. Matches uses [DefaultMatchTimeout]; see [SelectionPattern.SetMatchTimeout].
func CompileSelectionPattern(pattern string) (*SelectionPattern, error) {
	p := &rxParser{src: pattern, pat: []rune(stringFromChars(javaChars(pattern)))}
	p.pat = joinSurrogates(p.pat)
	tree, err := p.parse()
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(`\A(?:`)
	tree.emit(&b)
	b.WriteString(`)\z`)
	re, err := regexp2.Compile(b.String(), regexp2.None)
	if err != nil {
		return nil, &PatternError{Pattern: pattern, Col: 1, Msg: "internal translation error: " + err.Error()}
	}
	re.MatchTimeout = DefaultMatchTimeout
	return &SelectionPattern{src: pattern, translated: b.String(), re: re}, nil
}

// String returns the pattern as written.
func (p *SelectionPattern) String() string { return p.src }

// SetMatchTimeout changes the time one Matches call may take (0 means no limit). Call it
// before the pattern is used.
func (p *SelectionPattern) SetMatchTimeout(d time.Duration) {
	if d <= 0 {
		d = regexp2.DefaultMatchTimeout
	}
	p.re.MatchTimeout = d
}

// Matches reports whether the pattern matches the whole of s, as Java's
// s.matches(pattern) does (apigw.md §6.1: the Lambda errorMessage, "" for a success; §6.2:
// the HTTP status code). s is read as WTF-8 (see util.go). It fails only when the match
// times out.
func (p *SelectionPattern) Matches(s string) (bool, error) {
	rs := joinSurrogates(runesOfChars(javaChars(s)))
	for i, r := range rs {
		rs[i] = swapRune(r)
	}
	ok, err := p.re.MatchRunes(rs)
	if err != nil {
		return false, fmt.Errorf("selectionPattern %q on a %d-byte value: %w (catastrophic backtracking?)", p.src, len(s), err)
	}
	return ok, nil
}

// regexp2 cannot hold surrogate code points in its character sets (it interns sets by a
// UTF-8 key in which every surrogate reads as U+FFFD, so [\uD800-\uDBFF] and
// [\uDC00-\uDFFF] become one set). Unpaired surrogates are therefore swapped with
// U+40000..U+407FF, unassigned code points, both in the input and in the pattern's sets:
// Cs is emitted as that range and those code points as \p{Cs}. A pattern naming part of
// that range is rejected.
const (
	swapLo    = 0x40000
	swapHi    = 0x407ff
	swapShift = swapLo - 0xd800
)

func swapRune(r rune) rune {
	switch {
	case r >= 0xd800 && r <= 0xdfff:
		return r + swapShift
	case r >= swapLo && r <= swapHi:
		return r - swapShift
	}
	return r
}

// swapRanges maps rs through swapRune; the whole swap range becomes cs (\p{Cs}).
func swapRanges(rs []rng) (out []rng, cs bool) {
	for _, r := range rs {
		pieces := []rng{
			{r.lo, min(r.hi, 0xd7ff)},
			{max(r.lo, 0xd800) + swapShift, min(r.hi, 0xdfff) + swapShift},
			{max(r.lo, 0xe000), min(r.hi, swapLo-1)},
			{max(r.lo, swapHi+1), r.hi},
		}
		for _, q := range pieces {
			if q.lo <= q.hi {
				out = append(out, q)
			}
		}
		if r.lo <= swapLo && r.hi >= swapHi {
			cs = true
		}
	}
	return normRanges(out), cs
}

func runesOfChars(cs []uint16) []rune {
	rs := make([]rune, len(cs))
	for i, c := range cs {
		rs[i] = rune(c)
	}
	return rs
}

// joinSurrogates combines surrogate pairs into code points and keeps unpaired ones as
// surrogate code points, which is how Java's regex nodes read a string.
func joinSurrogates(rs []rune) []rune {
	out := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r >= 0xd800 && r < 0xdc00 && i+1 < len(rs) && rs[i+1] >= 0xdc00 && rs[i+1] <= 0xdfff {
			out = append(out, utf16.DecodeRune(r, rs[i+1]))
			i++
			continue
		}
		out = append(out, r)
	}
	return out
}

// ---- syntax tree ----

type rxKind int

const (
	rxSeq     rxKind = iota // kids in order
	rxAlt                   // kids are alternatives
	rxChar                  // one code point in set
	rxRepeat                // kids[0] repeated min..max (max < 0: unbounded)
	rxGroup                 // capturing (num > 0) or not; kids[0]
	rxLook                  // lookaround: ahead/behind, neg; kids[0]
	rxAtomic                // (?>…); kids[0]
	rxRaw                   // zero-width assertion emitted as raw text
	rxBackref               // num
	rxLineEnd               // \R
)

type rxQuant int

const (
	qGreedy rxQuant = iota
	qLazy
	qPossessive
)

type rxNode struct {
	kind     rxKind
	kids     []*rxNode
	set      *cset
	min, max int
	quant    rxQuant
	num      int
	behind   bool
	neg      bool
	raw      string
	atomic   bool // rxLineEnd under a quantifier
	minPos   int  // rxLook behind: Java only tries it at positions >= minPos
}

const javaMaxReps = 0x7fffffff

func (n *rxNode) emit(b *strings.Builder) {
	switch n.kind {
	case rxSeq:
		for _, k := range n.kids {
			k.emit(b)
		}
	case rxAlt:
		for i, k := range n.kids {
			if i > 0 {
				b.WriteByte('|')
			}
			k.emit(b)
		}
	case rxChar:
		b.WriteString(n.set.emit())
	case rxRepeat:
		if n.quant == qPossessive {
			b.WriteString("(?>")
		}
		b.WriteString("(?:")
		n.kids[0].emit(b)
		b.WriteString(")")
		switch {
		case n.min == 0 && n.max < 0:
			b.WriteString("*")
		case n.min == 1 && n.max < 0:
			b.WriteString("+")
		case n.min == 0 && n.max == 1:
			b.WriteString("?")
		case n.max < 0:
			fmt.Fprintf(b, "{%d,}", n.min)
		case n.min == n.max:
			fmt.Fprintf(b, "{%d}", n.min)
		default:
			fmt.Fprintf(b, "{%d,%d}", n.min, n.max)
		}
		if n.quant == qLazy {
			b.WriteString("?")
		}
		if n.quant == qPossessive {
			b.WriteString(")")
		}
	case rxGroup:
		if n.num > 0 {
			b.WriteString("(")
		} else {
			b.WriteString("(?:")
		}
		n.kids[0].emit(b)
		b.WriteString(")")
	case rxLook:
		// See checkLookbehind: Java's lookbehind fails below minPos.
		if n.minPos > 0 && n.neg {
			fmt.Fprintf(b, `(?:(?<![\s\S]{%d})|`, n.minPos)
		} else if n.minPos > 0 {
			fmt.Fprintf(b, `(?<=[\s\S]{%d})`, n.minPos)
		}
		switch {
		case n.behind && n.neg:
			b.WriteString("(?<!")
		case n.behind:
			b.WriteString("(?<=")
		case n.neg:
			b.WriteString("(?!")
		default:
			b.WriteString("(?=")
		}
		n.kids[0].emit(b)
		b.WriteString(")")
		if n.minPos > 0 && n.neg {
			b.WriteString(")")
		}
	case rxAtomic:
		b.WriteString("(?>")
		n.kids[0].emit(b)
		b.WriteString(")")
	case rxRaw:
		b.WriteString(n.raw)
	case rxBackref:
		fmt.Fprintf(b, `\k<%d>`, n.num)
	case rxLineEnd:
		// Java backtracks from \r\n to \r only when \R is not repeated: a quantifier
		// keeps the first way each repetition matched.
		if n.atomic {
			b.WriteString(`(?>\u000D\u000A|[\u000A-\u000D\u0085\u2028\u2029])`)
		} else {
			b.WriteString(`(?:\u000D\u000A|[\u000A-\u000D\u0085\u2028\u2029])`)
		}
	}
}

// nullable reports whether n can match the empty string.
func (n *rxNode) nullable() bool {
	switch n.kind {
	case rxSeq:
		for _, k := range n.kids {
			if !k.nullable() {
				return false
			}
		}
		return true
	case rxAlt:
		for _, k := range n.kids {
			if k.nullable() {
				return true
			}
		}
		return false
	case rxChar, rxLineEnd:
		return false
	case rxRepeat:
		return n.min == 0 || n.kids[0].nullable()
	case rxGroup, rxAtomic:
		return n.kids[0].nullable()
	}
	return true // assertions, lookarounds, back references
}

// freelyNullable reports whether n can match the empty string without any assertion, so
// at every position.
func (n *rxNode) freelyNullable() bool {
	switch n.kind {
	case rxSeq:
		for _, k := range n.kids {
			if !k.freelyNullable() {
				return false
			}
		}
		return true
	case rxAlt:
		for _, k := range n.kids {
			if k.freelyNullable() {
				return true
			}
		}
		return false
	case rxRepeat:
		return n.min == 0 || n.kids[0].freelyNullable()
	case rxGroup, rxAtomic:
		return n.kids[0].freelyNullable()
	}
	return false
}

// consumes reports whether n may match a non-empty string.
func (n *rxNode) consumes() bool {
	switch n.kind {
	case rxChar, rxLineEnd, rxBackref:
		return true
	case rxSeq, rxAlt, rxGroup, rxAtomic:
		for _, k := range n.kids {
			if k.consumes() {
				return true
			}
		}
		return false
	case rxRepeat:
		return n.max != 0 && n.kids[0].consumes()
	}
	return false
}

// treeInfo is Java's Pattern.TreeInfo, with Java's 32-bit arithmetic: what a lookbehind's
// length check sees.
type treeInfo struct {
	min, max      int32
	maxValid      bool
	deterministic bool
}

func (n *rxNode) study(t *treeInfo) {
	switch n.kind {
	case rxSeq:
		for _, k := range n.kids {
			k.study(t)
		}
	case rxAlt:
		minL, maxL, maxV := t.min, t.max, t.maxValid
		minL2, maxL2 := int32(javaMaxReps), int32(-1)
		for _, k := range n.kids {
			*t = treeInfo{maxValid: true, deterministic: true}
			k.study(t)
			minL2 = min(minL2, t.min)
			maxL2 = max(maxL2, t.max)
			maxV = maxV && t.maxValid
		}
		*t = treeInfo{min: minL + minL2, max: maxL + maxL2, maxValid: maxV}
	case rxChar:
		t.min++
		t.max++
	case rxLineEnd:
		t.min++
		t.max += 2
	case rxGroup, rxAtomic:
		n.kids[0].study(t)
	case rxLook, rxRaw:
	case rxBackref:
		t.maxValid = false
	case rxRepeat:
		body := n.kids[0]
		switch {
		case n.min == 0 && n.max == 1:
			// Ques (or Branch for a group): the body's max, no min.
			minL := t.min
			body.study(t)
			t.min = minL
			t.deterministic = false
		case body.kind == rxChar && n.max < 0 && n.quant == qGreedy:
			// CharPropertyGreedy: no overflow check.
			t.min += int32(n.min)
			if t.maxValid {
				t.max += javaMaxReps
			}
			t.deterministic = false
		default:
			// Curly, GroupCurly, or Loop for a group that is not deterministic.
			minL, maxL, maxV, detm := t.min, t.max, t.maxValid, t.deterministic
			inner := treeInfo{maxValid: true, deterministic: true}
			body.study(&inner)
			cmax := int32(javaMaxReps)
			if n.max >= 0 {
				cmax = int32(n.max)
			}
			isGroup := body.kind == rxGroup
			if isGroup && n.quant != qPossessive && !inner.deterministic {
				t.maxValid = false
				t.deterministic = false
				return
			}
			temp := inner.min*int32(n.min) + minL
			if temp < minL {
				temp = 0xFFFFFFF
			}
			t.min = temp
			if maxV && inner.maxValid {
				temp = inner.max*cmax + maxL
				t.max = temp
				t.maxValid = temp >= maxL
			} else {
				t.maxValid = false
			}
			t.deterministic = inner.deterministic && n.min == n.max && detm
		}
	}
}

// ---- character sets ----

type csetOp int

const (
	csRanges csetOp = iota
	csProp          // a regexp2 \p{name} (a Go unicode table name)
	csUnion
	csInter
	csNeg
)

type rng struct{ lo, hi rune }

// cset is a set of code points, as a tree of Java's class operations.
type cset struct {
	op   csetOp
	rs   []rng
	prop string
	kids []*cset
}

func rangesSet(rs ...rng) *cset { return &cset{op: csRanges, rs: normRanges(rs)} }
func propSet(name string) *cset { return &cset{op: csProp, prop: name} }
func unionSet(kids ...*cset) *cset {
	if len(kids) == 1 {
		return kids[0]
	}
	return &cset{op: csUnion, kids: kids}
}
func negSet(c *cset) *cset      { return &cset{op: csNeg, kids: []*cset{c}} }
func interSet(a, b *cset) *cset { return &cset{op: csInter, kids: []*cset{a, b}} }

func normRanges(rs []rng) []rng {
	rs = append([]rng(nil), rs...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].lo < rs[j].lo })
	var out []rng
	for _, r := range rs {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	return out
}

// foldASCII adds the other ASCII case of every ASCII letter in rs: Java's (?i) without
// (?u) for single characters and ranges.
func foldASCII(rs []rng) []rng {
	out := append([]rng(nil), rs...)
	for _, r := range rs {
		if lo, hi := max(r.lo, 'a'), min(r.hi, 'z'); lo <= hi {
			out = append(out, rng{lo - 32, hi - 32})
		}
		if lo, hi := max(r.lo, 'A'), min(r.hi, 'Z'); lo <= hi {
			out = append(out, rng{lo + 32, hi + 32})
		}
	}
	return normRanges(out)
}

func escRune(b *strings.Builder, r rune) {
	if r < 0x10000 {
		fmt.Fprintf(b, `\u%04X`, r)
		return
	}
	b.WriteRune(r)
}

// flat returns the body of a .NET character class equal to c, if there is one.
func (c *cset) flat() (string, bool) {
	switch c.op {
	case csRanges:
		rs, cs := swapRanges(c.rs)
		var b strings.Builder
		for _, r := range rs {
			escRune(&b, r.lo)
			if r.hi > r.lo {
				b.WriteByte('-')
				escRune(&b, r.hi)
			}
		}
		if cs {
			b.WriteString(`\p{Cs}`)
		}
		return b.String(), true
	case csProp:
		if c.prop == "Cn" || c.prop == "Cs" {
			return "", false // see emit
		}
		return `\p{` + c.prop + `}`, true
	case csUnion:
		var b strings.Builder
		for _, k := range c.kids {
			s, ok := k.flat()
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	return "", false
}

// emit returns a regexp2 expression matching one code point of c. Intersection and
// negation of non-flat sets use lookaheads before the consuming class; this is also right
// inside a lookbehind, where regexp2 consumes first and lookaheads still look forward.
func (c *cset) emit() string {
	if body, ok := c.flat(); ok {
		if body == "" {
			return "(?!)"
		}
		return "[" + body + "]"
	}
	switch c.op {
	case csProp:
		// Swapped code points (see swapRune): Java's Cn is Go's Cn outside the swap
		// range plus the swapped-in Cs; Java's Cs is the swap range.
		if c.prop == "Cs" {
			return "[" + string(rune(swapLo)) + "-" + string(rune(swapHi)) + "]"
		}
		return `(?:[\p{Cs}]|(?![` + string(rune(swapLo)) + "-" + string(rune(swapHi)) + `])[\p{Cn}])`
	case csNeg:
		if body, ok := c.kids[0].flat(); ok {
			if body == "" {
				return `[\s\S]`
			}
			return "[^" + body + "]"
		}
		return `(?:(?!` + c.kids[0].emit() + `)[\s\S])`
	case csInter:
		return `(?:(?=` + c.kids[0].emit() + `)` + c.kids[1].emit() + `)`
	case csUnion:
		parts := make([]string, len(c.kids))
		for i, k := range c.kids {
			parts[i] = k.emit()
		}
		return "(?:" + strings.Join(parts, "|") + ")"
	}
	panic("unreachable")
}

// Java's predefined ASCII classes.
var (
	setDigit = rangesSet(rng{'0', '9'})
	setSpace = rangesSet(rng{' ', ' '}, rng{'\t', '\r'}) // [ \t\n\x0B\f\r]
	setWord  = rangesSet(rng{'a', 'z'}, rng{'A', 'Z'}, rng{'0', '9'}, rng{'_', '_'})
	setHoriz = rangesSet(rng{' ', ' '}, rng{'\t', '\t'}, rng{0xa0, 0xa0}, rng{0x1680, 0x1680},
		rng{0x180e, 0x180e}, rng{0x2000, 0x200a}, rng{0x202f, 0x202f}, rng{0x205f, 0x205f}, rng{0x3000, 0x3000})
	setVert = rangesSet(rng{'\n', '\r'}, rng{0x85, 0x85}, rng{0x2028, 0x2029})
	// Java's Dot: everything but \n \r \u0085 \u2028 \u2029.
	setDot     = negSet(rangesSet(rng{'\n', '\n'}, rng{'\r', '\r'}, rng{0x85, 0x85}, rng{0x2028, 0x2029}))
	setUnixDot = negSet(rangesSet(rng{'\n', '\n'}))
	setAll     = negSet(rangesSet())
	asciiPunct = []rng{{0x21, 0x2f}, {0x3a, 0x40}, {0x5b, 0x60}, {0x7b, 0x7e}}
)

// assignedSet is the complement of Java's UNASSIGNED (Cn).
var assignedSet = negSet(propSet("Cn"))

// javaCategory returns Java's general category (or category group) name as a set.
func javaCategory(name string, caseIns bool) *cset {
	switch name {
	case "Lu", "Ll", "Lt":
		if caseIns {
			return propSet("LC")
		}
		return propSet(name)
	case "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cs",
		"Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf", "L", "M", "N", "Z", "P", "S", "LC",
		"Cn", "C": // Go's C, like Java's, includes the unassigned Cn
		return propSet(name)
	case "LD":
		return unionSet(propSet("L"), propSet("Nd"))
	}
	return nil
}

// javaProperty resolves the name in \p{name} as Java 17's Pattern.family and
// CharPredicates do. It returns nil, "" for an unknown name (Java rejects it too) and
// nil, reason for a name Java knows but this package does not reproduce.
func javaProperty(name string, caseIns bool) (*cset, string) {
	if i := strings.IndexByte(name, '='); i >= 0 {
		key, value := strings.ToLower(name[:i]), name[i+1:]
		switch key {
		case "sc", "script":
			return javaScript(value)
		case "gc", "general_category":
			if c := javaCategory(value, caseIns); c != nil {
				return c, ""
			}
			return nil, ""
		case "blk", "block":
			return nil, "Unicode blocks are not supported"
		}
		return nil, ""
	}
	switch {
	case strings.HasPrefix(name, "In"):
		return nil, "Unicode blocks (\\p{In…}) are not supported"
	case strings.HasPrefix(name, "Is"):
		short := name[2:]
		if c, why := javaUnicodeProperty(strings.ToUpper(short), caseIns); c != nil || why != "" {
			return c, why
		}
		if c := javaCategory(short, caseIns); c != nil {
			return c, ""
		}
		return javaScript(short)
	}
	if c := javaCategory(name, caseIns); c != nil {
		return c, ""
	}
	switch name {
	case "L1":
		return rangesSet(rng{0, 0xff}), ""
	case "all":
		return setAll, ""
	case "ASCII":
		return rangesSet(rng{0, 0x7f}), ""
	case "Alnum":
		return rangesSet(rng{'0', '9'}, rng{'A', 'Z'}, rng{'a', 'z'}), ""
	case "Alpha":
		return rangesSet(rng{'A', 'Z'}, rng{'a', 'z'}), ""
	case "Blank":
		return rangesSet(rng{' ', ' '}, rng{'\t', '\t'}), ""
	case "Cntrl":
		return rangesSet(rng{0, 0x1f}, rng{0x7f, 0x7f}), ""
	case "Digit":
		return setDigit, ""
	case "Graph":
		return rangesSet(rng{0x21, 0x7e}), ""
	case "Lower":
		if caseIns {
			return rangesSet(rng{'A', 'Z'}, rng{'a', 'z'}), ""
		}
		return rangesSet(rng{'a', 'z'}), ""
	case "Upper":
		if caseIns {
			return rangesSet(rng{'A', 'Z'}, rng{'a', 'z'}), ""
		}
		return rangesSet(rng{'A', 'Z'}), ""
	case "Print":
		return rangesSet(rng{0x20, 0x7e}), ""
	case "Punct":
		return rangesSet(asciiPunct...), ""
	case "Space":
		return setSpace, ""
	case "XDigit":
		return rangesSet(rng{'0', '9'}, rng{'A', 'F'}, rng{'a', 'f'}), ""
	case "javaLowerCase":
		if caseIns {
			return javaAnyCase(), ""
		}
		return unionSet(propSet("Ll"), propSet("Other_Lowercase")), ""
	case "javaUpperCase":
		if caseIns {
			return javaAnyCase(), ""
		}
		return unionSet(propSet("Lu"), propSet("Other_Uppercase")), ""
	case "javaTitleCase":
		if caseIns {
			return javaAnyCase(), ""
		}
		return propSet("Lt"), ""
	case "javaAlphabetic":
		return javaAlphabetic(), ""
	case "javaIdeographic":
		return propSet("Ideographic"), ""
	case "javaDigit":
		return propSet("Nd"), ""
	case "javaDefined":
		return assignedSet, ""
	case "javaLetter":
		return propSet("L"), ""
	case "javaLetterOrDigit":
		return unionSet(propSet("L"), propSet("Nd")), ""
	case "javaSpaceChar":
		return propSet("Z"), ""
	case "javaWhitespace":
		return unionSet(rangesSet(rng{'\t', '\r'}, rng{0x1c, 0x1f}),
			interSet(propSet("Z"), negSet(rangesSet(rng{0xa0, 0xa0}, rng{0x2007, 0x2007}, rng{0x202f, 0x202f})))), ""
	case "javaISOControl":
		return rangesSet(rng{0, 0x1f}, rng{0x7f, 0x9f}), ""
	case "javaIdentifierIgnorable":
		return unionSet(rangesSet(rng{0, 8}, rng{0x0e, 0x1b}, rng{0x7f, 0x9f}), propSet("Cf")), ""
	case "javaMirrored", "javaJavaIdentifierStart", "javaJavaIdentifierPart",
		"javaUnicodeIdentifierStart", "javaUnicodeIdentifierPart":
		return nil, "\\p{" + name + "} is not supported"
	}
	return nil, ""
}

// javaAnyCase is Character.isLowerCase || isUpperCase || isTitleCase.
func javaAnyCase() *cset {
	return unionSet(propSet("LC"), propSet("Other_Lowercase"), propSet("Other_Uppercase"))
}

// javaAlphabetic is Character.isAlphabetic.
func javaAlphabetic() *cset {
	return unionSet(propSet("L"), propSet("Nl"), propSet("Other_Alphabetic"))
}

// javaUnicodeProperty is CharPredicates.forUnicodeProperty (for \p{IsName}), name
// upper-cased.
func javaUnicodeProperty(name string, caseIns bool) (*cset, string) {
	switch name {
	case "ALPHABETIC":
		return javaAlphabetic(), ""
	case "ASSIGNED":
		return assignedSet, ""
	case "CONTROL", "CNTRL":
		return propSet("Cc"), ""
	case "HEXDIGIT", "HEX_DIGIT", "XDIGIT":
		return unionSet(propSet("Nd"), rangesSet(rng{'0', '9'}, rng{'A', 'F'}, rng{'a', 'f'},
			rng{0xff10, 0xff19}, rng{0xff21, 0xff26}, rng{0xff41, 0xff46})), ""
	case "IDEOGRAPHIC":
		return propSet("Ideographic"), ""
	case "JOINCONTROL", "JOIN_CONTROL":
		return propSet("Join_Control"), ""
	case "LETTER":
		return propSet("L"), ""
	case "LOWERCASE", "LOWER":
		if caseIns {
			return javaAnyCase(), ""
		}
		return unionSet(propSet("Ll"), propSet("Other_Lowercase")), ""
	case "UPPERCASE", "UPPER":
		if caseIns {
			return javaAnyCase(), ""
		}
		return unionSet(propSet("Lu"), propSet("Other_Uppercase")), ""
	case "TITLECASE":
		if caseIns {
			return javaAnyCase(), ""
		}
		return propSet("Lt"), ""
	case "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT":
		return propSet("Noncharacter_Code_Point"), ""
	case "PUNCTUATION", "PUNCT":
		return propSet("P"), ""
	case "WHITESPACE", "WHITE_SPACE", "SPACE":
		return unionSet(propSet("Z"), rangesSet(rng{'\t', '\r'}, rng{0x85, 0x85})), ""
	case "WORD":
		return unionSet(javaAlphabetic(), propSet("M"), propSet("Nd"), propSet("Pc"), propSet("Join_Control")), ""
	case "ALPHA":
		return javaAlphabetic(), ""
	case "DIGIT":
		return propSet("Nd"), ""
	case "ALNUM":
		return unionSet(javaAlphabetic(), propSet("Nd")), ""
	case "BLANK":
		return unionSet(propSet("Zs"), rangesSet(rng{'\t', '\t'})), ""
	case "GRAPH":
		return javaGraph(), ""
	case "PRINT":
		return interSet(unionSet(javaGraph(), propSet("Zs"), rangesSet(rng{'\t', '\t'})), negSet(propSet("Cc"))), ""
	case "EMOJI", "EMOJI_PRESENTATION", "EMOJI_MODIFIER", "EMOJI_MODIFIER_BASE", "EMOJI_COMPONENT", "EXTENDED_PICTOGRAPHIC":
		return nil, "emoji properties are not supported"
	}
	return nil, ""
}

// javaGraph is Java's GRAPH: not a separator, control, surrogate or unassigned.
func javaGraph() *cset {
	return negSet(unionSet(propSet("Z"), propSet("Cc"), propSet("Cs"), propSet("Cn")))
}

// javaScript is Character.UnicodeScript.forName for full script names (any case).
func javaScript(name string) (*cset, string) {
	for goName := range unicode.Scripts {
		if strings.EqualFold(goName, name) {
			return propSet(goName), ""
		}
	}
	if len(name) == 4 {
		return nil, "script aliases such as \\p{Is" + name + "} are not supported; use the full script name"
	}
	return nil, ""
}

// ---- parser ----

const (
	flagI = 1 << iota // CASE_INSENSITIVE
	flagM             // MULTILINE
	flagS             // DOTALL
	flagD             // UNIX_LINES
	flagX             // COMMENTS
)

type rxParser struct {
	src    string
	pat    []rune
	pos    int
	flags  int
	groups int            // capturing groups opened so far
	names  map[string]int // named groups
	refs   []*rxNode      // back references, checked once all groups are known
}

type rxError struct{ err *PatternError }

func (p *rxParser) fail(at int, format string, args ...any) {
	panic(rxError{&PatternError{Pattern: p.src, Col: at + 1, Msg: fmt.Sprintf(format, args...)}})
}

func (p *rxParser) parse() (n *rxNode, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(rxError)
			if !ok {
				panic(r)
			}
			n, err = nil, e.err
		}
	}()
	n = p.expr()
	if p.pos < len(p.pat) {
		if p.pat[p.pos] == ')' {
			p.fail(p.pos, "unmatched closing ')'")
		}
		p.fail(p.pos, "unexpected %q", p.pat[p.pos])
	}
	for _, r := range p.refs {
		if r.num > p.groups {
			// Java compiles a reference to a group that does not exist; it never matches.
			*r = rxNode{kind: rxRaw, raw: `(?!)`}
		}
	}
	return n, nil
}

func (p *rxParser) eof() bool { return p.pos >= len(p.pat) }

// skipWS skips white space and #-comments under (?x), as Java's peek does.
func (p *rxParser) skipWS() {
	if p.flags&flagX == 0 {
		return
	}
	for p.pos < len(p.pat) {
		c := p.pat[p.pos]
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			p.pos++
		case c == '#':
			for p.pos < len(p.pat) && !p.lineSep(p.pat[p.pos]) {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *rxParser) lineSep(c rune) bool {
	if p.flags&flagD != 0 {
		return c == '\n'
	}
	return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029
}

func (p *rxParser) peek() rune {
	p.skipWS()
	if p.eof() {
		return -1
	}
	return p.pat[p.pos]
}

// expr := seq ('|' seq)*
func (p *rxParser) expr() *rxNode {
	alts := []*rxNode{p.seq()}
	for p.peek() == '|' {
		p.pos++
		alts = append(alts, p.seq())
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return &rxNode{kind: rxAlt, kids: alts}
}

// seq := (atom quantifier?)*
func (p *rxParser) seq() *rxNode {
	s := &rxNode{kind: rxSeq}
	lastQuantified := false
	for {
		c := p.peek()
		start := p.pos
		var atoms []*rxNode
		switch c {
		case -1, '|', ')':
			return s
		case '(':
			g := p.group()
			if g == nil {
				continue // a flag group
			}
			atoms = []*rxNode{g}
		case '[':
			p.pos++
			atoms = []*rxNode{{kind: rxChar, set: p.class(start)}}
		case '.':
			p.pos++
			set := setDot
			switch {
			case p.flags&flagS != 0:
				set = setAll
			case p.flags&flagD != 0:
				set = setUnixDot
			}
			atoms = []*rxNode{{kind: rxChar, set: set}}
		case '^':
			p.pos++
			atoms = []*rxNode{p.caret()}
		case '$':
			p.pos++
			atoms = []*rxNode{p.dollar(p.flags&flagM != 0)}
		case '?', '*', '+':
			p.fail(p.pos, "dangling meta character %q", c)
		case '{':
			p.fail(p.pos, "'{' here repeats nothing (Java reads it as an error or an empty repetition); escape it as \\{")
		case '\\':
			atoms = p.escape(false)
		default:
			p.pos++
			atoms = []*rxNode{p.literal(c)}
		}
		if len(atoms) == 0 {
			// An empty \Q\E: Java removes it before parsing, so a quantifier after it
			// applies to the atom before it.
			if c := p.peek(); c == '?' || c == '*' || c == '+' || c == '{' {
				n := len(s.kids)
				if n == 0 || lastQuantified {
					p.fail(p.pos, "dangling meta character %q", c)
				}
				s.kids[n-1] = p.quantifier(s.kids[n-1])
				lastQuantified = true
			}
			continue
		}
		last := len(atoms) - 1
		atoms[last] = p.quantifier(atoms[last])
		lastQuantified = atoms[last].kind == rxRepeat
		s.kids = append(s.kids, atoms...)
	}
}

func (p *rxParser) literal(c rune) *rxNode {
	if c >= swapLo && c <= swapHi {
		p.fail(p.pos-1, "code points U+40000..U+407FF are not supported")
	}
	set := rangesSet(rng{c, c})
	if p.flags&flagI != 0 {
		set.rs = foldASCII(set.rs)
	}
	return &rxNode{kind: rxChar, set: set}
}

func (p *rxParser) caret() *rxNode {
	switch {
	case p.flags&flagM == 0:
		return &rxNode{kind: rxRaw, raw: `\A`}
	case p.flags&flagD != 0:
		return &rxNode{kind: rxRaw, raw: `(?!\z)(?:\A|(?<=\u000A))`}
	}
	return &rxNode{kind: rxRaw, raw: `(?!\z)(?:\A|(?<=[\u000A\u0085\u2028\u2029])|(?<=\u000D)(?!\u000A))`}
}

func (p *rxParser) dollar(multiline bool) *rxNode {
	switch {
	case p.flags&flagD != 0 && multiline:
		return &rxNode{kind: rxRaw, raw: `(?=\u000A|\z)`}
	case p.flags&flagD != 0:
		return &rxNode{kind: rxRaw, raw: `(?=\u000A?\z)`}
	case multiline:
		return &rxNode{kind: rxRaw, raw: `(?=\z|[\u000D\u0085\u2028\u2029]|(?<!\u000D)\u000A)`}
	}
	return &rxNode{kind: rxRaw, raw: `(?=\z|\u000D\u000A\z|[\u000D\u0085\u2028\u2029]\z|(?<!\u000D)\u000A\z)`}
}

// Java 17's \b: a word character is a letter or digit of any script or '_'; a
// non-spacing mark counts when it follows (through other marks) a letter or digit.
const (
	wordBefore = `[\p{L}\p{Nd}_]|[\p{L}\p{Nd}]\p{Mn}+`
	wordAfter  = `[\p{L}\p{Nd}_]|\p{Mn}(?<=[\p{L}\p{Nd}]\p{Mn}+)`
	rawBound   = `(?:(?<=` + wordBefore + `)(?!` + wordAfter + `)|(?<!` + wordBefore + `)(?=` + wordAfter + `))`
	rawNoBound = `(?:(?<=` + wordBefore + `)(?=` + wordAfter + `)|(?<!` + wordBefore + `)(?!` + wordAfter + `))`
)

// quantifier parses an optional quantifier after atom.
func (p *rxParser) quantifier(atom *rxNode) *rxNode {
	c := p.peek()
	start := p.pos
	lo, hi := 0, 0
	switch c {
	case '?':
		p.pos++
		lo, hi = 0, 1
	case '*':
		p.pos++
		lo, hi = 0, -1
	case '+':
		p.pos++
		lo, hi = 1, -1
	case '{':
		p.pos++
		if p.eof() || p.pat[p.pos] < '0' || p.pat[p.pos] > '9' {
			p.fail(start, "illegal repetition")
		}
		lo = p.number(start)
		hi = lo
		if p.peek() == ',' {
			p.pos++
			if p.peek() == '}' {
				hi = -1
			} else {
				if c := p.peek(); c < '0' || c > '9' {
					p.fail(p.pos, "unclosed counted closure")
				}
				hi = p.number(start)
			}
		}
		if p.peek() != '}' {
			p.fail(p.pos, "unclosed counted closure")
		}
		p.pos++
		if hi >= 0 && hi < lo {
			p.fail(start, "illegal repetition range")
		}
	default:
		return atom
	}
	q := qGreedy
	switch p.peek() {
	case '?':
		q = qLazy
		p.pos++
	case '+':
		q = qPossessive
		p.pos++
	}
	if c := p.peek(); c == '?' || c == '*' || c == '+' {
		p.fail(p.pos, "dangling meta character %q", c)
	}
	if c := p.peek(); c == '{' {
		p.fail(p.pos, "a second repetition {…} (Java reads it as repeating nothing)")
	}
	if atom.kind == rxLineEnd {
		atom.atomic = true
	}
	if lo >= 2 && atom.kind == rxGroup && atom.kids[0].nullable() && !atom.kids[0].freelyNullable() && atom.kids[0].consumes() {
		// Java's Loop and GroupCurly end the repetition at the first iteration that
		// matches the empty string, even below the minimum, where .NET counts it and
		// goes on. The two agree when the body can match the empty string anywhere
		// (a? or x*) or only the empty string ((?<!x)), not when an assertion lets it
		// match the empty string in some places and text everywhere (\A|x).
		p.fail(start, "a group that matches the empty string only through an assertion, repeated at least %d times, is not supported (Java stops at the first empty repetition)", lo)
	}
	return &rxNode{kind: rxRepeat, kids: []*rxNode{atom}, min: lo, max: hi, quant: q}
}

func (p *rxParser) number(start int) int {
	n := 0
	for {
		c := p.peek()
		if c < '0' || c > '9' {
			return n
		}
		p.pos++
		n = n*10 + int(c-'0')
		if n > javaMaxReps {
			p.fail(start, "illegal repetition range")
		}
	}
}

// group parses a parenthesised construct; nil for a flag group such as (?i).
func (p *rxParser) group() *rxNode {
	start := p.pos
	p.pos++ // '('
	saved := p.flags
	defer func() { p.flags = saved }()
	if p.peek() != '?' {
		p.groups++
		num := p.groups
		body := p.expr()
		p.closeGroup(start)
		return &rxNode{kind: rxGroup, num: num, kids: []*rxNode{body}}
	}
	p.pos++ // '?'
	if p.eof() {
		p.fail(start, "unclosed group")
	}
	c := p.pat[p.pos]
	switch c {
	case ':':
		p.pos++
		body := p.expr()
		p.closeGroup(start)
		return &rxNode{kind: rxGroup, kids: []*rxNode{body}}
	case '=', '!':
		p.pos++
		body := p.expr()
		p.closeGroup(start)
		return &rxNode{kind: rxLook, neg: c == '!', kids: []*rxNode{body}}
	case '>':
		p.pos++
		body := p.expr()
		p.closeGroup(start)
		return &rxNode{kind: rxAtomic, kids: []*rxNode{body}}
	case '<':
		p.pos++
		if !p.eof() && (p.pat[p.pos] == '=' || p.pat[p.pos] == '!') {
			neg := p.pat[p.pos] == '!'
			p.pos++
			body := p.expr()
			p.closeGroup(start)
			minPos := p.checkLookbehind(start, body)
			return &rxNode{kind: rxLook, behind: true, neg: neg, kids: []*rxNode{body}, minPos: minPos}
		}
		name := p.groupName(start)
		if p.names == nil {
			p.names = map[string]int{}
		}
		if _, dup := p.names[name]; dup {
			p.fail(start, "named capturing group <%s> is already defined", name)
		}
		p.groups++
		num := p.groups
		p.names[name] = num
		body := p.expr()
		p.closeGroup(start)
		return &rxNode{kind: rxGroup, num: num, kids: []*rxNode{body}}
	case '$', '@':
		p.fail(p.pos, "unknown group type")
	}
	// flags: (?idmsux-idmsux) or (?idmsux-idmsux:X)
	on := true
	for !p.eof() {
		c := p.pat[p.pos]
		bit := 0
		switch c {
		case 'i':
			bit = flagI
		case 'm':
			bit = flagM
		case 's':
			bit = flagS
		case 'd':
			bit = flagD
		case 'x':
			bit = flagX
		case 'u', 'U', 'c':
			p.fail(p.pos, "flag %q is not supported", c)
		case '-':
			if !on {
				p.fail(p.pos, "unknown inline modifier")
			}
			on = false
			p.pos++
			continue
		case ')':
			p.pos++
			saved = p.flags // a bare flag group lasts to the end of the enclosing group
			return nil
		case ':':
			p.pos++
			body := p.expr()
			p.closeGroup(start)
			return &rxNode{kind: rxGroup, kids: []*rxNode{body}}
		default:
			p.fail(p.pos, "unknown inline modifier")
		}
		if on {
			p.flags |= bit
		} else {
			p.flags &^= bit
		}
		p.pos++
	}
	p.fail(start, "unclosed group")
	return nil
}

func (p *rxParser) closeGroup(start int) {
	if p.peek() != ')' {
		p.fail(start, "unclosed group")
	}
	p.pos++
}

// groupName reads name> after (?< or \k<: an ASCII letter, then letters and digits.
func (p *rxParser) groupName(start int) string {
	begin := p.pos
	for !p.eof() {
		c := p.pat[p.pos]
		isLetter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if c == '>' && p.pos > begin {
			name := string(p.pat[begin:p.pos])
			p.pos++
			return name
		}
		if !isLetter && !(p.pos > begin && c >= '0' && c <= '9') {
			p.fail(p.pos, "named capturing group is missing trailing '>' or has a bad character")
		}
		p.pos++
	}
	p.fail(start, "named capturing group is missing trailing '>'")
	return ""
}

// checkLookbehind applies Java's rule that a lookbehind needs a maximum length. It returns
// the position below which Java never tries the lookbehind: Java adds lengths in 32-bit
// ints, so with "a*a*" the maximum wraps to a negative number, and Behind then searches
// from i-max, which only stays in range (by wrapping again) once i >= 2^31+max.
func (p *rxParser) checkLookbehind(start int, body *rxNode) int {
	t := treeInfo{maxValid: true, deterministic: true}
	body.study(&t)
	if !t.maxValid {
		p.fail(start, "look-behind group does not have an obvious maximum length")
	}
	max64 := body.maxLen64() // what the 32-bit maximum would be without wrapping
	switch {
	case max64 <= javaMaxReps:
		return 0
	case t.max < 0:
		return int(int64(t.max) + javaMaxReps + 1)
	}
	p.fail(start, "look-behind whose maximum length overflows Java's int twice: Java searches only part of the text")
	return 0
}

// maxLen64 is the maximum length as Java's study would compute it without overflow.
func (n *rxNode) maxLen64() int64 {
	switch n.kind {
	case rxSeq:
		var s int64
		for _, k := range n.kids {
			s += k.maxLen64()
		}
		return s
	case rxAlt:
		var m int64
		for _, k := range n.kids {
			m = max(m, k.maxLen64())
		}
		return m
	case rxChar:
		return 1
	case rxLineEnd:
		return 2
	case rxGroup, rxAtomic:
		return n.kids[0].maxLen64()
	case rxRepeat:
		body := n.kids[0].maxLen64()
		if body == 0 {
			return 0
		}
		if n.max < 0 {
			if n.kids[0].kind == rxChar && n.quant == qGreedy {
				return javaMaxReps
			}
			return body * javaMaxReps
		}
		return body * int64(n.max)
	}
	return 0
}

// escape parses a backslash sequence outside a class. It returns the atoms it stands
// for (several for \Q…\E).
func (p *rxParser) escape(inClass bool) []*rxNode {
	start := p.pos
	p.pos++ // '\\'
	if p.eof() {
		p.fail(start, "unexpected end of pattern after '\\'")
	}
	c := p.pat[p.pos]
	p.pos++
	one := func(set *cset) []*rxNode { return []*rxNode{{kind: rxChar, set: set}} }
	switch c {
	case '0':
		return []*rxNode{p.literal(p.octal(start))}
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		num := int(c - '0')
		for !p.eof() {
			d := p.pat[p.pos]
			if d < '0' || d > '9' || num*10+int(d-'0') > p.groups {
				break
			}
			num = num*10 + int(d-'0')
			p.pos++
		}
		return []*rxNode{p.backref(start, num)}
	case 'k':
		if p.eof() || p.pat[p.pos] != '<' {
			p.fail(start, "\\k is not followed by '<' for named capturing group")
		}
		p.pos++
		name := p.groupName(start)
		num, ok := p.names[name]
		if !ok {
			p.fail(start, "named capturing group <%s> does not exist", name)
		}
		return []*rxNode{p.backref(start, num)}
	case 'A':
		return []*rxNode{{kind: rxRaw, raw: `\A`}}
	case 'z':
		return []*rxNode{{kind: rxRaw, raw: `\z`}}
	case 'Z':
		return []*rxNode{p.dollar(false)}
	case 'b':
		if p.pos+2 < len(p.pat) && p.pat[p.pos] == '{' && p.pat[p.pos+1] == 'g' && p.pat[p.pos+2] == '}' {
			p.fail(start, "\\b{g} is not supported")
		}
		return []*rxNode{{kind: rxRaw, raw: rawBound}}
	case 'B':
		return []*rxNode{{kind: rxRaw, raw: rawNoBound}}
	case 'R':
		return []*rxNode{{kind: rxLineEnd}}
	case 'G':
		p.fail(start, "\\G is not supported")
	case 'X':
		p.fail(start, "\\X is not supported")
	case 'Q':
		var out []*rxNode
		for !p.eof() {
			if p.pat[p.pos] == '\\' && p.pos+1 < len(p.pat) && p.pat[p.pos+1] == 'E' {
				p.pos += 2
				return out
			}
			out = append(out, p.literal(p.pat[p.pos]))
			p.pos++
		}
		return out
	case 'E':
		// A stray \E outside \Q is ignored by Java's RemoveQEQuoting only inside a
		// quote; elsewhere it is an illegal escape.
		p.fail(start, "illegal/unsupported escape sequence \\E")
	}
	p.pos = start
	if set := p.classEscape(); set != nil {
		return one(set)
	}
	r, ok := p.charEscape()
	if !ok {
		p.fail(start, "illegal/unsupported escape sequence")
	}
	return []*rxNode{p.literal(r)}
}

func (p *rxParser) backref(start, num int) *rxNode {
	if p.flags&flagI != 0 {
		p.fail(start, "back references under (?i) are not supported")
	}
	n := &rxNode{kind: rxBackref, num: num}
	p.refs = append(p.refs, n)
	return n
}

// classEscape parses \d \D \s \S \w \W \h \H \v \V \p{…} \P{…} at p.pos (on '\\'),
// returning nil (and leaving p.pos) if the escape is something else.
func (p *rxParser) classEscape() *cset {
	start := p.pos
	if p.pos+1 >= len(p.pat) {
		return nil
	}
	c := p.pat[p.pos+1]
	var set *cset
	switch c {
	case 'd', 'D':
		set = setDigit
	case 's', 'S':
		set = setSpace
	case 'w', 'W':
		set = setWord
	case 'h', 'H':
		set = setHoriz
	case 'v', 'V':
		set = setVert
	case 'p', 'P':
		p.pos += 2
		var name string
		if p.eof() {
			p.fail(start, "unclosed character family")
		}
		if p.pat[p.pos] == '{' {
			end := p.pos + 1
			for end < len(p.pat) && p.pat[end] != '}' {
				end++
			}
			if end >= len(p.pat) {
				p.fail(start, "unclosed character family")
			}
			name = string(p.pat[p.pos+1 : end])
			if name == "" {
				p.fail(start, "empty character family")
			}
			p.pos = end + 1
		} else {
			name = string(p.pat[p.pos])
			p.pos++
		}
		set, why := javaProperty(name, p.flags&flagI != 0)
		if why != "" {
			p.fail(start, "%s", why)
		}
		if set == nil {
			p.fail(start, "unknown character property name {%s}", name)
		}
		if c == 'P' {
			return negSet(set)
		}
		return set
	default:
		return nil
	}
	p.pos += 2
	if c >= 'A' && c <= 'Z' {
		return negSet(set)
	}
	return set
}

// charEscape parses an escape standing for one character at p.pos (on '\\').
func (p *rxParser) charEscape() (rune, bool) {
	start := p.pos
	p.pos++
	c := p.pat[p.pos]
	p.pos++
	switch c {
	case '0':
		return p.octal(start), true
	case 't':
		return '\t', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 'f':
		return '\f', true
	case 'a':
		return 7, true
	case 'e':
		return 0x1b, true
	case 'c':
		if p.eof() {
			p.fail(start, "illegal control escape sequence")
		}
		r := p.pat[p.pos] ^ 64
		p.pos++
		return r, true
	case 'x':
		if !p.eof() && p.pat[p.pos] == '{' {
			end := p.pos + 1
			v := 0
			for end < len(p.pat) && isHexRune(p.pat[end]) {
				v = v*16 + hexRuneVal(p.pat[end])
				if v > unicode.MaxRune {
					p.fail(start, "hexadecimal codepoint is too big")
				}
				end++
			}
			if end == p.pos+1 {
				p.fail(start, "illegal hexadecimal escape sequence")
			}
			if end >= len(p.pat) || p.pat[end] != '}' {
				p.fail(start, "unclosed hexadecimal escape sequence")
			}
			p.pos = end + 1
			return rune(v), true
		}
		if p.pos+1 < len(p.pat) && isHexRune(p.pat[p.pos]) && isHexRune(p.pat[p.pos+1]) {
			v := hexRuneVal(p.pat[p.pos])*16 + hexRuneVal(p.pat[p.pos+1])
			p.pos += 2
			return rune(v), true
		}
		p.fail(start, "illegal hexadecimal escape sequence")
	case 'u':
		v := p.uxxxx(start)
		if v >= 0xd800 && v < 0xdc00 && p.pos+1 < len(p.pat) && p.pat[p.pos] == '\\' && p.pat[p.pos+1] == 'u' {
			save := p.pos
			p.pos += 2
			w := p.uxxxx(start)
			if w >= 0xdc00 && w <= 0xdfff {
				return utf16.DecodeRune(v, w), true
			}
			p.pos = save
		}
		return v, true
	case 'N':
		p.fail(start, "\\N{name} is not supported")
	}
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return 0, false
	}
	return c, true // an escaped non-letter stands for itself
}

func (p *rxParser) uxxxx(start int) rune {
	if p.pos+4 > len(p.pat) {
		p.fail(start, "illegal Unicode escape sequence")
	}
	v := 0
	for _, c := range p.pat[p.pos : p.pos+4] {
		if !isHexRune(c) {
			p.fail(start, "illegal Unicode escape sequence")
		}
		v = v*16 + hexRuneVal(c)
	}
	p.pos += 4
	return rune(v)
}

func isHexRune(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexRuneVal(c rune) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// octal parses the digits after \0: \0n, \0nn, \0mnn (m <= 3).
func (p *rxParser) octal(start int) rune {
	isOct := func(i int) bool { return i < len(p.pat) && p.pat[i] >= '0' && p.pat[i] <= '7' }
	if !isOct(p.pos) {
		p.fail(start, "illegal octal escape sequence")
	}
	n := p.pat[p.pos] - '0'
	p.pos++
	if !isOct(p.pos) {
		return n
	}
	m := p.pat[p.pos] - '0'
	p.pos++
	if isOct(p.pos) && n <= 3 {
		o := p.pat[p.pos] - '0'
		p.pos++
		return n*64 + m*8 + o
	}
	return n*8 + m
}

// class parses a character class after '[' (start is the index of '['), Java 9+ style:
// items are unioned, && intersects everything before with everything after, and a
// leading ^ negates the whole class.
func (p *rxParser) class(start int) *cset {
	neg := false
	if !p.eof() && p.pat[p.pos] == '^' {
		neg = true
		p.pos++
	}
	var items []*cset
	var result *cset
	first := true
	for {
		c := p.peek()
		switch {
		case c == -1:
			p.fail(start, "unclosed character class")
		case c == ']' && !first:
			p.pos++
			set := p.finishClass(start, result, items)
			if neg {
				return negSet(set)
			}
			return set
		case c == '[':
			p.pos++
			items = append(items, p.class(p.pos-1))
		case c == '&' && p.pos+1 < len(p.pat) && p.pat[p.pos+1] == '&':
			andAt := p.pos
			p.pos += 2
			left := p.finishClass(andAt, result, items)
			if len(items) == 0 && result == nil {
				p.fail(andAt, "'&&' with nothing before it (Java reads it in a surprising way)")
			}
			right := p.classRest(andAt)
			result = interSet(left, right)
			items = nil
		default:
			items = append(items, p.classItem())
		}
		first = false
	}
}

// classRest parses the right operand of && up to (not including) the closing ']'.
func (p *rxParser) classRest(andAt int) *cset {
	var items []*cset
	var result *cset
	for {
		c := p.peek()
		switch {
		case c == -1:
			p.fail(andAt, "unclosed character class")
		case c == ']':
			if len(items) == 0 && result == nil {
				p.fail(andAt, "'&&' with nothing after it (Java reads it in a surprising way)")
			}
			return p.finishClass(andAt, result, items)
		case c == '[':
			p.pos++
			items = append(items, p.class(p.pos-1))
		case c == '&' && p.pos+1 < len(p.pat) && p.pat[p.pos+1] == '&':
			at := p.pos
			p.pos += 2
			if len(items) == 0 && result == nil {
				p.fail(at, "'&&' with nothing before it (Java reads it in a surprising way)")
			}
			left := p.finishClass(at, result, items)
			result = interSet(left, p.classRest(at))
			items = nil
		default:
			items = append(items, p.classItem())
		}
	}
}

func (p *rxParser) finishClass(at int, result *cset, items []*cset) *cset {
	if len(items) == 0 {
		if result == nil {
			p.fail(at, "bad class syntax")
		}
		return result
	}
	u := unionSet(items...)
	if result != nil {
		return unionSet(result, u)
	}
	return u
}

// classItem parses one item: a character, a range, an escape or \Q…\E.
func (p *rxParser) classItem() *cset {
	start := p.pos
	var lo rune
	if p.pat[p.pos] == '\\' {
		if p.pos+1 < len(p.pat) && p.pat[p.pos+1] == 'Q' {
			p.pos += 2
			var rs []rng
			for !p.eof() {
				if p.pat[p.pos] == '\\' && p.pos+1 < len(p.pat) && p.pat[p.pos+1] == 'E' {
					p.pos += 2
					break
				}
				rs = append(rs, rng{p.pat[p.pos], p.pat[p.pos]})
				p.pos++
			}
			return p.caseSet(rs)
		}
		if p.pos+2 < len(p.pat) && p.pat[p.pos+1] == 'v' && p.pat[p.pos+2] == '-' {
			// Java reads \v as VT when a range follows.
			p.pat[p.pos+1] = 'x'
			p.pat = append(p.pat[:p.pos+2], append([]rune("0b"), p.pat[p.pos+2:]...)...)
		}
		if set := p.classEscape(); set != nil {
			return set
		}
		if p.pos+1 < len(p.pat) && strings.ContainsRune("123456789kAzZbBRGXE", p.pat[p.pos+1]) {
			p.fail(start, "illegal/unsupported escape sequence inside a class")
		}
		r, ok := p.charEscape()
		if !ok {
			p.fail(start, "illegal/unsupported escape sequence")
		}
		lo = r
	} else {
		lo = p.pat[p.pos]
		p.pos++
	}
	// A range: c-d, unless '-' is last or followed by a nested class.
	if p.peek() == '-' && p.pos+1 < len(p.pat) && p.pat[p.pos+1] != ']' && p.pat[p.pos+1] != '[' {
		dash := p.pos
		p.pos++
		p.skipWS()
		if p.eof() {
			p.fail(start, "unclosed character class")
		}
		var hi rune
		if p.pat[p.pos] == '\\' {
			if p.pos+1 < len(p.pat) && p.pat[p.pos+1] == 'v' {
				hi = 0x0b // Java reads \v as VT at the end of a range
				p.pos += 2
			} else {
				r, ok := p.charEscape()
				if !ok {
					p.fail(dash, "illegal character range")
				}
				hi = r
			}
		} else {
			hi = p.pat[p.pos]
			p.pos++
		}
		if hi < lo {
			p.fail(start, "illegal character range")
		}
		return p.caseSet([]rng{{lo, hi}})
	}
	return p.caseSet([]rng{{lo, lo}})
}

func (p *rxParser) caseSet(rs []rng) *cset {
	for _, r := range rs {
		if r.hi >= swapLo && r.lo <= swapHi && (r.lo > swapLo || r.hi < swapHi) {
			p.fail(p.pos-1, "a range ending inside U+40000..U+407FF is not supported")
		}
	}
	if p.flags&flagI != 0 {
		return rangesSet(foldASCII(rs)...)
	}
	return rangesSet(rs...)
}
