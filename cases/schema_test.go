package cases

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The JSON Schema (vtlcheck-cases.schema.json) and the loader must agree.
// This file checks it two ways: structurally (every object, key, type,
// required key and enumeration of format.go appears in the schema, and
// nothing else), and on files (every file under testdata/schema/valid is
// accepted by both, every file under testdata/schema/invalid is rejected by
// both, every case file under cases/ is valid for the schema, and each
// testdata/errors file records the schema's verdict on it).
//
// The validator below implements the part of JSON Schema 2020-12 that the
// schema uses; any other keyword fails the test, so the schema cannot
// silently use something this checker ignores.

const schemaFile = "vtlcheck-cases.schema.json"

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	return s
}

func TestSchemaMatchesFormat(t *testing.T) {
	s := loadSchema(t)
	if got := s["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", got)
	}
	if got := s["$ref"]; got != "#/$defs/file" {
		t.Errorf("$ref = %v, want #/$defs/file", got)
	}
	defs, _ := s["$defs"].(map[string]any)
	known := map[string]bool{}
	for name, specs := range objects {
		known[name] = true
		d, ok := defs[name].(map[string]any)
		if !ok {
			t.Errorf("schema has no $defs/%s", name)
			continue
		}
		if d["type"] != "object" || d["additionalProperties"] != false {
			t.Errorf("$defs/%s: want type object and additionalProperties false", name)
		}
		props, _ := d["properties"].(map[string]any)
		var want, got []string
		var required []string
		for _, f := range specs {
			want = append(want, f.Name)
			if f.Required {
				required = append(required, f.Name)
			}
			p, ok := props[f.Name].(map[string]any)
			if !ok {
				continue
			}
			switch f.Type {
			case "string", "boolean", "number":
				if p["type"] != f.Type {
					t.Errorf("$defs/%s/properties/%s: type %v, loader reads %s", name, f.Name, p["type"], f.Type)
				}
			default:
				if p["$ref"] != "#/$defs/"+f.Type {
					t.Errorf("$defs/%s/properties/%s: $ref %v, loader reads %s", name, f.Name, p["$ref"], f.Type)
				}
			}
			if p["description"] == nil {
				t.Errorf("$defs/%s/properties/%s has no description", name, f.Name)
			}
		}
		for k := range props {
			got = append(got, k)
		}
		sort.Strings(want)
		sort.Strings(got)
		if !slices.Equal(want, got) {
			t.Errorf("$defs/%s keys:\n schema %v\n loader %v", name, got, want)
		}
		var gotReq []string
		if r, ok := d["required"].([]any); ok {
			for _, x := range r {
				gotReq = append(gotReq, x.(string))
			}
		}
		sort.Strings(required)
		sort.Strings(gotReq)
		if !slices.Equal(required, gotReq) {
			t.Errorf("$defs/%s required: schema %v, loader %v", name, gotReq, required)
		}
	}
	for name, vals := range enums {
		known[name] = true
		d, _ := defs[name].(map[string]any)
		var got []string
		if e, ok := d["enum"].([]any); ok {
			for _, x := range e {
				got = append(got, x.(string))
			}
		}
		if !slices.Equal(got, vals) {
			t.Errorf("$defs/%s enum: schema %v, loader %v", name, got, vals)
		}
	}
	for _, name := range composites {
		known[name] = true
		if defs[name] == nil {
			t.Errorf("schema has no $defs/%s", name)
		}
	}
	for name := range defs {
		if !known[name] {
			t.Errorf("schema's $defs/%s is unknown to the loader", name)
		}
	}
	// Patterns shared by both must be the same text.
	if got := defs["templates"].(map[string]any)["propertyNames"].(map[string]any)["pattern"]; got != mediaTypeRE.String() {
		t.Errorf("media type pattern: schema %v, loader %v", got, mediaTypeRE)
	}
	if got := defs["tags"].(map[string]any)["items"].(map[string]any)["pattern"]; got != labelRE.String() {
		t.Errorf("tag pattern: schema %v, loader %v", got, labelRE)
	}
	if got := defs["statusCode"].(map[string]any)["pattern"]; got != statusRE.String() {
		t.Errorf("status pattern: schema %v, loader %v", got, statusRE)
	}
}

