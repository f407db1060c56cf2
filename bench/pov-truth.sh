#!/usr/bin/env bash
# The camera wearer's own body as a camera at their eyes sees it, measured against truth. Builds
# a 4 s clip (30 fps) from the shared office background and the two P3M cut-outs, with the true
# alpha of everyone who should stay, renders it with the real models and prints, per clip, the
# frames in which `--pov auto` found the body and the mean absolute difference of alpha (0..1)
# against the truth without the body, for `--pov auto`, no choice, and the lower-third rectangle.
#
# The clips (CLIP=):
#   standing  the POV body: person A cut below the face, turned upside down and foreshortened (her
#             chest at the bottom, nearest and widest, her legs running up the image and narrowing
#             toward the horizon, her hands reaching up into the scene), rising from the bottom in
#             the first second to 40 % of the height; person B stands in front of the camera, head
#             up, and stays.
#   seated    the same body filling the bottom half of the view (a lap seen from above), B in front.
#   negative  no POV body: B walks up to the camera until her legs touch the bottom of the view
#             (nothing may be removed: --pov auto must equal no choice).
# FORM=fisheye: the same in stereo fisheye form (each eye a 180-degree fisheye of 1024x1024 seeing
# the flat picture over 120 degrees, the right eye turned 2 degrees; 2048x1024 side by side), the
# POV body drawn in each eye's circle from its bottom (24 px of parallax), cut to the circle.
#   [CLIP=standing|seated|negative] [FORM=flat|fisheye] [TRUTH_ONLY=1] bash bench/pov-truth.sh [BUILD_DIR] [WORK_DIR]
# TRUTH_ONLY=1 builds the clip and its truth and stops.
# The person models' output is never the truth here: the truth is the cut-outs' own alpha.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$PWD/bench
build=${1:-build/release}
work=${2:-$(mktemp -d)}
clip=${CLIP:-standing}
form=${FORM:-flat}
shared=$(realpath "${PTS_SHARED_DIR:-../shared}")
cli="$(realpath "$build")/app/passthrough-cli"
src="$shared/media/truth/sources"
bg="$shared/media/truth/office_pan_p3m-bd6af989_1280x720_background.mp4"
mkdir -p "$work"
cd "$work"
ff() { ffmpeg -v error -y "$@"; }
dur=4

# The POV body: A from below the face, turned upside down (a photo of someone facing the camera,
# turned, has their left hand on the left, as the wearer sees their own), foreshortened (the far
# end, the legs, narrower), padded with transparency so that the warp does not smear its edges;
# flush with the bottom. B whole (her half of the picture), upright.
warp() { # width height squeeze -> the body as pov.png
    ff -i "$src/p3m_bd6af989_color_rgba.png" -vf "crop=800:774:200:780,hflip,vflip,format=rgba,pad=iw+80:ih+40:40:40:color=black@0,perspective=x0=W*$3:y0=0:x1=W*(1-$3):y1=0:x2=0:y2=H:x3=W:y3=H:sense=destination:eval=init,scale=$1:$2" pov.png
}
# A standing wearer's feet lie well below the horizon (the picture's middle): the body reaches
# from the bottom to about 40 % of the way up; seated, the lap and legs reach forward, wider,
# over the bottom half.
case $clip in
standing) warp 820 300 0.3 ;;
seated) warp 1180 360 0.2 ;;
negative) ;;
*)
    echo "CLIP is standing, seated or negative" >&2
    exit 2
    ;;
esac
ff -i "$src/p3m_09ba26b4_color_rgba.png" -vf crop=1200:1080:0:0,scale=-2:560 b.png

# Where things are, per frame (t in seconds): B in front, or B walking up to the camera, and the
# body rising from the bottom over the first second.
if [[ $clip == negative ]]; then
    # B grows from 400 to 760 px tall and comes down until her cut-off legs reach the bottom at 3 s.
    BS="scale=-2:'400+120*min(t\,3)':eval=frame"
    BX='640-w/2'
    BY='H-h-max(0\,(3-t)*50)'
