#!/usr/bin/env bash
# A region that moves, measured against truth (issue 35). Builds a 4 s clip (30 fps, 1280x720)
# from the shared office background and the two P3M cut-outs: B stands in the lower middle; A
# walks along the back, behind her, from the left (1 s) to the right (3 s), lowest as she passes
# behind B's head (her path bends at 2 s), and is not there before or after. The matting model keeps A, who should go. The
# truth is B's own alpha. Renders, with the real model, and prints the MAD of alpha (0..1) against
# the truth, over the whole clip and over A's two seconds, for:
#   moving     one region with three key shapes (1 s, 2 s, 3 s) around A, in force 1-3 s
#   static     one still rectangle covering A's whole path, in force 1-3 s (it cuts B)
#   none       no region
#   [TRUTH_ONLY=1] bash bench/region-truth.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$PWD/bench
build=${1:-build/release}
work=${2:-$(mktemp -d)}
shared=$(realpath "${PTS_SHARED_DIR:-../shared}")
cli="$(realpath "$build")/app/passthrough-cli"
src="$shared/media/truth/sources"
bg="$shared/media/truth/office_pan_p3m-bd6af989_1280x720_background.mp4"
mkdir -p "$work"
cd "$work"
ff() { ffmpeg -v error -y "$@"; }
dur=4
form=flat

# B: her half of her picture, 400 px tall, still, in the middle of the lower half. A: 400 px tall
# too but far behind her, walking along the back wall from the left (1 s) to the right (3 s),
# lowest as she passes behind B's head at 2 s (her path bends there: three keys follow her
# exactly), so that B hides her feet for a moment.
ff -i "$src/p3m_09ba26b4_color_rgba.png" -vf crop=1200:1080:0:0,scale=-2:400,format=rgba b.png
ff -i "$src/p3m_bd6af989_color_rgba.png" -vf scale=-2:400,format=rgba a.png
# A's opaque box inside her picture: x0 x1 y0 y1.
read -r ax0 ax1 ay0 ay1 < <(ffmpeg -v info -i a.png -vf alphaextract,bbox=min_val=20 -f null - 2>&1 |
    sed -n 's/.*x1:\([0-9]*\) x2:\([0-9]*\) y1:\([0-9]*\) y2:\([0-9]*\).*/\1 \2 \3 \4/p' | tail -1)
aw=$(ffprobe -v error -select_streams v -show_entries stream=width -of csv=p=0 a.png)
BX='640-w/2'
BY=320
AX="40+(1240-$aw-40)*(t-1)/2"
AY='-60+40*(1-abs(t-2))'
on='between(t\,1\,3-1/60)' # A is there in the frames from 1 s to 3 s

ff -t $dur -i "$bg" -loop 1 -i a.png -loop 1 -i b.png -filter_complex \
    "[0][1]overlay=x=$AX:y=$AY:enable='$on':eval=frame[s];[s][2]overlay=x=$BX:y=$BY,format=yuv420p" \
    -t $dur -r 30 -c:v libx264 -crf 12 -an clip.mp4
ff -f lavfi -i "color=black:s=1280x720:r=30:d=$dur,format=gray,lut=c0=0" -loop 1 -i b.png -filter_complex \
    "[1]format=rgba,alphaextract[a];[0][a]overlay=x=$BX:y=$BY,format=gray" -t $dur -c:v ffv1 truth.mkv
if [[ -n ${TRUTH_ONLY:-} ]]; then
    echo "region-truth: clip.mp4 and truth.mkv in $work"
    exit 0
fi

# A's opaque box at a time, 8 px of margin, normalised: X0,Y0,X1,Y1.
box() {
    awk -v t="$1" -v w="$aw" -v x0="$ax0" -v x1="$ax1" -v y0="$ay0" -v y1="$ay1" 'function abs(v) { return v < 0 ? -v : v }
        BEGIN { x = 40 + (1240 - w - 40) * (t - 1) / 2; y = -60 + 40 * (1 - abs(t - 2)); m = 8
                printf "%.4f,%.4f,%.4f,%.4f", (x + x0 - m) / 1280, (y + y0 - m) / 720, (x + x1 + m) / 1280, (y + y1 + m) / 720 }'
}
moving="remove:1=$(box 1)/2=$(box 2)/3=$(box 3)@1-3"
# Still: the union of A's boxes over her path.
IFS=, read -r sx0 sy0 _ _ <<<"$(box 1)"
IFS=, read -r _ _ sx1 sy1 <<<"$(box 3)"
IFS=, read -r _ _ _ sy1 <<<"$(box 2)"
static="remove:$sx0,$sy0,$sx1,$sy1@1-3"
models=()
[[ -f $shared/models/rvm_mobilenetv3.pth ]] && models+=(--model "$shared/models/rvm_mobilenetv3.pth")
run() { # name, options...
    local name=$1
    shift
    rm -rf "$name.mp4" "$name.mp4.ptjob"
    local start
    start=$(date +%s%N)
    "$cli" process clip.mp4 -o "$name.mp4" --packing matte --encoder libx264 --crf 0 \
        --preset ultrafast --device cpu "${models[@]}" "$@" >/dev/null 2>"$name.err" || {
        cat "$name.err"
        exit 1
    }
    echo $((($(date +%s%N) - start) / 1000000)) >"$name.ms"
}
source "$bench/truth-measure.sh"
part() { ff -ss 1 -t 2 -i "$1" -c:v ffv1 "part_$1.mkv" && echo "part_$1.mkv"; }
ff -ss 1 -t 2 -i truth.mkv -c:v ffv1 part_truth.mkv
run none
run static --region "$static"
run moving --region "$moving"
echo "region-truth: $work/clip.mp4, $((dur * 30)) frames; A crosses behind B from 1 s to 3 s"
echo "  moving region: $moving"
echo "  static region: $static"
for name in moving static none; do
    printf "  %-8s MAD %s over 4 s, %s over A's 2 s (%s ms)\n" "$name" "$(mad "$name.mp4" truth.mkv)" \
        "$(mad "$(part "$name.mp4")" part_truth.mkv)" "$(cat "$name.ms")"
done
