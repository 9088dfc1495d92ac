package cases

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dlclark/regexp2"
	"github.com/vtlcheck/vtlcheck/vtleval/apigw"
	"go.yaml.in/yaml/v3"
)

// Options configures the loader. The zero value is usable. Files load in
// parallel, so the hooks may be called concurrently.
type Options struct {
	// CompilePattern validates a selectionPattern (a Java regular
	// expression). nil uses [CheckPattern].
	CompilePattern func(pattern string) error
	// ReadFile reads case and template files. nil uses os.ReadFile.
	ReadFile func(name string) ([]byte, error)
}

// CheckPattern is the default selectionPattern check: the pattern must
// compile with github.com/dlclark/regexp2, whose syntax is close to Java's.
// Plug the engine's own Java-regex compiler into [Options] to be exact.
func CheckPattern(pattern string) error {
	_, err := regexp2.Compile(pattern, regexp2.None)
	return err
}

// LoadFiles loads case files with the default [Options]. See
// [Options.LoadFiles].
func LoadFiles(paths ...string) ([]*File, error) {
	return Options{}.LoadFiles(paths...)
}

// LoadFiles loads the case files named by paths. A directory is walked for
// *.yaml and *.yml files in lexical order, skipping directories named
// testdata or starting with "." or "_"; a file is loaded whatever its name.
//
// Every problem of every file is reported: the error is an [errors.Join]
// of *[Error] values, one per problem, each printing as
// "file:line:col: msg", in file order. The files returned are those that
// loaded without problems; a caller should not run cases when the error is
// not nil.
func (o Options) LoadFiles(paths ...string) ([]*File, error) {
	l := &loader{opts: o, tmplCache: map[string]tmplFile{}}
	if l.opts.ReadFile == nil {
		l.opts.ReadFile = os.ReadFile
	}
	if l.opts.CompilePattern == nil {
		l.opts.CompilePattern = CheckPattern
	}
	var names []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			names = append(names, p) // ReadFile reports a missing file
			continue
		}
		err = filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := d.Name()
			if d.IsDir() {
				if name != p && (base == "testdata" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") {
				names = append(names, name)
			}
			return nil
		})
		if err != nil {
			l.errs = append(l.errs, &Error{Pos: Pos{File: p}, Msg: err.Error()})
		}
	}
	// Files load in parallel; results keep the order of names.
	type result struct {
		f    *File
		errs []error
	}
	results := make([]result, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				fl := &fileLoader{loader: l, path: names[i]}
				f := fl.load()
				results[i] = result{f, fl.errs}
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	var files []*File
	for _, r := range results {
		l.errs = append(l.errs, r.errs...)
		if r.f != nil && len(r.errs) == 0 {
			files = append(files, r.f)
		}
	}
	return files, errors.Join(l.errs...)
}

type tmplFile struct {
	text string
	err  error
}

type loader struct {
	opts Options
	errs []error // problems outside any file (walking directories)

	mu        sync.Mutex
	tmplCache map[string]tmplFile // template files read so far, by path
}

// readTemplate reads a template file once per load.
func (l *loader) readTemplate(p string) tmplFile {
	l.mu.Lock()
	tf, seen := l.tmplCache[p]
	l.mu.Unlock()
	if !seen {
		data, err := l.opts.ReadFile(p)
		tf = tmplFile{text: string(data), err: err}
		l.mu.Lock()
		l.tmplCache[p] = tf
		l.mu.Unlock()
	}
	return tf
}

// fileLoader loads one file.
type fileLoader struct {
	*loader
	path  string
	dir   string
	lines []string // source lines, for block scalar indentation
	errs  []error
}

func (fl *fileLoader) pos(n *yaml.Node) Pos {
	return Pos{File: fl.path, Line: n.Line, Col: n.Column}
}

func (fl *fileLoader) errorf(n *yaml.Node, format string, args ...any) {
	fl.errs = append(fl.errs, &Error{Pos: fl.pos(n), Msg: fmt.Sprintf(format, args...)})
}

func (fl *fileLoader) errorAt(p Pos, format string, args ...any) {
	fl.errs = append(fl.errs, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (fl *fileLoader) load() *File {
	path := fl.path
	src, err := fl.opts.ReadFile(path)
	if err != nil {
		fl.errorAt(Pos{File: path}, "cannot read case file: %s", unwrapPathError(err))
		return nil
	}
	fl.dir = filepath.Dir(path)
	fl.lines = strings.Split(string(src), "\n")
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			fl.errorAt(Pos{File: path, Line: 1, Col: 1}, "empty case file")
			return nil
		}
		fl.yamlError(err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		fl.errorf(&extra, "a case file holds one YAML document; found another")
		return nil
	} else if err != io.EOF {
		fl.yamlError(err)
		return nil
	}
	if len(doc.Content) == 0 {
		fl.errorAt(Pos{File: path, Line: 1, Col: 1}, "empty case file")
		return nil
	}
	before := len(fl.errs)
	fl.checkPlainYAML(doc.Content[0])
	if len(fl.errs) > before {
		return nil
	}
	return fl.file(doc.Content[0])
}

// yamlParserProblems are the messages of yaml.v3's parser (parserc.go),
// as opposed to its scanner's.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected <document start>", "did not find expected <stream-start>",
	"did not find expected '-' indicator", "did not find expected key",
	"did not find expected node content", "found duplicate %YAML directive",
	"found duplicate %TAG directive", "found incompatible YAML document",
	"found undefined tag handle",
}

