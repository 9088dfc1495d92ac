package main

import (
	"bytes"
	"strings"
	"testing"
)

// Velocity mode has no limits of its own; the CLI stops a runaway template
// with a clear error instead of running for minutes, and --max-steps 0
// restores stock behaviour.
func TestRenderVelocityLimits(t *testing.T) {
	tests := []struct {
		name, line string
		args       []string
		want       string
	}{
		{"steps", `{"id":1,"template":"#foreach($i in [1..100000000])#end"}`, nil, `more than 10000000 statements`},
		{"output", `{"id":2,"template":"#foreach($i in [1..1000])0123456789#end"}`, []string{"--max-output", "100"}, `output exceeds the limit of 100 bytes`},
		{"steps flag", `{"id":3,"template":"#foreach($i in [1..100])#end"}`, []string{"--max-steps", "50"}, `more than 50 statements`},
		{"no limit", `{"id":4,"template":"#foreach($i in [1..100])#end$i"}`, []string{"--max-steps", "0"}, `"output":"$i"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := cmdRender(append(tt.args, "--jsonl"), strings.NewReader(tt.line+"\n"), &out, &errb)
			if code != 0 || !strings.Contains(out.String(), tt.want) {
				t.Errorf("exit %d, output %s (stderr %q); want it to contain %q", code, out.String(), errb.String(), tt.want)
			}
		})
	}
}
