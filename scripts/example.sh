#!/usr/bin/env bash
# Builds the CLI if needed (the library and the CLI only: no tests, benchmarks or fuzz targets) and
# validates the bundled example request, or the files given.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=build
if [[ ! -f "$build/build.ninja" ]]; then
  echo "example: configuring $build/ (meson setup)" >&2
  meson setup "$build" --wrap-mode=nodownload >"$build.setup.log" 2>&1 || { cat "$build.setup.log" >&2; exit 2; }
  rm -f "$build.setup.log"
fi
if ! ninja -C "$build" -n backfill-check | grep -q "no work to do"; then
  echo "example: building the library and the CLI (the first build takes a few minutes; ninja shows its progress)" >&2
  ninja -C "$build" backfill-check >&2
fi
exec "$build/backfill-check" "${@:-examples/request.json}"
