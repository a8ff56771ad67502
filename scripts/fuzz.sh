#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 s, every fuzz/fuzz_*.cpp)
# New inputs go to BUILD/fuzz-corpus/<target>/ (the seeds in fuzz/corpus/ are only read); a crash
# leaves its reproducer in BUILD/fuzz-artifacts/, replayable with BUILD/fuzz/fuzz_<target> FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
scripts/install-deps.sh --sanitizers
build=${FUZZ_BUILD:-build-fuzz}
seconds=${1:-60}
shift || true
clang_sanitized_setup "$build" address,undefined -Dfuzzing=enabled -Dtests=false
quietly ninja -C "$build"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for source in fuzz/fuzz_*.cpp; do targets+=("$(basename "$source" .cpp | sed 's/^fuzz_//')"); done
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$build/fuzz-artifacts"
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  mkdir -p "$corpus"
  log="$build/fuzz-$target.log"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: memory must stay bounded.
  if ! "$build/fuzz/fuzz_$target" "$corpus" "fuzz/corpus/$target" -dict=fuzz/backfill.dict \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$target-" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz_$target: FAILED (log: $log)" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  echo "fuzz_$target: ${seconds} s, $runs executions, $speed exec/s, no crash"
done