else
    BS=null
    BX='640-20*t'
    BY=160
fi
PX='(W-w)/2'
PY='H-min(1\,t)*h'

# The flat scene: background, B, the body in front of everyone.
scene="[0][b]overlay=x=$BX:y=$BY:eval=frame"
inputs=(-t $dur -i "$bg" -loop 1 -i b.png)
if [[ $clip != negative ]]; then
    inputs+=(-loop 1 -i pov.png)
fi
if [[ $form == flat ]]; then
    if [[ $clip == negative ]]; then
        ff "${inputs[@]}" -filter_complex "[1]$BS[b];$scene,format=yuv420p" -t $dur -c:v libx264 -crf 12 -an clip.mp4
    else
        ff "${inputs[@]}" -filter_complex "[1]$BS[b];$scene[s];[s][2]overlay=x=$PX:y=$PY:eval=frame,format=yuv420p" \
            -t $dur -c:v libx264 -crf 12 -an clip.mp4
    fi
fi

# B's alpha where she stands, and what she shows with the body in front: the truth.
ff -f lavfi -i "color=black:s=1280x720:r=30:d=$dur,format=gray,lut=c0=0" -loop 1 -i b.png -filter_complex \
    "[1]format=rgba,alphaextract,$BS[a];[0][a]overlay=x=$BX:y=$BY:eval=frame,format=gray" -t $dur -c:v ffv1 b_full.mkv
mul_not() { ff -i "$1" -i "$2" -lavfi "[0][1]blend=all_expr='A*(255-B)/255',format=gray" -c:v ffv1 "$3"; }

hfov=120
vfov=$(awk -v h=$hfov 'BEGIN { pi = atan2(0, -1); print 2 * atan2(sin(h * pi / 360) / cos(h * pi / 360) * 720 / 1280, 1) * 180 / pi }')
lens="v360=input=flat:ih_fov=$hfov:iv_fov=$vfov:output=fisheye:h_fov=180:v_fov=180:w=1024:h=1024:alpha_mask=1"
stereo() { # filter input label -> both eyes side by side (the right one turned 2 degrees)
    echo "$1split[l][r];[l]$lens[le];[r]$lens:yaw=2[re];[le][re]hstack"
}
if [[ $form == fisheye ]]; then
    # The body in the eyes as one layer: as wide in an eye as in the flat picture (1280 -> 1024
    # px), rising from the bottom of each circle, 24 px further left in the right eye (near things
    # have more parallax), cut to the circles (the lens sees nothing outside them).
    ff -f lavfi -i "color=black:s=2048x1024,format=gray,geq=lum='if(lte(hypot(mod(X\,1024)-511.5\,Y-511.5)\,512)\,255\,0)'" \
        -frames:v 1 circles.png
    if [[ $clip != negative ]]; then
        FPY='H-min(1\,t)*h'
        ff -f lavfi -i "color=black@0:s=2048x1024:r=30:d=$dur,format=rgba" -loop 1 -i pov.png -i circles.png -filter_complex \
            "[1]scale=iw*1024/1280:-2,split[pl][pr];[0][pl]overlay=x=(1024-w)/2:y=$FPY:eval=frame[s1];[s1][pr]overlay=x=1024+(1024-w)/2-24:y=$FPY:eval=frame,format=rgba,split[l][la];[la]alphaextract[a];[a][2]blend=all_mode=multiply[ac];[l][ac]alphamerge" \
            -t $dur -c:v png body.mkv
    fi
    lensed="[1]$BS[b];$scene,format=yuva420p,$(stereo "")[fe];[2][fe]overlay"
    if [[ $clip == negative ]]; then
        ff "${inputs[@]}" -f lavfi -i "color=black:s=2048x1024:r=30:d=$dur" -filter_complex "$lensed,format=yuv420p" \
            -t $dur -c:v libx264 -crf 12 -an clip.mp4
    else
        ff -t $dur -i "$bg" -loop 1 -i b.png -f lavfi -i "color=black:s=2048x1024:r=30:d=$dur" -i body.mkv -filter_complex \
            "$lensed[sc];[sc][3]overlay,format=yuv420p" -t $dur -c:v libx264 -crf 12 -an clip.mp4
    fi
