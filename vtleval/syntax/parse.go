// Package syntax parses Velocity Template Language source as Apache Velocity
// 1.7 does: the scanner is a port of Velocity's JavaCC token manager and the
// parser follows the productions of its grammar (Parser.jjt), so every
// template Velocity accepts parses here to the same tree, and every template
// it rejects is rejected, with a position.
package syntax

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// directives are Velocity 1.7's pluggable directives (directive.properties)
// and whether each takes a body.
var directives = map[string]bool{
	"foreach": true, "include": false, "parse": false, "macro": true,
	"literal": true, "evaluate": false, "break": false, "define": true, "stop": false,
}

// IsDirective reports whether name is one of Velocity 1.7's directives.
func IsDirective(name string) bool { _, ok := directives[name]; return ok }

// Options changes how a template is parsed.
type Options struct {
	// IsMacro reports whether name is a macro defined outside the template
	// (a macro library). It decides how "\#name" escapes are printed.
	IsMacro func(name string) bool
}

// File is a parsed template.
type File struct {
	Name string
	// Src is the template source (bytes that are not UTF-8 each replaced
	// by U+FFFD). Positions (Pos) are byte offsets into it.
	Src   string
	Nodes []Node
	ascii bool // Src is ASCII: columns are byte offsets
	// lines holds the byte offsets of line starts, computed on first use
	// (only positions in messages need them)
	lines     []int
	linesOnce sync.Once
	// Origin maps positions into an enclosing file (see SetOrigin).
	origin *Origin
	// small holds the tree of a small template (see arena.sizeFor).
	small smallBlocks
}

// Origin places a template inside another file, such as a YAML case file
// holding the template as an indented block scalar: line 1 of the template is
// Line of the file and every template line is indented by Indent columns
// (Col is the column of the first line when it is not indented the same way).
type Origin struct {
	File   string
	Line   int
	Col    int
	Indent int
}

// SetOrigin makes positions of f report in the coordinates of o.
func (f *File) SetOrigin(o *Origin) { f.origin = o }

// Position is a 1-based line and column (counted in characters) in a file.
type Position struct {
	Filename string
	Line     int
	Col      int
}