func (fl *fileLoader) yamlError(err error) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if slices.ContainsFunc(yamlParserProblems, func(p string) bool { return strings.HasPrefix(m[2], p) }) {
			line++ // yaml.v3 reports parser (not scanner) problems with 0-based lines
		}
		fl.errorAt(Pos{File: fl.path, Line: line}, "YAML: %s", m[2])
		return
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	p := Pos{File: fl.path}
	if !strings.Contains(msg, "UTF-8") && !strings.Contains(msg, "control characters") {
		p.Line = 1 // yaml.v3 omits the line when it is the first (0-based 0)
	}
	fl.errorAt(p, "YAML: %s", msg)
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkPlainYAML rejects anchors, aliases and explicit tags anywhere: they
// would let a value differ from what is written where it is used.
func (fl *fileLoader) checkPlainYAML(n *yaml.Node) {
	switch {
	case n.Kind == yaml.AliasNode:
		fl.errorf(n, "YAML aliases are not supported; use defaults: for shared values")
		return
	case n.Anchor != "":
		fl.errorf(n, "YAML anchors are not supported; use defaults: for shared values")
	case n.Style&yaml.TaggedStyle != 0:
		fl.errorf(n, "YAML tags (%s) are not supported; values are taken as written", n.Tag)
	}
	for _, c := range n.Content {
		fl.checkPlainYAML(c)
	}
}

// fields checks that n is a mapping of object obj: keys are strings, known,
// not repeated, and the required ones are present. It returns the value
// nodes by key (nil when n is not a mapping).
func (fl *fileLoader) fields(n *yaml.Node, obj string) map[string]*yaml.Node {
	specs, ok := objects[obj]
	if !ok {
		panic("cases: unknown object " + obj)
	}
	if n.Kind != yaml.MappingNode {
		fl.errorf(n, "%s must be a mapping, got %s", objectWord(obj), nodeWord(n))
		return nil
	}
	m := map[string]*yaml.Node{}
	keyNodes := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			fl.errorf(k, "keys must be strings, got %s", nodeWord(k))
			continue
		}
		if prev, dup := keyNodes[k.Value]; dup {
			fl.errorf(k, "duplicate key %q (first at %s)", k.Value, at(prev))
			continue
		}
		keyNodes[k.Value] = k
		if !slices.ContainsFunc(specs, func(s fieldSpec) bool { return s.Name == k.Value }) {
			fl.errorf(k, "unknown key %q in %s%s", k.Value, objectWord(obj), hint(k.Value, specs))
			continue
		}
		m[k.Value] = v
	}
	for _, s := range specs {
		if s.Required && keyNodes[s.Name] == nil {
			fl.errorf(n, "%s has no %q", objectWord(obj), s.Name)
		}
	}
	return m
}

func hint(key string, specs []fieldSpec) string {
	if h, ok := keyHints[key]; ok && !slices.ContainsFunc(specs, func(s fieldSpec) bool { return s.Name == key }) {
		if strings.HasPrefix(h, "did you mean") {
			// Only hint at keys that exist here.
			for _, s := range specs {
				if strings.Contains(h, `"`+s.Name+`"`) {
					return "; " + h
				}
			}
		} else {
			return "; " + h
		}
	}
	best, bestD := "", 3
	for _, s := range specs {
		if strings.EqualFold(s.Name, key) {
			return fmt.Sprintf("; did you mean %q?", s.Name)
		}
		if d := levenshtein(strings.ToLower(key), strings.ToLower(s.Name)); d < bestD {
			best, bestD = s.Name, d
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	return " (known keys: " + strings.Join(names, ", ") + ")"
}

// at formats a node's position for "first at" remarks.
func at(n *yaml.Node) string { return fmt.Sprintf("%d:%d", n.Line, n.Column) }

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

var objectWords = map[string]string{
	"file": "the case file", "defaults": "defaults", "lambdaDefaults": "defaults.lambda",
	"integration": "integration", "response": "an integration response",
	"templateFile": "a template reference", "case": "a case", "request": "request",
	"lambda": "lambda", "lambdaError": "lambda.error", "http": "http", "want": "want",
	"context": "context", "identity": "context.identity", "clientCert": "context.identity.clientCert",
	"validity": "context.identity.clientCert.validity",
}

func objectWord(obj string) string {
	if w, ok := objectWords[obj]; ok {
		return w
	}
	return obj
}

func nodeWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			if n.Value == "" {
				return "nothing"
			}
			return "null"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		}
		return "a string"
	}
	return "something else"
}

// str reads a YAML string (plain, quoted or block).
func (fl *fileLoader) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		fl.errorf(n, "%s must be a string, got %s", what, nodeWord(n))
		return "", false
	}
	return n.Value, true
}

// text reads any scalar as written: `010`, `no` and `1e3` stay exactly
// that text.
func (fl *fileLoader) text(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		msg := fmt.Sprintf("%s must be a scalar, got %s", what, nodeWord(n))
		if n.Kind == yaml.ScalarNode && n.Value != "" {
			msg += fmt.Sprintf(" (quote it for the text %q)", n.Value)
		} else if n.Kind == yaml.ScalarNode {
			msg += ` (write "" for empty text)`
		}
		fl.errorf(n, "%s", msg)
		return "", false
	}
	return n.Value, true
}

