#!/usr/bin/env bash
# Screenshots of the window's main states for the README, taken by the GUI test under a real X
# server (Xvfb) so that fonts and styles look as on a desktop. Needs a built tree (run-tests.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
out=docs/screenshots
mkdir -p "$out"
PTS_SCREENSHOT_DIR="$PWD/$out" QT_QPA_PLATFORM=xcb QT_MEDIA_BACKEND=ffmpeg \
    PASSTHROUGH_MODEL="$PWD/../shared/models/rvm_mobilenetv3.pth" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/tst_studio"
ls -l "$out"
