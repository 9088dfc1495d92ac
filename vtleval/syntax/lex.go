package syntax

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// The scanner is a port of the token manager that JavaCC generates from Apache
// Velocity 1.7's grammar (src/parser/Parser.jjt at tag 1.7). Velocity's
// whitespace and "schmoo" rules live almost entirely in that token manager:
// which characters a ')' swallows, when spaces before #set disappear, what a
// lone '$' or '#' turns into. Re-deriving those rules by hand is how every
// other VTL engine went wrong, so this file keeps the original machinery:
// lexical states, a state stack with the paren counters, longest-match with
// ties going to the rule defined first, MORE rules whose text prefixes the next
// token, and SPECIAL tokens attached to the token that follows them.

// lexState is a JavaCC lexical state of the Velocity grammar.
type lexState uint8

const (
	stDefault lexState = iota
	stPreDirective
	stDirective
	stReference
	stRefModifier
	stRefMod2
	stRefIndex
	stSingleLineComment
	stFormalComment
	stMultiLineComment
	stTextblock
)

// tokKind is a token kind. The order of the constants is the order in which
// the rules appear in Parser.jjt, which decides ties in longest-match.
type tokKind uint8

const (
	tokEOF                    tokKind = iota
	tokIndexLBracket                  // [ after a reference
	tokIndexRBracket                  // ] closing an index
	tokLBracket                       // [
	tokRBracket                       // ]
	tokComma                          // ,
	tokDoubleDot                      // ..
	tokColon                          // :
	tokLeftCurley                     // { (map literal)
	tokRightCurley                    // } (map literal)
	tokLParen                         // (
	tokRParen                         // ) closing a directive, with trailing blanks+newline
	tokRefMod2RParen                  // ) closing a method call
	tokEscapeDirective                // \#if
	tokSetDirective                   // #set(
	tokMoreDollar                     // $ (MORE)
	tokMoreDollarBang                 // $! (MORE)
	tokMoreTextblock                  // #[[ (MORE)
	tokMoreFormalComment              // #** (MORE)
	tokMoreMultiComment               // #* (MORE)
	tokMoreHash                       // # (MORE)
	tokSingleLineCommentStart         // ##
	tokDoubleEscape                   // \\
	tokEscape                         // \
	tokText                           // schmoo
	tokSingleLineComment              // newline ending a ## comment
	tokFormalComment                  // *# ending #** comment
	tokMultiLineComment               // *# ending #* comment
	tokTextblock                      // ]]#
	tokSkip                           // any char inside a comment (SKIP)
	tokMoreAny                        // any char inside #[[ ]]# (MORE)
	tokWhitespace                     // blanks and newlines inside a directive
	tokStringLiteral                  // "..." or '...'
	tokTrue                           // true
	tokFalse                          // false
	tokNewline                        // newline inside a directive
	tokMinus                          // -
	tokPlus                           // +
	tokMultiply                       // *
	tokDivide                         // /
	tokModulus                        // %
	tokAnd                            // && and
	tokOr                             // || or
	tokLT                             // < lt
	tokLE                             // <= le
	tokGT                             // > gt
	tokGE                             // >= ge
	tokEQ                             // == eq
	tokNE                             // != ne
	tokNot                            // ! not
	tokEquals                         // =
	tokEnd                            // #end
	tokIf                             // #if
	tokElseIf                         // #elseif
	tokElse                           // #else
	tokInteger                        // 12
	tokFloat                          // 1.5
	tokWord                           // directive name
	tokBracketedWord                  // {name}
	tokIdentifier                     // reference name
	tokDot                            // . before a property
	tokLCurly                         // ${
	tokRCurly                         // } closing ${
	tokRefTerminator                  // SPECIAL: ends a reference
	tokDirTerminator                  // SPECIAL: ends a failed directive
	tokEmptyIndex                     // $[ $. and friends, which are text
)

var tokNames = [...]string{
	tokEOF: "end of input", tokIndexLBracket: "'['", tokIndexRBracket: "']'", tokLBracket: "'['",
	tokRBracket: "']'", tokComma: "','", tokDoubleDot: "'..'", tokColon: "':'",
	tokLeftCurley: "'{'", tokRightCurley: "'}'", tokLParen: "'('", tokRParen: "')'",
	tokRefMod2RParen: "')'", tokEscapeDirective: "escaped directive", tokSetDirective: "#set",
	tokSingleLineCommentStart: "'##'", tokDoubleEscape: "'\\\\'", tokEscape: "'\\'",
	tokText: "text", tokSingleLineComment: "newline", tokFormalComment: "'*#'",
	tokMultiLineComment: "'*#'", tokTextblock: "']]#'", tokWhitespace: "whitespace",
	tokStringLiteral: "string literal", tokTrue: "true", tokFalse: "false", tokNewline: "newline",
	tokMinus: "'-'", tokPlus: "'+'", tokMultiply: "'*'", tokDivide: "'/'", tokModulus: "'%'",
	tokAnd: "'&&'", tokOr: "'||'", tokLT: "'<'", tokLE: "'<='", tokGT: "'>'", tokGE: "'>='",
	tokEQ: "'=='", tokNE: "'!='", tokNot: "'!'", tokEquals: "'='", tokEnd: "#end", tokIf: "#if",
	tokElseIf: "#elseif", tokElse: "#else", tokInteger: "integer", tokFloat: "number",
	tokWord: "name", tokBracketedWord: "{name}", tokIdentifier: "identifier", tokDot: "'.'",
	tokLCurly: "'{'", tokRCurly: "'}'", tokEmptyIndex: "text",
}

func (k tokKind) String() string {
	if int(k) < len(tokNames) && tokNames[k] != "" {
		return tokNames[k]
	}
	return "token"
}

// token is one token handed to the parser.
//
// Tokens hold no pointers, so that the garbage collector never scans them:
// the image is the source text [pos, end) unless an action or the parser
// replaced it (img, an index into lexer.strs), and so is the prefix.
type token struct {
	pos  int32 // byte offset of the first character (of the MORE prefix)
	end  int32 // byte offset after the last character
	img  int32 // the image when not the source text: index into lexer.strs (0: none)
	pfx  int32 // the prefix (see lexer.prefix): index into lexer.strs (0: none)
	kind tokKind
	// hasSpecial: special tokens came before this one; skipPrefix: the
	// last of them starts with "##" (see parser.tokenLiteral).
	hasSpecial bool
	skipPrefix bool
}

