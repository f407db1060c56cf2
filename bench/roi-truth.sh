#!/usr/bin/env bash
# Small and far people matted again in crops (--roi auto), measured against truth. Builds a 4 s
# stereo fisheye clip (30 fps, two 1024 px eyes side by side, each a 180-degree fisheye seeing the
# flat scene over 120 degrees, the right eye turned 2 degrees for disparity) from the shared office
# background and the two P3M cut-outs walking at four distances (about 150, 85, 45 and 22 px tall
# in the eyes), renders it with the real models and prints, per run, the recall of the people's
# alpha, SAD/mass and the presence mismatch between the eyes (bench/roi_measure.cpp), and the
# time:
#   auto          the whole eye at the auto ratio (512 px), no crops
#   auto+roi      the same with --roi auto
#   0.375+roi     --roi auto over a whole eye matted at 384 px
#   1.0           the whole eye at full resolution
# Then the shared plaza clip (no truth): the presence mismatch, auto against auto+roi.
# EIGHT_K=1 instead: 1 s of the scene at 8192x4096 (two 4096 px eyes, the flat scene drawn 4 times
# larger) with the second walker alone, about 200 px tall, at auto with and without --roi auto.
#   [SKIP_FULL=1] [SKIP_PLAZA=1] [TRUTH_ONLY=1] [EIGHT_K=1] bash bench/roi-truth.sh [BUILD_DIR] [WORK_DIR]
# The truth is the cut-outs' own alpha, through the same lens; the person model's output is never it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
work=${2:-$(mktemp -d)}
shared=$(realpath "${PTS_SHARED_DIR:-../shared}")
cli="$build/app/passthrough-cli"
measure="$build/bench/roi-measure"
src="$shared/media/truth/sources"
bg="$shared/media/truth/office_pan_p3m-bd6af989_1280x720_background.mp4"
mkdir -p "$work"
cd "$work"
ff() { ffmpeg -v error -y "$@"; }
dur=4

# The walkers: who (a = the whole of A, b = B's half of her picture, mirrored for the second),
# height in the flat picture (the lens shows the middle at about 0.53 eye px per picture px),
# where their feet are and how they walk (px per second).
ff -i "$src/p3m_bd6af989_color_rgba.png" -vf format=rgba a.png
ff -i "$src/p3m_09ba26b4_color_rgba.png" -vf crop=1200:1080:0:0,format=rgba b.png
walkers=(
    "a 280 160+45*t 600"
    "b 160 860-35*t 470"
    "a 86 420+22*t 430"
    "b 42 1010-14*t 405"
)
k=1 # the flat scene's scale: 1280x720 times k
if [[ -n ${EIGHT_K:-} ]]; then
    dur=1
    k=4
    walkers=("b 94 860-35*t 470") # 94 px of the 1280 px scene: about 200 px of a 4096 px eye
fi
eye=$((1024 * k))
inputs=(-t $dur -i "$bg")
scene="[0]scale=$((1280 * k)):$((720 * k))[bg];"
last="[bg]"
truth=""
lastTruth="[t0]"
i=1
for w in "${walkers[@]}"; do
    read -r who height x feet <<<"$w"
    inputs+=(-loop 1 -i "$who.png")
    flip=""
    [[ $i == 4 ]] && flip=",hflip"
    # The picture and its truth: the same cut-out in white over black is its alpha.
    scene+="[$i]scale=-2:$((height * k))$flip,split[p$i][q$i];[q$i]lutrgb=r=255:g=255:b=255[w$i];"
    scene+="${last}[p$i]overlay=x='$k*($x)-w/2':y='$k*$feet-h':eval=frame[s$i];"
    truth+="${lastTruth}[w$i]overlay=x='$k*($x)-w/2':y='$k*$feet-h':eval=frame[t$i];"
    last="[s$i]"
    lastTruth="[t$i]"
    i=$((i + 1))
