#!/usr/bin/env bash
# The longer fuzz run: builds the libFuzzer targets (clang, ASan + UBSan) and runs each for
# SECONDS (default 900). The test suite runs the same targets for 60 s each.
#   bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-900}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
for name in statedict jobfile tfjsgraph; do
    bash scripts/run-fuzzer.sh "$name" "$seconds"
done