// img returns t's image: its text, including any MORE prefix.
func (l *lexer) img(t *token) string {
	if t.img != 0 {
		return l.strs[t.img]
	}
	return l.image(int(t.pos), int(t.end))
}

// setImageAt replaces the image of the i-th token.
func (l *lexer) setImageAt(i int, s string) {
	t := &l.toks[i]
	if s == l.img(t) {
		return
	}
	t.img = l.str1(s)
	l.marked(i)
}

// marked records that the image or literal of token i is not its source
// text (see lexer.plainFrom).
func (l *lexer) marked(i int) { l.markAt = max(l.markAt, i+1) }

// plainFrom reports that tokens [from, len(toks)) are their source text,
// one after the other: no image or literal was replaced (a token literal
// adds a prefix, a #* comment's is empty) and no skipped or special text
// lies between them (see parser.sourceOf).
func (l *lexer) plainFrom(from int) bool { return l.gapAt <= from+1 && l.markAt <= from }

// prefix returns what the special tokens before t add to its literal
// (specialText).
func (l *lexer) prefix(t *token) string {
	if t.pfx == 0 {
		return ""
	}
	return l.strs[t.pfx]
}

func (l *lexer) str1(s string) int32 {
	if len(l.strs) == 0 {
		l.strs = append(l.strs, "")
	}
	l.strs = append(l.strs, s)
	return int32(len(l.strs) - 1)
}

// addSpecial records a special token (the text of a terminated reference
// or directive) for the next token. Most are empty (a reference ended by a
// character that is not part of it): those only count.
func (l *lexer) addSpecial(s string) {
	l.nSpecials++
	l.lastEmpty = s == ""
	if s != "" {
		l.specials = append(l.specials, s)
	}
}

// takeSpecials hands the special tokens waiting to t and empties the list
// (clearing it, so that a pooled lexer holds no source).
func (l *lexer) takeSpecials(t *token) {
	if l.nSpecials == 0 {
		return
	}
	t.hasSpecial = true
	if len(l.specials) > 0 {
		l.setSpecials(t, l.specials, l.lastEmpty)
		clear(l.specials)
		l.specials = l.specials[:0]
	}
	l.nSpecials = 0
}

// setSpecials records the non-empty special tokens that came before t;
// lastEmpty says an empty one came after them.
func (l *lexer) setSpecials(t *token, specials []string, lastEmpty bool) {
	if !lastEmpty && strings.HasPrefix(specials[len(specials)-1], "##") {
		t.skipPrefix = true
	} else if p := specialText(specials); p != "" {
		t.pfx = l.str1(p)
		l.marked(len(l.toks) - 1)
	}
}

// rules lists, per lexical state, the token kinds that may match there.
var rules = [...][]tokKind{
	stDefault: {tokEscapeDirective, tokSetDirective, tokMoreDollar, tokMoreDollarBang,
		tokMoreTextblock, tokMoreFormalComment, tokMoreMultiComment, tokMoreHash,
		tokSingleLineCommentStart, tokDoubleEscape, tokEscape, tokText, tokEmptyIndex},
	stPreDirective: {tokMoreDollar, tokMoreDollarBang, tokMoreTextblock, tokMoreFormalComment,
		tokMoreMultiComment, tokMoreHash, tokSingleLineCommentStart, tokEnd, tokIf, tokElseIf,
		tokElse, tokInteger, tokFloat, tokWord, tokBracketedWord, tokDirTerminator},
	stDirective: {tokLBracket, tokRBracket, tokComma, tokDoubleDot, tokColon, tokLeftCurley,
		tokRightCurley, tokLParen, tokRParen, tokMoreDollar, tokMoreDollarBang, tokMoreTextblock,
		tokMoreFormalComment, tokMoreMultiComment, tokMoreHash, tokSingleLineCommentStart,
		tokWhitespace, tokStringLiteral, tokTrue, tokFalse, tokNewline, tokMinus, tokPlus,
		tokMultiply, tokDivide, tokModulus, tokAnd, tokOr, tokLT, tokLE, tokGT, tokGE, tokEQ,
		tokNE, tokNot, tokEquals, tokInteger, tokFloat, tokWord, tokBracketedWord},
	stReference: {tokIndexLBracket, tokSetDirective, tokMoreDollar, tokMoreDollarBang,
		tokMoreTextblock, tokMoreFormalComment, tokMoreMultiComment, tokMoreHash,
		tokSingleLineCommentStart, tokTrue, tokFalse, tokIdentifier, tokDot, tokLCurly, tokRCurly,
		tokRefTerminator, tokEmptyIndex},
	stRefModifier: {tokIndexLBracket, tokLParen, tokSetDirective, tokMoreDollar,
		tokMoreDollarBang, tokMoreTextblock, tokMoreFormalComment, tokMoreMultiComment,
		tokMoreHash, tokTrue, tokFalse, tokIdentifier, tokDot, tokLCurly, tokRCurly,
		tokRefTerminator},
	stRefMod2: {tokLBracket, tokRBracket, tokComma, tokDoubleDot, tokColon, tokLeftCurley,
		tokRightCurley, tokRefMod2RParen, tokSetDirective, tokMoreDollar, tokMoreDollarBang,
		tokMoreTextblock, tokMoreFormalComment, tokMoreMultiComment, tokMoreHash, tokWhitespace,
		tokStringLiteral, tokTrue, tokFalse, tokInteger, tokFloat, tokIdentifier, tokDot},
	stRefIndex: {tokIndexRBracket, tokMoreDollar, tokMoreDollarBang, tokMoreTextblock,
		tokMoreFormalComment, tokMoreMultiComment, tokMoreHash, tokWhitespace, tokStringLiteral,
		tokTrue, tokFalse, tokInteger, tokFloat},
	stSingleLineComment: {tokMoreDollar, tokMoreDollarBang, tokMoreTextblock,
		tokMoreFormalComment, tokMoreMultiComment, tokMoreHash, tokSingleLineComment, tokSkip},
	stFormalComment: {tokMoreDollar, tokMoreDollarBang, tokMoreTextblock, tokMoreFormalComment,
		tokMoreMultiComment, tokMoreHash, tokFormalComment, tokSkip},
	stMultiLineComment: {tokMoreDollar, tokMoreDollarBang, tokMoreTextblock,
		tokMoreFormalComment, tokMoreMultiComment, tokMoreHash, tokMultiLineComment, tokSkip},
	stTextblock: {tokMoreDollar, tokMoreDollarBang, tokMoreTextblock, tokMoreFormalComment,
		tokMoreMultiComment, tokMoreHash, tokTextblock, tokMoreAny},
}

