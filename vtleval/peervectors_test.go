package vtleval

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// peerVector is one vector of testdata/peer/apache-velocity-engine.json (see
// testdata/peer/NOTICE).
type peerVector struct {
	Name       string `json:"name"`
	Provenance string `json:"provenance"`
	Template   string `json:"template"`
	Input      struct {
		Context      json.RawMessage   `json:"context"`
		EngineConfig map[string]string `json:"engine_config"`
	} `json:"input"`
	ExpectedOutput string `json:"expected_output"`
	Notes          string `json:"notes"`
}

// TestApacheVelocityVectors runs the reference-velocity vectors taken from
// Apache Velocity 2.x's own tests. Only the space.gobbling=bc vectors apply:
// "bc" is Velocity 1.7's whitespace handling, the other modes are 2.x-only.
// Where 2.x renders a template differently from 1.7 the vector's
// expectation is replaced by what 1.7 renders
// (testdata/peer/apache-velocity-engine.v17.json, with the reason).
func TestApacheVelocityVectors(t *testing.T) {
	var vectors []peerVector
	readJSON(t, "testdata/peer/apache-velocity-engine.json", &vectors)
	var v17 struct {
		Vectors map[string]struct {
			Reason string  `json:"reason"`
			Output *string `json:"output"`
			Error  string  `json:"error"`
		} `json:"vectors"`
	}
	readJSON(t, "testdata/peer/apache-velocity-engine.v17.json", &v17)
	ran := map[string]bool{}
	for _, v := range vectors {
		if v.Provenance != "reference-velocity" {
			continue
		}
		if mode := v.Input.EngineConfig["space.gobbling"]; mode != "bc" {
			if !strings.Contains(v.Notes, "2.x-only") {
				t.Errorf("%s: space.gobbling=%s, but the notes do not say it is 2.x-only", v.Name, mode)
			}
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			ran[v.Name] = true
			want, wantErr := v.ExpectedOutput, false
			if o, ok := v17.Vectors[v.Name]; ok {
				t.Logf("Velocity 1.7 differs from 2.x here: %s", o.Reason)
				if o.Output != nil {
					want = *o.Output
				} else {
					wantErr = true
				}
			}
			vars, err := VarsFromJSON(v.Input.Context)
			if err != nil {
				t.Fatalf("context: %v", err)
			}
			got, err := renderConfStep(v.Name, v.Template, vars, &Config{})
			switch {
			case wantErr && err == nil:
				t.Errorf("rendered %q, want an error (Velocity 1.7: %s)", got, firstLine(v17.Vectors[v.Name].Error))
			case !wantErr && err != nil:
				t.Errorf("unexpected error: %v", err)
			case !wantErr && got != want:
				t.Errorf("output differs%s\n got: %q\nwant: %q", firstDiff(got, want), got, want)
			}
		})
	}
	for name := range v17.Vectors {
		if !ran[name] {
			t.Errorf("apache-velocity-engine.v17.json lists %s, which is not a bc vector", name)
		}
	}
	if len(ran) == 0 {
		t.Fatal("no vectors ran")
	}
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
