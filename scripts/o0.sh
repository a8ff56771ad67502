#!/usr/bin/env bash
# Builds without optimisation (-O0: large stack frames, where a recursive parser would overflow the
# stack first) and runs the JSONTestSuite and the deep-nesting hostile tests there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/install-deps.sh
build=build-O0
if [[ ! -f "$build/build.ninja" ]]; then
  quietly meson setup "$build" --wrap-mode=nodownload -Dbuildtype=debug
fi
quietly ninja -C "$build" tests/unit-tests backfill-check
meson test -C "$build" --no-rebuild --print-errorlogs unit \
  --test-args='--test-case=JSONTestSuite*,hostile:?nesting*,hostile:?a?scalar*'
