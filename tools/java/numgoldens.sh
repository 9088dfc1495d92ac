#!/usr/bin/env bash
# Re-records vtleval/testdata/doubles.tsv.gz: how this JDK's Double.toString prints ~20,000
# doubles (tools/java/src/vtlnum/DoubleGolden.java), the golden of vtleval.FormatDouble.
#   tools/java/numgoldens.sh [--check]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cp="$("$here/install.sh" | tail -n 1)"
out="$root/vtleval/testdata/doubles.tsv.gz"
java -cp "$cp" vtlnum.DoubleGolden | gzip -9 -n > "$out"
if [ "${1:-}" = --check ]; then
  cd "$root"
  git diff --exit-code --stat -- vtleval/testdata/doubles.tsv.gz || { echo "Double.toString goldens changed: run 'make goldens' and commit" >&2; exit 1; }
fi
