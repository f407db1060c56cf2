#!/usr/bin/env bash
# Builds the suites with AddressSanitizer + UndefinedBehaviorSanitizer (the `asan` preset) and
# runs the fast ones under it: any finding fails the run. CI runs this after the test suite.
#   bash scripts/run-sanitizers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
suites=(tst_layout tst_probe tst_jobfile tst_rvm tst_download tst_pipeline tst_cli)
cmake --preset asan >/dev/null
cmake --build --preset asan --target "${suites[@]}" passthrough-cli make-test-model
ctest --preset asan -R "^($(IFS='|'; echo "${suites[*]}"))\$"
