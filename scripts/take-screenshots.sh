#!/usr/bin/env bash
# Screenshots of the window for the README, taken by the GUI tests under a real X server (Xvfb)
# so that fonts and styles look as on a desktop: tst_tour's on the shared VR footage with the real
# models (the matte, the wipe, a region, the job's target and estimate, the sample, the people
# found), tst_studio's of the job states. Needs a built tree (run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
out=docs/screenshots
mkdir -p "$out"
# The same environment ctest gives the suite (tests/CMakeLists.txt), with a real X server.
PTS_SCREENSHOT_DIR="$PWD/$out" QT_QPA_PLATFORM=xcb QT_MEDIA_BACKEND=ffmpeg \
    PASSTHROUGH_MODEL="$PWD/../shared/models/rvm_mobilenetv3.pth" \
    PTS_SOURCE_DIR="$PWD" PTS_SHARED_DIR="$PWD/../shared" PTS_CLI="$build/app/passthrough-cli" \
    bash -c 'for suite in "$@"; do xvfb-run -a -s "-screen 0 1600x1000x24" "$suite" || exit 1; done' _ \
    "$build/tests/tst_tour" "$build/tests/tst_studio"
ls -l "$out"
