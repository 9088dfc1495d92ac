package syntax

// Node is a statement of a template: text, a reference, or a directive.
type Node interface{ Pos() Pos }

// Expr is an expression: in #set, #if, directive arguments and method
// arguments.
type Expr interface{ Pos() Pos }

// Pos is a byte offset into the template source (File.Src); File.Position
// turns it into a line and a column counted in characters.
type Pos int

// Text is literal output: template text, escapes, escaped directives and
// whatever Velocity prints of a construct that did not parse as VTL.
type Text struct {
	P    Pos
	Text string
}

// Textblock is #[[ ... ]]#: printed as is.
type Textblock struct {
	P    Pos
	Text string
}

// Comment is a ## or #* *# comment; Text is what it prints (usually "").
type Comment struct {
	P    Pos
	Text string
}

// RefKind tells how a reference was written.
type RefKind uint8

const (
	RefNormal RefKind = iota // $a
	RefFormal                // ${a}
	RefQuiet                 // $!a, $!{a}
	RefRunt                  // not a reference after all: printed as its root text
)

// Ref is a reference: a variable followed by properties, method calls and
// indexes. The string fields reproduce what ASTReference computes at init.
type Ref struct {
	P Pos
	// Slot is set by the evaluator when it initialises the template: the
	// root variable's slot among the template's variables, plus one.
	Slot       int32
	Kind       RefKind
	Escaped    bool   // an odd number of backslashes precedes it
	Computable bool   // false for the $\! form, which is never evaluated
	Root       string // the variable name
	Parts      []RefPart
	EscPrefix  string // half of the leading backslashes
	MorePrefix string // text between the backslashes and the $ (from MORE rules)
	NullString string // printed when the value is null
	Literal    string // the reference as written
	SetName    string // the name #set assigns to when there are no parts
	// (the small fields first: 136 bytes rather than 160)
}

// PartKind is the kind of a reference part.
type PartKind uint8

const (
	PartProp   PartKind = iota // .name
	PartMethod                 // .name(args)
	PartIndex                  // [arg]
)

// RefPart is one step of a reference chain.
type RefPart struct {
	P    Pos
	Kind PartKind
	// Hint is the evaluator's: where a property was last found in the
	// map it read (read and written atomically).
	Hint int32
	Name string
	Args []Expr // method arguments; one element for an index
}

// SetStmt is #set($lhs = rhs).
type SetStmt struct {
	P   Pos
	LHS *Ref
	RHS Expr
	Src string // the right-hand side as written, for messages
}

// IfStmt is #if/#elseif/#else/#end.
type IfStmt struct {
	P       Pos
	Conds   []Expr   // the #if condition, then each #elseif condition
	Blocks  [][]Node // one block per condition
	Else    []Node
	HasElse bool
}

// Directive is a pluggable directive (#foreach, #macro, #define, #evaluate,
// #parse, #include, #literal, #break, #stop) or a macro call.
type Directive struct {
	P       Pos
	Name    string
	Args    []Expr
	Parens  bool
	Block   bool   // has a body ended by #end
	Body    []Node // for block directives
	Literal string // the source as Velocity prints a macro call it cannot make ("" for a directive)
	BodySrc string // the body's text, for #literal, #define and block macro calls ("" for the others)
	End     Pos
}

// Literal expressions.
type (
	// StringLit is a string literal. Interp is set when it is double-quoted
	// and contains '$' or '#': then Nodes is the parsed content, rendered at
	// each evaluation, and Trim says whether to drop the last character of
	// the rendering (Velocity parses the text plus a space).
	StringLit struct {
		P      Pos
		Value  string
		Interp bool
		Nodes  []Node
		Trim   bool
		Lit    string // the literal as written, quotes included
		// V is the value of a literal without interpolation as an
		// interface, boxed once by the evaluator (nil until then).
		V any
	}
	IntLit struct {
		P     Pos
		Image string
		V     any // the value, boxed once by the evaluator (nil: not yet, or not immutable)
	}
	FloatLit struct {
		P     Pos
		Image string
		V     any // the value, boxed once by the evaluator (nil: not yet)
	}
	BoolLit struct {
		P     Pos
		Value bool
	}
	ListLit struct {
		P     Pos
		Elems []Expr
		Lit   string
	}
	MapLit struct {
		P          Pos
		Keys, Vals []Expr
		Lit        string
	}
	RangeLit struct {
		P        Pos
		From, To Expr
		Lit      string
	}
	// Word is a bare word argument (#foreach's "in", a macro name).
	Word struct {
		P    Pos
		Name string
	}
	// BinaryExpr is X Op Y. Lit is what Velocity 1.7 takes for the
	// node's literal: the text of the right operand, with the blanks
	// around it (its node scope covers the right operand only).
	BinaryExpr struct {
		P    Pos
		Op   string // "||" "&&" "==" "!=" "<" ">" "<=" ">=" "+" "-" "*" "/" "%"
		X, Y Expr
		Lit  string
	}
	// NotExpr is !X; Lit is the operand's text.
	NotExpr struct {
		P   Pos
		X   Expr
		Lit string
	}
	// ParenExpr is (X); Lit is the text between the parentheses.
	ParenExpr struct {
		P   Pos
		X   Expr
		Lit string
	}
)

func (n *Text) Pos() Pos       { return n.P }
func (n *Textblock) Pos() Pos  { return n.P }
func (n *Comment) Pos() Pos    { return n.P }
func (n *Ref) Pos() Pos        { return n.P }
func (n *SetStmt) Pos() Pos    { return n.P }
func (n *IfStmt) Pos() Pos     { return n.P }
func (n *Directive) Pos() Pos  { return n.P }
func (n *StringLit) Pos() Pos  { return n.P }
func (n *IntLit) Pos() Pos     { return n.P }
func (n *FloatLit) Pos() Pos   { return n.P }
func (n *BoolLit) Pos() Pos    { return n.P }
func (n *ListLit) Pos() Pos    { return n.P }
func (n *MapLit) Pos() Pos     { return n.P }
func (n *RangeLit) Pos() Pos   { return n.P }
func (n *Word) Pos() Pos       { return n.P }
func (n *BinaryExpr) Pos() Pos { return n.P }
func (n *NotExpr) Pos() Pos    { return n.P }
func (n *ParenExpr) Pos() Pos  { return n.P }
