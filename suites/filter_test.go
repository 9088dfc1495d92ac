package suites_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
)

// TestFilters runs this test binary again on the repository's cases with
// label filters, as `ginkgo --label-filter` does: a filter that selects no
// case must fail the suite without --fail-on-empty, and inline templates
// must be selectable by their template: label.
func TestFilters(t *testing.T) {
	if c, _ := GinkgoConfiguration(); c.ParallelTotal > 1 {
		t.Skip("checked by the serial run")
	}
	run := func(filter string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSuites$", "-ginkgo.no-color",
			"-ginkgo.label-filter="+filter, "-cases=../cases")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	out, err := run("kind:nonexistent")
	if err == nil {
		t.Errorf("a label filter selecting no case passed:\n%s", out)
	} else if !strings.Contains(out, "Detected no specs ran") {
		t.Errorf("a label filter selecting no case: %v, without Ginkgo's reason:\n%s", err, out)
	}

	// 01-seed-hoge.yaml's 400 response template is inline.
	out, err = run("kind:e2e && template: containsAny {01-seed-hoge.yaml#response.400.application_json}")
	if err != nil {
		t.Errorf("selecting by an inline template's label: %v\n%s", err, out)
	}
}
