package cases

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite cases/README.md and testdata/errors/*.err")

// TestLoadErrors loads each broken file of testdata/errors and compares
// every reported problem with NAME.err, one "file:line:col: msg" a line.
// go test ./cases -run TestLoadErrors -update rewrites the .err files.
func TestLoadErrors(t *testing.T) {
	names, _ := filepath.Glob("testdata/errors/*.yaml")
	if len(names) == 0 {
		t.Fatal("no testdata/errors/*.yaml")
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			files, err := LoadFiles(name)
			if err == nil {
				t.Fatalf("%s loaded without error", name)
			}
			if len(files) != 0 {
				t.Errorf("LoadFiles returned %d files for a broken file", len(files))
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(name, ".yaml") + ".err"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o666); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", golden)
				return
			}
			want, rerr := os.ReadFile(golden)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if d := lineDiff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); d != nil {
				t.Errorf("%s: errors differ (-want +got):\n%s", name, strings.Join(d, "\n"))
			}
			src, _ := os.ReadFile(name)
			lines := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
			for _, e := range unjoin(err) {
				var le *Error
				if !errors.As(e, &le) {
					t.Errorf("%v is not a *cases.Error", e)
				} else if le.Pos.File != name || le.Pos.Line == 0 && !strings.Contains(name, "empty") {
					t.Errorf("%v: position %v does not name a line of %s", e, le.Pos, name)
				} else if le.Pos.Line > len(lines) {
					t.Errorf("%v: line %d is past the end of %s (%d lines)", e, le.Pos.Line, name, len(lines))
				} else if n := utf8.RuneCountInString(lines[max(le.Pos.Line, 1)-1]); le.Pos.Col > n+1 {
					t.Errorf("%v: column %d is past the end of line %d (%d characters)", e, le.Pos.Col, le.Pos.Line, n)
				}
			}
		})
	}
}

// TestLoadErrorsTogether loads the whole directory: every problem of every
// file comes back in one error, in file order.
func TestLoadErrorsTogether(t *testing.T) {
	_, err := LoadFiles("testdata/errors", "testdata/no-such-file.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	var want []string
	names, _ := filepath.Glob("testdata/errors/*.err")
	for _, n := range names {
		data, _ := os.ReadFile(n)
		want = append(want, strings.TrimSuffix(string(data), "\n"))
	}
	want = append(want, "testdata/no-such-file.yaml: cannot read case file: no such file or directory")
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors differ (-want +got):\n%s", strings.Join(lineDiff(strings.Split(strings.Join(want, "\n"), "\n"), strings.Split(got, "\n")), "\n"))
	}
	if n := len(unjoin(err)); n < 40 {
		t.Errorf("%d problems reported together, want them all (≥ 40)", n)
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestLoadValues(t *testing.T) {
	files, err := LoadFiles("testdata/schema/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := files[0]
	if got, want := len(f.Cases), 6; got != want {
		t.Fatalf("%d cases, want %d", got, want)
	}
	c := f.Cases[0]
	r := c.Request
	// YAML traps keep their text.
	for _, tt := range []struct {
		ps         Params
		name, want string
	}{
		{r.QueryStringParameters, "q", "no"},
		{r.QueryStringParameters, "n", "1e3"},
		{r.Headers, "X-Id", "0x1F"},
		{r.PathParameters, "id", "010"},
		{r.Context, "requestTimeEpoch", "1583349317135"},
		{r.Context, "identity.sourceIp", "203.0.113.1"},
		{r.Context, "identity.clientCert.validity.notAfter", "2030"},
		{r.Context, "authorizer.claims.cognito:groups", "admin"},
		{r.StageVariables, "env", "prod"},
	} {
		if got, ok := tt.ps.Get(tt.name); !ok || got != tt.want {
			t.Errorf("%s = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
	if r.Method != "PUT" || r.Path != "/items/010" || r.Body != "{\"a\": 1}\n" {
		t.Errorf("request = %s %s %q", r.Method, r.Path, r.Body)
	}
	// Defaults merge: the case's stage variable wins, the default header stays.
	if v, _ := r.Headers.GetFold("content-type"); v != "application/json" {
		t.Errorf("default Content-Type = %q", v)
	}
	if got := c.Request.ContentType(); got != "application/json" {
		t.Errorf("ContentType() = %q", got)
	}
	if got := c.Tags; !slices.Equal(got, []string{"smoke", "area:request"}) {
		t.Errorf("tags = %q", got)
	}
	if c.Want.EventPaths[1].Want.Text != "null" || c.Want.EventPaths[0].Want.Text != `"010"` {
		t.Errorf("eventPaths = %q, %q", c.Want.EventPaths[0].Want.Text, c.Want.EventPaths[1].Want.Text)
	}
	if c.Want.Event.Text != "{\"id\": \"010\"}\n" {
		t.Errorf("event text = %q (block scalars are kept as written)", c.Want.Event.Text)
	}

	in := f.Integration
	if in.Type != TypeAWS || in.PassthroughBehavior != Never || len(in.RequestTemplates) != 3 {
		t.Errorf("integration = %+v", in)
	}
	tf := in.RequestTemplate("APPLICATION/JSON")
	if tf == nil || tf.Path != filepath.Join("testdata/schema/valid/templates/t.request.vtl") || tf.Text != "{\"id\": \"$input.params('id')\"}\n" {
		t.Fatalf("file template = %+v", tf)
	}
	if p := tf.Position(1, 9); p.String() != "testdata/schema/valid/templates/t.request.vtl:1:9" {
		t.Errorf("file template position = %v", p)
	}
	if tt := in.RequestTemplate("text/plain"); tt == nil || tt.Text != "" {
		t.Errorf("empty template = %+v", tt)
	}
	// The inline block template starts on line 22 (the line after "|"),
	// indented 6 columns.
	x := in.RequestTemplate("application/xml")
	if x.Text != "<id>$input.params('id')</id>\n" || x.Line != 22 || x.Indent != 6 {
		t.Errorf("inline template = %+v", x)
	}
	if p := x.Position(1, 5); p.String() != "testdata/schema/valid/full.yaml:22:11" {
		t.Errorf("inline template position = %v", p)
	}
	// A single-quoted inline template: columns start after the quote.
	q := in.Responses[1].ResponseTemplate("application/json")
	if q.Text != "$input.path('$.errorMessage')" {
		t.Errorf("quoted template text = %q", q.Text)
	}
	if p := q.Position(1, 1); p.String() != "testdata/schema/valid/full.yaml:33:28" {
		t.Errorf("quoted template position = %v", p)
	}
	if d := in.Default(); d == nil || d.StatusCode != "200" || len(d.ResponseParameters) != 3 {
		t.Errorf("default response = %+v", d)
	} else if p := d.ResponseParameters[0]; p.Header != "X-Literal" || p.Source != "'yes'" {
		t.Errorf("response parameter = %+v", p)
	}
	if in.Responses[1].StatusCode != "400" || in.Responses[1].SelectionPattern != `.*"status":400.*` {
		t.Errorf("400 response = %+v", in.Responses[1])
	}

	resp := f.Cases[1]
	if resp.Skip != "not yet" || resp.Lambda.ErrorPayload.Text != `{"errorMessage":"x","errorType":"Error"}` {
		t.Errorf("response case = %+v, payload %q", resp, resp.Lambda.ErrorPayload.Text)
	}
	if resp.Lambda.Runtime != "nodejs" {
		t.Errorf("default runtime = %q", resp.Lambda.Runtime)
	}
	e2e := f.Cases[2]
	if got := e2e.Lambda.Result.Text; got != `[1,"two",{"three":3.0},true,null]` {
		t.Errorf("result = %s", got)
	}
	if e2e.Lambda.Runtime != "python" || e2e.Request.Method != "POST" {
		t.Errorf("e2e = %+v", e2e)
	}
	if v, _ := e2e.Request.PathParameters.Get("id"); v != "1" {
		t.Errorf("derived path parameter id = %q", v)
	}
	if le := f.Cases[3].Lambda.Error; le.Type != "Error" || le.Message != `{"status":400}` {
		t.Errorf("lambda error = %+v", le)
	}
	if f.Cases[4].Lambda.Timeout != 3 || f.Cases[5].Lambda.InvocationError != "throttled" {
		t.Errorf("timeout/invocation = %+v %+v", f.Cases[4].Lambda, f.Cases[5].Lambda)
	}
}

func TestResourceMatch(t *testing.T) {
	tests := []struct {
		resource, path string
		want           string // "name=value,..." or "no"
	}{
		{"/", "/", ""},
		{"/{hoge}", "/fuga", "hoge=fuga"},
		{"/{hoge}", "/", "no"},
		{"/{hoge}", "/a/b", "no"},
		{"/items/{id}/parts/{part}", "/items/7/parts/x%2Fy", "id=7,part=x%2Fy"},
		{"/items/{id}", "/users/7", "no"},
		{"/files/{proxy+}", "/files/a/b/c", "proxy=a/b/c"},
		{"/files/{proxy+}", "/files", "no"},
	}
	for _, tt := range tests {
		fl := &fileLoader{loader: &loader{}}
		r := fl.resource(nil, tt.resource)
		if r == nil {
			t.Fatalf("resource %q rejected: %v", tt.resource, fl.errs)
		}
		ps, ok := r.match(tt.path)
		got := "no"
		if ok {
			var parts []string
			for _, p := range ps {
				parts = append(parts, p.Name+"="+p.Value)
			}
			got = strings.Join(parts, ",")
		}
		if got != tt.want {
			t.Errorf("%s matched against %s = %q, want %q", tt.path, tt.resource, got, tt.want)
		}
	}
}

func TestLoadDirectorySkipsTestdata(t *testing.T) {
	files, err := LoadFiles(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 || filepath.Base(files[0].Path) != "01-seed-hoge.yaml" {
		t.Fatalf("first file = %v, want the seed", files)
	}
	for _, f := range files {
		if strings.Contains(f.Path, "testdata") {
			t.Errorf("loaded %s", f.Path)
		}
	}
}

func TestCompilePatternHook(t *testing.T) {
	var seen []string
	o := Options{CompilePattern: func(p string) error {
		seen = append(seen, p)
		if p == `^\[400:.*` {
			return errors.New("rejected by the hook")
		}
		return nil
	}}
	_, err := o.LoadFiles("01-seed-hoge.yaml")
	if err == nil || !strings.Contains(err.Error(), `01-seed-hoge.yaml:29:25: invalid selectionPattern "^\\[400:.*": rejected by the hook`) {
		t.Errorf("err = %v", err)
	}
	if !slices.Equal(seen, []string{`^\[400:.*`}) {
		t.Errorf("hook saw %q", seen)
	}
}

func TestReadFileHook(t *testing.T) {
	o := Options{ReadFile: func(name string) ([]byte, error) {
		switch filepath.ToSlash(name) {
		case "mem/a.yaml":
			return []byte("integration:\n  requestTemplates:\n    application/json: {file: t.vtl}\ncases:\n  - {name: a, kind: request, want: {eventText: x}}\n"), nil
		case "mem/t.vtl":
			return []byte("x"), nil
		}
		return nil, os.ErrNotExist
	}}
	files, err := o.LoadFiles("mem/a.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := files[0].Integration.RequestTemplates[0].Text; got != "x" {
		t.Errorf("template = %q", got)
	}
}
