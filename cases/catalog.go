package cases

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// WriteCatalog renders vtlcheck's own behaviour catalogue (cases/README.md)
// in Markdown: per file its description, source and integration, per case
// its request, backend outcome and expectations, with a link to the case's
// line. root is the directory the catalogue is written to; links are
// relative to it (relative paths, root's and the files', are taken from
// the working directory).
func WriteCatalog(w io.Writer, root string, files []*File) error {
	return writeCatalog(w, root, files, repoHeader)
}

// WriteCatalogFor renders the catalogue of anyone's case files, as
// [WriteCatalog] does, under a header that names command, the command
// that generated the page (vtlcheck docs ...), instead of the header of
// vtlcheck's own cases/README.md.
func WriteCatalogFor(w io.Writer, root, command string, files []*File) error {
	header := "<!-- Generated from the case files by " + code(command) + ". Do not edit. -->\n\n" +
		"What API Gateway does with these mapping templates, as the case files state it.\n" +
		"Every entry below is a case that `vtlcheck test` runs.\n\n"
	return writeCatalog(w, root, files, header)
}

const repoHeader = "<!-- Generated from the case files by `go test ./cases -update`. Do not edit. -->\n\n" +
	"What Amazon API Gateway does with mapping templates, Lambda outcomes and integration\n" +
	"responses, as vtlcheck's case files state it. Every entry below is a test that runs on\n" +
	"each change (`vtlcheck test cases/`), so this page cannot claim what the engine does not do.\n" +
	"The format of the files is described in [doc.go](doc.go); each case names its evidence\n" +
	"(**[doc]** AWS documentation, **[obs]** observed on AWS, **[src]** AWS source code,\n" +
	"**[inf]** inferred).\n\n"

