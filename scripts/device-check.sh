#!/usr/bin/env bash
# Proves the matting path on whatever device is here and measures it, with nothing but LibTorch:
# configures the matting-only build (PTS_MATTING_ONLY: the native RVM network, its .pth reader,
# rvm-golden and rvm-bench; no Qt, FFmpeg or NATS), builds it with every core, checks the network
# against the PyTorch reference vectors on CUDA (when LibTorch sees a GPU) and on the CPU, in each
# precision, then times an eye pair at 1024x1024 and 4096x4096 (auto ratio) in float32 and half
# (bfloat16 on the CPU), channels-last and not. Prints one table; writes it to
# $OUT/device-check.txt as well when OUT is set. Exits non-zero when a golden check fails. A
# precision the processor does not compute natively (bfloat16 on a CPU without AVX512_BF16 or
# AMX_BF16) is a row that says so, not a failure; PTS_CPU_BF16=off shows that path on one with it.
#
#   bash scripts/device-check.sh
#
# LibTorch is taken from Torch_DIR when set, else from the PyTorch that python3 imports (its
# cmake_prefix_path: the CUDA build on a GPU machine), else from the system (Debian's
# libtorch-dev). CI runs it for the CPU rows; on a lent GPU machine one call of the `device`
# tool runs it as it is. PTS_DEVICE_CPU_ROWS=short (CI) keeps the CPU rows to a minute or two.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath "${PTS_SHARED_DIR:-../shared}")
models="$shared/models"
build=${PTS_DEVICE_BUILD_DIR:-build/device}
cpu_rows=${PTS_DEVICE_CPU_ROWS:-full}
started=$SECONDS

configure=(-DPTS_MATTING_ONLY=ON -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")
if [[ -n ${Torch_DIR:-} ]]; then
    configure+=("-DTorch_DIR=$Torch_DIR")
    torch_from="Torch_DIR=$Torch_DIR"
elif prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null); then
    configure+=("-DCMAKE_PREFIX_PATH=$prefix")
    torch_from="PyTorch's $prefix"
else
    torch_from="the system's LibTorch"
fi
if command -v ninja >/dev/null; then configure+=(-G Ninja); fi

echo "== configure the matting-only build ($torch_from)"
mkdir -p "$build"
cmake -S . -B "$build" "${configure[@]}" >"$build/configure.log" 2>&1 || {
    cat "$build/configure.log"
    exit 1
}
echo "== build ($(nproc) cores)"
cmake --build "$build" --parallel "$(nproc)" --target rvm-golden rvm-bench
built=$((SECONDS - started))

golden="$build/tests/golden/rvm-golden"
bench="$build/bench/rvm-bench"
model="$models/rvm_mobilenetv3.pth"

devices=(cpu)
if "$bench" "$model" --device cuda --size 64 --runs 1 >/dev/null 2>&1; then
    devices=(cuda cpu)
fi

declare -A golden_max # device/precision -> worst alpha difference over the sets, in 1/255
failed=0
for device in "${devices[@]}"; do
    precisions=(fp32 fp16)
    if [[ $device == cpu ]]; then precisions=(fp32 bf16); fi
    for precision in "${precisions[@]}"; do
        echo "== golden: $device $precision"
        status=0
        out=$("$golden" "$models" --device "$device" --precision "$precision") || status=$?
        echo "$out"
        golden_max[$device/$precision]=$(awk '{for (i = 1; i <= NF; ++i) if ($i == "max") { split($(i + 2), a, "/"); gsub(/\(/, "", a[1]); if (a[1] + 0 > m) m = a[1] + 0; break } } END { printf "%.2f/255", m }' <<<"$out")
        if ((status == 77)); then
            # bfloat16 on a CPU without it: the backend refuses it, so there is nothing to check.
            golden_max[$device/$precision]="skipped: not native on this CPU"
        elif ((status != 0)); then
            golden_max[$device/$precision]+=" FAILED"
            failed=1
        fi
    done
done

rows=()
bench_row() { # device size precision layout runs
    local row status=0
    row=$("$bench" "$model" --device "$1" --size "$2" --precision "$3" --channels-last "$4" --runs "$5" --row) ||
        status=$?
    if ((status == 77)); then
        # A precision this processor does not compute natively (rvm-bench said why on stderr): a
        # row that says so, not a failure and not a 25 times slower emulation timed.
        local layout=channels-last
        if [[ $4 == off ]]; then layout=nchw; fi
        row="$1"$'\t'"-"$'\t'"$2x$2"$'\t'"-"$'\t'"$3"$'\t'"$layout"$'\t'"not native on this CPU"$'\t'"-"$'\t'"-"
    elif ((status != 0)); then
        return "$status"
    fi
    rows+=("$row"$'\t'"${golden_max[$1/$3]:-}")
    echo "$row"
}
for device in "${devices[@]}"; do
    echo "== rvm-bench: $device"
    if [[ $device == cuda ]]; then
        for size in 1024 4096; do
            for precision in fp32 fp16; do
                for layout in on off; do bench_row cuda "$size" "$precision" "$layout" 10; done
            done
        done
    elif [[ $cpu_rows == short ]]; then
        bench_row cpu 1024 fp32 on 3
        bench_row cpu 1024 fp32 off 3
        bench_row cpu 1024 bf16 on 1
        bench_row cpu 4096 fp32 on 1
    else
        for size in 1024 4096; do
            for precision in fp32 bf16; do
                for layout in on off; do bench_row cpu "$size" "$precision" "$layout" 3; done
            done
        done
    fi
done

table=$(
    echo "device-check: $(uname -n), $(nproc) cores, build ${built} s, total $((SECONDS - started)) s"
    if command -v nvidia-smi >/dev/null; then
        nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | sed 's/^/GPU: /'
    fi
    printf '%s\n' "| device | LibTorch | eye pair | ratio | precision | layout | eye pairs/s | ms | peak GiB | golden alpha max |d| |"
    printf '%s\n' "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for row in "${rows[@]}"; do
        IFS=$'\t' read -r -a f <<<"$row"
        printf '| %s | %s | 2x%s | %s | %s | %s | %s | %s | %s | %s |\n' "${f[@]}"
    done
    echo "(peak: CUDA the caching allocator's reserved peak; CPU the process's peak resident size)"
)
echo
echo "$table"
if [[ -n ${OUT:-} ]]; then
    mkdir -p "$OUT"
    echo "$table" >"$OUT/device-check.txt"
fi
exit $failed