// dispatch lists, per lexical state and per first character, the rules of
// the state that can match a token starting with that character, in rule
// order: next tries only those, which is equivalent to trying them all
// since the others match nothing.
var dispatch [len(rules)]struct {
	ascii [128][]tokKind
	other []tokKind // first character beyond ASCII
}

func init() {
	for st, ks := range rules {
		d := &dispatch[st]
		for c := range rune(128) {
			for _, k := range ks {
				if canStart(k, c) {
					d.ascii[c] = append(d.ascii[c], k)
				}
			}
		}
		for _, k := range ks {
			if canStart(k, 0x80) {
				d.other = append(d.other, k)
			}
		}
	}
	for i, st := range []lexState{stReference, stRefModifier} {
		for c, ks := range dispatch[st].ascii {
			termOnly[i][c] = len(ks) == 1 && ks[0] == tokRefTerminator
		}
	}
	for c := range wordOnly {
		ks := dispatch[stDirective].ascii[c]
		wordOnly[c] = len(ks) == 1 && ks[0] == tokWord
		ks = dispatch[stPreDirective].ascii[c]
		preWord[c] = len(ks) == 2 && ks[0] == tokWord && ks[1] == tokDirTerminator
	}
}

// canStart reports whether a token of kind k can begin with c; every
// character from U+0080 on is treated alike (no rule names one). It must
// hold whenever match(k, i) > 0 with src[i] == c (lex_test.go checks it).
func canStart(k tokKind, c rune) bool {
	switch k {
	case tokIndexLBracket, tokLBracket:
		return c == '['
	case tokIndexRBracket, tokRBracket, tokTextblock:
		return c == ']'
	case tokComma:
		return c == ','
	case tokDoubleDot, tokDot:
		return c == '.'
	case tokColon:
		return c == ':'
	case tokLeftCurley, tokLCurly, tokBracketedWord:
		return c == '{'
	case tokRightCurley, tokRCurly:
		return c == '}'
	case tokLParen:
		return c == '('
	case tokRParen, tokRefMod2RParen:
		return c == ')'
	case tokEscapeDirective, tokDoubleEscape, tokEscape:
		return c == '\\'
	case tokSetDirective:
		return c == ' ' || c == '\t' || c == '#'
	case tokMoreDollar, tokMoreDollarBang:
		return c == '\\' || c == '$'
	case tokMoreTextblock, tokMoreFormalComment, tokMoreMultiComment, tokMoreHash,
		tokSingleLineCommentStart:
		return c == '#'
	case tokText:
		return c != '$' && c != '#' && c != '\\'
	case tokSingleLineComment, tokNewline:
		return c == '\n' || c == '\r'
	case tokFormalComment, tokMultiLineComment, tokMultiply:
		return c == '*'
	case tokSkip, tokMoreAny, tokRefTerminator, tokDirTerminator:
		return true
	case tokWhitespace:
		return c == ' ' || c == '\t' || c == '\n' || c == '\r'
	case tokStringLiteral:
		return c == '"' || c == '\''
	case tokTrue:
		return c == 't'
	case tokFalse:
		return c == 'f'
	case tokMinus:
		return c == '-'
	case tokPlus:
		return c == '+'
	case tokDivide:
		return c == '/'
	case tokModulus:
		return c == '%'
	case tokAnd:
		return c == '&' || c == 'a'
	case tokOr:
		return c == '|' || c == 'o'
	case tokLT, tokLE:
		return c == '<' || c == 'l'
	case tokGT, tokGE:
		return c == '>' || c == 'g'
	case tokEQ:
		return c == '=' || c == 'e'
	case tokNE, tokNot:
		return c == '!' || c == 'n'
	case tokEquals:
		return c == '='
	case tokEnd, tokElseIf, tokElse:
		return c == 'e' || c == '{'
	case tokIf:
		return c == 'i' || c == '{'
	case tokInteger:
		return c == '-' || isDigit(c)
	case tokFloat:
		return c == '-' || c == '.' || isDigit(c)
	case tokWord:
		return isLetter(c) || c == '_' || c == '@'
	case tokIdentifier:
		return isLetter(c) || c == '_'
	case tokEmptyIndex:
		return c == '$'
	}
	return true
}

func isMore(k tokKind) bool {
	switch k {
	case tokMoreDollar, tokMoreDollarBang, tokMoreTextblock, tokMoreFormalComment,
		tokMoreMultiComment, tokMoreHash, tokMoreAny:
		return true
	}
	return false
}

type savedState struct {
	lparen, rparen int
	state          lexState
}

// lexer is the token manager. The parser pulls tokens one at a time and may
// switch the lexical state between two pulls, as Velocity's parser does.
//
// It scans bytes: every rule looks only at ASCII characters, which are never
// part of a multi-byte UTF-8 sequence, and treats all others alike, so byte
// offsets give the tokens character offsets give (positions are converted to
// character columns only when printed, see File.Position).
type lexer struct {
	src   string // valid UTF-8 (see Parse)
	pos   int
	state lexState
	// toks holds the tokens returned so far, which the parser indexes
	// (see newToken)
	toks []token
	strs []string // replaced images and prefixes of tokens; strs[0] is ""

	lparen, rparen int
	stack          []savedState
	inReference    bool
	inDirective    bool
	inComment      bool
	inSet          bool

	// gapAt and markAt are 1 + the index of the last token with text
	// between it and the one before, and of the last token whose image or
	// literal is not its text (0: none; see plainFrom)
	gapAt, markAt int

	// special tokens waiting for the next token (see addSpecial)
	specials  []string
	nSpecials int
	lastEmpty bool
	eof       *token // the EOF token, once returned
}

// reset makes l a new lexer of src, keeping the memory it has.
func (l *lexer) reset(src string) {
	*l = lexer{
		src:      src,
		toks:     l.toks[:0],
		strs:     l.strs[:0],
		stack:    l.stack[:0],
		specials: l.specials[:0],
	}
}

// release drops what l holds of the source, keeping its memory for reuse.
func (l *lexer) release() {
	clear(l.strs)
	clear(l.specials) // (takeSpecials clears what it takes)
	l.reset("")
}

// image returns the text of bytes [from, to) of the source.
func (l *lexer) image(from, to int) string { return l.src[from:to] }

