#!/usr/bin/env bash
# The cost shown before Start, against the job it promised: for each shared VR clip and target,
# `passthrough-cli preview` at the middle frame prints its estimate (the rule of
# core/pipeline/jobestimate.h, as the window uses it), then `process` with the same options runs
# the whole clip; the wall time and the output's size are printed beside the estimate, with
# their ratios (estimate / actual: above 1 is a promise kept, below 1 a job that ran over).
#   bash bench/estimate-check.sh [BUILD_DIR] [-- extra options for preview and process]
# Build first: cmake --build --preset release. Figures, not a test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$here/build/release}")
shift || true
[[ ${1:-} == -- ]] && shift
cli="$build/app/passthrough-cli"
shared=$(realpath "${PTS_SHARED_DIR:-$here/../shared}")
export PASSTHROUGH_MODEL="${PASSTHROUGH_MODEL:-$shared/models/rvm_mobilenetv3.pth}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores; model $(basename "$PASSTHROUGH_MODEL")"
printf '%-44s %-12s %8s %8s %6s %9s %9s %6s\n' clip target "est s" "real s" ratio "est MB" "real MB" ratio

check() { # clip target [options...]
    local clip=$1 target=$2
    shift 2
    local frames middle out
    frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$clip")
    middle=$((frames / 2))
    out="$work/$(basename "${clip%.*}")_$target"
    local said
    said=$("$cli" preview "$clip" --frame "$middle" -o "$out.png" --preset-target "$target" "$@" | tail -1)
    # "matting ran at F frames/s here; the whole video (N frames) at these settings: about ..."
    local fps
    fps=$(sed -E 's/^matting ran at ([0-9.]+) frames.*/\1/' <<<"$said")
    local people=0
    for option in "$@"; do
        [[ $option == --pov || $option == --keep-person || $option == --remove-person || $option == --max-people ]] && people=1
    done
    # The estimate in seconds, before it is rounded up to whole minutes for people.
    local estimate
    estimate=$(awk -v n="$frames" -v f="$fps" -v p="$people" 'BEGIN { printf "%.0f", n / f * (1.25 + 0.07 * p) }')
    local estimateMb
    estimateMb=$(sed -E 's/.*, ([0-9.]+) (kB|MB|GB)$/\1 \2/' <<<"$said" \
        | awk '{ m = $2 == "kB" ? 0.001 : ($2 == "GB" ? 1000 : 1); printf "%.1f", $1 * m }')
    local started ended
    started=$(date +%s.%N)
    local ext=mp4
    [[ $target == editing ]] && ext=mov
    "$cli" process "$clip" -o "$out.$ext" --preset-target "$target" "$@" >/dev/null 2>"$out.log"
    ended=$(date +%s.%N)
    local real realMb
    real=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.0f", b - a }')
    realMb=$(awk -v b="$(stat -c %s "$out.$ext")" 'BEGIN { printf "%.1f", b / 1e6 }')
    printf '%-44s %-12s %8s %8s %6.2f %9s %9s %6.2f\n' "$(basename "$clip")" "$target" "$estimate" "$real" \
        "$(awk -v e="$estimate" -v r="$real" 'BEGIN { print e / r }')" "$estimateMb" "$realMb" \
        "$(awk -v e="$estimateMb" -v r="$realMb" 'BEGIN { print (r > 0 ? e / r : 0) }')"
    echo "  preview said: $said"
}

EXTRA=("$@")
check "$shared/media/vr/office_walkin_2048x1024_LR_180.mp4" headset "${EXTRA[@]}"
check "$shared/media/vr/office_walkin_2048x1024_FISHEYE190_LR_hevc10.mp4" headset "${EXTRA[@]}"
check "$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4" headset "${EXTRA[@]}"
check "$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4" greenscreen "${EXTRA[@]}"
check "$shared/media/vr/asl_signers_2048x1024_LR_180_vfr.mp4" matte "${EXTRA[@]}"