func (fl *fileLoader) enum(n *yaml.Node, typ, what string) (string, bool) {
	s, ok := fl.str(n, what)
	if !ok {
		return "", false
	}
	vals := enums[typ]
	if slices.Contains(vals, s) {
		return s, true
	}
	msg := fmt.Sprintf("%s must be one of %s, got %q", what, strings.Join(vals, ", "), s)
	for _, v := range vals {
		if strings.EqualFold(v, s) {
			msg += fmt.Sprintf("; did you mean %q?", v)
			break
		}
	}
	if typ == "passthroughBehavior" && s == "WHEN_NO_TEMPLATE" {
		msg += `; did you mean "WHEN_NO_TEMPLATES"? (some AWS docs misspell it; the API rejects it)`
	}
	fl.errorf(n, "%s", msg)
	return "", false
}

func (fl *fileLoader) boolean(n *yaml.Node, what string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		fl.errorf(n, "%s must be true or false, got %s", what, nodeWord(n))
		return false, false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", true
}

var statusRE = regexp.MustCompile(`^[1-5][0-9][0-9]$`)

func (fl *fileLoader) statusCode(n *yaml.Node, what string) (string, bool) {
	s, ok := fl.text(n, what)
	if !ok {
		return "", false
	}
	if !statusRE.MatchString(s) {
		fl.errorf(n, "%s must be an HTTP status code (100-599), got %q", what, s)
		return "", false
	}
	return s, true
}

func (fl *fileLoader) file(root *yaml.Node) *File {
	f := &File{Path: fl.path}
	m := fl.fields(root, "file")
	if m == nil {
		return nil
	}
	if n := m["description"]; n != nil {
		f.Description, _ = fl.str(n, "description")
	}
	if n := m["source"]; n != nil {
		f.Source, _ = fl.str(n, "source")
	}
	var res *resource
	if n := m["resource"]; n != nil {
		if s, ok := fl.str(n, "resource"); ok {
			f.Resource = s
			res = fl.resource(n, s)
		}
	}
	var defReq *reqPart
	defRuntime := ""
	if n := m["defaults"]; n != nil {
		if dm := fl.fields(n, "defaults"); dm != nil {
			if rn := dm["request"]; rn != nil {
				defReq = fl.request(rn)
			}
			if ln := dm["lambda"]; ln != nil {
				if lm := fl.fields(ln, "lambdaDefaults"); lm != nil && lm["runtime"] != nil {
					defRuntime, _ = fl.enum(lm["runtime"], "runtime", "runtime")
				}
			}
		}
	}
	if n := m["integration"]; n != nil {
		f.Integration = fl.integration(n)
	}
	if f.Integration == nil {
		f.Integration = &Integration{Type: TypeAWS, PassthroughBehavior: WhenNoMatch}
	}
	if n := m["cases"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			fl.errorf(n, "cases must be a list, got %s", nodeWord(n))
		} else if len(n.Content) == 0 {
			fl.errorf(n, "cases is empty")
		} else {
			names := map[string]*yaml.Node{}
			for _, cn := range n.Content {
				if nn := caseName(cn); nn != nil {
					if first, dup := names[nn.Value]; dup {
						fl.errorf(nn, "duplicate case name %q (first at %s)", nn.Value, at(first))
					} else {
						names[nn.Value] = nn
					}
				}
				if c := fl.caseOf(cn, f, defReq, defRuntime, res); c != nil {
					f.Cases = append(f.Cases, c)
				}
			}
		}
	}
	return f
}

// resource is a parsed resource path: "/{hoge}", "/items/{id}/{proxy+}".
type resource struct {
	segs []string
}

func (fl *fileLoader) resource(n *yaml.Node, s string) *resource {
	if !strings.HasPrefix(s, "/") {
		fl.errorf(n, "resource must start with /, got %q", s)
		return nil
	}
	r := &resource{}
	if s == "/" {
		return r
	}
	segs := strings.Split(s[1:], "/")
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") {
			name := strings.TrimSuffix(strings.TrimPrefix(seg, "{"), "}")
			greedy := strings.HasSuffix(name, "+")
			name = strings.TrimSuffix(name, "+")
			if !strings.HasSuffix(seg, "}") || name == "" || strings.ContainsAny(name, "{}+") {
				fl.errorf(n, "resource segment %q must be {name} or {name+}", seg)
				return nil
			}
			if greedy && i != len(segs)-1 {
				fl.errorf(n, "resource: a greedy segment {%s+} must be the last", name)
				return nil
			}
		} else if seg == "" || strings.ContainsAny(seg, "{}") {
			fl.errorf(n, "resource segment %q is not valid", seg)
			return nil
		}
	}
	r.segs = segs
	return r
}

// match matches a request path against the resource, returning the path
// parameters (as written, not URL-decoded).
func (r *resource) match(path string) (Params, bool) {
	var ps Params
	if path == "/" {
		return nil, len(r.segs) == 0
	}
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	for i, rs := range r.segs {
		if i >= len(segs) {
			return nil, false
		}
		if !strings.HasPrefix(rs, "{") {
			if rs != segs[i] {
				return nil, false
			}
			continue
		}
		name := strings.TrimSuffix(rs[1:len(rs)-1], "+")
		if strings.HasSuffix(rs, "+}") {
			rest := strings.Join(segs[i:], "/")
			if rest == "" {
				return nil, false
			}
			return append(ps, Param{Name: name, Value: rest}), true
		}
		if segs[i] == "" {
			return nil, false
		}
		ps = append(ps, Param{Name: name, Value: segs[i]})
	}
	return ps, len(segs) == len(r.segs)
}

