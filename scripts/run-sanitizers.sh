#!/usr/bin/env bash
# Builds the suites with AddressSanitizer + UndefinedBehaviorSanitizer (the `asan` preset) and
# runs the fast ones under it: any finding fails the run. CI runs this after the test suite. The
# tree builds only these suites and what they start (the CLI, the test model writer).
#   bash scripts/run-sanitizers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/phases.sh
phase install bash scripts/install-deps.sh
suites=(tst_layout tst_probe tst_jobfile tst_rvm tst_person tst_roi tst_download tst_pipeline tst_cli)
# tst_person-core: tst_person without its CLI runs (the CLI's person code runs in tst_download);
# tst_roi-core: the crop plans without the real model's full-resolution run.
tests=(tst_layout tst_probe tst_jobfile tst_rvm tst_person-core tst_roi-core tst_download tst_pipeline tst_cli)
phase "configure asan" cmake --preset asan >/dev/null
phase "build asan" cmake --build --preset asan --target "${suites[@]}" passthrough-cli make-test-model
phase "test asan" ctest --preset asan -R "^($(IFS='|'; echo "${tests[*]}"))\$"