fi

# The truths. Flat: B less the body. Fisheye: B through the lens (0 outside the picture), less
# the body's own alpha in the eyes; the MAD is taken inside the picture and the body.
if [[ $form == flat ]]; then
    if [[ $clip == negative ]]; then
        cp b_full.mkv truth.mkv
    else
        ff -f lavfi -i "color=black:s=1280x720:r=30:d=$dur,format=gray,lut=c0=0" -loop 1 -i pov.png -filter_complex \
            "[1]alphaextract[a];[0][a]overlay=x=$PX:y=$PY:eval=frame,format=gray" -t $dur -c:v ffv1 pov_alpha.mkv
        mul_not b_full.mkv pov_alpha.mkv truth.mkv
    fi
else
    ff -f lavfi -i "color=white:s=1280x720:r=30:d=$dur" -lavfi \
        "$(stereo "[0]format=yuva444p,")",alphaextract,format=gray,lut=c0='if(gt(val\,127)\,255\,0)' \
        -c:v ffv1 picture.mkv
    ff -i b_full.mkv -i picture.mkv -lavfi "$(stereo "[0]format=gray,"),format=gray[fe];[fe][1]blend=all_mode=multiply,format=gray" \
        -c:v ffv1 b_fisheye.mkv
    if [[ $clip == negative ]]; then
        cp b_fisheye.mkv truth.mkv
        cp picture.mkv footprint.mkv
    else
        ff -i body.mkv -vf alphaextract,format=gray -c:v ffv1 pov_alpha.mkv
        mul_not b_fisheye.mkv pov_alpha.mkv truth.mkv
        ff -i picture.mkv -i pov_alpha.mkv -lavfi "[1]lut=c0='if(gt(val\,0)\,255\,0)'[p];[0][p]blend=all_mode=lighten,format=gray" \
            -c:v ffv1 footprint.mkv
    fi
fi

if [[ -n ${TRUTH_ONLY:-} ]]; then
    echo "pov-truth ($clip, $form): clip.mp4 and truth.mkv in $work"
    exit 0
fi
models=()
[[ -f $shared/models/rvm_mobilenetv3.pth ]] && models+=(--model "$shared/models/rvm_mobilenetv3.pth")
[[ -d $shared/models/movenet ]] && models+=(--person-model "$shared/models/movenet")
run() { # name, options...
    local name=$1
    shift
    rm -rf "$name.mp4" "$name.mp4.ptjob" # a run in the same folder starts afresh
    "$cli" process clip.mp4 -o "$name.mp4" --packing matte --encoder libx264 --crf 0 \
        --preset ultrafast --device cpu "${models[@]}" "$@" >/dev/null 2>"$name.err" || {
        cat "$name.err"
        exit 1
    }
}
source "$bench/truth-measure.sh"
start=$(date +%s%N)
run plain
plain_ms=$((($(date +%s%N) - start) / 1000000))
start=$(date +%s%N)
run pov --pov auto
pov_ms=$((($(date +%s%N) - start) / 1000000))
run third --region remove:0,0.667,1,1

echo "pov-truth ($clip, $form): $work/clip.mp4, $((dur * 30)) frames"
echo "  --pov auto               MAD $(mad pov.mp4 truth.mkv)"
echo "  no choice                MAD $(mad plain.mp4 truth.mkv)"
echo "  lower-third rectangle    MAD $(mad third.mp4 truth.mkv)"
grep -h "POV body found" pov.mp4.ptjob/job.log | sed 's/^.*people: /  /'
echo "  time: no choice ${plain_ms} ms, --pov auto ${pov_ms} ms (person pass included)"
