package syntax

import "strings"

// arena hands out the nodes a parse makes most of, and the slices of its
// tree, from blocks: fewer allocations for the collector to make and track.
// Slices it returns have no spare capacity, so appending to one never writes
// into another. Node lists and reference parts are gathered on stacks
// (statements and references nest) and copied out when complete.
type arena struct {
	refs      []Ref
	texts     []Text
	nodes     []Node
	parts     []RefPart
	refsLeft  int // see newRef
	nRefs     int // size of the last block of each kind
	nTexts    int
	nNodes    int
	nParts    int
	nodeStack []Node
	partStack []RefPart
	nodeArr   [16]Node // the stacks' first arrays
	partArr   [8]RefPart

	// blocks of the expression and statement nodes most templates have
	sets  []SetStmt
	strs  []StringLit
	bins  []BinaryExpr
	ints  []IntLit
	nSets int
	nStrs int
	nBins int
	nInts int

	exprs      []Expr
	nExprs     int
	exprStack  []Expr
	exprArr    [8]Expr
	blocks     [][]Node
	nBlocks    int
	blockStack [][]Node
	blockArr   [4][]Node

	macros map[string]bool // macros the template defines (nil: none yet)

	// lexers[d] lexes the interpolated string literals at depth d: a
	// literal's sub-parse ends before the next one at its depth begins.
	// They stay with the arena's stacks when a parse state is reused.
	lexers []*lexer
}

// lexer returns the lexer for an interpolated string literal src in a
// parser at depth depth.
func (a *arena) lexer(depth int, src string) *lexer {
	for len(a.lexers) <= depth {
		a.lexers = append(a.lexers, new(lexer))
	}
	l := a.lexers[depth]
	l.reset(src)
	return l
}

// sizeFor sizes the arena's first blocks for a parse of src, so that most
// templates need one block of each kind: a reference starts with a '$' and
// a property or index part with a '.' or '[' (bounds, except for "\u0024"
// and the like in string literals), and the bench templates average one
// node list entry per 17 to 23 bytes of source, one text per 29 to 47, one
// expression list entry per 29 to 68. A small template gets all its first
// blocks in one allocation (mediumBlocks), or none (smallBlocks, part of
// the File); take and carve double the last size when a block runs out.
func (a *arena) sizeFor(f *File, src string) {
	refs := strings.Count(src, "$")
	parts := strings.Count(src, ".") + strings.Count(src, "[") + 1
	nodes, texts, exprs := len(src)/16+4, len(src)/24+2, len(src)/32+2
	a.refsLeft = refs
	switch {
	case refs <= 4 && parts <= 4 && nodes <= 8 && texts <= 4 && exprs <= 4:
		b := &f.small
		a.first(b.refs[:refs], b.texts[:], b.nodes[:], b.parts[:], b.exprs[:])
		a.sets, a.strs = b.sets[:], b.strs[:]
	case refs <= 8 && parts <= 16 && nodes <= 16 && texts <= 16 && exprs <= 8:
		b := new(mediumBlocks)
		a.first(b.refs[:refs], b.texts[:], b.nodes[:], b.parts[:], b.exprs[:])
	default:
		a.nParts, a.nNodes, a.nTexts, a.nExprs = parts/2, nodes/2, texts/2, exprs/2
	}
}

// smallBlocks and mediumBlocks are first blocks for small templates.
type smallBlocks struct {
	refs  [4]Ref
	texts [4]Text
	nodes [8]Node
	parts [4]RefPart
	exprs [4]Expr
	sets  [2]SetStmt
	strs  [2]StringLit
}

type mediumBlocks struct {
	refs  [8]Ref
	texts [16]Text
	nodes [16]Node
	parts [16]RefPart
	exprs [8]Expr
}

// first makes the arena take from the given blocks first.
func (a *arena) first(refs []Ref, texts []Text, nodes []Node, parts []RefPart, exprs []Expr) {
	a.refs, a.refsLeft = refs, 0
	a.texts, a.nTexts = texts, len(texts)
	a.nodes, a.nNodes = nodes, len(nodes)
	a.parts, a.nParts = parts, len(parts)
	a.exprs, a.nExprs = exprs, len(exprs)
}

// take returns a zeroed element from *buf, allocating a block twice the
// last one's size (up to 256) when it is empty.
func take[T any](buf *[]T, size *int) *T {
	if len(*buf) == 0 {
		*size = min(max(*size*2, 4), 256)
		*buf = make([]T, *size)
	}
	t := &(*buf)[0]
	*buf = (*buf)[1:]
	return t
}

// carve returns a copy of src (nil when empty) cut from *buf.
func carve[T any](buf *[]T, size *int, src []T) []T {
	n := len(src)
	if n == 0 {
		return nil
	}
	if len(*buf) < n {
		if n > 128 {
			return append([]T(nil), src...)
		}
		*size = min(max(*size*2, 4), 1024)
		*buf = make([]T, max(*size, n))
	}
	out := (*buf)[:n:n]
	copy(out, src)
	*buf = (*buf)[n:]
	return out
}

// pop returns a copy of the elements pushed on *stack since mark, cut from
// *buf (see carve), and pops them.
func pop[T any](buf *[]T, size *int, stack *[]T, mark int) []T {
	s := carve(buf, size, (*stack)[mark:])
	clear((*stack)[mark:])
	*stack = (*stack)[:mark]
	return s
}

// newRef returns a new Ref. refsLeft, at first the number of '$' in the
// source (a reference starts with one: a bound, except for "\u0024" in
// string literals), sizes the blocks.
func (a *arena) newRef() *Ref {
	if len(a.refs) == 0 && a.refsLeft > 0 {
		n := min(a.refsLeft, 256)
		a.refsLeft -= n
		a.refs = make([]Ref, n)
	}
	return take(&a.refs, &a.nRefs)
}

func (a *arena) newSet() *SetStmt       { return take(&a.sets, &a.nSets) }
func (a *arena) newString() *StringLit  { return take(&a.strs, &a.nStrs) }
func (a *arena) newBinary() *BinaryExpr { return take(&a.bins, &a.nBins) }
func (a *arena) newInt() *IntLit        { return take(&a.ints, &a.nInts) }

func (a *arena) newText(p Pos, s string) *Text {
	t := take(&a.texts, &a.nTexts)
	t.P, t.Text = p, s
	return t
}

// nodeList returns the nodes pushed since mark and pops them.
func (a *arena) nodeList(mark int) []Node { return pop(&a.nodes, &a.nNodes, &a.nodeStack, mark) }

// partList returns the parts pushed since mark and pops them.
func (a *arena) partList(mark int) []RefPart { return pop(&a.parts, &a.nParts, &a.partStack, mark) }

// exprList returns the expressions pushed since mark and pops them.
func (a *arena) exprList(mark int) []Expr { return pop(&a.exprs, &a.nExprs, &a.exprStack, mark) }

// exprList1 returns []Expr{e}.
func (a *arena) exprList1(e Expr) []Expr {
	a.exprStack = append(a.exprStack, e)
	return a.exprList(len(a.exprStack) - 1)
}

// blockList returns the blocks pushed since mark and pops them.
func (a *arena) blockList(mark int) [][]Node { return pop(&a.blocks, &a.nBlocks, &a.blockStack, mark) }
