#!/usr/bin/env bash
# Prints decode / inference / encode / end-to-end frames/s and peak memory for a 10 s and a
# 60 s input made from the shared fisheye clip, each in its own process, to show that peak
# memory does not grow with the length of the video (both runs use 5 s segments: 2 and 12 of
# them). Extra arguments go to pipeline-bench, e.g. --model FILE --downsample 0.25.
#   bash bench/run-bench.sh [--model FILE]      (build first: cmake --build --preset release)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench="$here/build/release/bench/pipeline-bench"
shared="${PTS_SHARED_DIR:-$here/../shared}"
clip="$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$clip" "$work/bench10_FISHEYE190_LR.mp4"
ffmpeg -nostdin -hide_banner -loglevel error -stream_loop 5 -i "$clip" -c copy "$work/bench60_FISHEYE190_LR.mp4"

for input in "$work/bench10_FISHEYE190_LR.mp4" "$work/bench60_FISHEYE190_LR.mp4"; do
    echo "== $(basename "$input")"
    "$bench" "$input" --stage all --frames 120 "$@"
    echo "-- end-to-end alone (its own process, so the peak is the job's):"
    "$bench" "$input" --stage e2e --segment-seconds 5 "$@" | grep -E "end-to-end|peak"
done
