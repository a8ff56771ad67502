#!/usr/bin/env bash
# Runs the official TypeScript client against `backfill-check serve --mock` (ts_client_test.mjs).
# The client is installed once with npm into a cache folder; without node and npm the test is skipped.
# Usage: ts-client.sh BACKFILL_CHECK
set -euo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
version=1.64.0
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIP: node and npm are not installed (scripts/install-deps.sh installs them)"
  exit 77
fi
cache=${BACKFILL_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/backfill-check/npm}/datadog-api-client-$version
if [[ ! -f "$cache/node_modules/@datadog/datadog-api-client/package.json" ]]; then
  mkdir -p "$cache"
  (cd "$cache" && timeout 600 npm install --no-audit --no-fund --silent "@datadog/datadog-api-client@$version" >/dev/null)
fi
workdir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$workdir"; }
trap cleanup EXIT
start() {  # start NAME ARGS...: a mock on a free port; prints its base URL
  local name=$1; shift
  "$cli" serve --mock --listen 127.0.0.1:0 --max-requests 50 "$@" >"$workdir/$name.out" 2>"$workdir/$name.log" &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q '^listening on' "$workdir/$name.out" 2>/dev/null && break
    sleep 0.05
  done
  sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$workdir/$name.out"
}
mock=$(start mock)
limited=$(start limited --rate-limit 1/60)
DD_CLIENT_DIR="$cache" timeout 120 node "$here/ts_client_test.mjs" "$mock" "$limited"
