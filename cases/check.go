package cases

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// Mismatch is one expectation of a case that the outcome does not meet.
type Mismatch struct {
	// What names the expectation: "event", "eventText",
	// "eventInvalidJSON", "eventPaths", "status", "headers",
	// "absentHeaders", "body", "bodyText", "bodyPaths", or "error".
	What string
	// Pos is where the expectation is written in the case file (the
	// case's position for an unexpected error).
	Pos Pos
	// Msg is the message: a first line, then (for diffs) more lines. It
	// is not indented; [FormatFailure] indents it.
	Msg string
}

func (m Mismatch) String() string { return m.Msg }

// Check compares an outcome with a case's expectations and returns every
// mismatch, in the order of the Want fields.
//
// An error the case does not expect is a mismatch; the checks of the side
// that failed are then skipped (an event that was never made cannot
// differ), the other side's are made.
func Check(c *Case, got Outcome) []Mismatch {
	w := c.Want
	if w == nil {
		return nil
	}
	var ms []Mismatch
	add := func(what string, p Pos, format string, args ...any) {
		ms = append(ms, Mismatch{What: what, Pos: p, Msg: fmt.Sprintf(format, args...)})
	}

	gotErr := got.EventErr
	if gotErr == nil {
		gotErr = got.Err
	}
	switch {
	case w.Error != nil && gotErr == nil:
		add("error", w.Error.Pos, "error: got none, want one matching %s", quoteRE(w.Error.Expr))
	case w.Error != nil && !w.Error.Re.MatchString(gotErr.Error()):
		add("error", w.Error.Pos, "error: got %s\n  want one matching %s", quoteText(gotErr.Error()), quoteRE(w.Error.Expr))
	case w.Error == nil && got.EventErr != nil:
		add("error", c.Pos, "request mapping failed: %v", got.EventErr)
	case w.Error == nil && got.Err != nil:
		add("error", c.Pos, "unexpected error: %v", got.Err)
	}

	if c.Kind != KindResponse && got.EventErr == nil {
		ms = append(ms, checkEvent(w, got.Event)...)
	}
	if got.Err == nil && got.EventErr == nil || w.Error != nil {
		ms = append(ms, checkResponse(w, got)...)
	}
	return ms
}

func checkEvent(w *Want, event string) []Mismatch {
	var ms []Mismatch
	val, perr := parseJSON(event, false)
	notJSON := func() string {
		line, col := offsetLineCol(event, perr.Offset)
		return fmt.Sprintf("Lambda event is not valid JSON: %s at line %d, column %d:\n%s",
			perr.Msg, line, col, indentLines(numbered(event), "  "))
	}
	if w.Event != nil {
		if perr != nil {
			ms = append(ms, Mismatch{What: "event", Pos: w.Event.Pos, Msg: notJSON()})
		} else if m := jsonMismatch("Lambda event", w.Event.Text, val); m != "" {
			ms = append(ms, Mismatch{What: "event", Pos: w.Event.Pos, Msg: m})
		}
	}
	if w.EventText != nil {
		if m := textMismatch("Lambda event", w.EventText.Text, event); m != "" {
			ms = append(ms, Mismatch{What: "eventText", Pos: w.EventText.Pos, Msg: m})
		}
	}
	if f := w.EventInvalidJSON; f != nil {
		switch {
		case f.Value && perr == nil:
			ms = append(ms, Mismatch{What: "eventInvalidJSON", Pos: f.Pos,
				Msg: "Lambda event is valid JSON, want invalid JSON:\n" + indentLines(numbered(event), "  ")})
		case !f.Value && perr != nil && w.Event == nil:
			ms = append(ms, Mismatch{What: "eventInvalidJSON", Pos: f.Pos, Msg: notJSON()})
		}
	}
	if len(w.EventPaths) > 0 {
		if perr != nil {
			if w.Event == nil && (w.EventInvalidJSON == nil || w.EventInvalidJSON.Value) {
				ms = append(ms, Mismatch{What: "eventPaths", Pos: w.EventPaths[0].Pos, Msg: notJSON()})
			}
		} else {
			ms = append(ms, checkPaths("eventPaths", "Lambda event", w.EventPaths, event)...)
		}
	}
	return ms
}