func (p Position) String() string {
	s := p.Filename
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprint(p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// Position converts an offset into a line and column.
func (f *File) Position(p Pos) Position {
	if f == nil {
		return Position{}
	}
	f.linesOnce.Do(func() { f.lines = lineStarts(f.Src) })
	line := 1
	lo, hi := 0, len(f.lines)-1
	for lo <= hi {
		m := (lo + hi) / 2
		if f.lines[m] <= int(p) {
			line = m + 1
			lo = m + 1
		} else {
			hi = m - 1
		}
	}
	col := f.chars(f.lines[line-1], int(p)) + 1
	if o := f.origin; o != nil {
		if line == 1 && o.Col > 0 {
			col += o.Col - 1
		} else {
			col += o.Indent
		}
		return Position{o.File, o.Line + line - 1, col}
	}
	return Position{f.Name, line, col}
}

// chars returns the number of characters between byte offsets from and to
// (from being a character boundary); offsets past the end count a
// character each.
func (f *File) chars(from, to int) int {
	if f.ascii || to <= from {
		return to - from
	}
	extra := 0
	if to > len(f.Src) {
		extra = to - len(f.Src)
		to = len(f.Src)
	}
	if from > to {
		return extra
	}
	return utf8.RuneCountInString(f.Src[from:to]) + extra
}

// Error is a parse error.
type Error struct {
	Pos Position
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

func lineStarts(src string) []int {
	lines := make([]int, 1, 1+strings.Count(src, "\n"))
	if strings.IndexByte(src, '\r') < 0 {
		for i := 0; ; {
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			lines = append(lines, i)
		}
		return lines
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			lines = append(lines, i+1)
		case '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				lines = append(lines, i+1)
			}
		}
	}
	return lines
}

// isASCII reports whether s is all ASCII, eight bytes at a time.
func isASCII(s string) bool {
	for len(s) >= 8 {
		v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if v&0x8080808080808080 != 0 {
			return false
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Parse parses a template. name is used in error positions.
func Parse(name, src string, opts *Options) (*File, error) {
	f := new(File)
	if err := ParseInto(f, name, src, opts); err != nil {
		return nil, err
	}
	return f, nil
}

// ParseInto is Parse into a File the caller allocated (as part of a
// larger struct, say). f must be a zero File: the tree of a small
// template is made in it.
func ParseInto(f *File, name, src string, opts *Options) error {
	ascii := isASCII(src)
	if !ascii && !utf8.ValidString(src) {
		// as []rune(src) does: each bad byte becomes U+FFFD
		src = string([]rune(src))
	}
	if len(src) > math.MaxInt32 {
		// token positions are int32
		return &Error{Pos: Position{Filename: name}, Msg: fmt.Sprintf("template too large (%d bytes)", len(src))}
	}
	st := parseStates.Get().(*parseState)
	defer parseStates.Put(st)
	defer st.clean()
	return st.parse(f, name, src, ascii, opts)
}

// parse parses src into f, a zero File, with st; ascii says that src is
// all ASCII.
func (st *parseState) parse(f *File, name, src string, ascii bool, opts *Options) (err error) {
	f.Name, f.Src, f.ascii = name, src, ascii
	p := &st.p
	st.l.reset(src)
	st.c.f = f
	st.a.sizeFor(f, src)
	*p = parser{file: f, lex: &st.l, conv: &st.c, arena: &st.a}
	if opts != nil {
		p.isMacro = opts.IsMacro
	}
	defer p.recover(&err)
	f.Nodes = p.process()
	return nil
}

// parseState is the working state of a parse: the parser, the lexer with
// its tokens, and the arena's stacks. The tree is not part of it (the
// arena's blocks go with the tree), so parses reuse it (parseStates).
type parseState struct {
	p parser
	l lexer
	c conv
	a arena
}

var parseStates = sync.Pool{New: func() any {
	st := new(parseState)
	st.a.nodeStack = st.a.nodeArr[:0]
	st.a.partStack = st.a.partArr[:0]
	st.a.exprStack = st.a.exprArr[:0]
	st.a.blockStack = st.a.blockArr[:0]
	return st
}}

// clean makes st ready for reuse, keeping nothing of the parse that could
// hold on to its file or tree (TestCleanStateHoldsNoSource).
func (st *parseState) clean() {
	st.p = parser{}
	st.c = conv{}
	st.l.release()
	a := &st.a
	// The stacks are empty after a parse that succeeds; one that failed
	// leaves elements below len (pop clears what it pops).
	// The stacks' first arrays are then all zero unless a stack outgrew its
	// array (append left the entries of the time in it); the rest of the
	// arena is reset field by field.
	clear(a.nodeStack)
	clear(a.partStack)
	clear(a.exprStack)
	clear(a.blockStack)
	if cap(a.nodeStack) > len(a.nodeArr) {
		clear(a.nodeArr[:])
	}
	if cap(a.partStack) > len(a.partArr) {
		clear(a.partArr[:])
	}
	if cap(a.exprStack) > len(a.exprArr) {
		clear(a.exprArr[:])
	}
	if cap(a.blockStack) > len(a.blockArr) {
		clear(a.blockArr[:])
	}
	a.nodeStack, a.partStack = a.nodeStack[:0], a.partStack[:0]
	a.exprStack, a.blockStack = a.exprStack[:0], a.blockStack[:0]
	a.refs, a.texts, a.nodes, a.parts, a.exprs, a.blocks = nil, nil, nil, nil, nil, nil
	a.refsLeft, a.nRefs, a.nTexts, a.nNodes, a.nParts, a.nExprs, a.nBlocks = 0, 0, 0, 0, 0, 0, 0
	a.sets, a.strs, a.bins, a.ints = nil, nil, nil, nil
	a.nSets, a.nStrs, a.nBins, a.nInts = 0, 0, 0, 0
	a.macros = nil
	for _, l := range a.lexers {
		l.release()
	}
}

// conv converts between byte and character offsets of the file, moving a
// cursor (the conversions of one parse are mostly in increasing order).
type conv struct {
	f    *File
	b, c int // the cursor: byte offset b is character offset c
}

// chars returns the character offset of byte offset b.
func (v *conv) chars(b int) int {
	if v.f.ascii {
		return b
	}
	if b < v.b {
		v.b, v.c = 0, 0
	}
	v.c += v.f.chars(v.b, b)
	v.b = b
	return v.c
}

// bytes returns the byte offset of character offset c (past the end, a
// character is a byte).
func (v *conv) bytes(c int) int {
	if v.f.ascii {
		return c
	}
	if c < v.c {
		v.b, v.c = 0, 0
	}
	src := v.f.Src
	for v.c < c && v.b < len(src) {
		_, n := utf8.DecodeRuneInString(src[v.b:])
		v.b += n
		v.c++
	}
	return v.b + c - v.c
}

type parser struct {
	file    *File
	lex     *lexer
	i       int // index of the next token
	isMacro func(string) bool
	depth   int
	// A parser of the content of an interpolated string literal (sub) sees
	// offsets into that content. Its expressions are placed base characters
	// further into the file (the content's first character), and its
	// statements at their character offset in the content taken as one in
	// the file (as Velocity 1.7 leaves them; only messages show them).
	sub  bool
	base int
	conv *conv

	arena *arena // shared with sub-parsers
}

// at returns the position of byte offset off of p's source, without base.
func (p *parser) at(off int) Pos {
	if !p.sub {
		return Pos(off)
	}
	return Pos(p.conv.bytes(p.chars(off)))
}

// atBase returns the position of byte offset off of p's source.
func (p *parser) atBase(off int) Pos {
	if !p.sub {
		return Pos(off)
	}
	return Pos(p.conv.bytes(p.base + p.chars(off)))
}

// chars returns the character offset of byte offset off of a sub-parser's
// source.
func (p *parser) chars(off int) int {
	s := p.lex.src[:off]
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s)
		}
	}
	return off
}

// charBase is the character offset in the file of byte offset off of p's
// source (base included).
func (p *parser) charBase(off int) int {
	if !p.sub {
		return p.conv.chars(off)
	}
	return p.base + p.chars(off)
}

type parseError struct{ err error }

func (p *parser) recover(errp *error) {
	if e := recover(); e != nil {
		if _, ok := e.(runtime.Error); ok {
			panic(e)
		}
		pe, ok := e.(parseError)
		if !ok {
			panic(e)
		}
		*errp = pe.err
	}
}

func (p *parser) errorf(pos int, format string, args ...any) {
	panic(parseError{&Error{Pos: p.file.Position(p.atBase(pos)), Msg: fmt.Sprintf(format, args...)}})
}

// peek returns the token k positions ahead (0 = next).
func (p *parser) peek(k int) *token {
	if i := p.i + k; i < len(p.lex.toks) {
		return &p.lex.toks[i]
	}
	return p.peekMore(k)
}

// peekMore is peek when the token is not lexed yet.
func (p *parser) peekMore(k int) *token {
	l, want := p.lex, p.i+k
	for {
		if l.eof != nil {
			return l.eof // every token past the end is the end
		}
		if _, err := l.next(); err != nil {
			p.lexError(err)
		}
		if len(l.toks) > want {
			return &l.toks[want] // (a call makes one token or two)
		}
	}
}

// lexError reports a lexical error (a *lexError).
func (p *parser) lexError(err error) {
	le := err.(*lexError)
	if le.eof {
		p.errorf(le.pos, "unexpected end of template after %q (Velocity 1.7 cannot end a template with an unfinished '$', '#' or comment)", lastToken(p.lex.src))
	}
	c, _ := utf8.DecodeRuneInString(p.lex.src[le.pos:])
	p.errorf(le.pos, "unexpected %q (lexical error)", string(c))
}

func lastToken(src string) string {
	s := src
	if i := strings.LastIndexAny(s, "$#"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}

func (p *parser) kind() tokKind {
	if i := p.i; i < len(p.lex.toks) {
		return p.lex.toks[i].kind
	}
	return p.moreKind()
}

// moreKind is cur().kind when the token is not lexed yet, out of line so
// that kind stays small.
//
//go:noinline
func (p *parser) moreKind() tokKind { return p.lexCur().kind }

// cur is peek(0). It and kind are kept small enough for the compiler to
// inline (its budget is 80: go build -gcflags=-m=2 ./vtleval/syntax shows
// their cost), with the rare case out of line: they run for every token,
// several times.
func (p *parser) cur() *token {
	if i := p.i; i < len(p.lex.toks) {
		return &p.lex.toks[i]
	}
	return p.more()
}

// more is peekMore(0), out of line so that cur stays small.
//
//go:noinline
func (p *parser) more() *token { return p.lexCur() }

// lexCur is peekMore(0), lexing the one token it needs in the usual case.
func (p *parser) lexCur() *token {
	l := p.lex
	if p.i != len(l.toks) || l.eof != nil {
		return p.peekMore(0)
	}
	t, err := l.next() // token p.i (and maybe the one after it)
	if err != nil {
		p.lexError(err)
	}
	return t
}

func (p *parser) advance() *token {
	t := p.cur()
	p.i++
	return t
}

func (p *parser) expect(k tokKind, what string) *token {
	t := p.cur()
	if t.kind != k {
		p.unexpected(t, what)
	}
	p.i++
	return t
}

func (p *parser) unexpected(t *token, want string) {
	got := t.kind.String()
	if t.kind != tokEOF && p.lex.img(t) != "" {
		got = fmt.Sprintf("%q", p.lex.img(t))
	}
	p.errorf(int(t.pos), "unexpected %s, want %s", got, want)
}

func (p *parser) optWS() {
	if p.kind() == tokWhitespace {
		p.i++
	}
}

// isStatementStart is FIRST(Statement).
func isStatementStart(k tokKind) bool {
	switch k {
	case tokIf, tokIdentifier, tokLCurly, tokSingleLineCommentStart, tokMultiLineComment,
		tokFormalComment, tokTextblock, tokSetDirective, tokEscapeDirective, tokDoubleEscape,
		tokWord, tokBracketedWord, tokText, tokDot, tokRParen, tokLParen, tokInteger, tokFloat,
		tokStringLiteral, tokEscape, tokRCurly, tokEmptyIndex:
		return true
	}
	return false
}

// process = ( Statement )* <EOF>
func (p *parser) process() []Node {
	nodes := p.statements()
	if t := p.cur(); t.kind != tokEOF {
		switch t.kind {
		case tokEnd:
			p.errorf(int(t.pos), "#end without a matching #if, #foreach, #macro or #define")
		case tokElse, tokElseIf:
			p.errorf(int(t.pos), "%s without a matching #if", strings.TrimSpace(p.lex.img(t)))
		}
		p.unexpected(t, "text or a directive")
	}
	return nodes
}

func (p *parser) statements() []Node {
	a := p.arena
	mark := len(a.nodeStack)
	for isStatementStart(p.kind()) {
		if n := p.statement(); n != nil {
			a.nodeStack = append(a.nodeStack, n)
		}
	}
	return a.nodeList(mark)
}

func (p *parser) pos(t *token) Pos { return p.at(int(t.pos)) }

func (p *parser) bpos(t *token) Pos { return p.atBase(int(t.pos)) }

// Statement = IfStatement | LOOKAHEAD(2) Reference | Comment | Textblock |
// SetDirective | EscapedDirective | Escape | Directive | Text
func (p *parser) statement() Node {
	t := p.cur()
	switch t.kind {
	case tokIf:
		return p.ifStatement()
	case tokIdentifier:
		return p.reference()
	case tokLCurly:
		if p.peek(1).kind == tokIdentifier {
			return p.reference()
		}
	case tokSingleLineCommentStart:
		p.i++
		if p.kind() == tokSingleLineComment {
			p.i++
		}
		return &Comment{P: p.pos(t), Text: commentText(p.lex.img(t))}
	case tokMultiLineComment, tokFormalComment:
		p.i++
		return &Comment{P: p.pos(t), Text: commentText(p.lex.img(t))}
	case tokTextblock:
		p.i++
		// ASTTextblock drops three characters at each end of the image,
		// whatever a MORE prefix put before the "#[["
		img := p.lex.img(t) // ASCII at both ends
		return &Textblock{P: p.pos(t), Text: img[3 : len(img)-3]}
	case tokSetDirective:
		return p.setDirective()
	case tokEscapeDirective:
		p.i++
		// Parser.EscapedDirective replaces the token's image, which later
		// literals (an undefined block macro call) show
		img := p.escapedDirective(p.lex.img(t))
		p.lex.setImageAt(p.i-1, img)
		return p.arena.newText(p.pos(t), img)
	case tokDoubleEscape:
		return p.escape()
	case tokWord, tokBracketedWord:
		return p.directive()
	}
	// Text
	p.i++
	return p.arena.newText(p.pos(t), p.tokenLiteral(t))
}

func commentText(img string) string {
	l1, l2 := strings.Index(img, "##"), strings.Index(img, "#*")
	if l1 < 0 && l2 < 0 {
		return ""
	}
	if l1 < 0 {
		return img[:l2]
	}
	return img[:l1]
}

// tokenLiteral is NodeUtils.tokenLiteral: the token's image preceded by the
// '$' and '#' characters of the special tokens before it.
func (p *parser) tokenLiteral(t *token) string {
	if t.kind == tokMultiLineComment {
		return ""
	}
	if !t.hasSpecial || t.skipPrefix || t.pfx == 0 {
		return p.lex.img(t)
	}
	return p.lex.prefix(t) + p.lex.img(t)
}

// firstLen returns the length in bytes of the first character of s.
func firstLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func specialText(specials []string) string {
	var sb strings.Builder
	for _, st := range specials {
		rs := st // only ASCII characters matter
		for i := 0; i < len(rs); i++ {
			c := rs[i]
			if c == '#' || c == '$' {
				sb.WriteByte(c)
			}
			if c == '\\' {
				ok, term := true, false
				j := i
				for ; ok && j < len(rs); j++ {
					switch rs[j] {
					case '\\':
						continue
					case '$':
						term = true
						ok = false
					default:
						ok = false
					}
				}
				if term {
					sb.WriteString(rs[i:j])
					i = j
				}
			}
		}
	}
	return sb.String()
}

func (p *parser) known(tag string) bool {
	return IsDirective(tag) || p.arena.macros[tag] || p.isMacro != nil && p.isMacro(tag)
}

// escapedDirective is Parser.escapedDirective.
func (p *parser) escapedDirective(img string) string {
	iLast := strings.LastIndex(img, `\`)
	dir := img[iLast+1:]
	tag := dir[1:]
	if strings.HasPrefix(tag, "{") {
		tag = tag[1 : len(tag)-1]
	}
	if p.known(tag) {
		return img[:iLast/2] + dir
	}
	switch tag {
	case "if", "end", "set", "else", "elseif":
		return img[:iLast/2] + dir
	}
	return img
}

// Escape = ( LOOKAHEAD(2) <DOUBLE_ESCAPE> )+
func (p *parser) escape() Node {
	start := p.cur()
	count := 0
	for p.kind() == tokDoubleEscape {
		p.i++
		count++
	}
	next := p.cur()
	control := false
	switch next.kind {
	case tokIf, tokElse, tokElseIf, tokEnd:
		control = true
	}
	if img := p.lex.img(next); len(img) > 0 && p.known(img[firstLen(img):]) {
		control = true
	}
	unit := `\\`
	if control {
		unit = `\`
	}
	return p.arena.newText(p.pos(start), strings.Repeat(unit, count))
}

// IfStatement = <IF> [WS] <LPAREN> Expression <RPAREN> Block
// [ (ElseIfStatement)+ ] [ ElseStatement ] <END>
func (p *parser) ifStatement() Node {
	t := p.advance()
	n := &IfStmt{P: p.pos(t)}
	a := p.arena
	conds, blocks := len(a.exprStack), len(a.blockStack)
	p.optWS()
	p.expect(tokLParen, "'(' after #if")
	a.exprStack = append(a.exprStack, p.expression())
	p.expect(tokRParen, "')' closing #if")
	a.blockStack = append(a.blockStack, p.statements())
	for p.kind() == tokElseIf {
		p.i++
		p.optWS()
		p.expect(tokLParen, "'(' after #elseif")
		a.exprStack = append(a.exprStack, p.expression())
		p.expect(tokRParen, "')' closing #elseif")
		a.blockStack = append(a.blockStack, p.statements())
	}
	n.Conds = a.exprList(conds)
	n.Blocks = a.blockList(blocks)
	if p.kind() == tokElse {
		p.i++
		n.HasElse = true
		n.Else = p.statements()
	}
	p.expectEnd(t, "#if")
	return n
}

func (p *parser) expectEnd(open *token, what string) {
	t := p.cur()
	if t.kind == tokEnd {
		p.i++
		return
	}
	pos := p.file.Position(p.atBase(int(open.pos)))
	if t.kind == tokEOF {
		p.errorf(int(t.pos), "missing #end for %s opened at %d:%d", what, pos.Line, pos.Col)
	}
	p.unexpected(t, fmt.Sprintf("#end for %s opened at %d:%d", what, pos.Line, pos.Col))
}

// SetDirective = <SET_DIRECTIVE> [WS] Reference [WS] <EQUALS> Expression <RPAREN>
func (p *parser) setDirective() Node {
	t := p.advance()
	n := p.arena.newSet()
	n.P = p.at(int(t.pos) + strings.Index(p.lex.img(t), "#"))
	p.optWS()
	if k := p.kind(); k != tokIdentifier && k != tokLCurly {
		p.unexpected(p.cur(), "a reference after #set(")
	}
	n.LHS = p.reference().(*Ref)
	p.optWS()
	p.expect(tokEquals, "'=' in #set")
	start := int(p.cur().pos)
	n.RHS = p.expression()
	end := int(p.cur().pos)
	n.Src = strings.TrimSpace(p.lex.image(start, end))
	p.lex.inSet = false
	p.expect(tokRParen, "')' closing #set")
	return n
}

// Directive = (<WORD> | <BRACKETED_WORD>) [ "(" args ")" ] [ Block <END> ]
func (p *parser) directive() Node {
	t := p.advance()
	// Velocity takes the image minus its first character ("#"), so a MORE
	// prefix such as "$" in "$#foo" makes the name "#foo": never a directive.
	img := p.lex.img(t) // its first character and a closing '}' are ASCII
	name := img[1:]
	if t.kind == tokBracketedWord {
		name = img[2 : len(img)-1]
	}
	// A word can also follow a reference that began in the pre-directive
	// state ("#${a}_b"): then its image has no '#' at all.
	off := 0
	if k := strings.LastIndex(p.lex.img(t), "#"); k > 0 {
		off = k // what comes before the '#' is ASCII
	}
	n := &Directive{P: p.at(int(t.pos) + off), Name: name}
	block, isDir := directives[name]
	isVM := false
	if !isDir {
		if strings.HasPrefix(name, "@") {
			block = true
		} else {
			isVM = p.arena.macros[name] || p.isMacro != nil && p.isMacro(name)
		}
	}
	doItNow := name == "macro"
	p.lex.state = stDirective
	first := p.i - 1
	if p.lex.isLeftParenthesis() {
		n.Parens = true
		p.optWS()
		p.expect(tokLParen, "'('")
		argPos := 0
		args := len(p.arena.exprStack)
		for p.directiveArgAhead() {
			p.optWS()
			if p.kind() == tokComma {
				p.i++
				p.optWS()
			}
			at := p.cur()
			arg := p.directiveArg()
			if _, isWord := arg.(*Word); isWord {
				switch {
				case doItNow && argPos == 0:
				case isVM:
					p.errorf(int(at.pos), "invalid argument %d in macro call #%s: a bare word", argPos, name)
				case isDir && (name != "foreach" || argPos != 1):
					p.errorf(int(at.pos), "invalid argument %d in #%s: a bare word", argPos, name)
				}
			} else if doItNow && argPos == 0 {
				p.errorf(int(at.pos), "invalid first argument of #macro: want the macro name (a word without quotes)")
			}
			p.arena.exprStack = append(p.arena.exprStack, arg)
			argPos++
		}
		n.Args = p.arena.exprList(args)
		p.optWS()
		if p.kind() != tokRParen {
			p.unexpected(p.cur(), "')' closing #"+name)
		}
		p.i++
		if !block {
			if !isDir {
				n.Literal = p.rawLiteral(first, p.i-1)
			}
			return n
		}
	} else {
		if doItNow {
			p.errorf(int(t.pos), "#macro needs at least a name: #macro(name $arg ...)")
		}
		p.lex.pop()
		p.lex.inDirective = false
		n.Literal = p.lex.img(t)
		return n
	}
	n.Block = true
	bodyStart := p.i
	n.Body = p.statements()
	if !isDir || name == "define" || name == "literal" {
		n.BodySrc = p.bodyLiteral(bodyStart, p.i)
	}
	if p.kind() == tokEnd { // (expectEnd, without building its argument)
		p.i++
	} else {
		p.expectEnd(t, "#"+name)
	}
	n.End = p.at(int(p.lex.tok(p.i - 1).end))
	if doItNow {
		if len(n.Args) == 0 {
			p.errorf(int(t.pos), "#macro needs a name")
		}
		// Macro.checkArgs: a name is all it checks; any other argument
		// names a parameter after its first token ("$a" -> "a").
		if w, ok := n.Args[0].(*Word); ok {
			if p.arena.macros == nil {
				p.arena.macros = map[string]bool{}
			}
			p.arena.macros[w.Name] = true
		}
	}
	// RuntimeMacro prints an undefined block macro call as its tokens
	if !isDir {
		n.Literal = p.rawLiteral(first, p.i-1)
	}
	return n
}

// tokensLiteral joins the token literals of tokens [from, to), as
// SimpleNode.literal does for a node spanning them.
func (p *parser) tokensLiteral(from, to int) string {
	switch to - from {
	case 0:
		return ""
	case 1:
		return p.tokenLiteral(p.lex.tok(from))
	}
	if s, ok := p.sourceOf(from, to, true); ok {
		return s
	}
	n := 0
	for i := from; i < to; i++ {
		t := p.lex.tok(i)
		n += len(p.lex.prefix(t)) + len(p.lex.img(t))
	}
	var sb strings.Builder
	sb.Grow(n)
	for i := from; i < to; i++ {
		sb.WriteString(p.tokenLiteral(p.lex.tok(i)))
	}
	return sb.String()
}

// sourceOf returns the source text of tokens [from, to) when joining their
// images gives just that: each image is still its text in the source (no
// action or parser rewrote it) and no skipped or special text lies between
// them. lits asks for token literals, which differ from the images for
// tokens with special tokens before them and for #* comments.
func (p *parser) sourceOf(from, to int, lits bool) (string, bool) {
	l := p.lex
	if fastPaths && l.plainFrom(from) {
		return l.image(int(l.tok(from).pos), int(l.tok(to-1).end)), true
	}
	for i := from; i < to; i++ {
		t := p.lex.tok(i)
		// a token literal adds the special tokens' prefix, when there is one
		if lits && (t.hasSpecial && !t.skipPrefix && t.pfx != 0 || t.kind == tokMultiLineComment) {
			return "", false
		}
		if i > from && t.pos != p.lex.tok(i-1).end || t.img != 0 {
			return "", false
		}
	}
	return l.image(int(p.lex.tok(from).pos), int(p.lex.tok(to-1).end)), true
}

// rawLiteral joins the raw images of tokens [from, to], as RuntimeMacro
// prints an unknown macro call.
func (p *parser) rawLiteral(from, to int) string {
	if from == to {
		return p.lex.img(p.lex.tok(from))
	}
	if s, ok := p.sourceOf(from, to+1, false); ok {
		return s
	}
	n := 0
	for i := from; i <= to; i++ {
		n += len(p.lex.img(p.lex.tok(i)))
	}
	var sb strings.Builder
	sb.Grow(n)
	for i := from; i <= to; i++ {
		sb.WriteString(p.lex.img(p.lex.tok(i)))
	}
	return sb.String()
}

// bodyLiteral joins the token literals of tokens [from, to), as #literal
// prints its body.
func (p *parser) bodyLiteral(from, to int) string { return p.tokensLiteral(from, to) }

func isArgStart(k tokKind) bool {
	switch k {
	case tokIdentifier, tokLCurly, tokWord, tokStringLiteral, tokInteger, tokLBracket,
		tokFloat, tokLeftCurley, tokTrue, tokFalse:
		return true
	}
	return false
}

// directiveArgAhead is LOOKAHEAD(2) [WS] [<COMMA> [WS]] DirectiveArg.
func (p *parser) directiveArgAhead() bool {
	t1 := p.kind()
	switch t1 {
	case tokWhitespace:
		t2 := p.peek(1).kind
		return t2 == tokComma || isArgStart(t2)
	case tokComma:
		t2 := p.peek(1).kind
		return t2 == tokWhitespace || isArgStart(t2)
	}
	return isArgStart(t1)
}

// DirectiveArg = Reference | Word | StringLiteral | IntegerLiteral |
// IntegerRange | FloatingPointLiteral | Map | ObjectArray | True | False
func (p *parser) directiveArg() Expr {
	t := p.cur()
	switch t.kind {
	case tokIdentifier, tokLCurly:
		return p.reference().(*Ref)
	case tokWord:
		p.i++
		return &Word{P: p.bpos(t), Name: p.lex.img(t)}
	case tokStringLiteral:
		return p.stringLiteral()
	case tokInteger:
		p.i++
		return p.intLit(t)
	case tokLBracket:
		if p.rangeAhead() {
			return p.integerRange()
		}
		return p.objectArray()
	case tokFloat:
		p.i++
		return &FloatLit{P: p.bpos(t), Image: p.lex.img(t)}
	case tokLeftCurley:
		return p.mapLit()
	case tokTrue, tokFalse:
		p.i++
		return &BoolLit{P: p.bpos(t), Value: t.kind == tokTrue}
	}
	p.unexpected(t, "an argument")
	return nil
}

// rangeAhead is LOOKAHEAD(<LBRACKET> [WS] (Reference | IntegerLiteral) [WS] <DOUBLEDOT>).
func (p *parser) rangeAhead() (ok bool) {
	save := p.i
	defer func() {
		p.i = save
		if e := recover(); e != nil {
			if _, isParse := e.(parseError); !isParse {
				panic(e)
			}
			ok = false
		}
	}()
	p.i++ // [
	p.optWS()
	switch p.kind() {
	case tokInteger:
		p.i++
	case tokIdentifier:
		p.reference()
	case tokLCurly:
		if p.peek(1).kind != tokIdentifier {
			return false
		}
		p.reference()
	default:
		return false
	}
	p.optWS()
	return p.kind() == tokDoubleDot
}

// IntegerRange = <LBRACKET> [WS] (Reference | IntegerLiteral) [WS] <DOUBLEDOT>
// [WS] (Reference | IntegerLiteral) [WS] <RBRACKET>
func (p *parser) integerRange() Expr {
	first := p.i
	t := p.advance()
	n := &RangeLit{P: p.bpos(t)}
	p.optWS()
	n.From = p.rangeEnd()
	p.optWS()
	p.expect(tokDoubleDot, "'..'")
	p.optWS()
	n.To = p.rangeEnd()
	p.optWS()
	p.expect(tokRBracket, "']' closing the range")
	n.Lit = p.tokensLiteral(first, p.i)
	return n
}

func (p *parser) rangeEnd() Expr {
	t := p.cur()
	switch t.kind {
	case tokInteger:
		p.i++
		return p.intLit(t)
	case tokIdentifier:
		return p.reference().(*Ref)
	case tokLCurly:
		if p.peek(1).kind == tokIdentifier {
			return p.reference().(*Ref)
		}
	}
	p.unexpected(t, "an integer or a reference in the range")
	return nil
}

// ObjectArray = <LBRACKET> [ Parameter ( <COMMA> Parameter )* ] <RBRACKET>
func (p *parser) objectArray() Expr {
	first := p.i
	t := p.advance()
	n := &ListLit{P: p.bpos(t)}
	if p.paramStart() {
		n.Elems = append(n.Elems, p.parameter())
		for p.kind() == tokComma {
			p.i++
			n.Elems = append(n.Elems, p.parameter())
		}
	}
	p.expect(tokRBracket, "']' closing the list")
	n.Lit = p.tokensLiteral(first, p.i)
	return n
}

// Map = <LEFT_CURLEY> ( LOOKAHEAD(2) Parameter <COLON> Parameter
// ( <COMMA> Parameter <COLON> Parameter )* | [WS] ) ( <RIGHT_CURLEY> | <RCURLY> )
func (p *parser) mapLit() Expr {
	first := p.i
	t := p.advance()
	n := &MapLit{P: p.bpos(t)}
	k1, k2 := p.kind(), p.peek(1).kind
	entries := isParamStart(k1) && k1 != tokWhitespace || k1 == tokWhitespace && isParamStart(k2) && k2 != tokWhitespace
	if entries {
		for {
			n.Keys = append(n.Keys, p.parameter())
			p.expect(tokColon, "':' in the map")
			n.Vals = append(n.Vals, p.parameter())
			if p.kind() != tokComma {
				break
			}
			p.i++
		}
	} else {
		p.optWS()
	}
	if k := p.kind(); k == tokRightCurley || k == tokRCurly {
		p.i++
	} else {
		p.unexpected(p.cur(), "'}' closing the map")
	}
	n.Lit = p.tokensLiteral(first, p.i)
	return n
}

func isParamStart(k tokKind) bool {
	switch k {
	case tokWhitespace, tokStringLiteral, tokInteger, tokLBracket, tokLeftCurley, tokTrue,
		tokFalse, tokIdentifier, tokLCurly, tokFloat:
		return true
	}
	return false
}

func (p *parser) paramStart() bool { return isParamStart(p.kind()) }

// Parameter = [WS] ( StringLiteral | IntegerLiteral | IntegerRange | Map |
// ObjectArray | True | False | Reference | FloatingPointLiteral ) [WS]
func (p *parser) parameter() Expr {
	p.optWS()
	var e Expr
	t := p.cur()
	switch t.kind {
	case tokStringLiteral:
		e = p.stringLiteral()
	case tokInteger:
		p.i++
		e = p.intLit(t)
	case tokLBracket:
		if p.rangeAhead() {
			e = p.integerRange()
		} else {
			e = p.objectArray()
		}
	case tokLeftCurley:
		e = p.mapLit()
	case tokTrue, tokFalse:
		p.i++
		e = &BoolLit{P: p.bpos(t), Value: t.kind == tokTrue}
	case tokIdentifier:
		e = p.reference().(*Ref)
	case tokLCurly:
		if p.peek(1).kind != tokIdentifier {
			p.unexpected(p.peek(1), "a reference name after '${'")
		}
		e = p.reference().(*Ref)
	case tokFloat:
		p.i++
		e = &FloatLit{P: p.bpos(t), Image: p.lex.img(t)}
	default:
		if t.kind == tokPlus || t.kind == tokMinus || t.kind == tokMultiply || t.kind == tokDivide {
			p.errorf(int(t.pos), "unexpected %q: Velocity 1.7 allows no arithmetic here; compute it with #set first", p.lex.img(t))
		}
		p.unexpected(t, "an argument (a literal, list, map, range or reference)")
	}
	p.optWS()
	return e
}

// Reference = <IDENTIFIER> (Index)* (LOOKAHEAD(2) <DOT> (LOOKAHEAD(3) Method
// | Identifier) (Index)*)* | <LCURLY> <IDENTIFIER> ... <RCURLY>
func (p *parser) reference() Node {
	firstIdx := p.i
	first := p.advance()
	formal := first.kind == tokLCurly
	ident := first
	if formal {
		ident = p.expect(tokIdentifier, "a reference name")
	}
	r := p.arena.newRef()
	mark := len(p.arena.partStack)
	p.indexes(r)
	for p.kind() == tokDot && p.peek(1).kind == tokIdentifier {
		p.i++
		id := p.cur()
		if p.methodAhead() {
			p.i += 2 // identifier, '('
			part := RefPart{P: p.bpos(id), Kind: PartMethod, Name: p.lex.img(id)}
			if p.paramStart() {
				a := p.arena
				args := len(a.exprStack)
				a.exprStack = append(a.exprStack, p.parameter())
				for p.kind() == tokComma {
					p.i++
					a.exprStack = append(a.exprStack, p.parameter())
				}
				part.Args = a.exprList(args)
			}
			if p.kind() != tokRefMod2RParen {
				p.unexpected(p.cur(), "')' closing the call of "+p.lex.img(id))
			}
			p.i++
			p.arena.partStack = append(p.arena.partStack, part)
		} else {
			p.i++
			p.arena.partStack = append(p.arena.partStack, RefPart{P: p.bpos(id), Kind: PartProp, Name: p.lex.img(id)})
		}
		p.indexes(r)
	}
	last := p.i - 1
	if formal {
		p.expect(tokRCurly, "'}' closing ${")
		last = p.i - 1
	}
	r.Parts = p.arena.partList(mark)
	p.initRef(r, first, firstIdx, ident, last)
	return r
}

// methodAhead is LOOKAHEAD(3) Method: identifier, '(' and a parameter or ')'.
func (p *parser) methodAhead() bool {
	if p.peek(1).kind != tokLParen {
		return false
	}
	k := p.peek(2).kind
	return k == tokRefMod2RParen || isParamStart(k)
}

// Index = <INDEX_LBRACKET> [WS] (String | Integer | True | False | Reference) [WS] <INDEX_RBRACKET>
func (p *parser) indexes(r *Ref) {
	for p.kind() == tokIndexLBracket {
		t := p.advance()
		p.optWS()
		var e Expr
		a := p.cur()
		switch a.kind {
		case tokStringLiteral:
			e = p.stringLiteral()
		case tokInteger:
			p.i++
			e = p.intLit(a)
		case tokTrue, tokFalse:
			p.i++
			e = &BoolLit{P: p.bpos(a), Value: a.kind == tokTrue}
		case tokIdentifier:
			e = p.reference().(*Ref)
		case tokLCurly:
			if p.peek(1).kind != tokIdentifier {
				p.unexpected(p.peek(1), "a reference name")
			}
			e = p.reference().(*Ref)
		default:
			p.unexpected(a, "an index (a string, an integer or a reference)")
		}
		p.optWS()
		p.expect(tokIndexRBracket, "']' closing the index")
		p.arena.partStack = append(p.arena.partStack, RefPart{P: p.bpos(t), Kind: PartIndex, Args: p.arena.exprList1(e)})
	}
}

// initRef computes what ASTReference.init/getRoot compute.
func (p *parser) initRef(r *Ref, first *token, firstIdx int, ident *token, last int) {
	r.P = p.bpos(first)
	r.Computable = true
	img := p.lex.img(first)
	// literal() of the node, computed after getRoot edits the first image
	lit := func() string { return p.tokensLiteral(firstIdx, last+1) }
	if fastPaths && len(img) > 1 && img[0] == '$' && (isLetter(rune(img[1])) || img[1] == '_') {
		// "$name", the usual case: no backslash, "!", "{" or MORE prefix
		// (what the general case below computes for it)
		r.Kind = RefNormal
		r.Root = img[1:]
		r.SetName = r.Root
		r.Literal = lit()
		r.NullString = r.Literal
		return
	}
	if k := strings.Index(img, `\!`); k >= 0 {
		i := strings.Index(img, "$")
		for i < len(img) && img[i] != '\\' {
			i++
		}
		start := i
		count := 0
		for i < len(img) {
			c := img[i]
			i++
			if c != '\\' {
				break
			}
			count++
		}
		ns := img[:start] + img[start:start+count-1] + img[start+count:]
		r.NullString = ns
		r.Computable = false
		r.Root = ns
		r.Literal = lit()
		r.Kind = RefNormal
		r.SetName = img[1:]
		return
	}
	if strings.HasPrefix(img, `\`) {
		i := 0
		for i < len(img) && img[i] == '\\' {
			i++
		}
		r.Escaped = i%2 != 0
		r.EscPrefix = img[:i/2]
		img = img[i:]
	}
	if loc := strings.LastIndex(img, "$"); loc > 0 {
		r.MorePrefix = img[:loc]
		img = img[loc:]
	}
	// getRoot strips the backslashes and the MORE prefix from the token's
	// image itself: literals taken later (#literal, an undefined macro
	// call) show the reference without them.
	p.lex.setImageAt(firstIdx, img)
	r.Literal = lit()
	r.NullString = r.Literal
	r.SetName = ""
	if len(img) > 0 {
		r.SetName = img[1:]
	}
	switch {
	case strings.HasPrefix(img, "$!"):
		r.Kind = RefQuiet
		if !r.Escaped {
			r.NullString = ""
		}
		if strings.HasPrefix(img, "$!{") {
			r.Root = p.lex.img(ident)
		} else {
			r.Root = img[2:]
		}
	case img == "${":
		r.Kind = RefFormal
		r.Root = p.lex.img(ident)
	case strings.HasPrefix(img, "$"):
		r.Kind = RefNormal
		r.Root = img[1:]
	default:
		r.Kind = RefRunt
		r.Root = img
	}
}

// intLit is an IntLit of token t.
func (p *parser) intLit(t *token) *IntLit {
	n := p.arena.newInt()
	n.P, n.Image = p.bpos(t), p.lex.img(t)
	return n
}

// StringLiteral: quotes removed, \u escapes and doubled quotes resolved, and
// interpolated content parsed.
func (p *parser) stringLiteral() Expr {
	t := p.advance()
	img := p.lex.img(t)
	n := p.arena.newString()
	n.P, n.Lit = p.bpos(t), p.tokenLiteral(t)
	body := img[1 : len(img)-1]
	if img[0] == '"' {
		var err error
		body, err = unescapeU(body)
		if err != nil {
			p.errorf(int(t.pos), "bad \\u escape in string literal: %v", err)
		}
		body = strings.ReplaceAll(body, `""`, `"`)
	} else {
		body = strings.ReplaceAll(body, "''", "'")
	}
	n.Value = body
	if img[0] == '"' && (strings.ContainsAny(img, "$#")) {
		n.Interp = true
		src := body
		n.Trim = !strings.Contains(body, "##")
		if n.Trim {
			src += " "
		}
		if p.depth > 50 {
			p.errorf(int(t.pos), "string literals nested too deeply")
		}
		sub := &parser{file: p.file, lex: p.arena.lexer(p.depth, src),
			isMacro: p.isMacro, depth: p.depth + 1,
			sub: true, base: p.charBase(int(t.pos)) + 1, conv: p.conv, arena: p.arena}
		n.Nodes = sub.process()
	}
	return n
}

func unescapeU(s string) (string, error) {
	if !strings.Contains(s, `\u`) {
		return s, nil
	}
	var sb strings.Builder
	rs := []rune(s)
	var units []uint16
	flush := func() {
		if len(units) > 0 {
			sb.WriteString(decodeUTF16(units))
			units = units[:0]
		}
	}
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && rs[i+1] == 'u' {
			if i+6 > len(rs) {
				return "", fmt.Errorf("%q is too short", string(rs[i:]))
			}
			var v uint16
			for _, c := range rs[i+2 : i+6] {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= uint16(c - '0')
				case c >= 'a' && c <= 'f':
					v |= uint16(c - 'a' + 10)
				case c >= 'A' && c <= 'F':
					v |= uint16(c - 'A' + 10)
				default:
					return "", fmt.Errorf("%q is not hexadecimal", string(rs[i+2:i+6]))
				}
			}
			units = append(units, v)
			i += 5
			continue
		}
		flush()
		sb.WriteRune(rs[i])
	}
	flush()
	return sb.String(), nil
}

