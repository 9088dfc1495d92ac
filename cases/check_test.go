package cases

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// seedCase returns a case of cases/01-seed-hoge.yaml by name.
func seedCase(t *testing.T, name string) *Case {
	t.Helper()
	files, err := LoadFiles("01-seed-hoge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range files[0].Cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no case %q", name)
	return nil
}

const seedEventFuga = "{\n  \"pathParams\": {\n    \"hoge\": \"fuga\"  }\n}\n"

func TestCheckPasses(t *testing.T) {
	tests := []struct {
		name string
		got  Outcome
	}{
		{"keeps Velocity's whitespace in the event", Outcome{Event: seedEventFuga}},
		{"raises 400 for /fuga", Outcome{
			Event:  seedEventFuga,
			Status: 400,
			Body:   ` {"message" : "[400:BadRequest] fuga is not hoge"}`,
		}},
		{"answers 200 when the function returns the message instead of raising", Outcome{
			Event:  seedEventFuga,
			Status: 200,
			Body:   `"[400:BadRequest] fuga is not hoge"`,
		}},
		// Key order and whitespace do not matter for event and body.
		{"returns the message for /hoge", Outcome{
			Event:  `{"pathParams":{"hoge":"hoge"}}`,
			Status: 200,
			Body:   "{\n\t\"message\" : \"hogehoge\"\n}",
		}},
	}
	for _, tt := range tests {
		if ms := Check(seedCase(t, tt.name), tt.got); len(ms) != 0 {
			t.Errorf("%s: unexpected mismatches:\n%s", tt.name, FormatFailure(seedCase(t, tt.name), tt.got, ms))
		}
	}
}

func TestFailureText(t *testing.T) {
	c := seedCase(t, "raises 400 for /fuga")
	got := Outcome{
		Event:    "{\n  \"pathParams\": {\n    \"hoge\": \"hoge\"  }\n}\n",
		Status:   200,
		Body:     `{"errorMessage": "[400:BadRequest] fuga is not hoge", "errorType": "Exception"}`,
		Selected: `default 200: no selectionPattern matched errorMessage "[400:BadRequest] fuga is not hoge"`,
		Trace: []string{
			"Method request path: {hoge=fuga}",
			"Endpoint request body after transformations: {...}",
		},
	}
	want := `01-seed-hoge.yaml:62: raises 400 for /fuga
  Lambda event differs at $.pathParams.hoge (-want +got):
    @@ -1,5 +1,5 @@
     {
       "pathParams": {
    -    "hoge": "fuga"
    +    "hoge": "hoge"
       }
     }
  status: got 200, want 400 (selected: default 200: no selectionPattern matched errorMessage "[400:BadRequest] fuga is not hoge")
  body text differs (-want +got):
    @@ -1 +1 @@
    - {"message" : "[400:BadRequest] fuga is not hoge"}
    +{"errorMessage": "[400:BadRequest] fuga is not hoge", "errorType": "Exception"}
  trace:
    Method request path: {hoge=fuga}
    Endpoint request body after transformations: {...}
`
	ms := Check(c, got)
	if text := FormatFailure(c, got, ms); text != want {
		t.Errorf("failure text:\n%s\nwant:\n%s\ndiff (-want +got):\n%s", text, want,
			strings.Join(lineDiff(strings.Split(want, "\n"), strings.Split(text, "\n")), "\n"))
	}
	if len(ms) != 3 || ms[0].What != "event" || ms[1].What != "status" || ms[2].What != "bodyText" {
		t.Errorf("mismatches = %+v", ms)
	}
	if ms[1].Pos.Line != 69 {
		t.Errorf("status mismatch position = %v, want line 69 (where want.status is)", ms[1].Pos)
	}
}

func TestCheckWhitespace(t *testing.T) {
	c := seedCase(t, "keeps Velocity's whitespace in the event")
	got := Outcome{Event: "{\n  \"pathParams\": {\n    \"hoge\": \"fuga\"\n  }\n}"}
	ms := Check(c, got)
	if len(ms) != 1 {
		t.Fatalf("mismatches = %+v", ms)
	}
	want := `Lambda event text differs only in whitespace (-want +got; ⏎ newline, → tab, · trailing space):
  @@ -1,4 +1,5 @@
   {⏎
     "pathParams": {⏎
  -    "hoge": "fuga"  }⏎
  -}⏎
  +    "hoge": "fuga"⏎
  +  }⏎
  +}`
	if ms[0].Msg != want {
		t.Errorf("message:\n%s\nwant:\n%s", ms[0].Msg, want)
	}
	// Tabs and trailing spaces are shown too.
	m := textMismatch("body", "a\tb \n", "a b\n")
	if !strings.Contains(m, "-a→b·⏎") || !strings.Contains(m, "+a b⏎") {
		t.Errorf("visible whitespace:\n%s", m)
	}
	// A missing final newline is visible even when other text differs.
	m = textMismatch("body", "x\n", "y")
	if !strings.Contains(m, "-x⏎") || !strings.Contains(m, "+y") {
		t.Errorf("final newline:\n%s", m)
	}
}