func (fl *fileLoader) integration(n *yaml.Node) *Integration {
	m := fl.fields(n, "integration")
	in := &Integration{Type: TypeAWS, PassthroughBehavior: WhenNoMatch, Pos: fl.pos(n)}
	if m == nil {
		return in
	}
	if v := m["type"]; v != nil {
		if s, ok := fl.enum(v, "integrationType", "integration.type"); ok {
			in.Type = strings.ToUpper(s)
		}
	}
	if v := m["requestTemplates"]; v != nil {
		in.RequestTemplates = fl.templates(v, "requestTemplates")
	}
	if v := m["passthroughBehavior"]; v != nil {
		if s, ok := fl.enum(v, "passthroughBehavior", "passthroughBehavior"); ok {
			in.PassthroughBehavior = s
		}
	}
	for _, k := range []struct {
		key string
		dst *string
	}{{"uri", &in.URI}, {"httpMethod", &in.HTTPMethod}, {"credentials", &in.Credentials}} {
		if v := m[k.key]; v != nil {
			*k.dst, _ = fl.str(v, k.key)
		}
	}
	if v := m["responses"]; v != nil {
		if v.Kind == yaml.MappingNode {
			fl.errorf(v, "responses must be a list of {statusCode, selectionPattern, responseTemplates, responseParameters}; "+
				"for OpenAPI's map form, move each key into selectionPattern (omit it for \"default\")")
		} else if v.Kind != yaml.SequenceNode {
			fl.errorf(v, "responses must be a list, got %s", nodeWord(v))
		} else {
			var def *IntegrationResponse
			codes := map[string]*IntegrationResponse{}
			for _, rn := range v.Content {
				r := fl.integrationResponse(rn)
				if r == nil {
					continue
				}
				if r.StatusCode != "" {
					if prev := codes[r.StatusCode]; prev != nil {
						fl.errorAt(r.Pos, "a second integration response for status %s (first at %d:%d); API Gateway keys integration responses by status code", r.StatusCode, prev.Pos.Line, prev.Pos.Col)
					}
					codes[r.StatusCode] = r
				}
				if r.SelectionPattern == "" {
					if def != nil {
						fl.errorAt(r.Pos, "a second default response (no selectionPattern; first at %d:%d)", def.Pos.Line, def.Pos.Col)
					}
					def = r
				}
				in.Responses = append(in.Responses, r)
			}
		}
	}
	return in
}

func (fl *fileLoader) integrationResponse(n *yaml.Node) *IntegrationResponse {
	m := fl.fields(n, "response")
	if m == nil {
		return nil
	}
	r := &IntegrationResponse{Pos: fl.pos(n), PatternPos: fl.pos(n)}
	if v := m["statusCode"]; v != nil {
		r.StatusCode, _ = fl.statusCode(v, "statusCode")
	}
	if v := m["selectionPattern"]; v != nil {
		r.PatternPos = fl.pos(v)
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && v.Value == "" {
			// "" is API Gateway's spelling of "no pattern".
		} else if s, ok := fl.text(v, "selectionPattern"); ok {
			if err := fl.opts.CompilePattern(s); err != nil {
				fl.errorf(v, "invalid selectionPattern %q: %v", s, err)
			}
			r.SelectionPattern = s
		}
	}
	if v := m["responseTemplates"]; v != nil {
		r.ResponseTemplates = fl.templates(v, "responseTemplates")
	}
	if v := m["responseParameters"]; v != nil {
		r.ResponseParameters = fl.responseParameters(v)
	}
	return r
}

var mediaTypeRE = regexp.MustCompile(`^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+*-]+$`)

func (fl *fileLoader) templates(n *yaml.Node, what string) []*Template {
	if n.Kind != yaml.MappingNode {
		fl.errorf(n, "%s must be a mapping from content type to template, got %s", what, nodeWord(n))
		return nil
	}
	var ts []*Template
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ct, ok := fl.str(k, "a content type")
		if !ok {
			continue
		}
		if !mediaTypeRE.MatchString(ct) {
			fl.errorf(k, "%s key %q is not a media type (type/subtype, without parameters)", what, ct)
			continue
		}
		if first, dup := seen[strings.ToLower(ct)]; dup {
			fl.errorf(k, "duplicate content type %q (first at %s)", ct, at(first))
			continue
		}
		seen[strings.ToLower(ct)] = k
		if t := fl.template(v, ct); t != nil {
			ts = append(ts, t)
		}
	}
	return ts
}

func (fl *fileLoader) template(n *yaml.Node, ct string) *Template {
	t := &Template{ContentType: ct, Pos: fl.pos(n), Name: fl.path}
	switch n.Kind {
	case yaml.MappingNode:
		m := fl.fields(n, "templateFile")
		if m == nil || m["file"] == nil {
			return nil
		}
		fn := m["file"]
		rel, ok := fl.str(fn, "file")
		if !ok {
			return nil
		}
		p := rel
		if !filepath.IsAbs(p) {
			p = filepath.Join(fl.dir, filepath.FromSlash(rel))
		}
		tf := fl.readTemplate(p)
		if tf.err != nil {
			fl.errorf(fn, "cannot read template %s: %s", p, unwrapPathError(tf.err))
			return nil
		}
		t.Text, t.Path, t.Name = tf.text, p, p
		t.Line, t.Col = 1, 1
		return t
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" && n.Value == "" {
			fl.errorf(n, `template for %s is missing (write "" for an empty template, which passes the body through)`, ct)
			return nil
		}
		if n.ShortTag() != "!!str" {
			fl.errorf(n, "template for %s must be a string, got %s; quote it", ct, nodeWord(n))
			return nil
		}
		t.Text = n.Value
		switch {
		case n.Style&yaml.FoldedStyle != 0:
			fl.errorf(n, "a folded block scalar (>) joins template lines; use a literal one (|)")
			return nil
		case n.Style&yaml.LiteralStyle != 0:
			t.Line = n.Line + 1
			t.Indent = fl.blockIndent(n)
			t.Col = t.Indent + 1
		case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			t.Line, t.Col, t.Indent = n.Line, n.Column+1, n.Column
		default:
			t.Line, t.Col, t.Indent = n.Line, n.Column, n.Column-1
		}
		if !strings.ContainsAny(t.Text, "\n$#") && strings.HasSuffix(t.Text, ".vtl") {
			fl.errorf(n, "template for %s is the text %q; to read a file write {file: %s}", ct, t.Text, t.Text)
			return nil
		}
		return t
	}
	fl.errorf(n, "a template must be a string or {file: path}, got %s", nodeWord(n))
	return nil
}

