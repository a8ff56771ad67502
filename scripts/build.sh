#!/usr/bin/env bash
# Configures (once) and builds the release tree. Usage: scripts/build.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/install-deps.sh
build=${1:-build}
if [[ ! -f "$build/build.ninja" ]]; then
  quietly meson setup "$build" --wrap-mode=nodownload
fi
quietly ninja -C "$build"