// newToken returns the next token of the lexer's store, for the caller to
// fill in whole (tokens hold no pointers, and a store is reused without
// clearing): the parser finds the i-th token the lexer returned at tok(i).
//
// When the store grows, the tokens move to a new array: a *token taken
// before still reads the token as it was, but a change must go through the
// store (setImageAt). Only actions change a token after it is made, and
// tokenAction does so before the next token is made.
func (l *lexer) newToken() *token {
	if len(l.toks) == cap(l.toks) {
		l.toks = slices.Grow(l.toks, max(tokGrowMin, len(l.toks)))
	}
	l.toks = l.toks[:len(l.toks)+1]
	return &l.toks[len(l.toks)-1]
}

// tokGrowMin is the least number of tokens the store grows by
// (TestTokenStoreGrowth sets it to 1, so that it moves at every token).
var tokGrowMin = 64

// tok returns the i-th token returned.
func (l *lexer) tok(i int) *token { return &l.toks[i] }

// lexError is a lexical error: no rule matches at pos.
type lexError struct {
	pos int
	eof bool
}

func (l *lexer) push() {
	l.stack = append(l.stack, savedState{l.lparen, l.rparen, l.state})
	l.lparen = 0
}

func (l *lexer) pop() bool {
	if len(l.stack) == 0 {
		l.lparen = 0
		l.state = stDefault
		return false
	}
	s := l.stack[len(l.stack)-1]
	l.stack = l.stack[:len(l.stack)-1]
	l.lparen, l.rparen, l.state = s.lparen, s.rparen, s.state
	return true
}

func (l *lexer) rparenHandler() {
	closed := l.inComment
	for !closed {
		if l.lparen > 0 {
			if l.lparen == l.rparen+1 {
				l.pop()
			} else {
				l.rparen++
			}
			closed = true
		} else if !l.pop() {
			break
		}
	}
}

// at returns the byte at i as a rune (a byte beyond ASCII stands for the
// character it begins or continues), -1 at the end.
func (l *lexer) at(i int) rune {
	if i < len(l.src) {
		return rune(l.src[i])
	}
	return -1
}

func isLetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c rune) bool  { return c >= '0' && c <= '9' }

