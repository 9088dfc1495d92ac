package apigw

import (
	"fmt"

	"github.com/vtlcheck/vtlcheck/vtleval"
)

// MaxTemplateSize is API Gateway's mapping template quota: 300 KB
// (apigw.md §4, D-KNOWN).
const MaxTemplateSize = 300 * 1024

// MaxForeachIterations is the #foreach quota (apigw.md §4, D-LIM). What
// happens past it is undocumented; like directive.foreach.maxloops, the loop
// silently stops [inf].
const MaxForeachIterations = 1000

// Rejected lists the directives API Gateway does not run (peers.md §3 #3:
// airspeed's AWS recordings for #macro and #evaluate; QIITA-DIR for #parse
// and #include). Using one fails the template.
var Rejected = map[string]string{
	"macro":    "API Gateway rejects #macro: mapping templates cannot define macros",
	"evaluate": "API Gateway rejects #evaluate",
	"parse":    "API Gateway rejects #parse: mapping templates cannot load other templates",
	"include":  "API Gateway rejects #include: mapping templates cannot load other files",
}

// RejectedError is a directive API Gateway does not run.
type RejectedError struct{ Directive string }

func (e *RejectedError) Error() string { return Rejected[e.Directive] }

// Config is the engine configuration API Gateway uses: stock Velocity 1.7
// plus its null handling (every reference whose evaluation ends in null is
// "": peers.md §3 #1, #2), the 1000-iteration #foreach quota, and the
// rejected directives.
func Config() *vtleval.Config {
	return &vtleval.Config{
		MaxLoops:       MaxForeachIterations,
		NullAsEmpty:    true,
		InvalidAsEmpty: true,
		MaxOutput:      64 << 20,
		// No mapping template AWS accepts needs more (a 1000-iteration loop
		// over a 300 KB template is far below); nested loops are cut off
		// instead of running for hours [inf: AWS's own limit is unknown].
		MaxSteps: 10_000_000,
		Reject: func(d string) error {
			if _, ok := Rejected[d]; ok {
				return &RejectedError{Directive: d}
			}
			return nil
		},
	}
}

// Parse parses a mapping template, enforcing the 300 KB quota.
func Parse(name, src string) (*vtleval.Template, error) {
	return ParseWith(name, src, nil)
}

// ParseWith is Parse with engine parse options (positions inside a case file).
func ParseWith(name, src string, o *vtleval.ParseOptions) (*vtleval.Template, error) {
	if len(src) > MaxTemplateSize {
		return nil, fmt.Errorf("%s: template is %d bytes; API Gateway's limit is %d (300 KB)", name, len(src), MaxTemplateSize)
	}
	return vtleval.ParseWith(name, src, o)
}

// Env is what a template sees: $input, $context, $stageVariables, $util.
// $context is built on first use (most templates never read it) and is
// shared by the request and the response phase, which see each other's
// overrides.
type Env struct {
	Input *Input
	Stage Params
	ctx   *lazyContext
	// what Vars hands out for $stageVariables and $context while they
	// are not built: parts of the Env, so that a render allocates nothing
	// for them
	stageVar lazyStage
	ctxVar   lazyCtx
}

type lazyContext struct {
	m   *vtleval.Map
	req *Request
}

type lazyStage struct{ e *Env }

// Resolve builds $stageVariables, from the request's boxed strings while
// they are the environment's.
func (l *lazyStage) Resolve() vtleval.Value {
	e := l.e
	if r := e.ctx.req; r != nil {
		if b := r.boxedParams(); sameStrings(b.stage, e.Stage) {
			return vtleval.NewMapFromPairs(b.stage)
		}
	}
	return e.Stage.toMap()
}

type lazyCtx struct{ e *Env }

func (l *lazyCtx) Resolve() vtleval.Value { return l.e.Context() }

// NewRequestEnv is the environment of an integration request template.
func NewRequestEnv(r *Request) *Env {
	// one allocation for the environment, $context's holder and $input
	e := &struct {
		env Env
		ctx lazyContext
		in  Input
	}{ctx: lazyContext{req: r}}
	e.in.init(r.Body, r)
	e.env = Env{Input: &e.in, Stage: r.StageVariables, ctx: &e.ctx}
	return &e.env
}

// WithInput returns an environment for the response phase: a new $input,
// the same $context.
func (e *Env) WithInput(in *Input) *Env {
	return &Env{Input: in, Stage: e.Stage, ctx: e.ctx}
}

// Release ends the environment: the memory of the values it made from the
// body goes back to a pool, for the next environment's parse to reuse.
// Call it once the renders are done and nothing reads a value that
// $input, $context or $stageVariables handed out (outputs and errors are
// strings, which are safe to keep). Not calling it is also fine: the
// collector then takes the memory. An Env made by WithInput shares
// $context, so release it too when its $input parsed a body.
func (e *Env) Release() {
	if e.Input != nil {
		e.Input.release()
	}
}

// Context returns $context, building it if no template has read it yet.
func (e *Env) Context() *vtleval.Map {
	if e.ctx.m == nil {
		e.ctx.m = NewContext(e.ctx.req)
	}
	return e.ctx.m
}

// contextIfBuilt returns $context if a template read it, else nil.
func (e *Env) contextIfBuilt() *vtleval.Map { return e.ctx.m }

// Vars returns the template variables.
func (e *Env) Vars() vtleval.Vars {
	vars := make(vtleval.Vars, len(envNames))
	for _, name := range envNames {
		vars[name], _ = e.Var(name)
	}
	return vars
}

// envNames are the variables of an Env (see Var).
var envNames = [...]string{"input", "util", "stageVariables", "context"}

// Var implements vtleval.VarSource: the variables of Vars.
func (e *Env) Var(name string) (vtleval.Value, bool) {
	switch name {
	case "input":
		return e.Input, true
	case "util":
		return Util{}, true
	case "stageVariables":
		e.stageVar.e = e
		return &e.stageVar, true
	case "context":
		if e.ctx.m != nil {
			return e.ctx.m, true
		}
		e.ctxVar.e = e
		return &e.ctxVar, true
	}
	return nil, false
}

// renderConfig is Config(), shared by the renders (a Config is only read).
var renderConfig = Config()

// Render renders t in env with API Gateway's configuration.
func Render(t *vtleval.Template, env *Env) (string, error) {
	if env.Input != nil {
		env.Input.tmpl = t
	}
	return t.RenderFrom(env, renderConfig)
}

// RenderRequestTemplate parses and renders src as an integration request
// template for r: what `vtlcheck render --request` prints.
func RenderRequestTemplate(name, src string, r *Request) (string, error) {
	t, err := Parse(name, src)
	if err != nil {
		return "", err
	}
	return RenderRequest(t, r)
}

// RenderRequest renders t for r in a fresh environment, which it releases
// after (Env.Release).
func RenderRequest(t *vtleval.Template, r *Request) (string, error) {
	env := NewRequestEnv(r)
	defer env.Release()
	return Render(t, env)
}
