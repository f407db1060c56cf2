#!/usr/bin/env bash
# Installs every dependency, builds, and runs the whole test suite (Qt Test through ctest, the
# golden checks and the short fuzz runs included). This is the README's test command and what CI
# runs (.ci/run). Compiles through ccache (installed with the rest): a second run, or a clone in
# another folder on the same machine, takes its objects from the cache.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/phases.sh
phase install bash scripts/install-deps.sh
phase "configure release" cmake --preset release
# What ctest runs (the suites, the golden check, both programs); the benchmarks are left to
# `cmake --build --preset release` (CI builds them after the tests).
phase "build release" cmake --build --preset release --target pts_test_targets
# The libFuzzer targets are built by clang in a tree of their own; ctest runs them.
phase "configure fuzz" cmake --preset fuzz >/dev/null
phase "build fuzz" cmake --build --preset fuzz
status=0
phase "test release" ctest --preset release || status=$?
# ctest lists a skipped test without its output; each skip says why in one line (rvm-golden's
# bfloat16 check on a CPU without native bfloat16).
grep -h '^rvm-golden: .* skipped:' build/release/Testing/Temporary/LastTest.log 2>/dev/null | sort -u | sed 's/^/  /' || true
exit $status
