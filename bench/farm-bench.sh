#!/usr/bin/env bash
# Farm throughput on this machine: the same job done by 1 and then by 2 workers (each with
# --threads 1), through a real nats-server, and the ratio of the two. Not a test: figures.
#   bash bench/farm-bench.sh [--model FILE] [--downsample RATIO] [--clip FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/release/app/passthrough-cli"
shared="${PTS_SHARED_DIR:-$here/../shared}"
clip="$shared/media/vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4"
model="$shared/models/rvm_mobilenetv3.pth"
downsample=0.25
while (($#)); do
    case $1 in
    --model) model=$2; shift 2 ;;
    --downsample) downsample=$2; shift 2 ;;
    --clip) clip=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
    esac
done
work=$(mktemp -d)
server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nats-server -js -sd "$work/store" -a 127.0.0.1 -p "$port" >"$work/nats.log" 2>&1 &
server_pid=$!
sleep 1
broker="nats://127.0.0.1:$port"
frames=$("$cli" probe "$clip" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["frameCount"])')
echo "clip: $(basename "$clip"), $frames frames; model at --downsample $downsample; 2 s segments; $(nproc) cores"

run() { # WORKERS -> frames per second
    local workers=$1 jobs="$work/jobs$1"
    mkdir -p "$jobs"
    "$cli" submit "$clip" -o "$jobs/out_matte.mp4" --broker "$broker" --model "$model" --downsample "$downsample" \
        --segment-seconds 2 --preset fast --threads 1 >/dev/null 2>&1
    local start end pids=()
    start=$(date +%s.%N)
    for i in $(seq 1 "$workers"); do
        "$cli" worker --broker "$broker" --name "bench$i" --storage-root "$work" --threads 1 --exit-when-idle \
            >"$work/worker$workers-$i.log" 2>&1 &
        pids+=($!)
    done
    wait "${pids[@]}"
    end=$(date +%s.%N)
    [[ -f $jobs/out_matte.mp4 ]] || { echo "the $workers-worker run left no output" >&2; exit 1; }
    python3 -c "print(f'{$frames / ($end - $start):.2f}')"
}

one=$(run 1)
echo "1 worker:  $one frames/s"
two=$(run 2)
echo "2 workers: $two frames/s"
python3 -c "print(f'ratio 2/1: {$two / $one:.2f}x')"
