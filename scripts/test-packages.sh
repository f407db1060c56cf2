#!/usr/bin/env bash
# The packaging checks, after scripts/run-tests.sh has built the tree: the Debian package built,
# installed with apt, run (CLI and window) and removed; the Windows NSIS script compiled by
# makensis. Needs root or sudo for the install.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/linux/test-deb.sh build/release
bash packaging/windows/check-nsis.sh build/release
