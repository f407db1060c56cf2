#!/usr/bin/env bash
# Who stays, measured against truth: builds a 4 s clip (1280x720, 30 fps) from the shared office
# background and the two P3M cut-outs, person A left, person B right, and A's lower body cut to a
# headless torso with arms that enters from the bottom as a camera wearer's body would (the POV
# body, in front of everyone), with each person's true visible alpha; then renders it with the
# real models and prints the mean absolute difference of alpha (0..1) of:
#   - plain (no choice) against everyone's alpha,
#   - --keep-person on A against A's alpha, also with --outside-people remove,
#   - --outside-people remove alone against everyone's alpha,
#   - --pov auto, and the lower-third rectangle, against the truth without the POV body,
# and in how many frames the picked person was recognised.
# FORM=fisheye: the same clip and truths in stereo fisheye form (each eye a 180-degree fisheye
# of 1024x1024 seeing the flat picture over 120 degrees, the right eye turned 2 degrees for
# parallax; 2048x1024 side by side) with the POV body drawn in the eyes, rising from their
# bottom; the MAD taken inside the picture and the POV body.
#   [FORM=flat|fisheye] [PERSON_SIZE=256|384] bash bench/person-truth.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$PWD/bench
build=${1:-build/release}
work=${2:-$(mktemp -d)}
form=${FORM:-flat}
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
    # (lut=c0=0: the color source's black comes out as 16 in gray, which would bias every MAD)
    ff -f lavfi -i "color=black:s=1280x720:r=30:d=$dur,format=gray,lut=c0=0" -loop 1 -i "$1" -filter_complex \
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

# Stereo fisheye form: every video through the same lens, the eyes side by side. A point of the
# flat picture (normalised) maps to the left eye by the lens's rule: perspective in, equidistant out.
hfov=120
vfov=$(awk -v h=$hfov 'BEGIN { pi = atan2(0, -1); print 2 * atan2(sin(h * pi / 360) / cos(h * pi / 360) * 720 / 1280, 1) * 180 / pi }')
to_eye() { # "X,Y" of the flat picture -> "X,Y" of the left fisheye eye
    awk -v p="$1" -v h=$hfov -v v="$vfov" 'BEGIN {
        pi = atan2(0, -1); split(p, c, ",")
        x = (2 * c[1] - 1) * sin(h * pi / 360) / cos(h * pi / 360)
        y = (2 * c[2] - 1) * sin(v * pi / 360) / cos(v * pi / 360)
        r = sqrt(x * x + y * y); t = atan2(r, 1) / (pi / 2)
        printf "%.4f,%.4f", 0.5 + 0.5 * t * x / r, 0.5 + 0.5 * t * y / r }'
}
lens="v360=input=flat:ih_fov=$hfov:iv_fov=$vfov:output=fisheye:h_fov=180:v_fov=180:w=1024:h=1024:alpha_mask=1"
stereo() { # filter input label -> both eyes side by side (the right one turned 2 degrees)
    echo "$1split[l][r];[l]$lens[le];[r]$lens:yaw=2[re];[le][re]hstack"
}
video=composite_MONO_FLAT.mp4
pickA=0.265,0.55
pickB=0.72,0.6
if [[ $form == fisheye ]]; then
    # The scene without the POV body (background, A, B) through the lens, on black as a fisheye
    # camera sees; then the POV body drawn in the eyes themselves, as a camera wearer's body is
    # near the lens: rising from the bottom of each eye (600 px wide), 24 px further left in the
    # right eye (near things have more parallax).
    PYF='1024-min(1\,t/2)*400'
    ff -t $dur -i "$bg" -loop 1 -i a.png -loop 1 -i b.png -loop 1 -i p.png \
        -f lavfi -i "color=black:s=2048x1024:r=30:d=$dur" -filter_complex \
        "[0][1]overlay=x=$AX:y=$AY:eval=frame[ab];[ab][2]overlay=x=$BX:y=$BY:eval=frame[abc];$(stereo "[abc]format=yuva420p,")[fe];[4][fe]overlay[scene];[3]scale=600:-2,split[pl][pr];[scene][pl]overlay=x=212:y=$PYF:eval=frame[s1];[s1][pr]overlay=x=1212:y=$PYF:eval=frame,format=yuv420p" \
        -t $dur -c:v libx264 -crf 12 -an composite_LR_FISHEYE180.mp4
    # The truths: A (less B) and B through the lens (0 outside the picture), the POV body's own
    # alpha in the eyes, and what each shows with the POV body in front.
    ff -f lavfi -i "color=white:s=1280x720:r=30:d=$dur" -lavfi \
        "$(stereo "[0]format=yuva444p,")",alphaextract,format=gray,lut=c0='if(gt(val\,127)\,255\,0)' \
        -c:v ffv1 picture.mkv
    for a in a_notb b_full; do
        ff -i $a.mkv -i picture.mkv -lavfi "$(stereo "[0]format=gray,"),format=gray[fe];[fe][1]blend=all_mode=multiply,format=gray" \
            -c:v ffv1 ${a}_fisheye.mkv
    done
    ff -f lavfi -i "color=black:s=2048x1024:r=30:d=$dur,format=gray,lut=c0=0" -loop 1 -i p.png -filter_complex \
        "[1]scale=600:-2,format=rgba,alphaextract,split[pl][pr];[0][pl]overlay=x=212:y=$PYF:eval=frame[s1];[s1][pr]overlay=x=1212:y=$PYF:eval=frame,format=gray" \
        -t $dur -c:v ffv1 p_alpha.mkv
    mul_not a_notb_fisheye.mkv p_alpha.mkv a_alpha.mkv
    mul_not b_full_fisheye.mkv p_alpha.mkv b_alpha.mkv
    union a_alpha.mkv b_alpha.mkv people_alpha.mkv
    union people_alpha.mkv p_alpha.mkv all_alpha.mkv
    union a_alpha.mkv p_alpha.mkv ap_alpha.mkv
    # Where the MAD is taken: the picture and the POV body.
    ff -i picture.mkv -i p_alpha.mkv -lavfi "[1]lut=c0='if(gt(val\,0)\,255\,0)'[p];[0][p]blend=all_mode=lighten,format=gray" \
        -c:v ffv1 footprint.mkv
    video=composite_LR_FISHEYE180.mp4
    pickA=$(to_eye $pickA)
    pickB=$(to_eye $pickB)