// blockIndent returns the indentation of a block scalar's content: the
// leading spaces of its first non-blank line.
func (fl *fileLoader) blockIndent(n *yaml.Node) int {
	for i := n.Line; i < len(fl.lines); i++ { // fl.lines[n.Line] is the line after the indicator
		line := fl.lines[i]
		trimmed := strings.TrimLeft(line, " ")
		if strings.TrimSpace(trimmed) == "" {
			continue
		}
		return len(line) - len(trimmed)
	}
	return 0
}

// blockPos maps a byte offset in a literal block scalar's value to its
// position in the file. The value's final line break (which YAML adds
// even when the file has none) and trailing blank lines are not lines of
// the file: an offset at the end of the value, where "unexpected end of
// JSON input" is reported, maps to the end of the block's last non-blank
// line, and to the block indicator (|) when the block has no content.
func (fl *fileLoader) blockPos(n *yaml.Node, off int) Pos {
	s := n.Value
	if off >= len(s) {
		off = len(strings.TrimRight(s, " \t\r\n"))
		if off == 0 {
			return fl.pos(n)
		}
	}
	line, col := offsetLineCol(s, off)
	return Pos{File: fl.path, Line: n.Line + line, Col: fl.blockIndent(n) + col}
}

func (fl *fileLoader) responseParameters(n *yaml.Node) []*ResponseParameter {
	if n.Kind != yaml.MappingNode {
		fl.errorf(n, "responseParameters must be a mapping, got %s", nodeWord(n))
		return nil
	}
	var ps []*ResponseParameter
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := fl.str(k, "a responseParameters key")
		if !ok {
			continue
		}
		header, err := apigw.ResponseParameterHeader(key)
		if err != nil {
			fl.errorf(k, "responseParameters %v", err)
			continue
		}
		if first, dup := seen[strings.ToLower(key)]; dup {
			fl.errorf(k, "duplicate key %q (first at %s)", key, at(first))
			continue
		}
		seen[strings.ToLower(key)] = k
		src, ok := fl.str(v, "a responseParameters value")
		if !ok {
			continue
		}
		// API Gateway rejects a bad mapping expression when the
		// integration response is put (apigw.CheckMappingExpression).
		if err := apigw.CheckMappingExpression(src); err != nil {
			fl.errorf(v, "%v", err)
			continue
		}
		ps = append(ps, &ResponseParameter{Key: key, Header: header, Source: src, Pos: fl.pos(v)})
	}
	return ps
}

// reqPart is a request as written (in defaults or a case), before merging.
type reqPart struct {
	method, path   string
	methodN, pathN *yaml.Node
	pathParams     Params
	pathParamsN    *yaml.Node
	query, headers Params
	stage, context Params
	body           *string
	pos            Pos
}

func (fl *fileLoader) request(n *yaml.Node) *reqPart {
	m := fl.fields(n, "request")
	if m == nil {
		return nil
	}
	r := &reqPart{pos: fl.pos(n)}
	if v := m["method"]; v != nil {
		r.method, _ = fl.enum(v, "method", "method")
		r.methodN = v
	}
	if v := m["path"]; v != nil {
		if s, ok := fl.str(v, "path"); ok {
			switch {
			case !strings.HasPrefix(s, "/"):
				fl.errorf(v, "path must start with /, got %q", s)
			case strings.ContainsAny(s, "?#"):
				fl.errorf(v, "path %q has a query string; give it as queryStringParameters", s)
			default:
				r.path, r.pathN = s, v
			}
		}
	}
	if v := m["pathParameters"]; v != nil {
		r.pathParams, r.pathParamsN = fl.params(v, "pathParameters", false), v
	}
	if v := m["queryStringParameters"]; v != nil {
		r.query = fl.params(v, "queryStringParameters", false)
	}
	if v := m["headers"]; v != nil {
		r.headers = fl.params(v, "headers", true)
	}
	if v := m["stageVariables"]; v != nil {
		r.stage = fl.params(v, "stageVariables", false)
	}
	if v := m["context"]; v != nil {
		r.context = fl.context(v, "context", "", nil)
	}
	if v := m["body"]; v != nil {
		if s, ok := fl.text(v, "body"); ok {
			r.body = &s
		}
	}
	return r
}

// params reads a mapping of names to scalars taken as written.
func (fl *fileLoader) params(n *yaml.Node, what string, fold bool) Params {
	if n.Kind != yaml.MappingNode {
		fl.errorf(n, "%s must be a mapping of names to values, got %s", what, nodeWord(n))
		return nil
	}
	var ps Params
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name, ok := fl.text(k, "a name in "+what)
		if !ok {
			continue
		}
		key := name
		if fold {
			key = strings.ToLower(name)
		}
		if first, dup := seen[key]; dup {
			fl.errorf(k, "duplicate name %q in %s (first at %s)", name, what, at(first))
			continue
		}
		seen[key] = k
		val, ok := fl.text(v, what+"."+name)
		if !ok {
			continue
		}
		ps = append(ps, Param{Name: name, Value: val, Pos: fl.pos(v)})
	}
	return ps
}

