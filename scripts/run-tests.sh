#!/usr/bin/env bash
# Installs every dependency, builds, and runs the whole test suite (Qt Test through ctest).
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
ctest --preset release
