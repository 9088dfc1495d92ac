package cases

import (
	"fmt"
	"strings"
)

// lineDiff returns a unified diff from want to got ("-" lines are want's,
// "+" lines got's) with three lines of context, in hunks headed
// "@@ -l,n +l,n @@". It returns nil when the slices are equal.
func lineDiff(want, got []string) []string {
	ops := diffOps(want, got)
	changed := false
	for _, op := range ops {
		if op.kind != ' ' {
			changed = true
			break
		}
	}
	if !changed {
		return nil
	}
	const ctx = 3
	var out []string
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: back up ctx lines, then extend while changes are
		// within 2*ctx of each other.
		start := max(0, i-ctx)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*ctx {
				break
			}
		}
		end = min(len(ops), end+ctx)
		wl, gl := ops[start].wantLine, ops[start].gotLine
		var wn, gn int
		var body []string
		for _, op := range ops[start:end] {
			switch op.kind {
			case ' ':
				wn++
				gn++
			case '-':
				wn++
			case '+':
				gn++
			}
			body = append(body, string(op.kind)+op.text)
		}
		out = append(out, fmt.Sprintf("@@ -%s +%s @@", hunkRange(wl, wn), hunkRange(gl, gn)))
		out = append(out, body...)
		i = end
	}
	return out
}

func hunkRange(line, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", line-1)
	}
	if n == 1 {
		return fmt.Sprint(line)
	}
	return fmt.Sprintf("%d,%d", line, n)
}

type diffOp struct {
	kind              byte // ' ', '-', '+'
	text              string
	wantLine, gotLine int // 1-based line numbers at this op
}

// diffOps computes a shortest edit script by longest common subsequence.
// Inputs beyond a few thousand lines fall back to "replace everything",
// which keeps the cost bounded.
func diffOps(a, b []string) []diffOp {
	// Trim the common prefix and suffix first: typical diffs are small.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	var ops []diffOp
	wl, gl := 1, 1
	emit := func(kind byte, text string) {
		ops = append(ops, diffOp{kind: kind, text: text, wantLine: wl, gotLine: gl})
		switch kind {
		case ' ':
			wl++
			gl++
		case '-':
			wl++
		case '+':
			gl++
		}
	}
	for _, s := range a[:pre] {
		emit(' ', s)
	}
	if len(ma)*len(mb) > 4_000_000 {
		for _, s := range ma {
			emit('-', s)
		}
		for _, s := range mb {
			emit('+', s)
		}
	} else {
		// lcs[i][j] = LCS length of ma[i:], mb[j:].
		n, m := len(ma), len(mb)
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i] == mb[j]:
				emit(' ', ma[i])
				i++
				j++
			case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
				emit('-', ma[i]) // deletions first, as diff(1) prints them
				i++
			default:
				emit('+', mb[j])
				j++
			}
		}
	}
	for _, s := range a[len(a)-suf:] {
		emit(' ', s)
	}
	return ops
}

// splitLines splits text into lines for diffing; with visible set, each
// line shows its whitespace (see visibleLine) and lines that end with a
// newline get "⏎".
func splitLines(s string, visible bool) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		nl := strings.HasSuffix(l, "\n")
		l = strings.TrimSuffix(l, "\n")
		if visible {
			l = visibleLine(l)
			if nl {
				l += "⏎"
			}
		}
		lines[i] = l
	}
	return lines
}

// visibleLine shows a line's invisible characters: tab as "→", carriage
// return as "␍", and trailing spaces as "·".
func visibleLine(l string) string {
	trimmed := strings.TrimRight(l, " ")
	trail := len(l) - len(trimmed)
	r := strings.NewReplacer("\t", "→", "\r", "␍")
	return r.Replace(trimmed) + strings.Repeat("·", trail)
}

// onlyWhitespaceDiffers reports whether a and b differ only in
// whitespace.
func onlyWhitespaceDiffers(a, b string) bool {
	return a != b && strings.Join(strings.Fields(a), "") == strings.Join(strings.Fields(b), "")
}