// context reads $context overrides, flattening nested maps with dots.
// obj is the object of known keys, or "" for free-form (authorizer).
func (fl *fileLoader) context(n *yaml.Node, obj, prefix string, ps Params) Params {
	what := "context"
	if prefix != "" {
		what += "." + strings.TrimSuffix(prefix, ".")
	}
	var m map[string]*yaml.Node
	if obj != "" {
		m = fl.fields(n, obj)
		if m == nil {
			return ps
		}
	} else if n.Kind != yaml.MappingNode {
		fl.errorf(n, "%s must be a mapping, got %s", what, nodeWord(n))
		return ps
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if obj != "" && m[k.Value] != v {
			continue // reported by fields
		}
		name, ok := fl.text(k, "a key in "+what)
		if !ok {
			continue
		}
		if obj == "" {
			if first, dup := seen[name]; dup {
				fl.errorf(k, "duplicate key %q (first at %s)", name, at(first))
				continue
			}
			seen[name] = k
		}
		if strings.Contains(name, ".") {
			fl.errorf(k, "%s key %q contains a dot; nest mappings instead", what, name)
			continue
		}
		typ := "authorizer"
		if obj != "" {
			for _, s := range objects[obj] {
				if s.Name == name {
					typ = s.Type
				}
			}
		}
		switch {
		case typ == "text" || typ == "authorizer" && v.Kind == yaml.ScalarNode:
			if val, ok := fl.text(v, what+"."+name); ok {
				ps = append(ps, Param{Name: prefix + name, Value: val, Pos: fl.pos(v)})
			}
		case typ == "authorizer":
			ps = fl.context(v, "", prefix+name+".", ps)
		default:
			ps = fl.context(v, typ, prefix+name+".", ps)
		}
	}
	return ps
}

func mergeParams(def, own Params, fold bool) Params {
	out := slices.Clone(def)
	for _, p := range own {
		i := slices.IndexFunc(out, func(q Param) bool {
			if fold {
				return strings.EqualFold(q.Name, p.Name)
			}
			return q.Name == p.Name
		})
		if i >= 0 {
			out[i] = p
		} else {
			out = append(out, p)
		}
	}
	return out
}

// mergeRequest applies defaults and derives path parameters.
func (fl *fileLoader) mergeRequest(def, own *reqPart, res *resource, casePos Pos) *Request {
	if def == nil {
		def = &reqPart{}
	}
	if own == nil {
		own = &reqPart{pos: casePos}
	}
	r := &Request{Method: "GET", Pos: own.pos}
	for _, p := range []*reqPart{def, own} {
		if p.method != "" {
			r.Method = p.method
		}
		if p.path != "" {
			r.Path = p.path
		}
		if p.body != nil {
			r.Body = *p.body
		}
	}
	r.PathParameters = mergeParams(def.pathParams, own.pathParams, false)
	r.QueryStringParameters = mergeParams(def.query, own.query, false)
	r.Headers = mergeParams(def.headers, own.headers, true)
	r.StageVariables = mergeParams(def.stage, own.stage, false)
	r.Context = mergeParams(def.context, own.context, false)
	if res != nil && r.Path != "" {
		pathN := own.pathN
		if pathN == nil {
			pathN = def.pathN
		}
		ppN := own.pathParamsN
		if ppN == nil {
			ppN = def.pathParamsN
		}
		if ppN != nil {
			fl.errorf(ppN, "pathParameters come from matching path against the resource; give path or pathParameters, not both")
			return r
		}
		ps, ok := res.match(r.Path)
		if !ok {
			fl.errorf(pathN, "path %q does not match the resource", r.Path)
			return r
		}
		for i := range ps {
			ps[i].Pos = fl.pos(pathN)
		}
		r.PathParameters = ps
	}
	return r
}

// caseName returns the name node of a case mapping, or nil.
func caseName(n *yaml.Node) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1]
		}
	}
	return nil
}

func (fl *fileLoader) caseOf(n *yaml.Node, f *File, defReq *reqPart, defRuntime string, res *resource) *Case {
	m := fl.fields(n, "case")
	if m == nil {
		return nil
	}
	before := len(fl.errs)
	c := &Case{File: f, Source: f.Source, Pos: fl.pos(n)}
	if v := m["name"]; v != nil {
		if s, ok := fl.str(v, "name"); ok && strings.TrimSpace(s) == "" {
			fl.errorf(v, "name must not be empty")
		} else {
			c.Name = s
		}
	}
	if v := m["description"]; v != nil {
		c.Description, _ = fl.str(v, "description")
	}
	if v := m["source"]; v != nil {
		c.Source, _ = fl.str(v, "source")
	}
	if v := m["kind"]; v != nil {
		if s, ok := fl.enum(v, "kind", "kind"); ok {
			c.Kind = Kind(s)
		}
	}
	if v := m["tags"]; v != nil {
		c.Tags = fl.tags(v)
	}
	if v := m["skip"]; v != nil {
		c.Skip, _ = fl.str(v, "skip")
	}
	var own *reqPart
	if v := m["request"]; v != nil {
		own = fl.request(v)
	}
	c.Request = fl.mergeRequest(defReq, own, res, c.Pos)
	aws := f.Integration.Type != TypeHTTP
	if v := m["lambda"]; v != nil {
		switch {
		case c.Kind == KindRequest:
			fl.errorf(v, "a request case has no backend outcome; use kind: e2e to run the response side too")
		case !aws:
			fl.errorf(v, "the integration is HTTP: give the endpoint's answer as http:, not lambda:")
		default:
			c.Lambda = fl.lambda(v, defRuntime)
		}
	}
	if v := m["http"]; v != nil {
		switch {
		case c.Kind == KindRequest:
			fl.errorf(v, "a request case has no backend outcome; use kind: e2e to run the response side too")
		case aws:
			fl.errorf(v, "the integration is AWS (Lambda): give the function's outcome as lambda:, not http:")
		default:
			c.HTTP = fl.httpResponse(v)
		}
	}
	if (c.Kind == KindResponse || c.Kind == KindE2E) && m["lambda"] == nil && m["http"] == nil {
		which := "lambda"
		if !aws {
			which = "http"
		}
		fl.errorf(n, "a %s case needs the backend's outcome (%s:)", c.Kind, which)
	}
	if v := m["want"]; v != nil {
		c.Want = fl.want(v, c.Kind)
	}
	if len(fl.errs) > before {
		return nil
	}
	return c
}

