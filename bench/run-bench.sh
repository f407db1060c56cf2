#!/usr/bin/env bash
# Speed and memory of whole jobs (passthrough-cli process, each in its own process, so the peak
# RSS is the job's) against the bare model at the same settings, for
#   - the shared 2048x1024 side-by-side fisheye clip (3 s, 90 frames) at ratio 0.25, and
#   - an 8192x4096 side-by-side fisheye clip (1 s, 30 frames) generated from it, at auto ratio,
# in the fisheye-alpha, matte and green-screen packings. With --baseline CLI the same jobs also
# run with another build's passthrough-cli (e.g. the previous commit's) in the same go, and the
# speed ratio is printed: these machines are shared and noisy, so only ratios from one run count.
#   bash bench/run-bench.sh [--baseline OTHER/passthrough-cli] [--model FILE] [--skip-8k] [--only-8k-fisheye]
# (--only-8k-fisheye: the 8192x4096 fisheye-alpha job with and without --roi auto, nothing else)
# Build first: cmake --build --preset release. Figures, not a test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/release/app/passthrough-cli"
bench="$here/build/release/bench/pipeline-bench"
shared="${PTS_SHARED_DIR:-$here/../shared}"
model="$shared/models/rvm_mobilenetv3.pth"
clip="$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4"
baseline=
skip8k=0
only8kFisheye=0
while (($#)); do
    case $1 in
    --baseline) baseline=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --skip-8k) skip8k=1; shift ;;
    --only-8k-fisheye) only8kFisheye=1; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

small="$work/plaza_2048x1024_FISHEYE190_LR.mp4"
ffmpeg -nostdin -v error -i "$clip" -t 3 -an -c copy "$small"
if ((skip8k == 0)); then
    big="$work/plaza_8192x4096_FISHEYE190_LR.mp4"
    ffmpeg -nostdin -v error -i "$clip" -t 1 -an -vf scale=8192:4096:flags=bicubic -c:v libx264 -preset ultrafast \
        -crf 18 "$big"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"

# job CLI INPUT PACKING RATIO [OPTIONS...] -> "seconds peakKiB"
job() {
    local cli=$1 input=$2 packing=$3 ratio=$4 out
    shift 4
    out="$work/out_$RANDOM.mp4"
    /usr/bin/time -f "%e %M" -o "$work/time" "$cli" process "$input" -o "$out" --packing "$packing" \
        --downsample "$ratio" --model "$model" --segment-seconds 5 "$@" >/dev/null 2>"$work/err" \
        || { echo "job failed: $(cat "$work/err")" >&2; exit 1; }
    rm -rf "$out" "$out.ptjob"
    cat "$work/time"
}

# row NAME INPUT FRAMES PACKING RATIO [OPTIONS...]
row() {
    local name=$1 input=$2 frames=$3 packing=$4 ratio=$5 t rss fps bare line
    shift 5
    read -r t rss < <(job "$cli" "$input" "$packing" "$ratio" "$@")
    fps=$(python3 -c "print(f'{$frames / $t:.2f}')")
    bare=$("$bench" "$input" --stage model --model "$model" --downsample "$ratio" --frames 30 \
        | awk '/bare model/ {print $(NF-1)}')
    line=$(printf "%-34s %7s frames/s  peak RSS %6.2f GiB  bare model %6s frames/s  (%3.0f %% of it)" "$name" \
        "$fps" "$(python3 -c "print($rss / 1048576)")" "$bare" "$(python3 -c "print(100 * $fps / $bare)")")
    if [[ -n $baseline ]]; then
        local bt brss
        read -r bt brss < <(job "$baseline" "$input" "$packing" "$ratio" "$@")
        line+=$(printf "\n%-34s %7s frames/s  peak RSS %6.2f GiB  -> this build %.2fx as fast" "  baseline" \
            "$(python3 -c "print(f'{$frames / $bt:.2f}')")" "$(python3 -c "print($brss / 1048576)")" \
            "$(python3 -c "print($bt / $t)")")
    fi
    echo "$line"
}

if ((only8kFisheye == 0)); then
    row "2048x1024 fisheye-alpha r0.25" "$small" 90 fisheye-alpha 0.25
    row "2048x1024 matte r0.25" "$small" 90 matte 0.25
fi
if ((skip8k == 0)); then
    row "8192x4096 fisheye-alpha auto" "$big" 30 fisheye-alpha auto
    # Small people matted again in crops (the person pass included): memory within 10 % of the row above.
    row "8192x4096 fisheye-alpha auto+roi" "$big" 30 fisheye-alpha auto --roi auto \
        --person-model "$shared/models/movenet"
    if ((only8kFisheye == 0)); then
        row "8192x4096 matte auto" "$big" 30 matte auto
        row "8192x4096 green screen auto" "$big" 30 greenscreen auto
    fi
fi
