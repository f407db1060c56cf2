# Sourced by the build and test scripts: `phase NAME COMMAND...` runs COMMAND and, when
# PTS_PHASE_LOG names a file (.ci/run sets it), appends NAME and its seconds to it, so that CI
# ends with one table of where its time went (scripts/ci-timings.sh prints it).
phase() {
    local name=$1 start=$SECONDS status=0
    shift
    "$@" || status=$?
    if [[ -n ${PTS_PHASE_LOG:-} ]]; then
        printf '%s\t%d\t%s\n' "$name" $((SECONDS - start)) "$([[ $status == 0 ]] && echo ok || echo "failed ($status)")" >>"$PTS_PHASE_LOG"
    fi
    return $status
}
