#!/usr/bin/env bash
# Builds and runs the whole test suite (unit and golden-file tests) on the release build.
# Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build
meson test -C build --print-errorlogs