func writeCatalog(w io.Writer, root string, files []*File, header string) error {
	var b bytes.Buffer
	absRoot, rootErr := filepath.Abs(root)
	rel := func(p string) string {
		if ap, err := filepath.Abs(p); err == nil && rootErr == nil {
			if r, err := filepath.Rel(absRoot, ap); err == nil {
				p = r
			}
		}
		return filepath.ToSlash(p)
	}
	b.WriteString("# Behaviour catalogue\n\n")
	b.WriteString(header)
	total := 0
	for _, f := range files {
		total += len(f.Cases)
	}
	fmt.Fprintf(&b, "%d files, %d cases.\n\n", len(files), total)
	for _, f := range files {
		fmt.Fprintf(&b, "- [%s](#%s) — %s\n", rel(f.Path), anchor(rel(f.Path)), firstSentence(f.Description))
	}
	for _, f := range files {
		p := rel(f.Path)
		fmt.Fprintf(&b, "\n## %s\n\n", p)
		if f.Description != "" {
			b.WriteString(strings.TrimSpace(f.Description) + "\n\n")
		}
		writeIntegration(&b, f, rel)
		for _, c := range f.Cases {
			writeCase(&b, c, p)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeIntegration(b *bytes.Buffer, f *File, rel func(string) string) {
	in := f.Integration
	kind := "Lambda (AWS, non-proxy)"
	if in.Type == TypeHTTP {
		kind = "HTTP (non-proxy)"
	}
	fmt.Fprintf(b, "[%s](%s) · %s integration", rel(f.Path), rel(f.Path), kind)
	if f.Resource != "" {
		fmt.Fprintf(b, " · resource %s", code(f.Resource))
	}
	fmt.Fprintf(b, " · passthroughBehavior %s\n\n", code(in.PassthroughBehavior))
	if f.Source != "" {
		fmt.Fprintf(b, "Source: %s\n\n", oneLine(f.Source))
	}
	for _, t := range in.RequestTemplates {
		fmt.Fprintf(b, "- request template %s: %s\n", code(t.ContentType), templateRef(t, rel))
	}
	for _, r := range in.Responses {
		sel := "default response"
		if r.SelectionPattern != "" {
			sel = "selectionPattern " + code(r.SelectionPattern)
		}
		fmt.Fprintf(b, "- integration response %s (%s)", r.StatusCode, sel)
		if len(r.ResponseTemplates) == 0 && len(r.ResponseParameters) == 0 {
			b.WriteString(", no template: passthrough\n")
			continue
		}
		b.WriteString("\n")
		for _, t := range r.ResponseTemplates {
			fmt.Fprintf(b, "  - response template %s: %s\n", code(t.ContentType), templateRef(t, rel))
		}
		for _, p := range r.ResponseParameters {
			fmt.Fprintf(b, "  - header %s ← %s\n", code(p.Header), code(p.Source))
		}
	}
	if len(in.RequestTemplates) == 0 && len(in.Responses) == 0 {
		b.WriteString("- no request templates, no integration responses\n")
	}
	// Inline templates are part of the behaviour: show them.
	show := func(what string, t *Template) {
		if t.Inline() && t.Text != "" {
			fmt.Fprintf(b, "\n%s %s:\n\n%s", what, code(t.ContentType), fence("velocity", t.Text))
		}
	}
	for _, t := range in.RequestTemplates {
		show("Request template", t)
	}
	for _, r := range in.Responses {
		for _, t := range r.ResponseTemplates {
			show("Response template "+r.StatusCode, t)
		}
	}
}

func templateRef(t *Template, rel func(string) string) string {
	switch {
	case !t.Inline():
		return fmt.Sprintf("[%s](%s)", rel(t.Path), rel(t.Path))
	case t.Text == "":
		return "empty (no mapping)"
	}
	return "inline"
}

var kindWords = map[Kind]string{
	KindRequest:  "request mapping",
	KindResponse: "integration response",
	KindE2E:      "end to end",
}

func writeCase(b *bytes.Buffer, c *Case, path string) {
	fmt.Fprintf(b, "\n### %s\n\n", c.Name)
	fmt.Fprintf(b, "[%s:%d](%s#L%d) · %s", path, c.Pos.Line, path, c.Pos.Line, kindWords[c.Kind])
	if c.Skip != "" {
		fmt.Fprintf(b, " · **skipped**: %s", oneLine(c.Skip))
	}
	b.WriteString("\n\n")
	if c.Description != "" {
		b.WriteString(strings.TrimSpace(c.Description) + "\n\n")
	}
	if c.Source != "" && c.Source != c.File.Source {
		fmt.Fprintf(b, "Source: %s\n\n", oneLine(c.Source))
	}
	writeRequest(b, c)
	writeOutcome(b, c)
	writeWant(b, c.Want)
}

func writeRequest(b *bytes.Buffer, c *Case) {
	r := c.Request
	var parts []string
	line := r.Method
	if r.Path != "" {
		line += " " + r.Path
		if q := queryString(r.QueryStringParameters); q != "" {
			line += "?" + q
		}
	}
	if c.Kind != KindResponse || r.Path != "" {
		parts = append(parts, code(line))
	}
	derived := r.Path != "" && c.File.Resource != ""
	if len(r.PathParameters) > 0 && !derived {
		parts = append(parts, "path "+params(r.PathParameters))
	}
	if len(r.QueryStringParameters) > 0 && r.Path == "" {
		parts = append(parts, "query "+params(r.QueryStringParameters))
	}
	if len(r.Headers) > 0 {
		parts = append(parts, "headers "+params(r.Headers))
	}
	if len(r.StageVariables) > 0 {
		parts = append(parts, "stage variables "+params(r.StageVariables))
	}
	if len(r.Context) > 0 {
		parts = append(parts, "$context "+params(r.Context))
	}
	if len(parts) == 0 && r.Body == "" {
		return
	}
	b.WriteString("- **Request:** " + strings.Join(parts, "; "))
	if r.Body != "" {
		b.WriteString(", body:\n\n" + indentBlock(fenceText(r.Body), "  "))
	} else {
		b.WriteString("\n")
	}
}

func writeOutcome(b *bytes.Buffer, c *Case) {
	if l := c.Lambda; l != nil {
		rt := ""
		if l.Runtime != "" {
			rt = " (" + l.Runtime + ")"
		}
		switch {
		case l.Result != nil:
			fmt.Fprintf(b, "- **Lambda%s returns:**%s", rt, jsonInline(l.Result.Text))
		case l.Error != nil:
			fmt.Fprintf(b, "- **Lambda%s raises:** %s %s\n", rt, code(l.Error.Type), code(l.Error.Message))
		case l.ErrorPayload != nil:
			fmt.Fprintf(b, "- **Lambda fails with the payload:**%s", jsonInline(l.ErrorPayload.Text))
		case l.Timeout > 0:
			fmt.Fprintf(b, "- **Lambda times out** after %g s\n", l.Timeout)
		case l.InvocationError != "":
			fmt.Fprintf(b, "- **Lambda rejects the invocation:** %s\n", oneLine(l.InvocationError))
		}
	}
	if h := c.HTTP; h != nil {
		fmt.Fprintf(b, "- **Endpoint answers** %d", h.Status)
		if len(h.Headers) > 0 {
			b.WriteString(", headers " + params(h.Headers))
		}
		if h.Body != "" {
			b.WriteString(", body:\n\n" + indentBlock(fenceText(h.Body), "  "))
		} else {
			b.WriteString("\n")
		}
	}
}

func writeWant(b *bytes.Buffer, w *Want) {
	if w.Event != nil {
		b.WriteString("- **Event (JSON):**" + jsonInline(w.Event.Text))
	}
	if w.EventText != nil {
		b.WriteString("- **Event (exact text):**" + exactText(w.EventText.Text))
	}
	if w.EventInvalidJSON != nil {
		if w.EventInvalidJSON.Value {
			b.WriteString("- **Event is not valid JSON** (Lambda rejects it)\n")
		} else {
			b.WriteString("- **Event is valid JSON**\n")
		}
	}
	for _, p := range w.EventPaths {
		fmt.Fprintf(b, "- **Event at %s:**%s", code(p.Path), jsonInline(p.Want.Text))
	}
	if w.Status != nil {
		fmt.Fprintf(b, "- **Status:** %d\n", w.Status.Code)
	}
	for _, h := range w.Headers {
		fmt.Fprintf(b, "- **Header** %s: %s\n", code(h.Name), code(h.Value))
	}
	for _, h := range w.AbsentHeaders {
		fmt.Fprintf(b, "- **No header** %s\n", code(h.Name))
	}
	if w.Body != nil {
		b.WriteString("- **Body (JSON):**" + jsonInline(w.Body.Text))
	}
	if w.BodyText != nil {
		b.WriteString("- **Body (exact text):**" + exactText(w.BodyText.Text))
	}
	for _, p := range w.BodyPaths {
		fmt.Fprintf(b, "- **Body at %s:**%s", code(p.Path), jsonInline(p.Want.Text))
	}
	if w.Error != nil {
		fmt.Fprintf(b, "- **Error** matching %s\n", code(w.Error.Expr))
	}
}

// jsonInline renders JSON in order, on one line when short, else as an
// indented block; the result ends with a newline.
func jsonInline(text string) string {
	one := formatJSON(text, false)
	if len(one) <= 70 && !strings.Contains(one, "\n") {
		return " " + code(one) + "\n"
	}
	return "\n\n" + indentBlock(fence("json", formatJSON(text, true)), "  ")
}

// exactText renders exact text: short single-line text as a quoted
// string, the rest in a fenced block, with a note when the final newline
// is missing.
func exactText(s string) string {
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") && len(s) <= 70 {
		return " " + code(fmt.Sprintf("%q", s)) + "\n"
	}
	note := ""
	if !strings.HasSuffix(s, "\n") {
		note = " (no final newline)"
	}
	return note + "\n\n" + indentBlock(fenceText(s), "  ")
}

// formatJSON re-renders JSON text keeping key order and number text:
// one line with ", " and ": " separators, or indented by two spaces.
func formatJSON(text string, pretty bool) string {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var b strings.Builder
	type frame struct {
		obj   bool
		count int
	}
	var stack []frame
	nl := func() {
		if pretty {
			b.WriteString("\n" + strings.Repeat("  ", len(stack)))
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top.count > 0 {
				nl()
			}
			b.WriteRune(rune(d))
			continue
		}
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			isKey := top.obj && top.count%2 == 0
			if top.count > 0 && (!top.obj || isKey) {
				b.WriteString(",")
				if !pretty {
					b.WriteString(" ")
				}
			}
			if !top.obj || isKey {
				nl()
			}
			if top.obj && !isKey {
				b.WriteString(": ")
			}
			top.count++
		}
		switch v := tok.(type) {
		case json.Delim:
			b.WriteRune(rune(v))
			stack = append(stack, frame{obj: v == '{'})
		case string:
			b.WriteString(quoteJSON(v))
		case json.Number:
			b.WriteString(string(v))
		case bool:
			fmt.Fprint(&b, v)
		case nil:
			b.WriteString("null")
		}
	}
	return b.String()
}

func params(ps Params) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, code(p.Name+": "+p.Value))
	}
	return strings.Join(parts, ", ")
}

func queryString(ps Params) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Name+"="+p.Value)
	}
	return strings.Join(parts, "&")
}

// code renders inline code, choosing a fence longer than any backtick run
// inside.
func code(s string) string {
	s = strings.ReplaceAll(s, "\n", "⏎")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(fence, "``") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func fence(lang, s string) string {
	f := "```"
	for strings.Contains(s, f) {
		f += "`"
	}
	return f + lang + "\n" + strings.TrimSuffix(s, "\n") + "\n" + f + "\n"
}

func fenceText(s string) string { return fence("text", s) }

func indentBlock(s, indent string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstSentence(s string) string {
	s = oneLine(s)
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	return s
}

// anchor is GitHub's heading anchor for a file name heading.
func anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}
