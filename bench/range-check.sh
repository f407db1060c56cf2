#!/usr/bin/env bash
# --range on the shared office clip (10 s, 10 fps; a 48 kHz AAC tone muxed in, since the clip has
# no audio of its own): prints the frames the job planned and wrote, the source time of its first
# frame, and the output's video and audio lengths against the source's part.
#   [RANGE=2.35-7.1] bash bench/range-check.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
work=${2:-$(mktemp -d)}
shared=$(realpath "${PTS_SHARED_DIR:-../shared}")
range=${RANGE:-2.35-7.1}
mkdir -p "$work"
cd "$work"
ffmpeg -v error -y -i "$shared/media/clips/office_walkin_768x432_10fps.mp4" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" -map 0:v -map 1:a -c:v copy -c:a aac \
    -shortest office_audio.mp4
rm -rf part.mp4 part.mp4.ptjob
"$build/app/passthrough-cli" process office_audio.mp4 -o part.mp4 --range "$range" --packing matte \
    --model "$shared/models/rvm_mobilenetv3.pth" --preset ultrafast --device cpu >/dev/null 2>part.err ||
    { cat part.err; exit 1; }
probe() { ffprobe -v error -select_streams "$2" -show_entries "stream=$3" -of csv=p=0 "$1"; }
frames=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 part.mp4)
audio=$(ffprobe -v error -select_streams a -show_entries packet=pts_time,duration_time -of csv=p=0 part.mp4 |
    awk -F, 'NR == 1 { first = $1 } { last = $1 + $2 } END { printf "%.4f s (first packet at %.4f s)", last - first, first }')
echo "range-check: --range $range of the office clip ($work)"
echo "  $(grep -ho 'range: .*' part.mp4.ptjob/job.log)"
echo "  output: $frames frames, video from $(probe part.mp4 v start_time) s for $(probe part.mp4 v duration) s"
echo "  audio: $audio"
