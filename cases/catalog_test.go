package cases

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestCatalog checks that the committed cases/README.md is what the case
// files generate. go test ./cases -run TestCatalog -update rewrites it.
func TestCatalog(t *testing.T) {
	files, err := LoadFiles(".")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCatalog(&buf, ".", files); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile("README.md")
	if bytes.Equal(old, buf.Bytes()) {
		return
	}
	if *update {
		if err := os.WriteFile("README.md", buf.Bytes(), 0o666); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote README.md")
		return
	}
	d := lineDiff(strings.Split(string(old), "\n"), strings.Split(buf.String(), "\n"))
	t.Errorf("README.md is out of date; run go test ./cases -run TestCatalog -update (-committed +generated):\n%s", strings.Join(d, "\n"))
}

func TestCatalogRendering(t *testing.T) {
	files, err := LoadFiles("testdata/schema/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCatalog(&buf, "testdata/schema/valid", files); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"- [full.yaml](#fullyaml) — Every key.\n",
		"\n## full.yaml\n",
		"- request template `application/json`: [templates/t.request.vtl](templates/t.request.vtl)\n",
		"- request template `text/plain`: empty (no mapping)\n",
		"- integration response 400 (selectionPattern `.*\"status\":400.*`)\n",
		"  - header `X-Literal` ← `'yes'`\n",
		"Request template `application/xml`:\n\n```velocity\n<id>$input.params('id')</id>\n```\n",
		"### request case\n\n[full.yaml:35](full.yaml#L35) · request mapping\n",
		"- **Request:** `PUT /items/010?q=no&n=1e3`; headers `Content-Type: application/json`, `X-Id: 0x1F`;",
		"- **Event at `missing.or.not`:** `null`\n",
		"[full.yaml:67](full.yaml#L67) · integration response · **skipped**: not yet\n",
		"- **Lambda fails with the payload:** `{\"errorMessage\": \"x\", \"errorType\": \"Error\"}`\n",
		"- **Lambda (python) returns:** `[1, \"two\", {\"three\": 3.0}, true, null]`\n",
		"- **Lambda (nodejs) raises:** `Error` `{\"status\":400}`\n",
		"- **Lambda times out** after 3 s\n",
		"- **Header** `X-Literal`: `yes`\n",
		"- **No header** `X-Other`\n",
		"- **Error** matching `timed out`\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("catalogue lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestFormatJSON(t *testing.T) {
	in := `{"b": [1, {"c": 1.50}], "a": {}, "d": []}`
	if got, want := formatJSON(in, false), `{"b": [1, {"c": 1.50}], "a": {}, "d": []}`; got != want {
		t.Errorf("one line = %s", got)
	}
	want := "{\n  \"b\": [\n    1,\n    {\n      \"c\": 1.50\n    }\n  ],\n  \"a\": {},\n  \"d\": []\n}"
	if got := formatJSON(in, true); got != want {
		t.Errorf("pretty =\n%s\nwant\n%s", got, want)
	}
}