var labelRE = regexp.MustCompile(`^[^&|!,()/\s]([^&|!,()/]*[^&|!,()/\s])?$`)

func (fl *fileLoader) tags(n *yaml.Node) []string {
	if n.Kind != yaml.SequenceNode {
		fl.errorf(n, "tags must be a list of strings, got %s", nodeWord(n))
		return nil
	}
	var tags []string
	for _, t := range n.Content {
		s, ok := fl.str(t, "a tag")
		if !ok {
			continue
		}
		if !labelRE.MatchString(s) {
			fl.errorf(t, "tag %q cannot be a label: no &|!,()/ and no surrounding spaces", s)
			continue
		}
		tags = append(tags, s)
	}
	return tags
}

func (fl *fileLoader) lambda(n *yaml.Node, defRuntime string) *Lambda {
	m := fl.fields(n, "lambda")
	if m == nil {
		return nil
	}
	l := &Lambda{Runtime: defRuntime, Pos: fl.pos(n)}
	if v := m["runtime"]; v != nil {
		l.Runtime, _ = fl.enum(v, "runtime", "runtime")
	}
	var given []string
	for _, k := range []string{"result", "error", "errorPayload", "timeout", "invocationError"} {
		if m[k] != nil {
			given = append(given, k)
		}
	}
	if len(given) != 1 {
		fl.errorf(n, "lambda needs exactly one of result, error, errorPayload, timeout, invocationError; got %d", len(given))
	}
	if v := m["result"]; v != nil {
		l.Result = fl.json(v, "result")
	}
	if v := m["error"]; v != nil {
		if em := fl.fields(v, "lambdaError"); em != nil {
			e := &LambdaError{Pos: fl.pos(v)}
			if t := em["type"]; t != nil {
				e.Type, _ = fl.str(t, "error.type")
			}
			if t := em["message"]; t != nil {
				e.Message, _ = fl.text(t, "error.message")
			}
			l.Error = e
		}
	}
	if v := m["errorPayload"]; v != nil {
		l.ErrorPayload = fl.json(v, "errorPayload")
		if l.ErrorPayload != nil {
			if obj, _ := parseJSON(l.ErrorPayload.Text, false); obj != nil {
				if _, ok := obj.(map[string]any); !ok {
					msg := "errorPayload must be a JSON object (Lambda error payloads are)"
					if s, ok := obj.(string); ok && strings.HasPrefix(strings.TrimSpace(s), "{") {
						msg += "; a quoted scalar is a JSON string: write the object without quotes, or in a block scalar (|)"
					}
					fl.errorf(v, "%s", msg)
				}
			}
		}
	}
	if v := m["timeout"]; v != nil {
		f, err := strconv.ParseFloat(v.Value, 64)
		if tag := v.ShortTag(); v.Kind != yaml.ScalarNode || tag != "!!int" && tag != "!!float" || err != nil || f <= 0 {
			fl.errorf(v, "timeout must be a positive number of seconds, got %s", nodeWord(v))
		}
		l.Timeout = f
	}
	if v := m["invocationError"]; v != nil {
		l.InvocationError, _ = fl.str(v, "invocationError")
	}
	if (l.Result != nil || l.Error != nil) && l.Runtime == "" && m["runtime"] == nil {
		fl.errorf(n, "lambda.runtime is needed with result and error (one of %s); set it once under defaults.lambda.runtime", strings.Join(enums["runtime"], ", "))
	}
	return l
}

func (fl *fileLoader) httpResponse(n *yaml.Node) *HTTPResponse {
	m := fl.fields(n, "http")
	if m == nil {
		return nil
	}
	h := &HTTPResponse{Pos: fl.pos(n)}
	if v := m["status"]; v != nil {
		if s, ok := fl.statusCode(v, "status"); ok {
			h.Status, _ = strconv.Atoi(s)
		}
	}
	if v := m["headers"]; v != nil {
		h.Headers = fl.params(v, "headers", true)
	}
	if v := m["body"]; v != nil {
		h.Body, _ = fl.text(v, "body")
	}
	return h
}

var requestSideWant = []string{"event", "eventText", "eventInvalidJSON", "eventPaths"}