func TestSchemaAgreesOnFiles(t *testing.T) {
	v := &validator{root: loadSchema(t)}
	check := func(path string) (loaderOK, schemaOK bool, why string) {
		_, err := LoadFiles(path)
		doc := yamlDocument(t, path)
		errs := v.validate(v.root, doc, "")
		if len(errs) > 0 {
			why = strings.Join(errs, "\n  ")
		}
		if err != nil {
			why += "\n  loader: " + err.Error()
		}
		return err == nil, len(errs) == 0, why
	}
	valid, _ := filepath.Glob("testdata/schema/valid/*.yaml")
	invalid, _ := filepath.Glob("testdata/schema/invalid/*.yaml")
	if len(valid) == 0 || len(invalid) == 0 {
		t.Fatal("no files in testdata/schema/{valid,invalid}")
	}
	for _, p := range valid {
		if l, s, why := check(p); !l || !s {
			t.Errorf("%s: want valid for both; loader %v, schema %v:\n  %s", p, l, s, why)
		}
	}
	for _, p := range invalid {
		if l, s, why := check(p); l || s {
			t.Errorf("%s: want invalid for both; loader valid %v, schema valid %v:\n  %s", p, l, s, why)
		}
	}
	// The catalogue's case files are valid for the schema too.
	files, err := LoadFiles(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if errs := v.validate(v.root, yamlDocument(t, f.Path), ""); len(errs) > 0 {
			t.Errorf("%s: the schema rejects it:\n  %s", f.Path, strings.Join(errs, "\n  "))
		}
	}
	// Files the loader rejects record what the schema says about them:
	// "# schema: invalid" or "# schema: valid (the loader's check is X)".
	errFiles, _ := filepath.Glob("testdata/errors/*.yaml")
	verdict := regexp.MustCompile(`(?m)^# schema: (valid|invalid)\b`)
	for _, p := range errFiles {
		data, _ := os.ReadFile(p)
		m := verdict.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no \"# schema: valid|invalid\" line", p)
			continue
		}
		var doc any
		var n yaml.Node
		if yaml.Unmarshal(data, &n) == nil && len(n.Content) > 0 {
			doc = yamlToJSON(n.Content[0])
		} else {
			if string(m[1]) != "invalid" {
				t.Errorf("%s: not YAML, so the schema cannot accept it; say invalid", p)
			}
			continue
		}
		ok := len(v.validate(v.root, doc, "")) == 0
		if want := string(m[1]) == "valid"; ok != want {
			t.Errorf("%s: schema valid = %v, the file says %s", p, ok, m[1])
		}
	}
}

// TestSchemaValidator checks the validator itself on small schemas.
func TestSchemaValidator(t *testing.T) {
	tests := []struct {
		schema string
		doc    string
		ok     bool
	}{
		{`{"type": "string"}`, `"x"`, true},
		{`{"type": "string"}`, `1`, false},
		{`{"type": ["string", "integer"]}`, `1`, true},
		{`{"type": "integer"}`, `1.5`, false},
		{`{"enum": ["a", "b"]}`, `"b"`, true},
		{`{"enum": ["a", "b"]}`, `"c"`, false},
		{`{"type": "object", "properties": {"a": false}}`, `{"a": 1}`, false},
		{`{"type": "object", "properties": {"a": true}, "additionalProperties": false}`, `{"b": 1}`, false},
		{`{"type": "object", "required": ["a"]}`, `{}`, false},
		{`{"propertyNames": {"pattern": "^x"}}`, `{"y": 1}`, false},
		{`{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}`, `{"a": 1, "b": 2}`, false},
		{`{"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}`, `{"a": 1}`, true},
		{`{"if": {"properties": {"k": {"const": 1}}}, "then": {"required": ["x"]}, "else": {"required": ["y"]}}`, `{"k": 1, "y": 1}`, false},
		{`{"if": {"properties": {"k": {"const": 1}}}, "then": {"required": ["x"]}, "else": {"required": ["y"]}}`, `{"k": 2, "y": 1}`, true},
		{`{"not": {"type": "string"}}`, `"x"`, false},
		{`{"type": "number", "exclusiveMinimum": 0}`, `0`, false},
		{`{"type": "array", "minItems": 1, "items": {"type": "string"}}`, `["a", 1]`, false},
		{`{"pattern": "^a"}`, `5`, true},
		{`{"minimum": 100, "maximum": 599}`, `600`, false},
	}
	for _, tt := range tests {
		var s, d any
		if err := json.Unmarshal([]byte(tt.schema), &s); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(tt.doc), &d); err != nil {
			t.Fatal(err)
		}
		v := &validator{root: s.(map[string]any)}
		errs := v.validate(s, d, "")
		if ok := len(errs) == 0; ok != tt.ok {
			t.Errorf("schema %s, doc %s: valid = %v, want %v (%v)", tt.schema, tt.doc, ok, tt.ok, errs)
		}
	}
	v := &validator{root: map[string]any{}}
	if errs := v.validate(map[string]any{"uniqueItems": true}, []any{}, ""); len(errs) == 0 {
		t.Error("an unsupported keyword was accepted")
	}
}

func yamlDocument(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil || len(n.Content) == 0 {
		return nil // not YAML: nothing the schema can accept
	}
	return yamlToJSON(n.Content[0])
}

// yamlToJSON converts a YAML node as a YAML-aware editor sees it: keys are
// strings, scalars take YAML's types.
func yamlToJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = yamlToJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		a := []any{}
		for _, c := range n.Content {
			a = append(a, yamlToJSON(c))
		}
		return a
	case yaml.AliasNode:
		return yamlToJSON(n.Alias)
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return n.Value
	}
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	}
	return v
}

type validator struct {
	root map[string]any
}

