#!/usr/bin/env bash
# Who stays, measured against truth: builds a 4 s clip (1280x720, 30 fps) from the shared office
# background and the two P3M cut-outs, person A left, person B right, and A's lower body cut to a
# headless torso with arms that enters from the bottom as a camera wearer's body would (the POV
# body, in front of everyone), with each person's true visible alpha; then renders it with the
# real models and prints the mean absolute difference of alpha (0..1) of:
#   - plain (no choice) against everyone's alpha,
#   - --keep-person on A against A's alpha,
#   - --pov auto, and the lower-third rectangle, against the truth without the POV body,
# and in how many frames the picked person was recognised.
#   bash bench/person-truth.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
work=${2:-$(mktemp -d)}
shared=$(realpath "${PTS_SHARED_DIR:-../shared}")
cli="$(realpath "$build")/app/passthrough-cli"
src="$shared/media/truth/sources"
bg="$shared/media/truth/office_pan_p3m-bd6af989_1280x720_background.mp4"
mkdir -p "$work"
cd "$work"
ff() { ffmpeg -v error -y "$@"; }

# The people as stills: A whole (431x620), B's half of its picture (622x560), A from below the
# chin down (700x515: the POV body).
ff -i "$src/p3m_bd6af989_color_rgba.png" -vf scale=-2:620 a.png
ff -i "$src/p3m_09ba26b4_color_rgba.png" -vf crop=1200:1080:0:0,scale=-2:560 b.png
ff -i "$src/p3m_bd6af989_color_rgba.png" -vf crop=1080:794:0:760,scale=700:-2 p.png
AX='80+40*t'; AY=100; BX='640-20*t'; BY=160; PX=290; PY='720-min(1\,t/2)*420'
dur=4
ff -t $dur -i "$bg" -loop 1 -i a.png -loop 1 -i b.png -loop 1 -i p.png -filter_complex \
    "[0][1]overlay=x=$AX:y=$AY:eval=frame[ab];[ab][2]overlay=x=$BX:y=$BY:eval=frame[abc];[abc][3]overlay=x=$PX:y=$PY:eval=frame,format=yuv420p" \
    -t $dur -c:v libx264 -crf 12 -an composite_MONO_FLAT.mp4
# Each person's alpha where they stand, then what each one shows of themselves (POV in front of
# B in front of A).
alpha() { # still, x, y, output
    ff -f lavfi -i "color=black:s=1280x720:r=30:d=$dur,format=gray" -loop 1 -i "$1" -filter_complex \
        "[1]alphaextract[a];[0][a]overlay=x=$2:y=$3:eval=frame,format=gray" -t $dur -c:v ffv1 "$4"
}
alpha a.png "$AX" "$AY" a_full.mkv
alpha b.png "$BX" "$BY" b_full.mkv
alpha p.png "$PX" "$PY" p_alpha.mkv
mul_not() { ff -i "$1" -i "$2" -lavfi "[0][1]blend=all_expr='A*(255-B)/255',format=gray" -c:v ffv1 "$3"; }
mul_not b_full.mkv p_alpha.mkv b_alpha.mkv
mul_not a_full.mkv b_full.mkv a_notb.mkv
mul_not a_notb.mkv p_alpha.mkv a_alpha.mkv
# Everyone, and everyone but the POV body: 1 - (1 - x)(1 - y).
union() { ff -i "$1" -i "$2" -lavfi "[0][1]blend=all_expr='255-(255-A)*(255-B)/255',format=gray" -c:v ffv1 "$3"; }
union a_alpha.mkv b_alpha.mkv people_alpha.mkv
union people_alpha.mkv p_alpha.mkv all_alpha.mkv
union a_alpha.mkv p_alpha.mkv ap_alpha.mkv

# The shared copies of the models, as the tests use them (else the CLI's own defaults).
models=()
[[ -f $shared/models/rvm_mobilenetv3.pth ]] && models+=(--model "$shared/models/rvm_mobilenetv3.pth")
[[ -d $shared/models/movenet ]] && models+=(--person-model "$shared/models/movenet")
run() { # name, options...
    local name=$1
    shift
    "$cli" process composite_MONO_FLAT.mp4 -o "$name.mp4" --packing matte --encoder libx264 --crf 0 \
        --preset ultrafast --device cpu "${models[@]}" "$@" >/dev/null 2>"$name.err" || { cat "$name.err"; exit 1; }
}
# Mean |a - b| of alpha over all frames: the matte packing stores alpha as limited-range luma.
mad() {
    ff -i "$1" -i "$2" -lavfi \
        "[0]scale=in_range=tv:out_range=pc,format=gray[m];[1]format=gray[t];[m][t]blend=all_mode=difference,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-" \
        -f null - | awk -F= '/YAVG/ { s += $2; n++ } END { printf "%.4f", s / n / 255 }'
}
start=$(date +%s%N)
run plain
plain_s=$(( ($(date +%s%N) - start) / 1000000 ))
# A at 1 s: its box's middle, normalised (x 80+40*1 .. +431, y 100 .. 720).
run keepA --keep-person 0.265,0.55@1.0
run remove_b --remove-person 0.72,0.6@1.0
start=$(date +%s%N)
run pov --pov auto
pov_s=$(( ($(date +%s%N) - start) / 1000000 ))
run third --region remove:0,0.667,1,1

echo "person-truth: $work (1280x720, $((dur * 30)) frames)"
echo "plain (no choice)        vs everyone:            MAD $(mad plain.mp4 all_alpha.mkv)"
echo "--keep-person A          vs A's true alpha:      MAD $(mad keepA.mp4 a_alpha.mkv) (plain vs A: $(mad plain.mp4 a_alpha.mkv))"
echo "--remove-person B        vs A + POV body:        MAD $(mad remove_b.mp4 ap_alpha.mkv) (plain: $(mad plain.mp4 ap_alpha.mkv))"
echo "--pov auto               vs everyone but POV:    MAD $(mad pov.mp4 people_alpha.mkv)"
echo "lower-third rectangle    vs everyone but POV:    MAD $(mad third.mp4 people_alpha.mkv)"
echo "plain (no choice)        vs everyone but POV:    MAD $(mad plain.mp4 people_alpha.mkv)"
grep -h "recognised in\|POV body found" keepA.mp4.ptjob/job.log remove_b.mp4.ptjob/job.log pov.mp4.ptjob/job.log | sed 's/^.*people: /  /'
echo "time: plain ${plain_s} ms, --pov auto ${pov_s} ms (person pass included)"
