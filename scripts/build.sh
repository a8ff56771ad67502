#!/usr/bin/env bash
# Configures (once) and builds the release tree in build/. Usage: scripts/build.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${1:-build}
if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" --wrap-mode=nodownload >/dev/null
fi
ninja -C "$build" >/dev/null
