package cases

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/vtlcheck/vtlcheck/vtleval"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
	"github.com/vtlcheck/vtlcheck/vtleval/syntax"
)

// Origin places an inline template in its case file, for positions.
func Origin(t *Template) *syntax.Origin { return origin(t) }

func origin(t *Template) *syntax.Origin {
	return &syntax.Origin{File: t.Name, Line: t.Line, Col: t.Col, Indent: t.Indent}
}

// This file runs cases through the API Gateway pipeline (package apigw).
// Templates are parsed once per file and shared by its cases: a parsed
// template is immutable, so cases may run in parallel.

var compiled sync.Map // *File -> *compiledFile

type compiledFile struct {
	once sync.Once
	ig   *apigw.Integration
}

// integration converts a file's integration block, parsing its templates.
func integration(f *File) *apigw.Integration {
	v, _ := compiled.LoadOrStore(f, &compiledFile{})
	cf := v.(*compiledFile)
	cf.once.Do(func() { cf.ig = buildIntegration(f.Integration) })
	return cf.ig
}

func buildIntegration(in *Integration) *apigw.Integration {
	ig := &apigw.Integration{Type: "lambda", PassthroughBehavior: in.PassthroughBehavior}
	if strings.EqualFold(in.Type, TypeHTTP) || strings.EqualFold(in.Type, "HTTP") {
		ig.Type = "http"
	}
	for _, t := range in.RequestTemplates {
		ig.RequestTemplates = append(ig.RequestTemplates, template(t))
	}
	for _, r := range in.Responses {
		ir := &apigw.IntegrationResponse{StatusCode: r.StatusCode, SelectionPattern: r.SelectionPattern}
		if r.SelectionPattern != "" {
			// the loader validated it already; a failure here is reported by
			// Invoke as a warning.
			ir.Pattern, _ = apigw.CompileSelectionPattern(r.SelectionPattern)
		}
		for _, t := range r.ResponseTemplates {
			ir.ResponseTemplates = append(ir.ResponseTemplates, template(t))
		}
		for _, p := range r.ResponseParameters {
			ir.ResponseParameters = append(ir.ResponseParameters, apigw.KV{Name: p.Key, Value: p.Source})
		}
		ig.Responses = append(ig.Responses, ir)
	}
	return ig
}

// template parses a case file template so that its errors point into the
// file that holds it: the .vtl file, or the YAML file for inline ones.
func template(t *Template) apigw.Template {
	var o *vtleval.ParseOptions
	if t.Inline() {
		o = &vtleval.ParseOptions{Origin: origin(t)}
	}
	return apigw.NewTemplate(t.ContentType, t.Name, t.Text, o)
}

// RunCase runs one case through the pipeline.
func RunCase(c *Case) Outcome {
	ig := integration(c.File)
	req := request(c.Request)
	req.ResourcePath = c.File.Resource
	oc := &apigw.Outcome{}
	if l := c.Lambda; l != nil {
		oc.Runtime = l.Runtime
		switch {
		case l.Result != nil:
			oc.Result = json.RawMessage(l.Result.Text)
		case l.Error != nil:
			p, err := apigw.LambdaError(l.Runtime, l.Error.Type, l.Error.Message)
			if err != nil {
				return Outcome{Err: err}
			}
			oc.ErrorPayload = p
		case l.ErrorPayload != nil:
			oc.ErrorPayload = json.RawMessage(l.ErrorPayload.Text)
		case l.Timeout > 0:
			oc.ErrorPayload = apigw.LambdaTimeout(l.Timeout)
		case l.InvocationError != "":
			oc.InvokeFailure = l.InvocationError
		}
	} else if h := c.HTTP; h != nil {
		oc.HTTPStatus = h.Status
		oc.HTTPBody = h.Body
		for _, p := range h.Headers {
			oc.HTTPHeaders = append(oc.HTTPHeaders, apigw.KV{Name: p.Name, Value: p.Value})
		}
	} else {
		// request cases: the function's answer does not matter
		oc.Result = json.RawMessage("{}")
	}
	res := apigw.Invoke(ig, req, oc)
	out := Outcome{
		RequestTemplate: res.RequestTemplate,
		Event:           res.Event,
		EventErr:        res.RequestErr,
		Status:          res.Status,
		Headers:         map[string]string{},
		Body:            res.Body,
		Selected:        res.Selected,
		Err:             res.ResponseErr,
		Trace:           res.Trace,
	}
	if c.Kind == KindRequest {
		// a request case checks the integration request only; what the
		// response side makes of the placeholder result does not matter.
		out.Err = nil
	}
	for _, w := range res.Warnings {
		out.Trace = append(out.Trace, "warning: "+w)
	}
	for _, kv := range res.Headers {
		out.Headers[kv.Name] = kv.Value
	}
	return out
}

func request(r *Request) *apigw.Request {
	req := &apigw.Request{Method: r.Method, Body: r.Body}
	conv := func(ps Params) apigw.Params {
		out := make(apigw.Params, 0, len(ps))
		for _, p := range ps {
			out = append(out, apigw.KV{Name: p.Name, Value: p.Value})
		}
		return out
	}
	req.Path = conv(r.PathParameters)
	req.Query = conv(r.QueryStringParameters)
	req.Header = conv(r.Headers)
	req.StageVariables = conv(r.StageVariables)
	if len(r.Context) > 0 {
		req.Context = vtleval.NewMap()
		for _, p := range r.Context {
			m := req.Context
			parts := strings.Split(p.Name, ".")
			for _, k := range parts[:len(parts)-1] {
				v, _ := m.Get(k)
				sub, ok := v.(*vtleval.Map)
				if !ok {
					sub = vtleval.NewMap()
					m.Put(k, sub)
				}
				m = sub
			}
			m.Put(parts[len(parts)-1], p.Value)
		}
	}
	return req
}

// JavaPattern checks a selectionPattern with the same Java-regex compiler
// the pipeline uses; plug it into [Options.CompilePattern].
func JavaPattern(p string) error {
	_, err := apigw.CompileSelectionPattern(p)
	var pe *apigw.PatternError
	if errors.As(err, &pe) {
		// the loader names the pattern already
		return fmt.Errorf("column %d of the pattern: %s", pe.Col, pe.Msg)
	}
	return err
}
