#!/usr/bin/env bash
# Scene cuts and temporal smoothing on ground truth (issue 11's figures):
# two truth composites joined by a hard cut (their true alphas joined the same way), matted
# with and without the reset at the cut: alpha MAD over the 15 frames after the cut. Then the
# office truth clip with and without --smooth: MAD and flicker over the whole clip.
#   bash bench/scene-cut-bench.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
truth=../shared/media/truth
model=../shared/models/rvm_mobilenetv3.pth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
join() { # A B OUT: 4 s of A then 4 s of B at 25 frames/s, lossless
    ffmpeg -v error -i "$1" -i "$2" -filter_complex \
        "[0:v]fps=25,trim=duration=4,setpts=PTS-STARTPTS[a];[1:v]fps=25,trim=duration=4,setpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=1:a=0[v]" \
        -map '[v]' "${@:4}" "$3"
}
join $truth/office_pan_p3m-bd6af989_1280x720_composite.mp4 $truth/asphalt_car_p3m-09ba26b4_1280x720_composite.mp4 \
    "$work/cut.mp4" -c:v libx264 -crf 12 -preset veryfast -pix_fmt yuv420p
join $truth/office_pan_p3m-bd6af989_1280x720_alpha.mkv $truth/asphalt_car_p3m-09ba26b4_1280x720_alpha.mkv \
    "$work/cut_alpha.mkv" -c:v ffv1 -pix_fmt gray
echo "hard cut at frame 100 (4 s): office_pan -> asphalt_car, MAD of the 15 frames after it, model at auto ratio"
for cuts in "" "--scene-cuts"; do
    "$build/bench/matte-quality" "$work/cut.mp4" "$work/cut_alpha.mkv" --model $model --layout MONO_FLAT \
        --from 100 --frames 15 $cuts
done
echo "temporal smoothing on the office truth clip (150 frames), whole clip"
for smooth in 0 0.5 1; do
    "$build/bench/matte-quality" $truth/office_pan_p3m-bd6af989_1280x720_composite.mp4 \
        $truth/office_pan_p3m-bd6af989_1280x720_alpha.mkv --model $model --layout MONO_FLAT --smooth $smooth
done
