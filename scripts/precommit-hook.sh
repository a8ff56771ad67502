#!/usr/bin/env bash
# The pre-commit hook's entry (hook id backfill-check, language: script): checks the staged files with
# backfill-check, which needs not be installed. It runs, in order of preference:
#   $BACKFILL_CHECK         a backfill-check executable;
#   $BACKFILL_CHECK_BUILD   a build directory that already holds one (e.g. your own build/);
#   otherwise the CLI built on first use inside this checkout, i.e. in pre-commit's cache (the
#   library and the CLI only; needs the build dependencies of scripts/install-deps.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if [[ -n "${BACKFILL_CHECK:-}" ]]; then
  cli=$BACKFILL_CHECK
elif [[ -n "${BACKFILL_CHECK_BUILD:-}" ]]; then
  cli=$BACKFILL_CHECK_BUILD/backfill-check
else
  build="$here/build-precommit"
  cli="$build/backfill-check"
  if [[ ! -x "$cli" ]]; then
    echo "backfill-check: first use: building the CLI in $build (once; a few minutes)" >&2
    if [[ ! -f "$build/build.ninja" ]]; then
      log=$(mktemp)
      meson setup "$build" "$here" --wrap-mode=nodownload -Dtests=false >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 2; }
      rm -f "$log"
    fi
    ninja -C "$build" backfill-check >&2
  fi
fi
if [[ ! -x "$cli" ]]; then
  echo "backfill-check: $cli is not an executable (check BACKFILL_CHECK or BACKFILL_CHECK_BUILD)" >&2
  exit 2
fi
exec "$cli" "$@"