func TestCheckInvalidJSON(t *testing.T) {
	c := seedCase(t, "builds the event from the path parameter")
	got := Outcome{Event: "{\n  \"pathParams\": {\n    \"hoge\": \"it\\'s\"  }\n}\n"}
	ms := Check(c, got)
	if len(ms) != 1 {
		t.Fatalf("mismatches = %+v", ms)
	}
	want := `Lambda event is not valid JSON: invalid escape '\'' in string at line 3, column 17:
    1 | {⏎
    2 |   "pathParams": {⏎
    3 |     "hoge": "it\'s"  }⏎
    4 | }⏎`
	if ms[0].Msg != want {
		t.Errorf("message:\n%s\nwant:\n%s", ms[0].Msg, want)
	}
}

func TestCheckErrors(t *testing.T) {
	c := seedCase(t, "raises 400 for /fuga")
	// An unexpected request-side error skips the event checks but not the
	// response checks.
	ms := Check(c, Outcome{EventErr: errors.New("templates/seed-hoge.request.vtl:3:1: boom"), Status: 400,
		Body: ` {"message" : "[400:BadRequest] fuga is not hoge"}`})
	if len(ms) != 1 || ms[0].Msg != "request mapping failed: templates/seed-hoge.request.vtl:3:1: boom" {
		t.Errorf("mismatches = %+v", ms)
	}
	// An unexpected response-side error skips the response checks.
	ms = Check(c, Outcome{Event: seedEventFuga, Status: 500, Err: errors.New("response template: boom")})
	if len(ms) != 1 || ms[0].Msg != "unexpected error: response template: boom" {
		t.Errorf("mismatches = %+v", ms)
	}

	c = &Case{Kind: KindRequest, Want: &Want{Error: &Pattern{Expr: "boom", Re: mustRE("boom")}}, File: &File{}}
	if ms := Check(c, Outcome{EventErr: errors.New("x:1:1: boom")}); len(ms) != 0 {
		t.Errorf("expected error reported: %+v", ms)
	}
	if ms := Check(c, Outcome{EventErr: errors.New("x:1:1: bang")}); len(ms) != 1 ||
		ms[0].Msg != "error: got \"x:1:1: bang\"\n  want one matching /boom/" {
		t.Errorf("mismatches = %+v", ms)
	}
	if ms := Check(c, Outcome{}); len(ms) != 1 || ms[0].Msg != "error: got none, want one matching /boom/" {
		t.Errorf("mismatches = %+v", ms)
	}
}

