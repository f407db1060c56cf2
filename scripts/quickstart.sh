#!/usr/bin/env bash
# Installs every dependency, builds, and turns the shared fisheye VR clip into a passthrough
# video players read (the fisheye alpha packing) with the native RVM model. This is the
# README's first command.
#   bash scripts/quickstart.sh [INPUT] [OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${PTS_SHARED_DIR:-$(pwd)/../shared}"
input="${1:-$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4}"
output="${2:-$(pwd)/out/plaza_pedestrians_2048x1024_FISHEYE190_LR_alpha.mp4}"

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --target passthrough-cli
mkdir -p "$(dirname "$output")"

cli=build/release/app/passthrough-cli
"$cli" probe "$input"
# Segments of 2 s, the model at a quarter of each eye's size (fast on a CPU); re-running the same
# command resumes an interrupted job instead of starting again.
"$cli" process "$input" -o "$output" \
    --model "${PASSTHROUGH_MODEL:-$shared/models/rvm_mobilenetv3.pth}" \
    --packing fisheye-alpha --segment-seconds 2 --downsample 0.25
"$cli" preview "$input" --frame 150 -o "${output%.*}_preview.png" --packing fisheye-alpha \
    --model "${PASSTHROUGH_MODEL:-$shared/models/rvm_mobilenetv3.pth}" --downsample 0.25
echo "done: $output (and ${output%.*}_preview.png)"