fi

# The shared copies of the models, as the tests use them (else the CLI's own defaults).
models=()
[[ -f $shared/models/rvm_mobilenetv3.pth ]] && models+=(--model "$shared/models/rvm_mobilenetv3.pth")
[[ -d $shared/models/movenet ]] && models+=(--person-model "$shared/models/movenet")
# PERSON_SIZE=384: the person model's input size (--person-size) for every run.
[[ -n ${PERSON_SIZE:-} ]] && models+=(--person-size "$PERSON_SIZE")
run() { # name, options...
    local name=$1
    shift
    "$cli" process "$video" -o "$name.mp4" --packing matte --encoder libx264 --crf 0 \
        --preset ultrafast --device cpu "${models[@]}" "$@" >/dev/null 2>"$name.err" || { cat "$name.err"; exit 1; }
}
source "$bench/truth-measure.sh"
start=$(date +%s%N)
run plain
plain_s=$(( ($(date +%s%N) - start) / 1000000 ))
# A at 1 s: its box's middle, normalised (x 80+40*1 .. +431, y 100 .. 720).
run keepA --keep-person "$pickA@1.0"
run keepA_outside --keep-person "$pickA@1.0" --outside-people remove
run remove_b --remove-person "$pickB@1.0"
run outside --outside-people remove
start=$(date +%s%N)
run pov --pov auto
pov_s=$(( ($(date +%s%N) - start) / 1000000 ))
run third --region remove:0,0.667,1,1

echo "person-truth ($form): $work ($video, $((dur * 30)) frames; picks A $pickA, B $pickB)"
echo "plain (no choice)        vs everyone:            MAD $(mad plain.mp4 all_alpha.mkv)"
echo "--keep-person A          vs A's true alpha:      MAD $(mad keepA.mp4 a_alpha.mkv) (plain vs A: $(mad plain.mp4 a_alpha.mkv))"
echo "  with --outside-people remove:                  MAD $(mad keepA_outside.mp4 a_alpha.mkv)"
echo "--outside-people remove  vs everyone:            MAD $(mad outside.mp4 all_alpha.mkv)"
echo "--remove-person B        vs A + POV body:        MAD $(mad remove_b.mp4 ap_alpha.mkv) (plain: $(mad plain.mp4 ap_alpha.mkv))"
echo "--pov auto               vs everyone but POV:    MAD $(mad pov.mp4 people_alpha.mkv)"
echo "lower-third rectangle    vs everyone but POV:    MAD $(mad third.mp4 people_alpha.mkv)"
echo "plain (no choice)        vs everyone but POV:    MAD $(mad plain.mp4 people_alpha.mkv)"
grep -h "recognised in\|POV body found\|matte outside" keepA.mp4.ptjob/job.log outside.mp4.ptjob/job.log remove_b.mp4.ptjob/job.log pov.mp4.ptjob/job.log | sed 's/^.*people: /  /'
echo "time: plain ${plain_s} ms, --pov auto ${pov_s} ms (person pass included)"
