#!/usr/bin/env bash
# Builds the Debian package (and the tarball) from a built tree, installs the .deb into this
# machine with apt (so its dependencies must resolve), runs the installed passthrough-cli on a
# shared clip and starts the installed window offscreen, then removes the package again.
# Needs root or sudo. Usage: packaging/linux/test-deb.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$(realpath "${1:-build/release}")
shared=$(realpath ../shared)
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== cpack (DEB, TGZ)"
(cd "$build" && cpack -G "DEB;TGZ" -B "$work/packages" >/dev/null)
deb=$(ls "$work"/packages/passthrough-studio_*.deb)
tgz=$(ls "$work"/packages/passthrough-studio-*.tar.gz)
echo "built $(basename "$deb") and $(basename "$tgz")"
dpkg-deb --field "$deb" Package Version Depends
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/passthrough-cli ./usr/bin/passthrough-studio ./usr/share/applications/passthrough-studio.desktop \
    ./usr/share/icons/hicolor/scalable/apps/passthrough-studio.svg \
    ./usr/share/icons/hicolor/256x256/apps/passthrough-studio.png \
    ./usr/share/doc/passthrough-studio/LICENSE ./usr/share/doc/passthrough-studio/THIRD-PARTY-NOTICES.md; do
    grep -q " $f\$" <<<"$contents" || { echo "missing from the package: $f"; exit 1; }
done
grep -q "bin/passthrough-cli$" <<<"$(tar -tzf "$tgz")" || { echo "the tarball has no passthrough-cli"; exit 1; }

echo "== apt-get install ./$(basename "$deb")"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq "$deb" >/dev/null
trap '"${sudo_cmd[@]}" apt-get remove -y -qq passthrough-studio >/dev/null || true; rm -rf "$work"' EXIT
cd "$work" # nothing below may come from the source or build tree

echo "== installed passthrough-cli"
/usr/bin/passthrough-cli --version
/usr/bin/passthrough-cli process "$shared/media/broken/video_no_audio_2048x1024_FISHEYE190_LR.mp4" \
    -o "$work/out_alpha.mp4" --packing fisheye-alpha --segment-seconds 3 --downsample 0.25 --preset ultrafast \
    --model "$shared/models/rvm_mobilenetv3.pth"
frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$work/out_alpha.mp4")
[[ "$frames" == 90 ]] || { echo "expected 90 frames, got $frames"; exit 1; }

echo "== installed passthrough-studio (offscreen, 8 s)"
QT_QPA_PLATFORM=offscreen /usr/bin/passthrough-studio --version
set +e
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" timeout 8 /usr/bin/passthrough-studio \
    "$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4" 2>"$work/studio.err"
rc=$?
set -e
# 124: still running when timeout stopped it, which is what a window that started does.
if [[ $rc -ne 124 ]]; then
    echo "passthrough-studio exited with $rc:"; cat "$work/studio.err"; exit 1
fi
echo "package test passed"