func TestCheckHeadersAndPaths(t *testing.T) {
	w := &Want{
		Headers:       Params{{Name: "content-type", Value: "application/json"}, {Name: "X-Id", Value: "010"}},
		AbsentHeaders: Params{{Name: "X-Secret"}},
		BodyPaths: []*PathAssert{
			{Path: "items.0.id", Want: JSON{Text: `"7"`}},
			{Path: "items.1", Want: JSON{Text: `{"id": "8"}`}},
			{Path: "missing", Want: JSON{Text: `null`}},
		},
	}
	c := &Case{Kind: KindResponse, Want: w, File: &File{}}
	got := Outcome{
		Status:  200,
		Headers: map[string]string{"Content-Type": "application/json", "x-secret": "s"},
		Body:    `{"items": [{"id": 7}, {"id": "8"}]}`,
	}
	var msgs []string
	for _, m := range Check(c, got) {
		msgs = append(msgs, m.Msg)
	}
	want := []string{
		`header X-Id: got none, want "010" (headers: Content-Type, x-secret)`,
		`header X-Secret: got "s", want no such header`,
		`body at items.0.id: got 7, want "7"`,
		`body has nothing at missing, want null`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckEventInvalidJSON(t *testing.T) {
	c := &Case{Kind: KindRequest, File: &File{}, Want: &Want{EventInvalidJSON: &Flag{Value: true}}}
	if ms := Check(c, Outcome{Event: `{"a": "it\'s"}`}); len(ms) != 0 {
		t.Errorf("invalid JSON not accepted: %+v", ms)
	}
	ms := Check(c, Outcome{Event: `{"a": "its"}`})
	if len(ms) != 1 || !strings.HasPrefix(ms[0].Msg, "Lambda event is valid JSON, want invalid JSON:") {
		t.Errorf("mismatches = %+v", ms)
	}
	c.Want.EventInvalidJSON.Value = false
	if ms := Check(c, Outcome{Event: `{"a": "it\'s"}`}); len(ms) != 1 {
		t.Errorf("mismatches = %+v", ms)
	}
}

func TestJSONCompare(t *testing.T) {
	tests := []struct {
		want, got string
		path      string // "" = equal
	}{
		{`{"a": 1, "b": [1, 2]}`, `{"b":[1,2],"a":1}`, ""},
		{`{"a": 1}`, `{"a": 1.0}`, "$.a"}, // numbers compare as written
		{`{"a": {"b c": [1, {"d": null}]}}`, `{"a": {"b c": [1, {"d": false}]}}`, "$.a['b c'][1].d"},
		{`[1, 2]`, `[1, 2, 3]`, "$[2]"},
		{`{"a": 1}`, `{"a": 1, "b": 2}`, "$.b"},
		{`"x"`, `{"x": 1}`, "$"},
		{`{"é": "\u00e9"}`, `{"\u00e9": "é"}`, ""},
	}
	for _, tt := range tests {
		w, err := parseJSON(tt.want, true)
		if err != nil {
			t.Fatal(tt.want, err)
		}
		g, err := parseJSON(tt.got, false)
		if err != nil {
			t.Fatal(tt.got, err)
		}
		if p := firstDiff(w, g, "$"); p != tt.path {
			t.Errorf("firstDiff(%s, %s) = %q, want %q", tt.want, tt.got, p, tt.path)
		}
		if eq := canonicalJSON(w) == canonicalJSON(g); eq != (tt.path == "") {
			t.Errorf("canonical equality of %s and %s = %v", tt.want, tt.got, eq)
		}
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		in  string
		off int
		msg string
	}{
		{`{"a": 'x'}`, 6, `invalid character '\'' looking for beginning of value`},
		{`{"a": "it\'s"}`, 10, `invalid escape '\'' in string`},
		{`{"a": 01}`, 7, `invalid number: leading zero`},
		{`[1, 2,]`, 6, `invalid character ']' looking for beginning of value`},
		{"\"a\nb\"", 2, `invalid control character '\n' in string (escape it)`},
		{`{"a": 1} x`, 9, `invalid character 'x' after top-level value`},
		{`{"a": 1, "a": 2}`, 9, `duplicate key "a"`},
		{``, 0, `unexpected end of JSON input`},
	}
	for _, tt := range tests {
		_, err := parseJSON(tt.in, true)
		if err == nil || err.Offset != tt.off || err.Msg != tt.msg {
			t.Errorf("parseJSON(%q) = %v at %d, want %q at %d", tt.in, err, errOffset(err), tt.msg, tt.off)
		}
	}
	for _, ok := range []string{`"\ud83d\ude00"`, `-0.5e+10`, ` {"a":[true,false,null]} `, `"\/"`} {
		if _, err := parseJSON(ok, true); err != nil {
			t.Errorf("parseJSON(%q): %v", ok, err)
		}
	}
	for lit, want := range map[string]bool{"1e3": true, "-0": true, "010": false, ".5": false, "true": true, "True": false, "1.": false, "0x1F": false, "": false} {
		if got := isJSONLiteral(lit); got != want {
			t.Errorf("isJSONLiteral(%q) = %v", lit, got)
		}
	}
}

func errOffset(e *jsonError) int {
	if e == nil {
		return -1
	}
	return e.Offset
}

func TestLineDiff(t *testing.T) {
	a := strings.Split("a b c d e f g h i j", " ")
	b := strings.Split("a b X d e f g h i j Y", " ")
	got := strings.Join(lineDiff(a, b), "\n")
	want := `@@ -1,6 +1,6 @@
 a
 b
-c
+X
 d
 e
 f
@@ -8,3 +8,4 @@
 h
 i
 j
+Y`
	if got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if d := lineDiff(a, a); d != nil {
		t.Errorf("equal inputs gave %q", d)
	}
}

func mustRE(s string) *regexp.Regexp { return regexp.MustCompile(s) }
