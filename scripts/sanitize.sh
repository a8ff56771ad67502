#!/usr/bin/env bash
# Builds with clang under AddressSanitizer + UndefinedBehaviorSanitizer and runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/install-deps.sh --sanitizers
build=build-asan
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ quietly meson setup "$build" --wrap-mode=nodownload -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false
fi
quietly ninja -C "$build"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
meson test -C "$build" --print-errorlogs
