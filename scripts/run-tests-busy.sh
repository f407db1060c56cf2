#!/usr/bin/env bash
# The whole suite on a busy machine: ctest with every core kept busy beside it by stress-ng (one
# CPU hog per core), as when CI shares its machine with other work. A test that passes only on an
# idle machine fails here. Needs a built release tree (scripts/run-tests.sh).
#   bash scripts/run-tests-busy.sh [ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v stress-ng >/dev/null || bash scripts/install-deps.sh
stress-ng --cpu "$(nproc)" --cpu-method matrixprod --timeout 2h --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true' EXIT
echo "run-tests-busy: $(nproc) CPU hogs beside the suite (stress-ng pid $hog)"
ctest --preset release "$@"