func checkResponse(w *Want, got Outcome) []Mismatch {
	var ms []Mismatch
	if w.Status != nil && got.Status != w.Status.Code {
		msg := fmt.Sprintf("status: got %d, want %d", got.Status, w.Status.Code)
		if got.Selected != "" {
			msg += " (selected: " + got.Selected + ")"
		}
		ms = append(ms, Mismatch{What: "status", Pos: w.Status.Pos, Msg: msg})
	}
	for _, h := range w.Headers {
		v, ok := lookupFold(got.Headers, h.Name)
		switch {
		case !ok:
			ms = append(ms, Mismatch{What: "headers", Pos: h.Pos,
				Msg: fmt.Sprintf("header %s: got none, want %s%s", h.Name, quoteText(h.Value), headerList(got.Headers))})
		case v != h.Value:
			ms = append(ms, Mismatch{What: "headers", Pos: h.Pos,
				Msg: fmt.Sprintf("header %s: got %s, want %s", h.Name, quoteText(v), quoteText(h.Value))})
		}
	}
	for _, h := range w.AbsentHeaders {
		if v, ok := lookupFold(got.Headers, h.Name); ok {
			ms = append(ms, Mismatch{What: "absentHeaders", Pos: h.Pos,
				Msg: fmt.Sprintf("header %s: got %s, want no such header", h.Name, quoteText(v))})
		}
	}
	if w.Body != nil || len(w.BodyPaths) > 0 {
		val, perr := parseJSON(got.Body, false)
		notJSON := func() string {
			line, col := offsetLineCol(got.Body, perr.Offset)
			return fmt.Sprintf("body is not valid JSON: %s at line %d, column %d:\n%s",
				perr.Msg, line, col, indentLines(numbered(got.Body), "  "))
		}
		if w.Body != nil {
			if perr != nil {
				ms = append(ms, Mismatch{What: "body", Pos: w.Body.Pos, Msg: notJSON()})
			} else if m := jsonMismatch("body", w.Body.Text, val); m != "" {
				ms = append(ms, Mismatch{What: "body", Pos: w.Body.Pos, Msg: m})
			}
		}
		if len(w.BodyPaths) > 0 {
			if perr != nil {
				if w.Body == nil {
					ms = append(ms, Mismatch{What: "bodyPaths", Pos: w.BodyPaths[0].Pos, Msg: notJSON()})
				}
			} else {
				ms = append(ms, checkPaths("bodyPaths", "body", w.BodyPaths, got.Body)...)
			}
		}
	}
	if w.BodyText != nil {
		if m := textMismatch("body", w.BodyText.Text, got.Body); m != "" {
			ms = append(ms, Mismatch{What: "bodyText", Pos: w.BodyText.Pos, Msg: m})
		}
	}
	return ms
}

func checkPaths(what, subject string, asserts []*PathAssert, doc string) []Mismatch {
	var ms []Mismatch
	for _, a := range asserts {
		want, _ := parseJSON(a.Want.Text, false)
		res := gjson.Get(doc, a.Path)
		if !res.Exists() {
			ms = append(ms, Mismatch{What: what, Pos: a.Pos,
				Msg: fmt.Sprintf("%s has nothing at %s, want %s", subject, a.Path, compactJSON(want))})
			continue
		}
		gotVal, perr := parseJSON(res.Raw, false)
		if perr != nil { // gjson results of valid JSON are valid; be safe
			ms = append(ms, Mismatch{What: what, Pos: a.Pos,
				Msg: fmt.Sprintf("%s at %s: got %s, want %s", subject, a.Path, res.Raw, compactJSON(want))})
			continue
		}
		if canonicalJSON(gotVal) != canonicalJSON(want) {
			ms = append(ms, Mismatch{What: what, Pos: a.Pos,
				Msg: fmt.Sprintf("%s at %s: got %s, want %s", subject, a.Path, compactJSON(gotVal), compactJSON(want))})
		}
	}
	return ms
}

// jsonMismatch compares JSON semantically (key order and whitespace do
// not matter; numbers compare as written) and describes the difference.
func jsonMismatch(subject, wantText string, got any) string {
	want, err := parseJSON(wantText, false)
	if err != nil {
		return fmt.Sprintf("%s: the expected value is not valid JSON: %s", subject, err.Msg)
	}
	wc, gc := canonicalJSON(want), canonicalJSON(got)
	if wc == gc {
		return ""
	}
	path := firstDiff(want, got, "$")
	d := lineDiff(strings.Split(wc, "\n"), strings.Split(gc, "\n"))
	return fmt.Sprintf("%s differs at %s (-want +got):\n%s", subject, path, indentLines(strings.Join(d, "\n"), "  "))
}

// textMismatch compares text exactly. A difference only in whitespace is
// called so, and the diff then shows line ends (⏎), tabs (→) and trailing
// spaces (·).
func textMismatch(subject, want, got string) string {
	if want == got {
		return ""
	}
	visible := onlyWhitespaceDiffers(want, got)
	head := fmt.Sprintf("%s text differs (-want +got):", subject)
	if visible {
		head = fmt.Sprintf("%s text differs only in whitespace (-want +got; ⏎ newline, → tab, · trailing space):", subject)
	}
	wl, gl := splitLines(want, visible), splitLines(got, visible)
	if !visible && strings.HasSuffix(want, "\n") != strings.HasSuffix(got, "\n") {
		// The only line-level clue would be lost: mark the last lines.
		wl, gl = splitLines(want, true), splitLines(got, true)
	}
	d := lineDiff(wl, gl)
	if len(d) == 0 { // e.g. "" vs "\n" after splitting
		d = []string{"-" + quoteText(want), "+" + quoteText(got)}
	}
	return head + "\n" + indentLines(strings.Join(d, "\n"), "  ")
}

func lookupFold(h map[string]string, name string) (string, bool) {
	if v, ok := h[name]; ok {
		return v, true
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

func headerList(h map[string]string) string {
	if len(h) == 0 {
		return " (no headers)"
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	return " (headers: " + strings.Join(names, ", ") + ")"
}

// quoteText quotes a short text for a message; long texts are cut.
func quoteText(s string) string {
	const max = 200
	if len(s) > max {
		return fmt.Sprintf("%q…(%d bytes)", s[:max], len(s))
	}
	return fmt.Sprintf("%q", s)
}

func quoteRE(expr string) string { return "/" + expr + "/" }

// numbered prints text with line numbers, showing whitespace.
func numbered(s string) string {
	lines := splitLines(s, true)
	if len(lines) == 0 {
		return "(empty)"
	}
	var b strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&b, "%3d | %s\n", i+1, l)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func indentLines(s, indent string) string {
	if s == "" {
		return s
	}
	return indent + strings.ReplaceAll(s, "\n", "\n"+indent)
}
