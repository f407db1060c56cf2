# Sourced by the truth benches (person-truth.sh, pov-truth.sh), after they define ff (ffmpeg,
# quiet) and set form (flat|fisheye), in the folder holding footprint.mkv in fisheye form.
#
# mad MATTE TRUTH: the mean |a - b| of alpha over all frames, 0..1. The matte packing stores
# alpha as limited-range luma. In fisheye form only inside the picture's footprint:
# sum(|a - b| * inside) / sum(inside).
yavg() { awk -F= '/YAVG/ { s += $2; n++ } END { printf "%.6f", s / n / 255 }'; }
mad() {
    local diff="[0]scale=in_range=tv:out_range=pc,format=gray[m];[1]format=gray[t];[m][t]blend=all_mode=difference"
    if [[ $form == fisheye ]]; then
        local inside
        inside=$(ff -i footprint.mkv -vf signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=- -f null - | yavg)
        ff -i "$1" -i "$2" -i footprint.mkv -lavfi \
            "$diff[d];[d][2]blend=all_mode=multiply,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-" \
            -f null - | yavg | awk -v i="$inside" '{ printf "%.4f", $1 / i }'
    else
        ff -i "$1" -i "$2" -lavfi "$diff,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-" \
            -f null - | yavg | awk '{ printf "%.4f", $1 }'
    fi
}
