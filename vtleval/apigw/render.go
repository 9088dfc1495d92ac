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
type Env struct {
	Input   *Input
	Context *vtleval.Map
	Stage   Params
}

// NewRequestEnv is the environment of an integration request template.
func NewRequestEnv(r *Request) *Env {
	return &Env{Input: NewInput(r.Body, r), Context: NewContext(r), Stage: r.StageVariables}
}

// Vars returns the template variables.
func (e *Env) Vars() vtleval.Vars {
	return vtleval.Vars{
		"input":          e.Input,
		"util":           Util{},
		"context":        e.Context,
		"stageVariables": e.Stage.toMap(),
	}
}

// Render renders t in env with API Gateway's configuration.
func Render(t *vtleval.Template, env *Env) (string, error) {
	return t.Render(env.Vars(), Config())
}

// RenderRequestTemplate parses and renders src as an integration request
// template for r: what `vtlcheck render --request` prints.
func RenderRequestTemplate(name, src string, r *Request) (string, error) {
	t, err := Parse(name, src)
	if err != nil {
		return "", err
	}
	return Render(t, NewRequestEnv(r))
}
