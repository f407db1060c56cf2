#!/usr/bin/env bash
# Prints the phases a CI run recorded (scripts/phases.sh) as a table with their share of the
# total, and what the compiler cache did, so that the next slow step is seen when it appears.
#   bash scripts/ci-timings.sh PHASE_LOG
set -euo pipefail
log=${1:?usage: ci-timings.sh PHASE_LOG}
[[ -s $log ]] || { echo "ci-timings: nothing recorded in $log"; exit 0; }
echo "== where the time went"
awk -F'\t' '{ t[NR] = $2; n[NR] = $1; s[NR] = $3; total += $2 }
    END {
        for (i = 1; i <= NR; ++i) printf "%-28s %5d s  %5.1f min  %4.0f %%  %s\n", n[i], t[i], t[i] / 60, 100 * t[i] / (total ? total : 1), s[i]
        printf "%-28s %5d s  %5.1f min\n", "total", total, total / 60
    }' "$log"
if command -v ccache >/dev/null; then
    echo "== compiler cache"
    ccache --print-stats 2>/dev/null | awk -F'\t' '$1 ~ /^(direct_cache_hit|preprocessed_cache_hit|cache_miss)$/ { printf "%s %s  ", $1, $2 } END { print "" }' || true
fi