// charLen returns the length in bytes of the character at i (i < len(src)).
func (l *lexer) charLen(i int) int {
	if l.src[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(l.src[i:])
	return n
}

// newlineLen returns the length of a newline at i: "\r\n" is 2.
func (l *lexer) newlineLen(i int) int {
	switch l.at(i) {
	case '\n':
		return 1
	case '\r':
		if l.at(i+1) == '\n' {
			return 2
		}
		return 1
	}
	return 0
}

// optBlanksNewline returns the length of ( (" "|"\t")* newline )? at i.
func (l *lexer) optBlanksNewline(i int) int {
	j := i
	for l.at(j) == ' ' || l.at(j) == '\t' {
		j++
	}
	if n := l.newlineLen(j); n > 0 {
		return j + n - i
	}
	return 0
}

func (l *lexer) lit(i int, s string) int {
	if i <= len(l.src) && strings.HasPrefix(l.src[i:], s) {
		return len(s)
	}
	return 0
}

// wordLen matches (LETTER | "_" | "@") DIRECTIVE_CHAR*.
func (l *lexer) wordLen(i int) int {
	c := l.at(i)
	if !(isLetter(c) || c == '_' || c == '@') {
		return 0
	}
	j := i + 1
	for c := l.at(j); isLetter(c) || isDigit(c) || c == '_' || c == '@'; c = l.at(j) {
		j++
	}
	return j - i
}

// bracketedWordLen matches "{" (LETTER | "_") DIRECTIVE_CHAR* "}".
func (l *lexer) bracketedWordLen(i int) int {
	if l.at(i) != '{' {
		return 0
	}
	c := l.at(i + 1)
	if !(isLetter(c) || c == '_') {
		return 0
	}
	j := i + 2
	for c := l.at(j); isLetter(c) || isDigit(c) || c == '_' || c == '@'; c = l.at(j) {
		j++
	}
	if l.at(j) != '}' {
		return 0
	}
	return j + 1 - i
}

// keywordOrWord matches one of the keyword spellings.
func (l *lexer) keyword(i int, words ...string) int {
	best := 0
	for _, w := range words {
		if n := l.lit(i, w); n > best {
			best = n
		}
	}
	return best
}

func (l *lexer) digits(i int) int {
	j := i
	for isDigit(l.at(j)) {
		j++
	}
	return j - i
}

func (l *lexer) exponent(i int) int {
	if c := l.at(i); c != 'e' && c != 'E' {
		return 0
	}
	j := i + 1
	if c := l.at(j); c == '+' || c == '-' {
		j++
	}
	n := l.digits(j)
	if n == 0 {
		return 0
	}
	return j + n - i
}

func (l *lexer) floatLen(i int) int {
	j := i
	if l.at(j) == '-' {
		j++
	}
	best := 0
	if n := l.digits(j); n > 0 {
		k := j + n
		if l.at(k) == '.' {
			k++
			k += l.digits(k)
			k += l.exponent(k)
			best = k - i
		} else if e := l.exponent(k); e > 0 {
			best = k + e - i
		}
	}
	if l.at(j) == '.' {
		if n := l.digits(j + 1); n > 0 {
			k := j + 1 + n
			k += l.exponent(k)
			if k-i > best {
				best = k - i
			}
		}
	}
	return best
}

func (l *lexer) stringLen(i int) int {
	q := l.at(i)
	if q != '"' && q != '\'' {
		return 0
	}
	// JavaCC takes the longest match of a regular expression. For both
	// quote kinds a doubled quote continues the literal, and any other
	// character (a backslash included) is ordinary, so the longest match
	// ends at the last quote that is not part of a doubled pair... but the
	// longest match can also extend over "" pairs: scan greedily.
	j := i + 1
	end := 0
	for j < len(l.src) {
		c := rune(l.src[j])
		if c == q {
			if l.at(j+1) == q {
				// Either the end of the literal followed by a new quote, or a
				// doubled quote; the longest match takes the pair.
				end = j + 1 - i
				j += 2
				continue
			}
			return j + 1 - i
		}
		j++
	}
	return end
}

// match returns the length of kind k at position i, 0 when it does not match.
func (l *lexer) match(k tokKind, i int) int {
	c := l.at(i)
	if c < 0 {
		return 0
	}
	switch k {
	case tokIndexLBracket, tokLBracket:
		return l.lit(i, "[")
	case tokIndexRBracket, tokRBracket:
		return l.lit(i, "]")
	case tokComma:
		return l.lit(i, ",")
	case tokDoubleDot:
		return l.lit(i, "..")
	case tokColon:
		return l.lit(i, ":")
	case tokLeftCurley, tokLCurly:
		return l.lit(i, "{")
	case tokRightCurley, tokRCurly:
		return l.lit(i, "}")
	case tokLParen:
		return l.lit(i, "(")
	case tokRParen:
		if c != ')' {
			return 0
		}
		return 1 + l.optBlanksNewline(i+1)
	case tokRefMod2RParen:
		return l.lit(i, ")")
	case tokEscapeDirective:
		j := i
		for l.at(j) == '\\' && l.at(j+1) == '\\' {
			j += 2
		}
		best := 0
		// (DOUBLE_ESCAPE)* "\#" (WORD | BRACKETED_WORD), trying each count
		// of pairs (longest match over the alternatives).
		for k := i; k <= j; k += 2 {
			if l.at(k) == '\\' && l.at(k+1) == '#' {
				n := l.wordLen(k + 2)
				if m := l.bracketedWordLen(k + 2); m > n {
					n = m
				}
				if n > 0 && k+2+n-i > best {
					best = k + 2 + n - i
				}
			}
		}
		return best
	case tokSetDirective:
		j := l.blanks(i)
		if n := l.setLen(j); n > 0 {
			return j + n - i
		}
		return 0
	case tokMoreDollar:
		j := i
		for l.at(j) == '\\' {
			j++
		}
		if l.at(j) != '$' {
			return 0
		}
		return j + 1 - i
	case tokMoreDollarBang:
		j := i
		for l.at(j) == '\\' {
			j++
		}
		if l.at(j) != '$' {
			return 0
		}
		j++
		for l.at(j) == '\\' {
			j++
		}
		if l.at(j) != '!' {
			return 0
		}
		return j + 1 - i
	case tokMoreTextblock:
		return l.lit(i, "#[[")
	case tokMoreFormalComment:
		if l.lit(i, "#**") == 3 && l.at(i+3) >= 0 && l.at(i+3) != '#' {
			return 3 + l.charLen(i+3)
		}
		return 0
	case tokMoreMultiComment:
		return l.lit(i, "#*")
	case tokMoreHash:
		return l.lit(i, "#")
	case tokSingleLineCommentStart:
		return l.lit(i, "##")
	case tokDoubleEscape:
		return l.lit(i, `\\`)
	case tokEscape:
		return l.lit(i, `\`)
	case tokText:
		j := i
		for c := l.at(j); c >= 0 && c != '$' && c != '#' && c != '\\'; c = l.at(j) {
			j++
		}
		return j - i
	case tokSingleLineComment, tokNewline:
		return l.newlineLen(i)
	case tokFormalComment, tokMultiLineComment:
		return l.lit(i, "*#")
	case tokTextblock:
		return l.lit(i, "]]#")
	case tokSkip, tokMoreAny:
		return l.charLen(i)
	case tokRefTerminator, tokDirTerminator:
		return 1 // then backed up: no character
	case tokWhitespace:
		j := i
		for c := l.at(j); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = l.at(j) {
			j++
		}
		return j - i
	case tokStringLiteral:
		return l.stringLen(i)
	case tokTrue:
		return l.lit(i, "true")
	case tokFalse:
		return l.lit(i, "false")
	case tokMinus:
		return l.lit(i, "-")
	case tokPlus:
		return l.lit(i, "+")
	case tokMultiply:
		return l.lit(i, "*")
	case tokDivide:
		return l.lit(i, "/")
	case tokModulus:
		return l.lit(i, "%")
	case tokAnd:
		return l.keyword(i, "&&", "and")
	case tokOr:
		return l.keyword(i, "||", "or")
	case tokLT:
		return l.keyword(i, "<", "lt")
	case tokLE:
		return l.keyword(i, "<=", "le")
	case tokGT:
		return l.keyword(i, ">", "gt")
	case tokGE:
		return l.keyword(i, ">=", "ge")
	case tokEQ:
		return l.keyword(i, "==", "eq")
	case tokNE:
		return l.keyword(i, "!=", "ne")
	case tokNot:
		return l.keyword(i, "!", "not")
	case tokEquals:
		return l.lit(i, "=")
	case tokEnd:
		if n := l.lit(i, "end"); n > 0 {
			return n + l.optBlanksNewline(i+n)
		}
		if n := l.lit(i, "{end}"); n > 0 {
			return n + l.optBlanksNewline(i+n)
		}
		return 0
	case tokIf:
		return l.keyword(i, "if", "{if}")
	case tokElseIf:
		return l.keyword(i, "elseif", "{elseif}")
	case tokElse:
		if n := l.lit(i, "else"); n > 0 {
			return n + l.optBlanksNewline(i+n)
		}
		if n := l.lit(i, "{else}"); n > 0 {
			return n + l.optBlanksNewline(i+n)
		}
		return 0
	case tokInteger:
		j := i
		if l.at(j) == '-' {
			j++
		}
		n := l.digits(j)
		if n == 0 {
			return 0
		}
		j += n
		if l.lit(j, "..") == 2 {
			j += 2
		}
		return j - i
	case tokFloat:
		return l.floatLen(i)
	case tokWord:
		return l.wordLen(i)
	case tokBracketedWord:
		return l.bracketedWordLen(i)
	case tokIdentifier:
		if !(isLetter(c) || c == '_') {
			return 0
		}
		j := i + 1
		for c := l.at(j); isLetter(c) || isDigit(c) || c == '-' || c == '_'; c = l.at(j) {
			j++
		}
		return j - i
	case tokDot:
		if c == '.' && isLetter(l.at(i+1)) {
			return 2
		}
		return 0
	case tokEmptyIndex:
		return l.keyword(i, "$[", "$![", `$\![`, "$.")
	}
	return 0
}

// next makes the next token and returns it, or a *lexError. It may make
// the token after it too (see tokDot), for the parser to find in the
// store.
func (l *lexer) next() (*token, error) {
	start := l.pos
	for {
		if l.pos >= len(l.src) {
			if l.pos > start {
				// EOF in the middle of a MORE sequence: JavaCC reports a
				// lexical error (Velocity fails on a template ending in "$").
				return nil, &lexError{pos: l.pos, eof: true}
			}
			t := l.newToken()
			*t = token{kind: tokEOF, pos: int32(l.pos), end: int32(l.pos)}
			l.takeSpecials(t)
			l.eof = t
			return t, nil
		}
		var best tokKind
		var bestLen int
		if fastPaths {
			best, bestLen = l.quick()
		}
		if bestLen == 0 {
			var cands []tokKind
			if c := l.src[l.pos]; c < utf8.RuneSelf {
				cands = dispatch[l.state].ascii[c]
			} else {
				cands = dispatch[l.state].other
			}
			for _, k := range cands {
				if n := l.match(k, l.pos); n > bestLen {
					best, bestLen = k, n
				}
			}
			if bestLen == 0 {
				return nil, &lexError{pos: l.pos}
			}
		}
		l.pos += bestLen
		f := kindFlags[best]
		if f&(flagMore|flagNoToken) != 0 {
			switch best {
			case tokMoreDollar:
				l.moreAction(best)
				if fastPaths && l.state == stReference {
					// "$name": the IDENTIFIER that follows, as the next
					// turn would find it (quick, reference states)
					if n := l.identLen(l.pos); n > 0 {
						best = tokIdentifier
						l.pos += n
						break
					}
				}
				continue
			case tokSkip:
				start = l.pos
				l.gapAt = len(l.toks) + 1 // before the next token
				continue
			case tokRefTerminator, tokDirTerminator:
				// a special token: the text so far, less the character
				// that ended it (backup(1)); it ends the reference or the
				// directive
				l.pos--
				if l.pos > start {
					l.gapAt = len(l.toks) + 1
				}
				l.addSpecial(l.image(start, l.pos))
				if best == tokRefTerminator {
					l.inReference = false
				} else {
					l.inDirective = false
				}
				l.pop()
				start = l.pos
				continue
			default:
				l.moreAction(best)
				continue
			}
		}
		t := l.newToken()
		*t = token{kind: best, pos: int32(start), end: int32(l.pos)}
		if l.nSpecials != 0 {
			l.takeSpecials(t)
		}
		if kindFlags[best]&flagAction != 0 || !fastPaths {
			l.tokenAction(t)
			if best == tokDot && fastPaths {
				// ".name": the IDENTIFIER after the '.' (in REFMODIFIER,
				// as quick finds it), made now as the next token
				if n := l.identLen(l.pos); n > 0 {
					u := l.newToken() // (may move t)
					*u = token{kind: tokIdentifier, pos: int32(l.pos), end: int32(l.pos + n)}
					l.pos += n
					return &l.toks[len(l.toks)-2], nil
				}
			}
		}
		return t, nil
	}
}

// identLen returns the length of the IDENTIFIER at i in a reference state
// when that rule wins there (0 when quick leaves it to the rules: "true"
// and "false" go to the earlier TRUE and FALSE rules).
func (l *lexer) identLen(i int) int {
	if i >= len(l.src) {
		return 0
	}
	if c := l.src[i]; !isLetter(rune(c)) && c != '_' {
		return 0
	}
	j := i + 1
	for j < len(l.src) && identByte[l.src[j]] {
		j++
	}
	if w := l.src[i:j]; w == "true" || w == "false" {
		return 0
	}
	return j - i
}

// fastPaths enables lexer.quick and the parser's shortcut for "$name"
// references; tests turn it off to compare with the rules tried one by one
// and the general case (TestDispatchSameParse).
var fastPaths = true

// textByte reports the bytes that continue a TEXT token (schmoo): all but
// '$', '#' and '\\'.
var textByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c != '$' && c != '#' && c != '\\'
	}
	return t
}()

// identByte reports the bytes that continue an IDENTIFIER.
var identByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isLetter(rune(c)) || isDigit(rune(c)) || c == '-' || c == '_'
	}
	return t
}()

// termOnly[state][c] reports that REFERENCE_TERMINATOR is the only rule of
// a reference state that can start with the ASCII character c.
// (set by init, from dispatch).
var termOnly [2][128]bool

// wordOnly[c] reports that in the DIRECTIVE state WORD is the only rule
// that can start with the ASCII character c (a letter that begins no
// keyword such as "and", "true" or "lt"), and preWord[c] that in the
// PRE_DIRECTIVE state WORD and the terminator are (a letter that begins no
// "end", "if", "elseif" or "else"). Set by init, from dispatch.
var wordOnly, preWord [128]bool

// quick returns the rule that matches at l.pos and its length for the most
// frequent cases, which it decides from a character or two instead of
// trying the rules one by one; 0 when it cannot tell. Each case names the
// rules that can start there (the dispatch list) and why this one wins:
//   - DEFAULT, a character other than '$', '#', '\\': only TEXT, or
//     SET_DIRECTIVE from blanks (see below).
//   - a reference state, a letter or '_': IDENTIFIER (but see below);
//     REFERENCE_TERMINATOR (one character, a later rule) loses the tie.
//   - any state, '$' then a letter, '_' or '{': the MORE rule "$" (one
//     character). "$!" needs a '!', the empty-index rules "$[", "$.";
//     SKIP, MORE-any and the terminators match one character and come later.
//   - a reference state, '.' then a letter: DOT (two characters, one given
//     back by its action); else, and on a character only the terminator
//     can start, REFERENCE_TERMINATOR.
//   - REFMODIFIER '(': LPAREN (before the terminator); a reference state,
//     '{' and '}': LCURLY and RCURLY (before the terminator); REFMOD2 ')':
//     the only rule.
//   - any state, '#' then a letter other than 's' (#set): the MORE rule "#";
//     the other rules need "#[[", "#*", "##" or "#set", or match one
//     character and come later.
//   - a reference state, blanks not followed by '#': not " #set(", so
//     REFERENCE_TERMINATOR. REFMOD2, blanks not followed by '#': WHITESPACE.
//   - DIRECTIVE: blanks and newlines, WHITESPACE (NEWLINE, a later rule,
//     can only tie); ')', '(', a quote and a letter in wordOnly: the only
//     rule (RPAREN, LPAREN, STRING_LITERAL, WORD); '=' not before '=':
//     EQUALS. PRE_DIRECTIVE, a letter in preWord: WORD.
//   - DEFAULT, "##": SINGLE_LINE_COMMENT_START (two characters).
//   - a comment or #[[ ]]#: a run of characters no rule but SKIP (or
//     MORE-any) can start is what as many one-character matches give; the
//     newline ending a ## comment and the "*#" ending a #* or #** comment
//     outlast SKIP.
//   - DIRECTIVE, REFMOD2: a run of digits not followed by '.', 'e' or 'E':
//     INTEGER_LITERAL; DIRECTIVE, an operator or punctuation: the rule
//     that takes the most characters (operator).
//   - a reference state, an identifier other than "true" and "false"
//     (which the earlier TRUE and FALSE rules take on a tie): IDENTIFIER.
//   - PRE_DIRECTIVE, a word starting with 'e' or 'i': END, ELSE (with the
//     blanks and newline after them), ELSEIF or IF when the word is just
//     that (they tie with or outlast WORD and come first), else WORD.
//   - DEFAULT, "#s": SET_DIRECTIVE when "#set" and '(' follow, else the
//     MORE rule "#"; blanks not followed by '#': TEXT.
func (l *lexer) quick() (tokKind, int) {
	i := l.pos
	c := l.src[i]
	switch c {
	case '$':
		if i+1 < len(l.src) {
			if d := l.src[i+1]; isLetter(rune(d)) || d == '_' || d == '{' {
				return tokMoreDollar, 1
			}
		}
		return 0, 0
	case '#':
		d := l.at(i + 1)
		switch {
		case isLetter(d) && d != 's':
			return tokMoreHash, 1
		case d == 's' && l.state == stDefault:
			if n := l.setLen(i); n > 0 {
				return tokSetDirective, n
			}
			return tokMoreHash, 1
		case d == '#' && l.state == stDefault:
			return tokSingleLineCommentStart, 2
		}
		return 0, 0
	}
	switch l.state {
	case stDefault:
		if !textByte[c] || (c == ' ' || c == '\t') && l.at(l.blanks(i)) == '#' {
			return 0, 0
		}
		j := i + 1
		for j < len(l.src) && textByte[l.src[j]] {
			j++
		}
		return tokText, j - i
	case stReference, stRefModifier:
		switch {
		case c >= utf8.RuneSelf:
			return 0, 0
		case isLetter(rune(c)) || c == '_':
			if n := l.identLen(i); n > 0 {
				return tokIdentifier, n
			}
			return 0, 0
		case c == '.':
			if isLetter(l.at(i + 1)) {
				return tokDot, 2
			}
			return tokRefTerminator, 1
		case c == '(' && l.state == stRefModifier:
			return tokLParen, 1
		case c == '{':
			return tokLCurly, 1
		case c == '}':
			return tokRCurly, 1
		case termOnly[l.state-stReference][c]:
			return tokRefTerminator, 1
		case c == ' ' || c == '\t':
			if l.at(l.blanks(i)) != '#' {
				return tokRefTerminator, 1
			}
		}
	case stRefMod2:
		switch c {
		case ')':
			return tokRefMod2RParen, 1
		case ',':
			return tokComma, 1
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return l.integer(i)
		case '"', '\'':
			if n := l.stringLen(i); n > 0 {
				return tokStringLiteral, n
			}
		case ' ', '\t':
			if l.at(l.blanks(i)) != '#' {
				return tokWhitespace, l.spaces(i)
			}
		}
	case stDirective:
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return tokWhitespace, l.spaces(i)
		case c == ')':
			return tokRParen, 1 + l.optBlanksNewline(i+1)
		case c == '(':
			return tokLParen, 1
		case c == '"' || c == '\'':
			if n := l.stringLen(i); n > 0 {
				return tokStringLiteral, n
			}
		case c < utf8.RuneSelf && wordOnly[c]:
			return tokWord, l.wordLen(i)
		case isDigit(rune(c)):
			return l.integer(i)
		default:
			return l.operator(c, i)
		}
	case stPreDirective:
		switch {
		case c < utf8.RuneSelf && preWord[c]:
			return tokWord, l.wordLen(i)
		case c == 'e' || c == 'i':
			n := l.wordLen(i)
			switch l.src[i : i+n] {
			case "end":
				return tokEnd, n + l.optBlanksNewline(i+n)
			case "else":
				return tokElse, n + l.optBlanksNewline(i+n)
			case "elseif":
				return tokElseIf, n
			case "if":
				return tokIf, n
			}
			return tokWord, n
		}
	case stSingleLineComment:
		if n := l.newlineLen(i); n > 0 {
			return tokSingleLineComment, n
		}
		return tokSkip, l.run(i, &lineCommentStop)
	case stFormalComment, stMultiLineComment:
		if c == '*' && l.at(i+1) == '#' {
			if l.state == stFormalComment {
				return tokFormalComment, 2
			}
			return tokMultiLineComment, 2
		}
		return tokSkip, l.run(i, &blockCommentStop)
	case stTextblock:
		return tokMoreAny, l.run(i, &textblockStop)
	}
	return 0, 0
}

// integer returns INTEGER_LITERAL and its length for the digits at i when
// no FLOAT_LITERAL (digits, then '.' or an exponent) or ".." can follow:
// those, and the rules they tie with, are left to the rules tried one by
// one (0).
func (l *lexer) integer(i int) (tokKind, int) {
	j := i + l.digits(i)
	if c := l.at(j); c == '.' || c == 'e' || c == 'E' {
		return 0, 0
	}
	return tokInteger, j - i
}

// operator returns the DIRECTIVE state's punctuation and operator rules
// that start with c: the only rule that can start there, or the longer of
// two (">=" over ">"); 0 for the rest ('-', which a number can follow,
// '.', '{', a single '&' or '|').
func (l *lexer) operator(c byte, i int) (tokKind, int) {
	if c >= utf8.RuneSelf {
		return 0, 0
	}
	o := operators[c]
	if o.next != 0 && l.at(i+1) == rune(o.next) {
		return o.two, 2
	}
	if o.one != tokEOF {
		return o.one, 1
	}
	return 0, 0
}

// operators gives, for the first character of an operator or punctuation
// token of the DIRECTIVE state, its one-character rule (tokEOF: none) and
// the two-character rule it makes with the character next.
var operators = [utf8.RuneSelf]struct {
	one, two tokKind
	next     byte
}{
	'+': {one: tokPlus}, '*': {one: tokMultiply}, '/': {one: tokDivide}, '%': {one: tokModulus},
	',': {one: tokComma}, ':': {one: tokColon}, '[': {one: tokLBracket}, ']': {one: tokRBracket},
	'}': {one: tokRightCurley},
	'>': {tokGT, tokGE, '='}, '<': {tokLT, tokLE, '='}, '!': {tokNot, tokNE, '='},
	'=': {tokEquals, tokEQ, '='}, '&': {tokEOF, tokAnd, '&'}, '|': {tokEOF, tokOr, '|'},
}

// setLen returns the length of ("#set" | "#{set}") (" ")* "(" at i, 0 when
// there is none.
func (l *lexer) setLen(i int) int {
	var j int
	switch s := l.src[i:]; {
	case strings.HasPrefix(s, "#set"):
		j = i + 4
	case strings.HasPrefix(s, "#{set}"):
		j = i + 6
	default:
		return 0
	}
	for j < len(l.src) && l.src[j] == ' ' {
		j++
	}
	if j == len(l.src) || l.src[j] != '(' {
		return 0
	}
	return j + 1 - i
}

// blanks returns the offset after the spaces and tabs at i.
func (l *lexer) blanks(i int) int {
	for i < len(l.src) && (l.src[i] == ' ' || l.src[i] == '\t') {
		i++
	}
	return i
}

// spaces returns the length of the blanks and newlines at i.
func (l *lexer) spaces(i int) int {
	j := i
	for j < len(l.src) {
		switch l.src[j] {
		case ' ', '\t', '\n', '\r':
			j++
			continue
		}
		break
	}
	return j - i
}

// run returns the length of the bytes at i up to the first byte in stop
// (0 when src[i] is one of them).
func (l *lexer) run(i int, stop *[256]bool) int {
	j := i
	for j < len(l.src) && !stop[l.src[j]] {
		j++
	}
	return j - i
}

// The bytes that end a run of comment or #[[ ]]# text (see quick).
var lineCommentStop, blockCommentStop, textblockStop = byteSet("\n\r$#\\"), byteSet("*$#\\"), byteSet("]$#\\")

func byteSet(s string) (t [256]bool) {
	for i := range len(s) {
		t[s[i]] = true
	}
	return t
}

func (l *lexer) moreAction(k tokKind) {
	if l.inComment {
		return
	}
	switch k {
	case tokMoreDollar, tokMoreDollarBang:
		if l.state == stReference {
			l.inReference = false
			l.pop()
		}
		l.inReference = true
		l.push()
		l.state = stReference
	case tokMoreTextblock:
		l.inComment = true
		l.push()
		l.state = stTextblock
	case tokMoreFormalComment:
		// backup(1): the character after #** is not part of it
		_, n := utf8.DecodeLastRuneInString(l.src[:l.pos])
		l.pos -= n
		l.inComment = true
		l.push()
		l.state = stFormalComment
	case tokMoreMultiComment:
		l.inComment = true
		l.push()
		l.state = stMultiLineComment
	case tokMoreHash:
		if l.state == stReference || l.state == stRefModifier {
			l.inReference = false
			l.pop()
		}
		l.inDirective = true
		l.push()
		l.state = stPreDirective
	}
}

// kindFlags tells what next does with a rule's match besides making a
// token of it: flagMore, a MORE rule (moreAction); flagNoToken, SKIP and the
// terminators (no token); flagAction, a token with an action (tokenAction;
// the others skip the call, and TestDispatchSameParse compares with
// calling it always).
var kindFlags = func() (a [tokEmptyIndex + 1]uint8) {
	for k := range a {
		if isMore(tokKind(k)) {
			a[k] |= flagMore
		}
	}
	a[tokSkip] |= flagNoToken
	a[tokRefTerminator] |= flagNoToken
	a[tokDirTerminator] |= flagNoToken
	for _, k := range []tokKind{tokIndexLBracket, tokIndexRBracket, tokLParen, tokRParen,
		tokRefMod2RParen, tokSetDirective, tokSingleLineCommentStart, tokSingleLineComment,
		tokFormalComment, tokMultiLineComment, tokTextblock, tokStringLiteral, tokNewline, tokEnd,
		tokElse, tokIf, tokElseIf, tokInteger, tokFloat, tokDot, tokRCurly} {
		a[k] |= flagAction
	}
	return a
}()

const (
	flagMore uint8 = 1 << iota
	flagNoToken
	flagAction
)

func (l *lexer) tokenAction(t *token) {
	switch t.kind {
	case tokIndexLBracket:
		l.push()
		l.state = stRefIndex
	case tokIndexRBracket:
		l.pop()
	case tokLParen:
		if !l.inComment {
			l.lparen++
		}
		if l.state == stRefModifier {
			l.state = stRefMod2
		}
	case tokRParen:
		l.rparenHandler()
	case tokRefMod2RParen:
		l.state = stReference
	case tokSetDirective:
		if !l.inComment {
			l.inDirective = true
			l.push()
			l.inSet = true
			l.state = stDirective
			l.lparen++
			if l.state == stRefModifier {
				l.state = stRefMod2
			}
		}
	case tokSingleLineCommentStart:
		if !l.inComment {
			if l.state == stReference {
				l.inReference = false
				l.pop()
			}
			l.inComment = true
			l.push()
			l.state = stSingleLineComment
		}
	case tokSingleLineComment, tokFormalComment, tokMultiLineComment, tokTextblock:
		if t.kind == tokMultiLineComment {
			l.marked(len(l.toks) - 1) // its literal is ""
		}
		l.inComment = false
		l.pop()
	case tokStringLiteral:
		if l.state == stDirective && !l.inSet && l.lparen == 0 {
			l.pop()
		}
	case tokNewline:
		l.pop()
		l.inSet = false
		l.inDirective = false
	case tokEnd, tokElse:
		l.inDirective = false
		l.pop()
	case tokIf, tokElseIf:
		l.state = stDirective
	case tokInteger:
		if strings.HasSuffix(l.img(t), "..") {
			l.pos -= 2
			t.end -= 2 // the image is the source text: now without ".."
		}
		if l.lparen == 0 && !l.inSet && l.state != stRefMod2 && l.state != stRefIndex {
			l.pop()
		}
	case tokFloat:
		if l.lparen == 0 && !l.inSet && l.state != stRefMod2 {
			l.pop()
		}
	case tokDot:
		l.pos--
		t.end--
		if t.end-t.pos != 1 { // (an image of one character is the '.')
			l.setImageAt(len(l.toks)-1, ".") // the action replaces the image, MORE prefix included
		}
		l.state = stRefModifier
	case tokRCurly:
		l.pop()
	}
}

// isLeftParenthesis reports whether the next non-blank character is '('.
func (l *lexer) isLeftParenthesis() bool {
	for i := l.pos; i < len(l.src); i++ {
		switch l.src[i] {
		case '(':
			return true
		case ' ', '\n', '\r', '\t':
		default:
			return false
		}
	}
	return false
}

func (e *lexError) Error() string { return "lexical error" }