var supportedKeywords = map[string]bool{
	"$schema": true, "$id": true, "$ref": true, "$defs": true, "title": true, "description": true,
	"type": true, "enum": true, "const": true, "properties": true, "required": true,
	"additionalProperties": true, "propertyNames": true, "minProperties": true,
	"items": true, "minItems": true, "pattern": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "allOf": true, "anyOf": true, "oneOf": true, "not": true,
	"if": true, "then": true, "else": true,
}

// validate returns the ways doc fails schema, as "path: problem".
func (v *validator) validate(schema any, doc any, path string) []string {
	if b, ok := schema.(bool); ok {
		if !b {
			return []string{path + ": not allowed"}
		}
		return nil
	}
	s, ok := schema.(map[string]any)
	if !ok {
		return []string{path + ": bad schema"}
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	for k := range s {
		if !supportedKeywords[k] {
			fail("unsupported schema keyword %q", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		target := any(v.root)
		if ref != "#" {
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			if !ok {
				fail("unsupported $ref %q", ref)
				return errs
			}
			target = v.root["$defs"].(map[string]any)[name]
			if target == nil {
				fail("dangling $ref %q", ref)
				return errs
			}
		}
		errs = append(errs, v.validate(target, doc, path)...)
	}
	if ty, ok := s["type"]; ok {
		var types []string
		switch ty := ty.(type) {
		case string:
			types = []string{ty}
		case []any:
			for _, x := range ty {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(doc, t) }) {
			fail("want %s, got %s", strings.Join(types, " or "), typeName(doc))
			return errs
		}
	}
	if e, ok := s["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return jsonEqual(x, doc) }) {
		fail("%v is not one of %v", doc, e)
	}
	if c, ok := s["const"]; ok && !jsonEqual(c, doc) {
		fail("%v is not %v", doc, c)
	}
	switch d := doc.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for k, val := range d {
			if ps, ok := props[k]; ok {
				errs = append(errs, v.validate(ps, val, path+"/"+k)...)
			} else if ap, ok := s["additionalProperties"]; ok {
				errs = append(errs, v.validate(ap, val, path+"/"+k)...)
			}
			if pn, ok := s["propertyNames"]; ok {
				errs = append(errs, v.validate(pn, k, path+"/"+k+" (name)")...)
			}
		}
		if r, ok := s["required"].([]any); ok {
			for _, k := range r {
				if _, ok := d[k.(string)]; !ok {
					fail("missing %q", k)
				}
			}
		}
		if n, ok := s["minProperties"].(float64); ok && float64(len(d)) < n {
			fail("fewer than %v properties", n)
		}
	case []any:
		if it, ok := s["items"]; ok {
			for i, e := range d {
				errs = append(errs, v.validate(it, e, fmt.Sprintf("%s/%d", path, i))...)
			}
		}
		if n, ok := s["minItems"].(float64); ok && float64(len(d)) < n {
			fail("fewer than %v items", n)
		}
	case string:
		if p, ok := s["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				fail("bad pattern %q: %v", p, err)
			} else if !re.MatchString(d) {
				fail("%q does not match %s", d, p)
			}
		}
	case float64:
		if m, ok := s["minimum"].(float64); ok && d < m {
			fail("%v < %v", d, m)
		}
		if m, ok := s["maximum"].(float64); ok && d > m {
			fail("%v > %v", d, m)
		}
		if m, ok := s["exclusiveMinimum"].(float64); ok && d <= m {
			fail("%v <= %v", d, m)
		}
	}
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			errs = append(errs, v.validate(sub, doc, path)...)
		}
	}
	if anyOf, ok := s["anyOf"].([]any); ok {
		var sub []string
		matched := false
		for _, x := range anyOf {
			e := v.validate(x, doc, path)
			if len(e) == 0 {
				matched = true
				break
			}
			sub = append(sub, e...)
		}
		if !matched {
			fail("matches none of anyOf: %s", strings.Join(sub, "; "))
		}
	}
	if oneOf, ok := s["oneOf"].([]any); ok {
		n := 0
		for _, x := range oneOf {
			if len(v.validate(x, doc, path)) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d of oneOf, want 1", n)
		}
	}
	if not, ok := s["not"]; ok && len(v.validate(not, doc, path)) == 0 {
		fail("matches a \"not\" schema")
	}
	if cond, ok := s["if"]; ok {
		if len(v.validate(cond, doc, path)) == 0 {
			if th, ok := s["then"]; ok {
				errs = append(errs, v.validate(th, doc, path)...)
			}
		} else if el, ok := s["else"]; ok {
			errs = append(errs, v.validate(el, doc, path)...)
		}
	}
	return errs
}

func hasType(doc any, t string) bool {
	switch t {
	case "object":
		_, ok := doc.(map[string]any)
		return ok
	case "array":
		_, ok := doc.([]any)
		return ok
	case "string":
		_, ok := doc.(string)
		return ok
	case "number":
		_, ok := doc.(float64)
		return ok
	case "integer":
		f, ok := doc.(float64)
		return ok && f == math.Trunc(f)
	case "boolean":
		_, ok := doc.(bool)
		return ok
	case "null":
		return doc == nil
	}
	return false
}

func typeName(doc any) string {
	switch doc.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", doc)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
