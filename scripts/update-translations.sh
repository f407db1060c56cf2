#!/usr/bin/env bash
# Refreshes translations/*.ts from the window's sources (the strings in tr()), keeping the
# translations already there. lupdate reads the sources directly: the CMake target
# update_translations hands it every include path, and parsing LibTorch's headers takes it ages.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=$(command -v lupdate-qt6 || echo /usr/lib/qt6/bin/lupdate)
"$lupdate" ui/*.cpp ui/*.h app/studio/main.cpp -ts translations/passthrough-studio_de.ts -no-obsolete
