#!/usr/bin/env bash
# Builds with clang under ThreadSanitizer and runs the thread-safety test (one Validator, 8 threads).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/install-deps.sh --sanitizers
build=build-tsan
clang_sanitized_setup "$build" thread
quietly ninja -C "$build" tests/unit-tests backfill-check
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
meson test -C "$build" --no-rebuild --print-errorlogs unit --test-args='--test-case=threads*'
