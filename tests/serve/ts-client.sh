#!/usr/bin/env bash
# Runs the official TypeScript client against `backfill-check serve --mock` (ts_client_test.mjs).
# The client is installed once with npm into a cache folder (tests/support/npm-cache.sh); without node
# and npm the test is skipped.
# Usage: ts-client.sh BACKFILL_CHECK
set -euo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../support/npm-cache.sh"
datadog_client
workdir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$workdir"; }
trap cleanup EXIT
start() {  # start VAR NAME ARGS...: a mock on a free port; sets VAR to its base URL (not in a subshell,
  local var=$1 name=$2; shift 2  # so that the cleanup knows its pid)
  "$cli" serve --mock --listen 127.0.0.1:0 --max-requests 50 "$@" >"$workdir/$name.out" 2>"$workdir/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q '^listening on' "$workdir/$name.out" 2>/dev/null && break
    sleep 0.05
  done
  printf -v "$var" '%s' "$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$workdir/$name.out")"
}
start mock mock
start limited limited --rate-limit 1/60
DD_CLIENT_DIR="$npm_dir" timeout 120 node "$here/ts_client_test.mjs" "$mock" "$limited"
