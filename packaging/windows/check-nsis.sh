#!/usr/bin/env bash
# What of the Windows installer can be checked on Linux: CPack writes the NSIS script from
# packaging/windows/NsisSettings.cmake and Debian's makensis compiles it (a syntax and
# reference check of the whole script, shortcuts, file association and uninstaller included).
# The installer it makes holds this machine's Linux binaries and is thrown away; the real one is
# built by .github/workflows/windows.yml on Windows with windeployqt and the DLLs.
# Usage: packaging/windows/check-nsis.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$(realpath "${1:-build/release}")
command -v makensis >/dev/null || { echo "makensis not found (apt-get install nsis)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G NSIS -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
script="$work/_CPack_Packages/Linux/NSIS/project.nsi"
installer=$(ls "$work"/passthrough-studio-*.exe)
echo "makensis compiled $(basename "$installer") ($(stat -c %s "$installer") bytes)"
for expected in 'OpenWithProgids' 'PassthroughStudio.Video\shell\open\command' \
    '"$INSTDIR\bin\passthrough-studio.exe" "%1"' 'DeleteRegKey SHCTX' 'Passthrough Studio.lnk' \
    'WriteUninstaller' 'passthrough-studio.ico'; do
    grep -qF "$expected" "$script" || { echo "the NSIS script lacks: $expected"; exit 1; }
done
echo "NSIS script checks passed"
