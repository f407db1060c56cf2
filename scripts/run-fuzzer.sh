#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz for a while, from its seed corpus in
# tests/fuzz/corpus/NAME (the seeds are never modified: new inputs go to a working copy), and
# prints what the run covered. Exits non-zero on a finding, whose input is kept in
# build/fuzz/findings/. Build the targets first: cmake --preset fuzz && cmake --build --preset fuzz
#   bash scripts/run-fuzzer.sh statedict|jobfile|tfjsgraph SECONDS
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: run-fuzzer.sh statedict|jobfile|tfjsgraph SECONDS}
seconds=${2:-60}
fuzzer="build/fuzz/tests/fuzz/fuzz-$name"
if [[ ! -x $fuzzer ]]; then
    echo "run-fuzzer: $fuzzer is not built (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
findings=build/fuzz/findings
mkdir -p "$findings" "$work/corpus"
log="$work/log"
status=0
# One worker: the suite runs beside other tests on a 2-core machine. -rss_limit_mb guards
# against inputs that make the loaders allocate without bound.
"$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix="$findings/$name-" "$work/corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
corpus=$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
coverage=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
echo "fuzz-$name: ${seconds} s, ${runs:-0} executions, corpus ${corpus:-?} (inputs/bytes), coverage ${coverage:-?} edges, seeds $(ls "tests/fuzz/corpus/$name" | wc -l)"
if [[ $status -ne 0 ]]; then
    grep -E "ERROR|SUMMARY|runtime error|==[0-9]+==" "$log" | head -40 >&2 || true
    echo "fuzz-$name: FINDING (exit $status); the input is in $findings/" >&2
    exit 1
fi