done
hfov=120
vfov=$(awk -v h=$hfov 'BEGIN { pi = atan2(0, -1); print 2 * atan2(sin(h * pi / 360) / cos(h * pi / 360) * 720 / 1280, 1) * 180 / pi }')
lens="v360=input=flat:ih_fov=$hfov:iv_fov=$vfov:output=fisheye:h_fov=180:v_fov=180:w=$eye:h=$eye:alpha_mask=1"
stereo() { # input label -> both eyes side by side, the right one turned 2 degrees
    echo "$1split[l][r];[l]$lens[le];[r]$lens:yaw=2[re];[le][re]hstack"
}
clip=people_$((2 * eye))x${eye}_FISHEYE180_LR.mp4
truth=${truth%;} # the last overlay's output is mapped, not fed on
if [[ ! -f $clip ]]; then
    ff "${inputs[@]}" -f lavfi -i "color=black:s=$((1280 * k))x$((720 * k)):r=30:d=$dur" -filter_complex \
        "${scene}${truth//\[t0\]/[$i]}" -map "$last" -t $dur -r 30 -c:v libx264 -crf 12 -pix_fmt yuv420p flat.mp4 \
        -map "$lastTruth" -t $dur -r 30 -c:v ffv1 -pix_fmt gray flat_truth.mkv
    # Black outside the image circles, as a fisheye camera records it.
    ff -i flat.mp4 -f lavfi -i "color=black:s=$((2 * eye))x$eye:r=30:d=$dur" -filter_complex \
        "$(stereo "[0]format=yuva444p,")[fe];[1][fe]overlay,format=yuv420p" -t $dur -c:v libx264 -crf 12 -an "$clip"
    ff -i flat_truth.mkv -vf "$(stereo "[0]format=gray,")",format=gray -c:v ffv1 truth.mkv
fi
if [[ -n ${TRUTH_ONLY:-} ]]; then
    echo "roi-truth: $work/$clip and truth.mkv"
    exit 0
fi

# Lossless x264 up to 4096 px wide; H.264 stops there, so 8K goes to x265 at its best quality.
encoder=(--encoder libx264 --crf 0)
[[ -n ${EIGHT_K:-} ]] && encoder=(--encoder libx265 --crf 0)
models=(--model "$shared/models/rvm_mobilenetv3.pth" --person-model "$shared/models/movenet")
run() { # name input options...
    local name=$1 input=$2
    shift 2
    rm -rf "$name.mp4" "$name.mp4.ptjob"
    local start
    start=$(date +%s%N)
    "$cli" process "$input" -o "$name.mp4" --packing matte "${encoder[@]}" --preset ultrafast \
        --device cpu "${models[@]}" "$@" >/dev/null 2>"$name.err" || {
        cat "$name.err"
        exit 1
    }
    echo "$((($(date +%s%N) - start) / 1000000))" >"$name.ms"
}
report() { # name label [truth]
    printf '  %-12s %s, %.1f s\n' "$2" "$("$measure" "$1.mp4" ${3:-} | sed 's/^[^:]*: //')" \
        "$(awk '{ print $1 / 1000 }' "$1.ms")"
}
# Each run is its own job: those with --roi auto run the person pass too, and their time says so.
run auto "$clip" --roi off
run roi "$clip" --roi auto
if [[ -n ${EIGHT_K:-} ]]; then
    SKIP_FULL=1 # 4096 px eyes at full resolution: hours on a CPU
    SKIP_PLAZA=1
else
    run roi375 "$clip" --roi auto --downsample 0.375
fi
[[ -z ${SKIP_FULL:-} ]] && run full "$clip" --downsample 1.0
echo "roi-truth: $work/$clip, $((dur * 30)) frames, stereo fisheye, ${#walkers[@]} walkers"
report auto "auto" truth.mkv
report roi "auto+roi" truth.mkv
[[ -z ${EIGHT_K:-} ]] && report roi375 "0.375+roi" truth.mkv
[[ -z ${SKIP_FULL:-} ]] && report full "1.0" truth.mkv
grep -h "people: ROI" roi.mp4.ptjob/job.log | sed 's/^.*people: /  /' || true

if [[ -z ${SKIP_PLAZA:-} ]]; then
    plaza="$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4"
    run plaza_auto "$plaza" --roi off
    run plaza_roi "$plaza" --roi auto
    echo "plaza: $plaza (no truth)"
    report plaza_auto "auto"
    report plaza_roi "auto+roi"
    grep -h "people: ROI" plaza_roi.mp4.ptjob/job.log | sed 's/^.*people: /  /' || true
fi