func (fl *fileLoader) want(n *yaml.Node, kind Kind) *Want {
	m := fl.fields(n, "want")
	if m == nil {
		return nil
	}
	w := &Want{Pos: fl.pos(n)}
	if len(m) == 0 && len(n.Content) == 0 {
		fl.errorf(n, "want has no expectations")
		return w
	}
	if kind == KindResponse {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; slices.Contains(requestSideWant, k.Value) {
				fl.errorf(k, "want.%s needs the request template to run: use kind: request or e2e", k.Value)
			}
		}
	}
	if v := m["event"]; v != nil {
		w.Event = fl.json(v, "event")
	}
	if v := m["eventText"]; v != nil {
		if s, ok := fl.text(v, "eventText"); ok {
			w.EventText = &Text{Text: s, Pos: fl.pos(v)}
		}
	}
	if v := m["eventInvalidJSON"]; v != nil {
		if b, ok := fl.boolean(v, "eventInvalidJSON"); ok {
			w.EventInvalidJSON = &Flag{Value: b, Pos: fl.pos(v)}
		}
	}
	if v := m["eventPaths"]; v != nil {
		w.EventPaths = fl.paths(v, "eventPaths")
	}
	if v := m["status"]; v != nil {
		if s, ok := fl.statusCode(v, "status"); ok {
			code, _ := strconv.Atoi(s)
			w.Status = &Status{Code: code, Pos: fl.pos(v)}
		}
	}
	if v := m["headers"]; v != nil {
		w.Headers = fl.params(v, "headers", true)
	}
	if v := m["absentHeaders"]; v != nil {
		if v.Kind != yaml.SequenceNode {
			fl.errorf(v, "absentHeaders must be a list of header names, got %s", nodeWord(v))
		} else {
			for _, h := range v.Content {
				if s, ok := fl.str(h, "a header name"); ok {
					w.AbsentHeaders = append(w.AbsentHeaders, Param{Name: s, Pos: fl.pos(h)})
				}
			}
		}
	}
	if v := m["body"]; v != nil {
		w.Body = fl.json(v, "body")
	}
	if v := m["bodyText"]; v != nil {
		if s, ok := fl.text(v, "bodyText"); ok {
			w.BodyText = &Text{Text: s, Pos: fl.pos(v)}
		}
	}
	if v := m["bodyPaths"]; v != nil {
		w.BodyPaths = fl.paths(v, "bodyPaths")
	}
	if v := m["error"]; v != nil {
		if s, ok := fl.text(v, "error"); ok {
			re, err := regexp.Compile(s)
			if err != nil {
				fl.errorf(v, "invalid error pattern: %v", err)
			} else {
				w.Error = &Pattern{Expr: s, Re: re, Pos: fl.pos(v)}
			}
		}
	}
	return w
}

func (fl *fileLoader) paths(n *yaml.Node, what string) []*PathAssert {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		fl.errorf(n, "%s must be a non-empty mapping from gjson paths to JSON values, got %s", what, nodeWord(n))
		return nil
	}
	var ps []*PathAssert
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p, ok := fl.text(k, "a path in "+what)
		if !ok {
			continue
		}
		if strings.HasPrefix(p, "$") {
			fl.errorf(k, "%s keys are gjson paths, not JSONPath: write %q", what, strings.TrimPrefix(strings.TrimPrefix(p, "$"), "."))
			continue
		}
		if first, dup := seen[p]; dup {
			fl.errorf(k, "duplicate path %q (first at %s)", p, at(first))
			continue
		}
		seen[p] = k
		if j := fl.json(v, what+"."+p); j != nil {
			ps = append(ps, &PathAssert{Path: p, Want: *j, Pos: fl.pos(k)})
		}
	}
	return ps
}

// json reads a JSON value (see "JSON values" in doc.go): a block scalar is
// JSON text; any other node is read as JSON.
func (fl *fileLoader) json(n *yaml.Node, what string) *JSON {
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		if _, err := parseJSON(n.Value, true); err != nil {
			p := fl.pos(n)
			if n.Style&yaml.LiteralStyle != 0 {
				p = fl.blockPos(n, err.Offset)
			}
			fl.errorAt(p, "%s is not valid JSON: %s", what, err.Msg)
			return nil
		}
		return &JSON{Text: n.Value, Pos: fl.pos(n)}
	}
	var b strings.Builder
	before := len(fl.errs)
	fl.nodeJSON(n, what, &b)
	if len(fl.errs) > before {
		return nil
	}
	return &JSON{Text: b.String(), Pos: fl.pos(n)}
}

func (fl *fileLoader) nodeJSON(n *yaml.Node, what string, b *strings.Builder) {
	switch n.Kind {
	case yaml.MappingNode:
		b.WriteByte('{')
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				fl.errorf(k, "JSON object keys must be strings, got %s", nodeWord(k))
				continue
			}
			if first, dup := seen[k.Value]; dup {
				fl.errorf(k, "duplicate key %q (first at %s)", k.Value, at(first))
				continue
			}
			seen[k.Value] = k
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quoteJSON(k.Value))
			b.WriteByte(':')
			fl.nodeJSON(v, what, b)
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, v := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			fl.nodeJSON(v, what, b)
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			b.WriteString(quoteJSON(n.Value))
			return
		}
		switch {
		case isJSONLiteral(n.Value):
			b.WriteString(n.Value)
		case n.Value == "":
			fl.errorf(n, "%s: missing value (write null, or \"\" for an empty string)", what)
		case n.ShortTag() == "!!str":
			b.WriteString(quoteJSON(n.Value))
		default:
			fl.errorf(n, "%s: %s is %s in YAML but not in JSON; quote it for a string", what, n.Value, nodeWord(n))
		}
	default:
		fl.errorf(n, "%s: unexpected YAML node", what)
	}
}
