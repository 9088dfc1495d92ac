package suites_test

import "github.com/onsi/ginkgo/v2/types"

// CodeLocation points a spec at a case file line.
func CodeLocation(file string, line int) types.CodeLocation {
	return types.CodeLocation{FileName: file, LineNumber: line}
}