// decodeUTF16 decodes UTF-16 units; an unpaired surrogate becomes U+FFFD.
func decodeUTF16(u []uint16) string {
	var sb strings.Builder
	for i := 0; i < len(u); i++ {
		c := rune(u[i])
		if c >= 0xD800 && c < 0xDC00 && i+1 < len(u) && u[i+1] >= 0xDC00 && u[i+1] < 0xE000 {
			sb.WriteRune((c-0xD800)<<10 + (rune(u[i+1]) - 0xDC00) + 0x10000)
			i++
			continue
		}
		if c >= 0xD800 && c < 0xE000 {
			c = 0xFFFD
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// Expression = ConditionalOrExpression
func (p *parser) expression() Expr { return p.binary(0) }

// binary parses the left-associative binary operators of precedence
// minLevel (0 = ||, then &&, ==/!=, relations, +/-, and 5 = * / %) and
// above: Velocity's rule per level (OrExpression, AndExpression, …).
func (p *parser) binary(minLevel int) Expr {
	x := p.unaryExpr()
	for {
		t := p.cur()
		level, op := binaryOp(t.kind)
		if level < minLevel {
			return x
		}
		p.i++
		start := p.i
		// the right operand holds the operators that bind tighter: the
		// grammar's one rule per level, climbed in one loop
		y := p.binary(level + 1)
		b := p.arena.newBinary()
		*b = BinaryExpr{P: p.bpos(t), Op: op, X: x, Y: y, Lit: p.tokensLiteral(start, p.i)}
		x = b
	}
}

// binaryOp returns the precedence level of a binary operator token (0, the
// loosest, is ||) and its operator; level -1 for any other token.
func binaryOp(k tokKind) (int, string) {
	switch k {
	case tokOr:
		return 0, "||"
	case tokAnd:
		return 1, "&&"
	case tokEQ:
		return 2, "=="
	case tokNE:
		return 2, "!="
	case tokLT:
		return 3, "<"
	case tokGT:
		return 3, ">"
	case tokLE:
		return 3, "<="
	case tokGE:
		return 3, ">="
	case tokPlus:
		return 4, "+"
	case tokMinus:
		return 4, "-"
	case tokMultiply:
		return 5, "*"
	case tokDivide:
		return 5, "/"
	case tokModulus:
		return 5, "%"
	}
	return -1, ""
}

const exprEnd = "an operand (a literal, reference, list, map, range or '(')"

// UnaryExpression = LOOKAHEAD(2) [WS] <LOGICAL_NOT> UnaryExpression | PrimaryExpression
func (p *parser) unaryExpr() Expr {
	k := 0
	if p.kind() == tokWhitespace {
		k = 1
	}
	if t := p.peek(k); t.kind == tokNot {
		p.i += k + 1
		start := p.i
		x := p.unaryExpr()
		return &NotExpr{P: p.bpos(t), X: x, Lit: p.tokensLiteral(start, p.i)}
	}
	return p.primary()
}

// PrimaryExpression = [WS] ( StringLiteral | Reference | IntegerLiteral |
// IntegerRange | FloatingPointLiteral | Map | ObjectArray | True | False |
// <LPAREN> Expression <RPAREN> ) [WS]
func (p *parser) primary() Expr {
	p.optWS()
	var e Expr
	t := p.cur()
	switch t.kind {
	case tokStringLiteral:
		e = p.stringLiteral()
	case tokIdentifier:
		e = p.reference().(*Ref)
	case tokLCurly:
		if p.peek(1).kind != tokIdentifier {
			p.unexpected(p.peek(1), "a reference name after '${'")
		}
		e = p.reference().(*Ref)
	case tokInteger:
		p.i++
		e = p.intLit(t)
	case tokLBracket:
		if p.rangeAhead() {
			e = p.integerRange()
		} else {
			e = p.objectArray()
		}
	case tokFloat:
		p.i++
		e = &FloatLit{P: p.bpos(t), Image: p.lex.img(t)}
	case tokLeftCurley:
		e = p.mapLit()
	case tokTrue, tokFalse:
		p.i++
		e = &BoolLit{P: p.bpos(t), Value: t.kind == tokTrue}
	case tokLParen:
		p.i++
		start := p.i
		x := p.expression()
		lit := p.tokensLiteral(start, p.i)
		p.expect(tokRParen, "')'")
		e = &ParenExpr{P: p.bpos(t), X: x, Lit: lit}
	default:
		if t.kind == tokEquals {
			p.errorf(int(t.pos), "unexpected '=': use '==' to compare")
		}
		p.unexpected(t, exprEnd)
	}
	p.optWS()
	return e
}
