#!/usr/bin/env bash
# Installs every dependency, builds, and runs the whole test suite (Qt Test through ctest, the
# short fuzz runs included). This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
# The libFuzzer targets are built by clang in a tree of their own; ctest runs them.
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset release
